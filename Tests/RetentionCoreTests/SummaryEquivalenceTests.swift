import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// `OrderLog.summaries` gathers the orders of consecutive customers in batches and works on two
/// halves of the customers in parallel for large logs. These tests compare it with a direct,
/// one-customer-at-a-time reading of the definitions (Fader, Hardie & Lee 2005: purchases on
/// one calendar day merge; x counts the repeat days, t_x and T run from the first purchase
/// day), on logs large enough to take the parallel path, with customers whose orders fill
/// more than one batch.
struct SummaryEquivalenceTests {
  static let day = 86_400.0

  /// What one customer's summary must be, from the definitions.
  struct Expected: Equatable {
    var frequency: Double, recency: Double, age: Double, orders: Int
    var revenue: Double, monetaryValue: Double, firstOrder: Double, lastOrder: Double
    var holdoutFrequency: Double, holdoutRevenue: Double
  }

  static func expected(
    _ purchases: [(time: Double, amount: Double)], calibrationDay: Int, observationDay: Int, daysPerPeriod: Double
  ) -> Expected? {
    let observed = purchases.filter { Int(($0.time / day).rounded(.down)) <= observationDay }
      .sorted { $0.time < $1.time }
    let calibration = observed.filter { Int(($0.time / day).rounded(.down)) <= calibrationDay }
    guard let first = calibration.first, let last = calibration.last else { return nil }
    func dayOf(_ time: Double) -> Int { Int((time / day).rounded(.down)) }
    let firstDay = dayOf(first.time)
    let repeatDays = Set(calibration.map { dayOf($0.time) }).subtracting([firstDay])
    let repeatValue = calibration.filter { dayOf($0.time) != firstDay }.reduce(0) { $0 + $1.amount }
    let holdout = observed.filter { dayOf($0.time) > calibrationDay }
    return Expected(
      frequency: Double(repeatDays.count),
      recency: Double(dayOf(last.time) - firstDay) / daysPerPeriod,
      age: Double(calibrationDay - firstDay) / daysPerPeriod,
      orders: calibration.count,
      revenue: calibration.reduce(0) { $0 + $1.amount },
      monetaryValue: repeatDays.isEmpty ? 0 : repeatValue / Double(repeatDays.count),
      firstOrder: first.time, lastOrder: last.time,
      holdoutFrequency: Double(Set(holdout.map { dayOf($0.time) }).count),
      holdoutRevenue: holdout.reduce(0) { $0 + $1.amount })
  }

  @Test(arguments: [1, 2] as [UInt64])
  func batchedParallelSummariesEqualTheDefinitions(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    // 9,000 customers (above the 8,192 at which the halves run in parallel); two of them with
    // more orders than one batch of 4,096 holds.
    let customerCount = 9_000
    let heavy: Set<Int> = [17, 6_000]
    var orders: [Order] = []
    var purchases: [[(time: Double, amount: Double)]] = Array(repeating: [], count: customerCount)
    for customer in 0..<customerCount {
      let count = heavy.contains(customer) ? 5_000 + customer % 7 : Int.random(in: 0...6, using: &generator)
      for index in 0..<count {
        // Whole seconds in days 0–119: the calibration ends on day 89 and the observation on
        // day 109, so some orders fall after the observation; many orders share a day.
        let time = Double(Int.random(in: 0..<120, using: &generator)) * Self.day
          + Double(Int.random(in: 0..<86_400, using: &generator))
        let amount = Double(Int.random(in: 0...30_000, using: &generator)) / 100
        let status: OrderStatus = Int.random(in: 0..<8, using: &generator) == 0 ? .cancelled : .paid
        orders.append(
          Order(
            id: "o\(customer)-\(index)", customer: CustomerReference(id: "c\(customer)"),
            placedAt: Date(timeIntervalSince1970: time), status: status, total: amount))
        if status.isPurchase { purchases[customer].append((time, amount)) }
      }
    }
    let log = try OrderLog(orders)
    let options = SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: 109.5 * Self.day),
      calibrationEnd: Date(timeIntervalSince1970: 89.5 * Self.day), unit: .weeks)
    let summaries = log.summaries(options)

    var expectedByID: [String: Expected] = [:]
    for customer in 0..<customerCount {
      if let expected = Self.expected(purchases[customer], calibrationDay: 89, observationDay: 109, daysPerPeriod: 7) {
        expectedByID["c\(customer)"] = expected
      }
    }
    #expect(summaries.count == expectedByID.count)
    #expect(summaries.holdoutLength == .weeks(20.0 / 7))
    var mismatches = 0
    for position in summaries.indices {
      let summary = summaries[position]
      #expect(log.customerIDs[Int(summaries.customerNumbers[position])] == summary.customerID)
      guard let expected = expectedByID[summary.customerID] else {
        mismatches += 1
        continue
      }
      // Counts, days and times exactly; sums of money to 1e-9 relative (summation order).
      let exact =
        summary.frequency == expected.frequency && summary.recency == expected.recency
        && summary.age == expected.age && summary.orders == expected.orders
        && summary.firstOrder.timeIntervalSince1970 == expected.firstOrder
        && summary.lastOrder.timeIntervalSince1970 == expected.lastOrder
        && summary.holdoutFrequency == expected.holdoutFrequency
      let money =
        summary.revenue.isApproximatelyEqual(to: expected.revenue, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)
        && summary.monetaryValue.isApproximatelyEqual(
          to: expected.monetaryValue, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)
        && (summary.holdoutRevenue ?? .nan).isApproximatelyEqual(
          to: expected.holdoutRevenue, absoluteTolerance: 1e-9, relativeTolerance: 1e-9)
      if !(exact && money) { mismatches += 1 }
    }
    #expect(mismatches == 0)
    // Summaries come in customer-number order, as one pass would give them.
    #expect(summaries.customerNumbers == summaries.customerNumbers.sorted())
    // The heavy customers were summarised (the batch buffers grew for them): about 5,000 × 7/8
    // paid × 90/120 calibration days ≈ 3,300 calibration orders each.
    for id in ["c17", "c6000"] {
      #expect(summaries.contains { $0.customerID == id && $0.orders > 3_000 })
    }
  }
}
