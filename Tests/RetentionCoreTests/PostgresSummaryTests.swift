import Foundation
import Testing
import _TestSupport
import RetentionCore
import RetentionModel

/// The generated PostgreSQL queries run on a real server and must reproduce the Swift
/// summariser on the same orders: CDNOW master, UCI Online Retail (as line items) and a
/// hand-made table with every status, guests, hostile names and all three timestamp types.
///
/// Both sides see the same orders: the test writes the Swift order log as CSV and loads it with
/// `\copy`. Every count, day and time field must be equal exactly, the triples bit for bit,
/// and so the BG/NBD fit. Money sums are compared to 1e-12 relative: PostgreSQL adds a
/// customer's day totals in a different order from the Swift loop over orders, and
/// floating-point addition is not associative.
@Suite(.postgresAvailable, .postgres)
struct PostgresSummaryTests {
  static func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.date(from: text)!
  }

  // MARK: Loading

  static func statusText(_ status: OrderStatus) -> (String, Double) {
    switch status {
    case .paid: ("paid", 0)
    case .pending: ("pending", 0)
    case .partiallyRefunded(let amount): ("partially_refunded", amount)
    case .refunded(let amount): ("refunded", amount)
    case .cancelled: ("cancelled", 0)
    case .voided: ("voided", 0)
    }
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The log's orders (or, with `lines`, its line items) as CSV: order_id, customer_id (empty =
  /// NULL for guests), placed_at (seconds since 1970), amount, refunded, status.
  static func ordersCSV(_ log: OrderLog, lines: Bool = false) -> String {
    var text = "order_id,customer_id,placed_at,amount,refunded,status\n"
    text.reserveCapacity(log.orderIDs.count * 48)
    for order in 0..<log.orderIDs.count {
      let customer = log.orderCustomers[order] < 0 ? "" : csvField(log.customerIDs[Int(log.orderCustomers[order])])
      let (status, refunded) = statusText(log.orderStatuses[order])
      let head = "\(csvField(log.orderIDs[order])),\(customer),\(log.orderTimes[order]),"
      if lines {
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1]) {
          text += head + "\(log.lineQuantities[line] * log.lineUnitPrices[line]),0,\(status)\n"
        }
      } else {
        text += head + "\(log.orderGrossAmounts[order]),\(refunded),\(status)\n"
      }
    }
    return text
  }

  /// Loads CSV rows into a table `orders` with a `timestamptz` column.
  static func load(_ csv: String, into database: String, on server: PostgresServer) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "secondsale-orders-\(UUID().uuidString).csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    try server.run(
      script: """
        CREATE TABLE staging (order_id text, customer_id text, placed_at float8, amount float8, refunded float8, status text);
        \\copy staging FROM '\(file.path)' WITH (FORMAT csv, HEADER)
        CREATE TABLE orders AS
          SELECT order_id, customer_id, to_timestamp(placed_at) AS placed_at, amount, refunded, status FROM staging;
        DROP TABLE staging;
        ANALYZE orders;
        """, database: database)
  }

  static func ordersTable() throws -> OrderTable {
    try OrderTable(
      table: SQLIdentifier("orders"), customer: SQLIdentifier("customer_id"), timestamp: SQLIdentifier("placed_at"),
      amount: SQLIdentifier("amount"), refundedAmount: SQLIdentifier("refunded"), status: SQLIdentifier("status"),
      purchaseStatuses: ["paid", "pending", "partially_refunded"])
  }

  /// Runs a query with its statuses inlined, in a session time zone far from UTC (the days must
  /// not depend on it), and returns the CSV.
  static func copy(_ query: SQLQuery, database: String, on server: PostgresServer) throws -> [UInt8] {
    let text = try server.run(
      script: "SET TIME ZONE 'Pacific/Chatham';\nCOPY (\n\(query.text)\n) TO STDOUT WITH (FORMAT csv, HEADER);\n",
      database: database)
    return Array(text.utf8)
  }

  // MARK: Comparing

  /// Checks every customer and every field; returns how many money values differ in any bit.
  @discardableResult
  static func expectEqual(
    _ database: CustomerSummaries, _ swift: CustomerSummaries, exactTimes: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Int {
    #expect(database.count == swift.count, sourceLocation: sourceLocation)
    #expect(database.holdoutLength == swift.holdoutLength, sourceLocation: sourceLocation)
    var byID: [String: Int] = [:]
    for index in database.indices { byID[database.customerIDs[index]] = index }
    var inexact = 0
    var failures = 0
    for s in swift {
      guard let index = byID[s.customerID] else {
        Issue.record("customer \(s.customerID) is missing from the database result", sourceLocation: sourceLocation)
        failures += 1
        if failures > 5 { break } else { continue }
      }
      let d = database[index]
      var exact =
        d.frequency == s.frequency && d.recency == s.recency && d.age == s.age && d.orders == s.orders
        && d.holdoutFrequency == s.holdoutFrequency
      if exactTimes { exact = exact && d.firstOrder == s.firstOrder && d.lastOrder == s.lastOrder }
      func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a != b { inexact += 1 }
        return a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-9, relativeTolerance: 1e-12)
      }
      let money = [
        close(d.monetaryValue, s.monetaryValue), close(d.revenue, s.revenue), close(d.holdoutRevenue, s.holdoutRevenue),
      ].allSatisfy { $0 }
      if !(exact && money) {
        Issue.record("customer \(s.customerID): database \(d) vs Swift \(s)", sourceLocation: sourceLocation)
        failures += 1
        if failures > 5 { break }
      }
    }
    return inexact
  }

  // MARK: Tests

  @Test func cdnowMasterMatchesTheSwiftSummariesAndFit() throws {
    let server = try PostgresServer.require()
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_master.txt"), format: .cdnow)
    // REFERENCES.md: calibration to 1997-09-30, holdout to 1998-06-30, weeks.
    let options = SummaryOptions(
      observationEnd: Self.date("1998-06-30"), calibrationEnd: Self.date("1997-09-30"), unit: .weeks)
    let swift = log.summaries(options)
    #expect(swift.count == 23_570)
    let queries = try SummaryQueries(table: Self.ordersTable(), options: options, dialect: .postgreSQL)
    try server.withDatabase { database in
      try Self.load(Self.ordersCSV(log), into: database, on: server)
      let summaries = try CustomerSummaries(
        sqlResultCSV: try Self.copy(queries.summaryQuery(values: .inlineLiterals), database: database, on: server),
        options: options)
      // Measured: 2,985 of the 70,710 money values differ in their last bits (all within 1e-12).
      Self.expectEqual(summaries, swift)
      let triples = try FrequencyRecencyData(
        sqlResultCSV: try Self.copy(queries.tripleQuery(values: .inlineLiterals), database: database, on: server),
        unit: options.unit)
      #expect(triples == swift.compressed())
      #expect(triples.customerCount == 23_570)
      // The fit on the database's triples is the fit on the file's.
      let fromDatabase = try BGNBDModel.fit(triples)
      let fromFile = try BGNBDModel.fit(swift.compressed())
      #expect(fromDatabase.parameters == fromFile.parameters)
      #expect(fromDatabase.logLikelihood == fromFile.logLikelihood)
      #expect(fromDatabase.converged)
    }
  }

  @Test(.fullData) func onlineRetailLineItemsMatchTheSwiftSummaries() throws {
    let server = try PostgresServer.require()
    let log = try OrderLog(contentsOf: try FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let options = SummaryOptions(
      observationEnd: Self.date("2011-12-09"), calibrationEnd: Self.date("2011-06-30"), unit: .weeks)
    let swift = log.summaries(options)
    var table = try Self.ordersTable()
    table.orderID = try SQLIdentifier("order_id")
    let queries = try SummaryQueries(table: table, options: options, dialect: .postgreSQL)
    try server.withDatabase { database in
      // One row per line: the database sums an invoice's lines and drops guest lines itself.
      try Self.load(Self.ordersCSV(log, lines: true), into: database, on: server)
      let summaries = try CustomerSummaries(
        sqlResultCSV: try Self.copy(queries.summaryQuery(values: .inlineLiterals), database: database, on: server),
        options: options)
      Self.expectEqual(summaries, swift)
      let triples = try FrequencyRecencyData(
        sqlResultCSV: try Self.copy(queries.tripleQuery(values: .inlineLiterals), database: database, on: server),
        unit: options.unit)
      #expect(triples == swift.compressed())
    }
  }

  /// Every status, refunds, guests, same-day orders, orders after the observation end, the
  /// holdout, a session time zone of +12:45, a non-UTC day clock, hostile identifiers and a
  /// hostile purchase status bound as a parameter.
  @Test func handMadeOrdersWithHostileNamesMatch() throws {
    let server = try PostgresServer.require()
    func at(_ day: Double, _ hour: Double) -> Date {
      Date(timeIntervalSince1970: (10_000 + day) * 86_400 + hour * 3_600)
    }
    func order(
      _ id: Int, _ customer: String?, _ day: Double, _ hour: Double, _ total: Double, _ status: OrderStatus = .paid
    ) -> Order {
      Order(
        id: "\(id)", customer: CustomerReference(id: customer), placedAt: at(day, hour), status: status, total: total)
    }
    let orders = [
      order(1, "a", 0, 1, 10), order(2, "a", 0, 23.5, 5), order(3, "a", 3, 12, 7, .partiallyRefunded(amount: 2)),
      order(4, "a", 5, 12, 100, .refunded(amount: 100)), order(5, "a", 6, 12, 9, .cancelled),
      order(6, "a", 9, 12, 4, .pending),
      order(7, "a", 25, 12, 3), order(8, "a", 25, 13, 1), order(9, "a", 40, 12, 50),
      order(10, "b", 1, 0, 20, .voided), order(11, "b", 21, 12, 8), order(12, "c", 2, 12, 6),
      order(13, "c", 2, 23.9, 6),
      order(14, nil, 2, 12, 99), order(15, "d", 4, 12, 30, .partiallyRefunded(amount: 45)), order(16, "d", 10, 12, 1),
      order(17, "it's \"e\"", 7, 12, 2), order(18, "it's \"e\"", 8, 12, 3),
    ]
    let log = try OrderLog(orders)
    // Days at UTC+05:00: order 2 (23:30 UTC) falls on the next day there.
    let clock = DayClock(timeZone: TimeZone(secondsFromGMT: 5 * 3_600)!)
    let options = SummaryOptions(observationEnd: at(30, 0), calibrationEnd: at(20, 0), unit: .days, clock: clock)
    let swift = log.summaries(options)
    #expect(swift.count == 4)  // a, c, d, e; b's only purchase is in the holdout; guests and after-end orders drop

    let hostileStatus = "paid'); DELETE FROM keep; --"
    let names = (
      table: "orders\"; DROP TABLE keep; --", customer: "cust\"omer id", time: "placed at", utc: "placed_utc",
      day: "placed_on", amount: "amount'; --", refund: "re`fund", status: "status\" = status OR \"1"
    )
    func quoted(_ name: String) throws -> String { try SQLIdentifier(name).quoted(for: .postgreSQL) }
    try server.withDatabase { database in
      try Self.load(Self.ordersCSV(log), into: database, on: server)
      try server.run(
        script: """
          CREATE TABLE keep (x int);
          UPDATE orders SET status = '\(hostileStatus.replacingOccurrences(of: "'", with: "''"))' WHERE customer_id = 'c';
          CREATE TABLE \(try quoted(names.table)) AS SELECT customer_id AS \(try quoted(names.customer)),
            placed_at AS \(try quoted(names.time)), (placed_at AT TIME ZONE 'UTC') AS \(try quoted(names.utc)),
            CAST((placed_at AT TIME ZONE 'UTC') + INTERVAL '5 hours' AS date) AS \(try quoted(names.day)),
            amount AS \(try quoted(names.amount)), refunded AS \(try quoted(names.refund)), status AS \(try quoted(names.status))
          FROM orders;
          """, database: database)
      for type in OrderTable.TimestampType.allCases {
        let column =
          type == .timestampWithTimeZone ? names.time : type == .timestampWithoutTimeZone ? names.utc : names.day
        let table = try OrderTable(
          table: SQLIdentifier(names.table), customer: SQLIdentifier(names.customer), timestamp: SQLIdentifier(column),
          timestampType: type, amount: SQLIdentifier(names.amount), refundedAmount: SQLIdentifier(names.refund),
          status: SQLIdentifier(names.status),
          purchaseStatuses: ["paid", "pending", "partially_refunded", hostileStatus])
        let queries = try SummaryQueries(table: table, options: options, dialect: .postgreSQL)
        #expect(throws: RetentionCoreError.self) { try queries.summaryQuery(values: .inlineLiterals) }
        // Bound parameters through PREPARE / EXECUTE: the values never enter the statement.
        func execute(_ query: SQLQuery) throws -> [UInt8] {
          let arguments = query.parameters.map { "'" + $0.value.replacingOccurrences(of: "'", with: "''") + "'" }
          let output = try server.run(
            script: """
              SET TIME ZONE 'Pacific/Chatham';
              \\pset format csv
              PREPARE q AS
              \(query.text);
              EXECUTE q(\(arguments.joined(separator: ", ")));
              """, database: database)
          return Array(output.utf8)
        }
        let summaries = try CustomerSummaries(sqlResultCSV: try execute(queries.summaryQuery()), options: options)
        // A date column has no time of day: first and last orders are the starts of their days.
        Self.expectEqual(summaries, swift, exactTimes: type != .date)
        let triples = try FrequencyRecencyData(sqlResultCSV: try execute(queries.tripleQuery()), unit: options.unit)
        #expect(triples == swift.compressed(), "\(type)")
      }
      // The payloads stayed inside their quotes: nothing was dropped or deleted.
      let tables = try server.run(
        script: "\\pset format unaligned\n\\pset tuples_only on\nSELECT count(*) FROM keep;", database: database)
      #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
    // By hand (days at UTC+5; calibration to day 20, holdout to day 30): a buys on days 0, 1
    // (order 2 at 23:30 UTC = 04:30 next day), 3 (7 − 2 refunded), 9 (pending), 25 (holdout,
    // two orders); the refund, cancellation and order after the end do not count. So x = 3,
    // t_x = 9, T = 20, z̄ = (5 + 5 + 4) / 3, orders 4, revenue 24, holdout 1 day worth 4.
    let a = try #require(swift.first { $0.customerID == "a" })
    #expect(a.frequency == 3 && a.recency == 9 && a.age == 20 && a.orders == 4 && a.revenue == 24)
    #expect(a.monetaryValue.isApproximatelyEqual(to: 14.0 / 3, relativeTolerance: 1e-15))
    #expect(a.holdoutFrequency == 1 && a.holdoutRevenue == 4)
    // d's partial refund exceeds its total: worth 0, as Order.netAmount.
    let d = try #require(swift.first { $0.customerID == "d" })
    #expect(d.revenue == 1 && d.frequency == 1)
  }
}
