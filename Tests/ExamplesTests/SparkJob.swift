import Foundation
import RetentionCore

/// A job for `Benchmarks/spark/run_queries.py`: the order tables to load, the views to derive,
/// the Spark queries to run and the BigQuery statements to parse (its docstring describes the
/// format).
struct SparkJob: Encodable {
  struct Table: Encodable {
    var name: String
    var csv: [String]
  }
  struct Query: Encodable {
    var name: String
    var sql: String
    var args: [String: String]
    var output: String
  }
  struct BigQueryStatement: Encodable {
    var name: String
    var sql: String
    var schema: [String: [String: String]]
  }

  var tables: [Table] = []
  var setup: [String] = []
  var queries: [Query] = []
  var bigquery: [BigQueryStatement] = []
  var work: String
  var report: String
  /// Far from UTC, with daylight saving time: the days must not depend on it.
  var sessionTimeZone = "Pacific/Chatham"

  enum CodingKeys: String, CodingKey {
    case tables, setup, queries, bigquery, work, report
    case sessionTimeZone = "session_time_zone"
  }

  /// The folder the job's files go to.
  let directory: URL

  init(directory: URL) {
    self.directory = directory
    work = directory.appendingPathComponent("parquet").path
    report = directory.appendingPathComponent("report.json").path
  }

  /// The result file of a query.
  func output(_ name: String) -> URL { directory.appendingPathComponent("\(name).csv") }

  /// Adds a Spark query with its bound parameters.
  mutating func add(_ query: SQLQuery, name: String) {
    precondition(query.dialect == .spark)
    var args: [String: String] = [:]
    for parameter in query.parameters { args[parameter.name] = parameter.value }
    queries.append(Query(name: name, sql: query.text, args: args, output: output(name).path))
  }

  /// Adds the summary and triple queries of a table in Spark (to run) and in BigQuery (to parse).
  ///
  /// - Parameter bigQuery: The table for BigQuery (`nil`: the same) and its column types, for
  ///   sqlglot's check that every column reference resolves.
  mutating func addSummaryAndTriples(
    name: String, table: OrderTable, options: SummaryOptions, bigQuery: (table: OrderTable?, columns: [String: String])
  ) throws {
    let spark = try SummaryQueries(table: table, options: options, dialect: .spark)
    add(try spark.summaryQuery(), name: "\(name)-summary")
    add(try spark.tripleQuery(), name: "\(name)-triples")
    let bigQueryTable = bigQuery.table ?? table
    let queries = try SummaryQueries(table: bigQueryTable, options: options, dialect: .bigQuery)
    let schema = [bigQueryTable.table.description: bigQuery.columns]
    bigquery.append(BigQueryStatement(name: "\(name)-summary", sql: try queries.summaryQuery().text, schema: schema))
    bigquery.append(BigQueryStatement(name: "\(name)-triples", sql: try queries.tripleQuery().text, schema: schema))
  }

  /// Writes the job file and returns its URL.
  func write() throws -> URL {
    let url = directory.appendingPathComponent("job.json")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(self).write(to: url)
    return url
  }
}

/// Writes an order log as the orders table the Spark script loads:
/// `order_id,customer_id,placed_at,amount,refunded,status`, RFC 4180 quoting, `placed_at` as
/// `yyyy-MM-ddTHH:mm:ssZ`, an empty customer for a guest order.
///
/// The instant is written to the millisecond (`.250Z`) only when it has a fraction; the Swift
/// log's time must be exactly the double nearest that decimal (whole seconds, as in CDNOW, UCI
/// Online Retail and the generated shop, or binary fractions such as a quarter second), so that
/// Spark's microseconds / 10^6 is the same double. Anything else is an error rather than a
/// silent rounding that would make the two sides disagree.
enum SparkOrdersCSV {
  struct FractionalTime: Error, CustomStringConvertible {
    var order: String
    var seconds: Double
    var description: String { "order \(order) is at \(seconds) s, which milliseconds do not reproduce exactly" }
  }

  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func statusText(_ status: OrderStatus) -> (status: String, refunded: Double) {
    switch status {
    case .paid: ("paid", 0)
    case .pending: ("pending", 0)
    case .partiallyRefunded(let amount): ("partially_refunded", amount)
    case .refunded(let amount): ("refunded", amount)
    case .cancelled: ("cancelled", 0)
    case .voided: ("voided", 0)
    }
  }

  /// The CSV text of a log's orders, or with `lines` one row per line item (worth quantity ×
  /// unit price, the order's status), as the UCI Online Retail file is laid out.
  ///
  /// - Parameter status: The status text of an order; return `nil` for a `NULL` status.
  static func text(
    _ log: OrderLog, lines: Bool = false, status: (Int, OrderStatus) -> String? = { statusText($1).status }
  ) throws -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    var text = "order_id,customer_id,placed_at,amount,refunded,status\n"
    for order in 0..<log.orderIDs.count {
      let seconds = log.orderTimes[order]
      let whole = seconds.rounded(.down)
      let milliseconds = Int(((seconds - whole) * 1_000).rounded())
      guard (whole + Double(milliseconds) / 1_000) == seconds, milliseconds < 1_000 else {
        throw FractionalTime(order: log.orderIDs[order], seconds: seconds)
      }
      let customer = log.orderCustomers[order] < 0 ? "" : field(log.customerIDs[Int(log.orderCustomers[order])])
      let statusField = status(order, log.orderStatuses[order]).map(field) ?? ""
      let refunded = statusText(log.orderStatuses[order]).refunded
      var placed = formatter.string(from: Date(timeIntervalSince1970: whole))
      if milliseconds > 0 {
        placed.removeLast()  // Z
        placed += "." + String(String(milliseconds + 1_000).dropFirst()) + "Z"
      }
      let head = "\(field(log.orderIDs[order])),\(customer),\(placed),"
      if lines {
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1]) {
          text += head + "\(log.lineQuantities[line] * log.lineUnitPrices[line]),0,\(statusField)\n"
        }
      } else {
        text += head + "\(log.orderGrossAmounts[order]),\(refunded),\(statusField)\n"
      }
    }
    return text
  }
}
