import Foundation
import Testing
import _TestSupport
import RetentionCore
import RetentionModel

/// The generated Spark SQL on a real Apache Spark reproduces the Swift summariser.
///
/// Spark runs in local mode, one session for everything (``SparkRun``), on the same orders as
/// Swift, and must reproduce: every count, day
/// and time exactly, the triples exactly, money to 1e-9 relative, the BG/NBD fit on Spark's
/// triples equal to the fit on Swift's. The BigQuery SQL of the same tables is parsed and checked
/// with sqlglot (BigQuery is not reachable from here).
///
/// Opt-in: `SECONDSALE_SPARK_PYTHON=/path/to/python swift test --filter Spark`, with
/// pyspark and sqlglot installed for that Python and Java 17 on `PATH` (``SparkEngine``).
///
/// Money tolerance: Spark adds a customer's day totals (and, for `DECIMAL` columns, adds exactly
/// and converts once) while Swift adds orders one by one; floating-point addition is not
/// associative, so sums may differ in their last bits. 1e-9 relative (and 1e-9 absolute for
/// sums that are zero) is far below a cent and far above that rounding.
@Suite(.spark)
struct SparkSummaryTests {
  /// Compares every customer and every field; returns how many money values differ in any bit.
  @discardableResult
  static func expectEqual(
    _ engine: CustomerSummaries, _ swift: CustomerSummaries, exactTimes: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Int {
    #expect(engine.count == swift.count, sourceLocation: sourceLocation)
    #expect(engine.holdoutLength == swift.holdoutLength, sourceLocation: sourceLocation)
    var byID: [String: Int] = [:]
    byID.reserveCapacity(engine.count)
    for index in engine.indices { byID[engine.customerIDs[index]] = index }
    var inexact = 0
    var failures = 0
    for s in swift {
      guard let index = byID[s.customerID] else {
        Issue.record("customer \(s.customerID) is missing from Spark's result", sourceLocation: sourceLocation)
        failures += 1
        if failures > 5 { break } else { continue }
      }
      let e = engine[index]
      var exact =
        e.frequency == s.frequency && e.recency == s.recency && e.age == s.age && e.orders == s.orders
        && e.holdoutFrequency == s.holdoutFrequency
      if exactTimes { exact = exact && e.firstOrder == s.firstOrder && e.lastOrder == s.lastOrder }
      func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a != b { inexact += 1 }
        return a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)
      }
      let money = [
        close(e.monetaryValue, s.monetaryValue), close(e.revenue, s.revenue), close(e.holdoutRevenue, s.holdoutRevenue),
      ].allSatisfy { $0 }
      if !(exact && money) {
        Issue.record("customer \(s.customerID): Spark \(e) vs Swift \(s)", sourceLocation: sourceLocation)
        failures += 1
        if failures > 5 { break }
      }
    }
    return inexact
  }

  /// Summaries, triples and the BG/NBD fit of one data set.
  static func expectSameAsSwift(
    _ name: String, log: OrderLog, options: SummaryOptions, fit: Bool, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CustomerSummaries {
    let run = try SparkRun.shared.get()
    let swift = log.summaries(options)
    let spark = try run.summaries(name, options: options)
    let inexact = expectEqual(spark, swift, sourceLocation: sourceLocation)
    print("Spark \(name): \(swift.count) customers; \(inexact) money values differ from Swift's in their last bits")
    let triples = try run.triples(name, unit: options.unit)
    let swiftTriples = swift.compressed()
    #expect(triples == swiftTriples, sourceLocation: sourceLocation)
    #expect(triples.customerCount == Double(swift.count), sourceLocation: sourceLocation)
    if fit {
      let fromSpark = try BGNBDModel.fit(triples)
      let fromSwift = try BGNBDModel.fit(swiftTriples)
      #expect(fromSpark.parameters == fromSwift.parameters, sourceLocation: sourceLocation)
      #expect(fromSpark.logLikelihood == fromSwift.logLikelihood, sourceLocation: sourceLocation)
      #expect(fromSpark.converged, sourceLocation: sourceLocation)
    }
    return swift
  }

  @Test func sparkRanEveryQuery() throws {
    let run = try SparkRun.shared.get()
    #expect(run.report.failures.isEmpty, "\(run.report.failures)")
    #expect(run.report.pyspark != nil)
    // The hostile names and the bound status changed nothing: the view `keep` still has its row.
    let keep = String(decoding: try run.result("keep"), as: UTF8.self)
    #expect(keep.split(separator: "\n") == ["rows", "1"])
    print("Spark \(run.report.pyspark ?? "?") on Java \(run.report.java ?? "?"): seconds \(run.report.seconds)")
  }

  @Test func cdnowMasterMatchesTheSwiftSummariesAndFit() throws {
    let run = try SparkRun.shared.get()
    let swift = try Self.expectSameAsSwift("cdnow", log: run.cdnow, options: SparkRun.cdnowOptions, fit: true)
    #expect(swift.count == 23_570)  // REFERENCES.md
  }

  @Test func onlineRetailLineItemsMatch() throws {
    let run = try SparkRun.shared.get()
    let swift = try Self.expectSameAsSwift(
      "online-retail", log: run.onlineRetail, options: SparkRun.onlineRetailOptions, fit: true)
    #expect(swift.count > (run.usesFullOnlineRetail ? 2_000 : 100))
  }

  @Test func generatedMillionCustomerShopMatches() throws {
    let run = try SparkRun.shared.get()
    #expect(run.generated.customerCount == 1_000_000)
    // Equal triples make equal fits (the fit reads nothing else); CDNOW and UCI fit both sides.
    let swift = try Self.expectSameAsSwift(
      "generated", log: run.generated, options: SparkRun.generatedOptions, fit: false)
    #expect(swift.count == 1_000_000)  // one period: everyone bought by its end
  }

  @Test(arguments: ["hand-made-plain", "hand-made-instant", "hand-made-wall-clock", "hand-made-date"])
  func handMadeOrdersMatchInEveryColumnType(variant: String) throws {
    let run = try SparkRun.shared.get()
    let options = HandMadeOrders.options
    let swift = run.handMade.log.summaries(options)
    // a, c, d, e, f, g; b's only purchase is in the holdout; guests and after-end orders drop.
    #expect(swift.count == 6)
    let spark = try run.summaries(variant, options: options)
    // A date column has no time of day: first and last orders are the starts of their days.
    Self.expectEqual(spark, swift, exactTimes: variant != "hand-made-date")
    #expect(try run.triples(variant, unit: options.unit) == swift.compressed())
    // By hand (days at UTC+5, calibration to day 20): f buys 19.99 at 19:30 UTC on day 3, which
    // is 00:30 on day 4 there; 0.1 and 0.2 on day 5; 1,234.56 less 0.07 refunded on day 11;
    // 0.01 at 18:59 UTC on day 19 (23:59 there, still day 19). So x = 3, t_x = 15, T = 16,
    // orders 5, revenue 1,254.79, z̄ = (0.3 + 1,234.49 + 0.01) / 3.
    let f = try #require(spark.first { $0.customerID == "f" })
    #expect(f.frequency == 3 && f.orders == 5 && f.recency == 15 && f.age == 16)
    #expect(f.monetaryValue.isApproximatelyEqual(to: 1_234.8 / 3, relativeTolerance: 1e-12))
    #expect(f.revenue.isApproximatelyEqual(to: 1_254.79, relativeTolerance: 1e-12))
  }

  @Test func bigQueryStatementsParseAndResolve() throws {
    let run = try SparkRun.shared.get()
    // Two statements (summary, triples) per Spark data set: CDNOW, UCI, generated, four hand-made.
    #expect(run.report.bigquery.count == 14)
    #expect(run.report.sqlglot != nil)
    for statement in run.report.bigquery {
      #expect(
        statement.checks == ["parse": "ok", "functions": "ok", "columns": "ok", "round trip": "ok"],
        "\(statement.name): \(statement.checks)")
    }
    // Bound statuses reach BigQuery as named parameters.
    let plain = try #require(run.report.bigquery.first { $0.name == "hand-made-plain-summary" })
    #expect(plain.parameters?.contains("@purchase_status_4") == true)
  }
}
