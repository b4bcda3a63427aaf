import Foundation
import Testing
import _TestSupport
import RetentionCore

/// Incremental at scale: the generated shop's million customers summarised in Spark, 10,000 new
/// orders recorded into those summaries with the O(1) update
/// (`CustomerSummary.record(purchaseAt:amount:options:)` and, for a new customer,
/// `CustomerSummary(customerID:firstPurchaseAt:amount:options:)`), and the result compared with
/// Spark's full recomputation over the old and new orders together (``SparkRun``).
///
/// Counts, days and times must be equal exactly; money to 1e-9 relative, because z̄ is kept as a
/// mean and updated as (x·z̄ + v) / (x + 1), which rounds differently from Spark's sum / x.
@Suite(.spark)
struct SparkIncrementalTests {
  @Test func tenThousandRecordedOrdersMatchSparkRecomputation() throws {
    let run = try SparkRun.shared.get()
    let options = SparkRun.generatedOptions
    let population = try run.summaries("generated", options: options)
    #expect(population.count == run.generated.customerCount)
    #expect(run.newOrders.count == 10_000)

    var summaries = Array(population)
    var index: [String: Int] = [:]
    index.reserveCapacity(summaries.count + 1_000)
    for (position, summary) in summaries.enumerated() { index[summary.customerID] = position }
    var outcomes: [CustomerSummary.UpdateOutcome: Int] = [:]
    var newCustomers = 0
    for order in run.newOrders {
      let id = try #require(order.customer.id)
      if let position = index[id] {
        let outcome = try summaries[position].record(
          purchaseAt: order.placedAt, amount: order.netAmount, options: options)
        outcomes[outcome, default: 0] += 1
      } else {
        index[id] = summaries.count
        summaries.append(
          try CustomerSummary(
            customerID: id, firstPurchaseAt: order.placedAt, amount: order.netAmount, options: options))
        newCustomers += 1
      }
    }
    // Every order was an O(1) update: same day or a new repeat day (all are after the old orders).
    #expect(outcomes[.needsRecomputation] == nil && outcomes[.afterObservationEnd] == nil, "\(outcomes)")
    #expect((outcomes[.sameDay] ?? 0) > 100 && (outcomes[.newRepeatDay] ?? 0) > 8_000, "\(outcomes)")
    // About 900 of the orders are by the 700 new ids (some ids drawn more than once, some never).
    #expect(newCustomers > 300 && newCustomers <= 700)

    let updated = try CustomerSummaries(summaries, options: options)
    let recomputed = try CustomerSummaries(sqlResultCSV: try run.result("recomputed-summary"), options: options)
    #expect(recomputed.count == population.count + newCustomers)
    let inexact = SparkSummaryTests.expectEqual(recomputed, updated)
    print("Spark incremental: \(outcomes), \(newCustomers) new customers")
    print("Spark incremental: \(inexact) money values differ from the recomputation in their last bits")
    #expect(updated.compressed() == recomputed.compressed())
  }
}
