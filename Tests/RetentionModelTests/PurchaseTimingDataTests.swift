import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct PurchaseTimingDataTests {
  @Test func logInterPurchaseTimesFollowThePurchaseDays() throws {
    let orders = try GroceryFixtures.log()
    let summaries = orders.summaries(GroceryFixtures.summaryOptions())
    let litt = try orders.logInterPurchaseTimes(of: summaries)
    #expect(litt.count == summaries.count)
    // groceryElog.csv: customer 2 bought on 2006-01-01 and 2006-12-19 (352 days = 50.29 weeks),
    // customer 1 only once.
    let two = try #require(summaries.customerIDs.firstIndex(of: "2"))
    #expect(summaries.frequency[two] == 1)
    #expect(litt[two].isApproximatelyEqual(to: log(352.0 / 7), relativeTolerance: 1e-14))
    let one = try #require(summaries.customerIDs.firstIndex(of: "1"))
    #expect(litt[one] == 0)
    // Every inter-purchase time is at least a day: litt >= x ln(1/7) in weeks.
    for index in litt.indices {
      #expect(litt[index] >= summaries.frequency[index] * log(1.0 / 7) - 1e-12)
    }
  }

  @Test func unitConversionShiftsTheSumByTheNumberOfGaps() throws {
    let orders = try GroceryFixtures.log()
    let weekly = try PurchaseTimingData(summaries: orders.summaries(GroceryFixtures.summaryOptions()), log: orders)
    let daily = try PurchaseTimingData(
      summaries: orders.summaries(GroceryFixtures.summaryOptions(unit: .days)), log: orders)
    // Each ln τ in days is ln τ in weeks + ln 7, once per repeat purchase.
    #expect(daily.interPurchaseTimeCount == weekly.interPurchaseTimeCount)
    #expect(
      daily.logInterPurchaseTimeSum.isApproximatelyEqual(
        to: weekly.logInterPurchaseTimeSum + weekly.interPurchaseTimeCount * log(7), relativeTolerance: 1e-12))
    let converted = daily.converted(to: .weeks)
    #expect(
      converted.logInterPurchaseTimeSum.isApproximatelyEqual(
        to: weekly.logInterPurchaseTimeSum, relativeTolerance: 1e-12))
    #expect(converted.triples.customerCount == weekly.triples.customerCount)
  }

  @Test func mergingAddsTheSums() throws {
    let first = try PurchaseTimingData(
      frequency: [0, 2], recency: [0, 3], age: [5, 5], logInterPurchaseTimes: [0, 1.5], unit: .weeks)
    let second = try PurchaseTimingData(
      frequency: [1], recency: [14], age: [21], logInterPurchaseTimes: [log(14.0)], unit: .days)
    let merged = first.merging(second)
    #expect(merged.triples.customerCount == 3)
    #expect(merged.interPurchaseTimeCount == 3)
    #expect(merged.logInterPurchaseTimeSum.isApproximatelyEqual(to: 1.5 + log(2.0), relativeTolerance: 1e-14))
  }

  @Test func badInputIsReported() throws {
    let mismatch = #expect(throws: RetentionModelError.self) {
      try PurchaseTimingData(
        frequency: [1, 2], recency: [1, 2], age: [3, 3], logInterPurchaseTimes: [0.5], unit: .weeks)
    }
    #expect(mismatch?.code == .invalidData)
    let notFinite = #expect(throws: RetentionModelError.self) {
      try PurchaseTimingData(
        frequency: [1, 2], recency: [1, 2], age: [3, 3], logInterPurchaseTimes: [0.5, .nan], unit: .weeks)
    }
    #expect(notFinite?.row == 1)
    // Summaries of another log do not match this log's purchase days.
    let grocery = try GroceryFixtures.log()
    let cdnow = try CDNOWFixtures.sampleLog()
    let other = #expect(throws: RetentionModelError.self) {
      try grocery.logInterPurchaseTimes(of: cdnow.summaries(GroceryFixtures.summaryOptions()))
    }
    #expect(other?.code == .invalidData)
  }
}
