import Foundation

/// The SQL that computes customer summaries and their compressed triples inside the database,
/// with exactly the conventions of ``OrderLog/summaries(_:)``.
///
/// A shop with a hundred million orders keeps them in PostgreSQL or a warehouse; the models need
/// only (x, t_x, T, z̄) per customer, or the unique (x, t_x, T) triples with counts. Generate the
/// query, run it where the orders live, and ingest the result:
///
/// ```swift
/// let table = try OrderTable(
///   table: SQLIdentifier("orders"), customer: SQLIdentifier("customer_id"),
///   timestamp: SQLIdentifier("placed_at"), amount: SQLIdentifier("amount"),
///   status: SQLIdentifier("status"), purchaseStatuses: ["paid", "pending"])
/// let options = SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks)
/// let queries = try SummaryQueries(table: table, options: options, dialect: .postgreSQL)
/// let sql = try queries.tripleQuery()        // run it, e.g. COPY (...) TO STDOUT (FORMAT csv, HEADER)
/// let triples = try FrequencyRecencyData(sqlResultCSV: csvBytes, unit: options.unit)
/// ```
///
/// The conventions are the one definition of a summary, `CustomerSummary.Definition` in
/// `CustomerSummary+Definition.swift` (which cites the papers), stated here in SQL:
/// - a purchase day is a calendar day in UTC shifted by the fixed offset of the options' clock
///   (`floor((seconds + offset) / 86400)`); purchases on one day merge;
/// - the observation ends with the day of `observationEnd`; the calibration with the day of
///   `calibrationEnd` (or the observation end); purchases after the observation are ignored;
/// - a customer is summarised when they purchased by the end of the calibration;
/// - x is the number of purchase days after the first, up to the calibration end; t_x is the
///   last such day minus the first, T the calibration end minus the first, in days or days / 7;
/// - z̄ is the value of the purchases on the repeat days divided by x (zero when x is 0); the
///   first day's purchases are not in it;
/// - orders and revenue count every calibration purchase order; the holdout columns count the
///   purchase days and value after the calibration end.
///
/// Identifiers are quoted (``SQLIdentifier``), dates become integer day numbers computed in
/// Swift, and statuses are bound parameters (or strictly checked literals), so no text given by
/// a caller can change the statement.
public struct SummaryQueries: Sendable, Hashable {
  /// The orders table.
  public let table: OrderTable
  /// Where to cut and in which unit; the clock's time zone must have a fixed offset.
  public let options: SummaryOptions
  /// The dialect to write.
  public let dialect: SQLDialect
  /// The day number (days since 1970-01-01 in the clock's zone) of the observation end.
  public let observationDay: Int
  /// The day number of the calibration end (the observation day without a calibration end).
  public let calibrationDay: Int
  /// The fixed offset of the clock's time zone from UTC, in seconds.
  public let utcOffset: Int

  /// The result columns of ``summaryQuery(values:)`` with a calibration end.
  public static let summaryColumns = [
    "customer_id", "frequency", "recency", "age", "monetary_value", "orders", "revenue", "first_order",
    "last_order", "holdout_frequency", "holdout_revenue",
  ]
  /// The result columns of ``tripleQuery(values:)``.
  public static let tripleColumns = ["frequency", "recency", "age", "count"]

  /// Prepares the queries and validates every identifier for the dialect.
  ///
  /// - Parameters:
  ///   - table: The orders table.
  ///   - options: The observation end, calibration end, unit and clock, as for
  ///     ``OrderLog/summaries(_:)``.
  ///   - dialect: The SQL dialect.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an identifier the dialect cannot
  ///   quote, or a clock whose time zone observes daylight saving time (SQL days use one fixed
  ///   offset).
  public init(table: OrderTable, options: SummaryOptions, dialect: SQLDialect) throws {
    let zone = options.clock.timeZone
    if zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_700_000_000)) != nil {
      throw RetentionCoreError(
        .invalidArgument, field: "timeZone",
        reason: "SQL summaries count days at a fixed UTC offset; \(zone.identifier) observes daylight saving time")
    }
    self.table = table
    self.options = options
    self.dialect = dialect
    utcOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
    let observation = options.clock.day(of: options.observationEnd)
    observationDay = observation
    calibrationDay = options.calibrationEnd.map { Swift.min(options.clock.day(of: $0), observation) } ?? observation
    // Render once so that every identifier is checked now rather than at the first query.
    _ = try Renderer(self, values: .boundParameters).tableColumns()
  }

  /// The query that returns one row per customer with ``summaryColumns`` (without the two
  /// holdout columns when the options have no calibration end), ordered by customer id.
  ///
  /// Money columns are `double precision` (`FLOAT64`, `DOUBLE`); times are seconds since
  /// 1970-01-01 UTC; x, orders and holdout frequency are integers.
  ///
  /// - Parameter values: Bound parameters (default) or checked inline literals for the statuses.
  /// - Returns: The statement.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for a status that cannot be inlined.
  public func summaryQuery(values: SQLQuery.ValueStyle = .boundParameters) throws -> SQLQuery {
    try Renderer(self, values: values).summary()
  }

  /// The query that returns the unique (x, t_x, T) triples of the calibration period with the
  /// number of customers of each, ``tripleColumns``, ordered by x, t_x, T.
  ///
  /// - Parameter values: Bound parameters (default) or checked inline literals for the statuses.
  /// - Returns: The statement.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for a status that cannot be inlined.
  public func tripleQuery(values: SQLQuery.ValueStyle = .boundParameters) throws -> SQLQuery {
    try Renderer(self, values: values).triples()
  }
}

/// Writes the statements of one ``SummaryQueries`` in its dialect.
private struct Renderer {
  let queries: SummaryQueries
  let values: SQLQuery.ValueStyle
  var dialect: SQLDialect { queries.dialect }
  var table: OrderTable { queries.table }

  init(_ queries: SummaryQueries, values: SQLQuery.ValueStyle) {
    self.queries = queries
    self.values = values
  }

  struct Columns {
    var table: String
    var customer: String
    var orderID: String?
    var timestamp: String
    var amount: String
    var refunded: String?
    var status: String?
  }

  func tableColumns() throws -> Columns {
    Columns(
      table: try table.table.quoted(for: dialect), customer: try table.customer.quoted(for: dialect),
      orderID: try table.orderID?.quoted(for: dialect), timestamp: try table.timestamp.quoted(for: dialect),
      amount: try table.amount.quoted(for: dialect), refunded: try table.refundedAmount?.quoted(for: dialect),
      status: try table.status?.quoted(for: dialect))
  }

  // MARK: Statements

  func summary() throws -> SQLQuery {
    let c = try tableColumns()
    var parameters: [SQLQuery.Parameter] = []
    let calibration = queries.calibrationDay
    let hasHoldout = queries.options.calibrationEnd != nil
    let inCalibration = "day <= \(calibration)"
    var lines = header("customer summaries")
    lines +=
      ["WITH orders AS ("] + (try ordersBody(c, withAmount: true, parameters: &parameters)).map { "  " + $0 } + ["),"]
    lines += [
      "days AS (",
      "  SELECT customer_id, \(day(of: "placed_at")) AS day, COUNT(*) AS orders, SUM(amount) AS amount,",
      "    MIN(placed_at) AS first_at, MAX(placed_at) AS last_at",
      "  FROM orders",
      "  WHERE \(day(of: "placed_at")) <= \(queries.observationDay)",
      "  GROUP BY 1, 2",
      "),",
      "ranked AS (",
      "  SELECT customer_id, day, orders, amount, first_at, last_at,",
      "    MIN(day) OVER (PARTITION BY customer_id) AS first_day",
      "  FROM days",
      "),",
      "customers AS (",
      "  SELECT customer_id,",
      "    MIN(first_day) AS first_day,",
      "    MAX(CASE WHEN \(inCalibration) THEN day END) AS last_day,",
      "    SUM(CASE WHEN \(inCalibration) THEN 1 ELSE 0 END) - 1 AS repeat_days,",
      "    SUM(CASE WHEN \(inCalibration) AND day > first_day THEN amount ELSE 0 END) AS repeat_value,",
      "    SUM(CASE WHEN \(inCalibration) THEN orders ELSE 0 END) AS orders,",
      "    SUM(CASE WHEN \(inCalibration) THEN amount ELSE 0 END) AS revenue,",
      "    MIN(first_at) AS first_at,",
      "    MAX(CASE WHEN \(inCalibration) THEN last_at END) AS last_at,",
      "    SUM(CASE WHEN day > \(calibration) THEN 1 ELSE 0 END) AS holdout_days,",
      "    SUM(CASE WHEN day > \(calibration) THEN amount ELSE 0 END) AS holdout_revenue",
      "  FROM ranked",
      "  GROUP BY customer_id",
      "  HAVING MIN(first_day) <= \(calibration)",
      ")",
      "SELECT customer_id,",
      "  repeat_days AS frequency,",
      "  \(span("last_day - first_day")) AS recency,",
      "  \(span("\(calibration) - first_day")) AS age,",
      "  CASE WHEN repeat_days > 0 THEN \(double("repeat_value")) / repeat_days ELSE 0 END AS monetary_value,",
      "  orders,",
      "  \(double("revenue")) AS revenue,",
      "  \(epochSeconds(of: "first_at")) AS first_order,",
      "  \(epochSeconds(of: "last_at")) AS last_order\(hasHoldout ? "," : "")",
    ]
    if hasHoldout {
      lines += ["  holdout_days AS holdout_frequency,", "  \(double("holdout_revenue")) AS holdout_revenue"]
    }
    lines += ["FROM customers", "ORDER BY customer_id"]
    let columns = hasHoldout ? SummaryQueries.summaryColumns : Array(SummaryQueries.summaryColumns.prefix(9))
    return SQLQuery(dialect: dialect, text: lines.joined(separator: "\n"), parameters: parameters, columns: columns)
  }

  func triples() throws -> SQLQuery {
    let c = try tableColumns()
    var parameters: [SQLQuery.Parameter] = []
    let calibration = queries.calibrationDay
    var lines = header("compressed (x, t_x, T) triples with counts")
    lines +=
      ["WITH orders AS ("] + (try ordersBody(c, withAmount: false, parameters: &parameters)).map { "  " + $0 } + ["),"]
    lines += [
      "days AS (",
      "  SELECT customer_id, \(day(of: "placed_at")) AS day",
      "  FROM orders",
      "  WHERE \(day(of: "placed_at")) <= \(calibration)",
      "  GROUP BY 1, 2",
      "),",
      "customers AS (",
      "  SELECT COUNT(*) - 1 AS repeat_days, MAX(day) - MIN(day) AS recency_days, \(calibration) - MIN(day) AS age_days",
      "  FROM days",
      "  GROUP BY customer_id",
      ")",
      "SELECT repeat_days AS frequency,",
      "  \(span("recency_days")) AS recency,",
      "  \(span("age_days")) AS age,",
      "  COUNT(*) AS count",
      "FROM customers",
      "GROUP BY repeat_days, recency_days, age_days",
      "ORDER BY repeat_days, recency_days, age_days",
    ]
    return SQLQuery(
      dialect: dialect, text: lines.joined(separator: "\n"), parameters: parameters,
      columns: SummaryQueries.tripleColumns)
  }

  // MARK: Pieces

  /// The comment that opens a statement; everything in it is formatted here from numbers.
  func header(_ what: String) -> [String] {
    let options = queries.options
    var lines = ["-- SecondSale \(what), \(dialect.displayName)."]
    lines.append(
      "-- Observation end \(Self.dayText(queries.observationDay)) (day \(queries.observationDay))"
        + (options.calibrationEnd != nil
          ? ", calibration end \(Self.dayText(queries.calibrationDay)) (day \(queries.calibrationDay))"
          : ", no holdout")
        + ".")
    let offset = queries.utcOffset
    lines.append(
      "-- Days: calendar days at UTC\(offset == 0 ? "" : (offset > 0 ? "+" : "-") + "\(abs(offset))s"); time in \(options.unit.rawValue)"
        + (options.unit == .weeks ? " (days / 7)." : "."))
    return lines
  }

  /// The `orders` CTE body: one row per purchase order with its customer, time and net value.
  func ordersBody(_ c: Columns, withAmount: Bool, parameters: inout [SQLQuery.Parameter]) throws -> [String] {
    var conditions = ["\(c.customer) IS NOT NULL"]
    if let status = c.status {
      var items: [String] = []
      for (index, value) in table.purchaseStatuses.enumerated() {
        switch values {
        case .inlineLiterals:
          items.append(try SQLQuery.literal(value, field: "purchaseStatuses"))
        case .boundParameters:
          let name = "purchase_status_\(index + 1)"
          let placeholder: String =
            switch dialect {
            case .postgreSQL: "$\(parameters.count + 1)"
            case .bigQuery: "@\(name)"
            case .spark: ":\(name)"
            }
          parameters.append(SQLQuery.Parameter(name: name, placeholder: placeholder, value: value))
          items.append(placeholder)
        }
      }
      conditions.append("\(status) IN (\(items.joined(separator: ", ")))")
    }
    let whereClause = "WHERE " + conditions.joined(separator: " AND ")
    if let orderID = c.orderID {
      var select = "SELECT \(c.customer) AS customer_id, MIN(\(c.timestamp)) AS placed_at"
      if withAmount {
        let gross = "SUM(COALESCE(\(c.amount), 0))"
        select += ", " + (c.refunded.map { "GREATEST(\(gross) - SUM(COALESCE(\($0), 0)), 0)" } ?? gross) + " AS amount"
      }
      return [select, "FROM \(c.table)", whereClause, "GROUP BY \(c.customer), \(orderID)"]
    }
    var select = "SELECT \(c.customer) AS customer_id, \(c.timestamp) AS placed_at"
    if withAmount {
      let gross = "COALESCE(\(c.amount), 0)"
      select += ", " + (c.refunded.map { "GREATEST(\(gross) - COALESCE(\($0), 0), 0)" } ?? gross) + " AS amount"
    }
    return [select, "FROM \(c.table)", whereClause]
  }

  /// The day number of a time expression: days since 1970-01-01 at the fixed offset.
  func day(of expression: String) -> String {
    let offset = queries.utcOffset
    switch (dialect, table.timestampType) {
    case (.postgreSQL, .timestampWithTimeZone):
      let utc = "(\(expression) AT TIME ZONE 'UTC')"
      return "(CAST(\(offset == 0 ? utc : "\(utc) + INTERVAL '\(offset) seconds'") AS date) - DATE '1970-01-01')"
    case (.postgreSQL, .timestampWithoutTimeZone):
      return
        "(CAST(\(offset == 0 ? expression : "\(expression) + INTERVAL '\(offset) seconds'") AS date) - DATE '1970-01-01')"
    case (.postgreSQL, .date):
      return "(\(expression) - DATE '1970-01-01')"
    case (.bigQuery, .timestampWithTimeZone):
      return "UNIX_DATE(DATE(\(offset == 0 ? expression : "TIMESTAMP_ADD(\(expression), INTERVAL \(offset) SECOND)")))"
    case (.bigQuery, .timestampWithoutTimeZone):
      return "UNIX_DATE(DATE(\(offset == 0 ? expression : "DATETIME_ADD(\(expression), INTERVAL \(offset) SECOND)")))"
    case (.bigQuery, .date):
      return "UNIX_DATE(\(expression))"
    case (.spark, .timestampWithTimeZone):
      return "CAST(FLOOR((unix_seconds(\(expression))\(offset == 0 ? "" : " + \(offset)")) / 86400) AS INT)"
    case (.spark, .timestampWithoutTimeZone):
      return
        "datediff(to_date(\(offset == 0 ? expression : "\(expression) + INTERVAL \(offset) SECONDS")), DATE '1970-01-01')"
    case (.spark, .date):
      return "datediff(\(expression), DATE '1970-01-01')"
    }
  }

  /// Seconds since 1970-01-01 UTC of a time expression, as a double.
  func epochSeconds(of expression: String) -> String {
    switch (dialect, table.timestampType) {
    case (.postgreSQL, _):
      return "CAST(EXTRACT(EPOCH FROM \(expression)) AS double precision)"
    case (.bigQuery, .timestampWithTimeZone):
      return "UNIX_MICROS(\(expression)) / 1000000"
    case (.bigQuery, .timestampWithoutTimeZone):
      return "UNIX_MICROS(TIMESTAMP(\(expression))) / 1000000"
    case (.bigQuery, .date):
      return "CAST(UNIX_DATE(\(expression)) AS FLOAT64) * 86400"
    case (.spark, .timestampWithTimeZone):
      return "CAST(unix_micros(\(expression)) AS DOUBLE) / 1000000"
    case (.spark, .timestampWithoutTimeZone):
      // Microseconds between two wall clocks: no session time zone enters, and the fraction of
      // the second is kept (`second()` would drop it).
      return
        "CAST(timestampdiff(MICROSECOND, TIMESTAMP_NTZ '1970-01-01 00:00:00', \(expression)) AS DOUBLE) / 1000000"
    case (.spark, .date):
      return "CAST(datediff(\(expression), DATE '1970-01-01') AS DOUBLE) * 86400"
    }
  }

  /// A span of days in the options' unit, as a double.
  func span(_ days: String) -> String {
    let value = double(days)
    return queries.options.unit == .weeks ? "\(value) / 7" : value
  }

  func double(_ expression: String) -> String {
    "CAST(\(expression) AS \(dialect.doubleType))"
  }

  /// `YYYY-MM-DD` of a day number.
  static func dayText(_ day: Int) -> String { isoDay(day) }
}
