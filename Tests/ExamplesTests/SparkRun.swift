import Foundation
import Testing
import _TestSupport
import RetentionCore

/// The one Spark session of the Spark suite: every data set loaded, every generated query run,
/// every BigQuery statement parsed, in one run of `Benchmarks/spark/run_queries.py` (a Spark
/// session costs seconds to start; the tests then only read the results).
///
/// The data sets, each written from the Swift order log so that both sides see the same orders:
/// - CDNOW master (committed), one row per order;
/// - UCI Online Retail as line items (the order id column makes the query sum an invoice's lines
///   and drop guest lines): the full 541,909-line file when `SECONDSALE_FULL_DATA` is set, else
///   the committed 31,270-line sample;
/// - the benchmark program's generated 1M-customer shop (`retention-benchmarks --export-orders`),
///   read back into Swift with the SDK's transactions importer;
/// - hand-made orders with every status, a `NULL` status, guests, refunds, cents, a UTC+5 day
///   clock, hostile names, and `TIMESTAMP`, `TIMESTAMP_NTZ`, `DATE` and `DECIMAL(12,2)` columns;
/// - 10,000 new orders on top of the generated shop, for the incremental test.
///
/// `SECONDSALE_SPARK_WORK_DIR` keeps the job, the CSVs and the results in that folder (to rerun
/// the script by hand); otherwise they go to a temporary folder that is removed.
struct SparkRun: Sendable {
  static let shared: Result<SparkRun, any Error> = Result { try SparkRun.make() }

  static func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.date(from: text)!
  }

  // The cut of each data set: REFERENCES.md for CDNOW and UCI (weeks, with a holdout).
  static let cdnowOptions = SummaryOptions(
    observationEnd: date("1998-06-30"), calibrationEnd: date("1997-09-30"), unit: .weeks)
  static let onlineRetailOptions = SummaryOptions(
    observationEnd: date("2011-12-09"), calibrationEnd: date("2011-06-30"), unit: .weeks)
  /// The generated shop's orders end in 2023; one period to the end of January 2024, so that the
  /// same summaries are the population of the incremental test (one 1M-customer query less).
  static let generatedOptions = SummaryOptions(observationEnd: date("2024-01-31"), unit: .weeks)

  let report: SparkEngine.Report
  /// The results by query name: read before the work folder is removed.
  let results: [String: [UInt8]]
  let cdnow: OrderLog
  let onlineRetail: OrderLog
  let usesFullOnlineRetail: Bool
  let generated: OrderLog
  let handMade: HandMadeOrders
  let newOrders: [Order]

  static func make() throws -> SparkRun {
    let keep = ProcessInfo.processInfo.environment["SECONDSALE_SPARK_WORK_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    let directory =
      keep.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("secondsale-spark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
    var job = SparkJob(directory: directory)
    func table(_ name: String, _ csv: String) throws {
      let url = directory.appendingPathComponent("\(name).csv")
      try csv.write(to: url, atomically: true, encoding: .utf8)
      job.tables.append(SparkJob.Table(name: name, csv: [url.path]))
    }
    let doubleColumns = [
      "order_id": "STRING", "customer_id": "STRING", "placed_at": "TIMESTAMP", "amount": "FLOAT64",
      "refunded": "FLOAT64", "status": "STRING",
    ]

    let cdnow = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_master.txt"), format: .cdnow)
    try table("cdnow_orders", try SparkOrdersCSV.text(cdnow))
    try job.addSummaryAndTriples(
      name: "cdnow", table: try ordersTable("cdnow_orders"), options: cdnowOptions,
      bigQuery: (nil, doubleColumns))

    let usesFullOnlineRetail = FullData.isEnabled
    let retailURL =
      usesFullOnlineRetail ? try FullData.url("online-retail/online_retail.csv") : TestData.onlineRetailSample
    let onlineRetail = try OrderLog(contentsOf: retailURL, format: .onlineRetail)
    try table("online_retail_lines", try SparkOrdersCSV.text(onlineRetail, lines: true))
    var retailTable = try ordersTable("online_retail_lines")
    retailTable.orderID = try SQLIdentifier("order_id")
    try job.addSummaryAndTriples(
      name: "online-retail", table: retailTable, options: onlineRetailOptions, bigQuery: (nil, doubleColumns))

    // The generated shop, written by the benchmark program and read back by the SDK's importer.
    let generatedCSV = directory.appendingPathComponent("generated_orders.csv")
    let export = try ExampleProgramTests.run("retention-benchmarks", ["--export-orders", generatedCSV.path])
    guard export.status == 0 else {
      throw SparkEngine.Failure(description: "retention-benchmarks --export-orders failed: \(export.error)")
    }
    let generated = try OrderLog(
      contentsOf: generatedCSV,
      format: .transactions(
        TransactionColumns(
          customer: "customer_id", date: "placed_at", amount: "amount", order: "order_id", dateFormat: .iso8601)))
    job.tables.append(SparkJob.Table(name: "generated_orders", csv: [generatedCSV.path]))
    try job.addSummaryAndTriples(
      name: "generated", table: try ordersTable("generated_orders"), options: generatedOptions,
      bigQuery: (nil, doubleColumns))

    let handMade = try HandMadeOrders()
    try table("hand_made_orders", try handMade.csv())
    job.setup += try handMade.views(of: "hand_made_orders")
    for variant in try handMade.tables() {
      try job.addSummaryAndTriples(
        name: variant.name, table: variant.spark, options: HandMadeOrders.options,
        bigQuery: (variant.bigQuery, variant.bigQueryColumns))
    }
    job.queries.append(
      SparkJob.Query(
        name: "keep", sql: "SELECT COUNT(*) AS rows FROM keep", args: [:], output: job.output("keep").path))

    // Incremental: the shop summarised above is the population; Spark summarises it again with
    // 10,000 new orders.
    let newOrders = IncrementalOrders.make(after: generated, count: 10_000)
    try table("new_orders", try SparkOrdersCSV.text(try OrderLog(newOrders)))
    job.setup.append(
      "CREATE OR REPLACE TEMPORARY VIEW generated_with_new AS SELECT * FROM generated_orders UNION ALL SELECT * FROM new_orders"
    )
    job.add(
      try SummaryQueries(
        table: try ordersTable("generated_with_new"), options: generatedOptions, dialect: .spark
      ).summaryQuery(), name: "recomputed-summary")

    let report = try SparkEngine.run(job: try job.write(), report: URL(fileURLWithPath: job.report))
    // Read every result now: the folder may be removed when this initialiser returns.
    var results: [String: [UInt8]] = [:]
    for query in job.queries {
      if let data = FileManager.default.contents(atPath: query.output) { results[query.name] = Array(data) }
    }
    return SparkRun(
      report: report, results: results, cdnow: cdnow, onlineRetail: onlineRetail,
      usesFullOnlineRetail: usesFullOnlineRetail, generated: generated, handMade: handMade, newOrders: newOrders)
  }

  /// The orders table of the CSVs, with the SDK's purchase statuses.
  static func ordersTable(_ name: String) throws -> OrderTable {
    try OrderTable(
      table: SQLIdentifier(name), customer: SQLIdentifier("customer_id"), timestamp: SQLIdentifier("placed_at"),
      amount: SQLIdentifier("amount"), refundedAmount: SQLIdentifier("refunded"), status: SQLIdentifier("status"),
      purchaseStatuses: ["paid", "pending", "partially_refunded"])
  }

  /// The raw result of a query, or an error with the engine's message.
  func result(_ name: String) throws -> [UInt8] {
    guard let bytes = results[name] else {
      let reason = report.failures.first { $0.contains(" \(name):") } ?? "no result file"
      throw SparkEngine.Failure(description: "Spark query \(name): \(reason)")
    }
    return bytes
  }

  func summaries(_ name: String, options: SummaryOptions) throws -> CustomerSummaries {
    try CustomerSummaries(sqlResultCSV: try result("\(name)-summary"), options: options)
  }

  func triples(_ name: String, unit: TimeUnit) throws -> FrequencyRecencyData {
    try FrequencyRecencyData(sqlResultCSV: try result("\(name)-triples"), unit: unit)
  }
}
