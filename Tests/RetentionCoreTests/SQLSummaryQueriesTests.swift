import Foundation
import Testing
import RetentionCore

/// The generated SQL: cut days, placeholders, dialect functions and injection attempts.
///
/// The
/// PostgreSQL statements are run against a real server in `PostgresSummaryTests`
/// (RetentionModelTests); these tests pin the text.
struct SQLSummaryQueriesTests {
  static let day = 86_400.0
  /// 1998-06-30 and 1997-09-30 00:00 UTC: day numbers 10,407 and 10,134 (by hand: 1997-01-01 is
  /// 27 × 365 + 7 leap days = 9,862; 1998-01-01 is 10,227; plus 180 and 272 days into the year).
  static let observationEnd = Date(timeIntervalSince1970: 10_407 * day)
  static let calibrationEnd = Date(timeIntervalSince1970: 10_134 * day)

  static func table(
    status: String? = "status", statuses: [String] = ["paid", "pending"], orderID: String? = nil,
    type: OrderTable.TimestampType = .timestampWithTimeZone
  ) throws -> OrderTable {
    try OrderTable(
      table: SQLIdentifier(qualified: "shop.orders"), customer: SQLIdentifier("customer_id"),
      orderID: orderID.map { try SQLIdentifier($0) }, timestamp: SQLIdentifier("placed_at"), timestampType: type,
      amount: SQLIdentifier("amount"), refundedAmount: SQLIdentifier("refunded"),
      status: status.map { try SQLIdentifier($0) }, purchaseStatuses: status == nil ? [] : statuses)
  }

  static func queries(
    _ table: OrderTable, dialect: SQLDialect = .postgreSQL, calibrationEnd: Date? = calibrationEnd,
    unit: TimeUnit = .weeks, clock: DayClock = DayClock()
  ) throws -> SummaryQueries {
    try SummaryQueries(
      table: table,
      options: SummaryOptions(observationEnd: observationEnd, calibrationEnd: calibrationEnd, unit: unit, clock: clock),
      dialect: dialect)
  }

  @Test func cutsAtTheDayNumbersOfTheDates() throws {
    let queries = try Self.queries(Self.table())
    #expect(queries.observationDay == 10_407)
    #expect(queries.calibrationDay == 10_134)
    // Any instant of the day names the same day, as in DayClock.
    let late = try SummaryQueries(
      table: Self.table(),
      options: SummaryOptions(observationEnd: Self.observationEnd.addingTimeInterval(86_399.5), unit: .weeks),
      dialect: .postgreSQL)
    #expect(late.observationDay == 10_407 && late.calibrationDay == 10_407)
    let text = try queries.summaryQuery().text
    #expect(text.contains("<= 10407"))
    #expect(text.contains("day <= 10134"))
    #expect(text.contains("Observation end 1998-06-30 (day 10407), calibration end 1997-09-30 (day 10134)"))
    #expect(text.contains("CAST(10134 - first_day AS double precision) / 7 AS age"))
  }

  @Test func clampsACalibrationEndAfterTheObservationEnd() throws {
    let queries = try Self.queries(Self.table(), calibrationEnd: Self.observationEnd.addingTimeInterval(30 * Self.day))
    #expect(queries.calibrationDay == 10_407)
  }

  @Test func daysUseNoDivisionAndWeeksDivideBySeven() throws {
    let days = try Self.queries(Self.table(), unit: .days).tripleQuery().text
    #expect(days.contains("CAST(recency_days AS double precision) AS recency"))
    let weeks = try Self.queries(Self.table(), unit: .weeks).tripleQuery().text
    #expect(weeks.contains("CAST(recency_days AS double precision) / 7 AS recency"))
  }

  @Test func bindsStatusesWithEachDialectsPlaceholders() throws {
    let postgres = try Self.queries(Self.table(statuses: ["paid", "pending"])).summaryQuery()
    #expect(postgres.text.contains("\"status\" IN ($1, $2)"))
    #expect(postgres.parameters.map(\.placeholder) == ["$1", "$2"])
    #expect(postgres.parameters.map(\.value) == ["paid", "pending"])
    let bigQuery = try Self.queries(Self.table(), dialect: .bigQuery).tripleQuery()
    #expect(bigQuery.text.contains("`status` IN (@purchase_status_1, @purchase_status_2)"))
    #expect(bigQuery.parameters.map(\.name) == ["purchase_status_1", "purchase_status_2"])
    let spark = try Self.queries(Self.table(), dialect: .spark).summaryQuery()
    #expect(spark.text.contains("`status` IN (:purchase_status_1, :purchase_status_2)"))
    #expect(spark.parameters.map(\.placeholder) == [":purchase_status_1", ":purchase_status_2"])
  }

  @Test func inlinesOnlyCheckedStatuses() throws {
    let inline = try Self.queries(Self.table(statuses: ["paid", "partially_refunded", "Bezahlt 2/3"])).summaryQuery(
      values: .inlineLiterals)
    #expect(inline.parameters.isEmpty)
    #expect(inline.text.contains("\"status\" IN ('paid', 'partially_refunded', 'Bezahlt 2/3')"))
    #expect(!inline.text.contains("$1"))
  }

  @Test(arguments: [
    "paid') OR 1=1 --", "paid'; DROP TABLE orders; --", "paid\\'", "paid\n", "", "a\u{0}", "\u{2019}paid",
  ])
  func rejectsHostileStatusesAsLiteralsAndBindsThem(_ status: String) throws {
    let queries = try Self.queries(Self.table(statuses: ["paid", status]))
    let error = try #require(throws: RetentionCoreError.self) { try queries.summaryQuery(values: .inlineLiterals) }
    #expect(error.code == .invalidArgument)
    #expect(throws: RetentionCoreError.self) { try queries.tripleQuery(values: .inlineLiterals) }
    // Bound, the value never enters the text.
    let bound = try queries.summaryQuery()
    #expect(bound.parameters.map(\.value) == ["paid", status])
    if !status.isEmpty { #expect(!bound.text.contains(status)) }
  }

  @Test(arguments: SQLDialect.allCases)
  func hostileColumnNamesStayInsideTheirQuotes(_ dialect: SQLDialect) throws {
    let hostile = "c\" IS NULL OR 1=1); DROP TABLE orders; --"
    let table = try OrderTable(
      table: SQLIdentifier(parts: ["orders\"; DELETE FROM orders; --"]), customer: SQLIdentifier(hostile),
      timestamp: SQLIdentifier("t) --"), amount: SQLIdentifier("a'; --"),
      status: SQLIdentifier("s' OR '1'='1"), purchaseStatuses: ["paid"])
    let queries = try Self.queries(table, dialect: dialect)
    for query in [try queries.summaryQuery(), try queries.tripleQuery()] {
      // Remove every correctly quoted identifier; what is left must hold none of the payloads.
      var rest = query.text
      for identifier in [table.table, table.customer, table.timestamp, table.amount, table.status!] {
        rest = rest.replacingOccurrences(of: try identifier.quoted(for: dialect), with: "ID")
      }
      for payload in ["DROP", "DELETE", "1=1", "'1'='1", "a';"] {
        #expect(!rest.contains(payload), "\(dialect): \(payload) escaped its quotes")
      }
      #expect(query.text.components(separatedBy: "\n").filter { $0.hasPrefix("--") }.count == 3)
    }
  }

  @Test func writesEachDialectsDayArithmetic() throws {
    let table = try Self.table()
    let postgres = try Self.queries(table).tripleQuery().text
    #expect(postgres.contains("(CAST((placed_at AT TIME ZONE 'UTC') AS date) - DATE '1970-01-01')"))
    let bigQuery = try Self.queries(table, dialect: .bigQuery).tripleQuery().text
    #expect(bigQuery.contains("UNIX_DATE(DATE(placed_at))"))
    let spark = try Self.queries(table, dialect: .spark).tripleQuery().text
    #expect(spark.contains("CAST(FLOOR((unix_seconds(placed_at)) / 86400) AS INT)"))
    let dates = try Self.queries(Self.table(type: .date), dialect: .spark).tripleQuery().text
    #expect(dates.contains("datediff(placed_at, DATE '1970-01-01')"))
    let wallClock = try Self.queries(Self.table(type: .timestampWithoutTimeZone)).summaryQuery().text
    #expect(wallClock.contains("(CAST(placed_at AS date) - DATE '1970-01-01')"))
  }

  /// Spark wall-clock times keep their fraction of a second.
  ///
  /// Found on Spark 4.3 (`SparkSummaryTests`, the wall-clock column of the hand-made orders):
  /// the first and last order times of a `TIMESTAMP_NTZ` column were built from `second()`,
  /// an integer, so a time of 12:00:00.25 came back as 12:00:00. They are now the microseconds
  /// between two wall clocks, in which no session time zone enters.
  @Test func sparkWallClockTimesKeepTheFractionOfTheSecond() throws {
    let text = try Self.queries(Self.table(type: .timestampWithoutTimeZone), dialect: .spark).summaryQuery().text
    let microseconds = "timestampdiff(MICROSECOND, TIMESTAMP_NTZ '1970-01-01 00:00:00'"
    #expect(text.contains("CAST(\(microseconds), first_at) AS DOUBLE) / 1000000 AS first_order"))
    #expect(text.contains("CAST(\(microseconds), last_at) AS DOUBLE) / 1000000 AS last_order"))
    #expect(!text.contains("second("))
    // Days of a wall clock stay calendar arithmetic on the wall clock: no time zone either.
    #expect(text.contains("datediff(to_date(placed_at), DATE '1970-01-01')"))
  }

  @Test func appliesAFixedOffsetAndRejectsDaylightSavingZones() throws {
    let plusOne = DayClock(timeZone: TimeZone(secondsFromGMT: 3_600)!)
    let queries = try Self.queries(Self.table(), clock: plusOne)
    #expect(queries.utcOffset == 3_600)
    #expect(try queries.tripleQuery().text.contains("AT TIME ZONE 'UTC') + INTERVAL '3600 seconds'"))
    #expect(
      try Self.queries(Self.table(), dialect: .bigQuery, clock: plusOne).tripleQuery().text.contains(
        "INTERVAL 3600 SECOND"))
    let berlin = DayClock(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    let error = try #require(throws: RetentionCoreError.self) { try Self.queries(Self.table(), clock: berlin) }
    #expect(error.code == .invalidArgument && error.field == "timeZone")
  }

  @Test func omitsTheHoldoutWithoutACalibrationEnd() throws {
    let query = try Self.queries(Self.table(), calibrationEnd: nil).summaryQuery()
    #expect(query.columns == Array(SummaryQueries.summaryColumns.prefix(9)))
    #expect(!query.text.contains("holdout_frequency"))
    let split = try Self.queries(Self.table()).summaryQuery()
    #expect(split.columns == SummaryQueries.summaryColumns)
  }

  @Test func groupsLineItemsIntoOrders() throws {
    let text = try Self.queries(Self.table(orderID: "invoice")).summaryQuery().text
    #expect(text.contains("GROUP BY \"customer_id\", \"invoice\""))
    #expect(text.contains("GREATEST(SUM(COALESCE(\"amount\", 0)) - SUM(COALESCE(\"refunded\", 0)), 0) AS amount"))
    #expect(text.contains("MIN(\"placed_at\") AS placed_at"))
  }

  @Test func everyRowIsAPurchaseWithoutAStatusColumn() throws {
    let text = try Self.queries(Self.table(status: nil)).summaryQuery().text
    #expect(text.contains("WHERE \"customer_id\" IS NOT NULL\n"))
    #expect(throws: RetentionCoreError.self) {
      try OrderTable(
        table: SQLIdentifier("o"), customer: SQLIdentifier("c"), timestamp: SQLIdentifier("t"),
        amount: SQLIdentifier("a"), status: SQLIdentifier("s"), purchaseStatuses: [])
    }
    #expect(throws: RetentionCoreError.self) {
      try OrderTable(
        table: SQLIdentifier("o"), customer: SQLIdentifier("c"), timestamp: SQLIdentifier("t"),
        amount: SQLIdentifier("a"), purchaseStatuses: ["paid"])
    }
  }
}
