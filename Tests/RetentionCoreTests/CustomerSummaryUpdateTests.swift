import Foundation
import Testing
import _TestSupport
import RetentionCore

/// O(1) updates of one customer's summary, by hand and against recomputation from scratch.
struct CustomerSummaryUpdateTests {
  static let day = 86_400.0
  static func at(_ day: Double, hour: Double = 12) -> Date {
    Date(timeIntervalSince1970: day * Self.day + hour * 3_600)
  }
  /// Observation ends on day 100, no holdout, time in days.
  static let live = SummaryOptions(observationEnd: at(100), unit: .days)

  @Test func followsEveryCaseByHand() throws {
    var s = try CustomerSummary(customerID: "c", firstPurchaseAt: Self.at(10), amount: 20, options: Self.live)
    #expect(s.frequency == 0 && s.recency == 0 && s.age == 90 && s.orders == 1 && s.revenue == 20)
    #expect(s.holdoutFrequency == nil)
    // Same day as the first: not a repeat, no z̄.
    #expect(try s.record(purchaseAt: Self.at(10, hour: 18), amount: 5, options: Self.live) == .sameDay)
    #expect(s.frequency == 0 && s.monetaryValue == 0 && s.orders == 2 && s.revenue == 25)
    #expect(s.lastOrder == Self.at(10, hour: 18))
    // Day 15: first repeat day, z̄ = 30.
    #expect(try s.record(purchaseAt: Self.at(15), amount: 30, options: Self.live) == .newRepeatDay)
    #expect(s.frequency == 1 && s.recency == 5 && s.monetaryValue == 30)
    // Again day 15: merges into that repeat day, z̄ = (30 + 10) / 1 = 40.
    #expect(try s.record(purchaseAt: Self.at(15, hour: 20), amount: 10, options: Self.live) == .sameDay)
    #expect(s.frequency == 1 && s.monetaryValue == 40 && s.revenue == 65 && s.orders == 4)
    // Day 20: x = 2, t_x = 10, z̄ = (40 + 6) / 2 = 23.
    #expect(try s.record(purchaseAt: Self.at(20), amount: 6, options: Self.live) == .newRepeatDay)
    #expect(s.frequency == 2 && s.recency == 10 && s.monetaryValue == 23)
    // Day 12 lies between the first and the last day: cannot be placed in O(1).
    let before = s
    #expect(try s.record(purchaseAt: Self.at(12), amount: 1, options: Self.live) == .needsRecomputation)
    #expect(s == before)
    // Day 101 is after the observation end.
    #expect(try s.record(purchaseAt: Self.at(101, hour: 0), amount: 1, options: Self.live) == .afterObservationEnd)
    #expect(s == before)
    // Day 5, before the first: days 10, 15, 20 are now repeats worth 71 in all, z̄ = 71 / 3;
    // t_x = 20 − 5 = 15, T = 100 − 5 = 95.
    #expect(try s.record(purchaseAt: Self.at(5), amount: 1, options: Self.live) == .newFirstDay)
    #expect(s.frequency == 3 && s.recency == 15 && s.age == 95 && s.orders == 6 && s.revenue == 72)
    #expect(s.monetaryValue.isApproximatelyEqual(to: 71.0 / 3, relativeTolerance: 1e-15))
    #expect(s.firstOrder == Self.at(5) && s.lastOrder == Self.at(20))
  }

  @Test func measuresWeeksAsDaysOverSeven() throws {
    let weeks = SummaryOptions(observationEnd: Self.at(100), unit: .weeks)
    var s = try CustomerSummary(customerID: "c", firstPurchaseAt: Self.at(2), amount: 1, options: weeks)
    #expect(s.age == 98.0 / 7)
    try s.record(purchaseAt: Self.at(12), amount: 1, options: weeks)
    #expect(s.recency == 10.0 / 7)
  }

  @Test func holdoutOrdersNeedRecomputation() throws {
    let split = SummaryOptions(observationEnd: Self.at(100), calibrationEnd: Self.at(50), unit: .days)
    var s = try CustomerSummary(customerID: "c", firstPurchaseAt: Self.at(10), amount: 20, options: split)
    #expect(s.age == 40 && s.holdoutFrequency == 0 && s.holdoutRevenue == 0)
    #expect(try s.record(purchaseAt: Self.at(60), amount: 5, options: split) == .needsRecomputation)
    #expect(try s.record(purchaseAt: Self.at(50, hour: 23.5), amount: 5, options: split) == .newRepeatDay)
    #expect(s.recency == 40)
    let error = try #require(throws: RetentionCoreError.self) {
      try CustomerSummary(customerID: "d", firstPurchaseAt: Self.at(51), amount: 1, options: split)
    }
    #expect(error.code == .invalidArgument)
  }

  @Test func rejectsBadAmountsAndTimes() throws {
    var s = try CustomerSummary(customerID: "c", firstPurchaseAt: Self.at(10), amount: 20, options: Self.live)
    #expect(throws: RetentionCoreError.self) { try s.record(purchaseAt: Self.at(11), amount: .nan, options: Self.live) }
    #expect(throws: RetentionCoreError.self) { try s.record(purchaseAt: Self.at(11), amount: -1, options: Self.live) }
    #expect(throws: RetentionCoreError.self) {
      try s.record(purchaseAt: Date(timeIntervalSince1970: .infinity), amount: 1, options: Self.live)
    }
    // A summary whose first purchase is after the options' calibration end does not fit them.
    let early = SummaryOptions(observationEnd: Self.at(5), unit: .days)
    #expect(throws: RetentionCoreError.self) { try s.record(purchaseAt: Self.at(4), amount: 1, options: early) }
  }

  /// Recording equals recomputation.
  ///
  /// Orders arrive mostly in time order, some late; the backend records each in O(1) and
  /// recomputes the customer only when told to. The result must equal a recomputation from
  /// all orders: counts, days and times exactly; money to 1e-12 relative (z̄ is kept as a
  /// mean, so x·z̄ restores the repeat value only to an ulp or so per update).
  @Test(arguments: 0..<60 as Range<UInt64>)
  func equalsRecomputationFromScratch(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let options = SummaryOptions(observationEnd: Self.at(60), unit: seed % 2 == 0 ? .weeks : .days)
    let count = Int.random(in: 1...25, using: &generator)
    var orders: [Order] = []
    var clockDay = Double(Int.random(in: 0...20, using: &generator))
    for index in 0..<count {
      // Bunch orders on few days so that same-day merges are common; a few arrive late.
      if Int.random(in: 0..<3, using: &generator) == 0 { clockDay += Double(Int.random(in: 1...6, using: &generator)) }
      var day = clockDay
      if Int.random(in: 0..<6, using: &generator) == 0 { day -= Double(Int.random(in: 1...15, using: &generator)) }
      day = max(0, min(day, 65))
      let amount = Double(Int.random(in: 0...20_000, using: &generator)) / 100
      orders.append(
        Order(
          id: "o\(index)", customer: CustomerReference(id: "c"),
          placedAt: Self.at(day, hour: Double.random(in: 0..<24, using: &generator)),
          total: amount))
    }
    func fromScratch(_ orders: [Order]) throws -> CustomerSummary? {
      let summaries = try OrderLog(orders).summaries(options)
      return summaries.isEmpty ? nil : summaries[0]
    }
    var current: CustomerSummary?
    var seen: [Order] = []
    for order in orders {
      seen.append(order)
      guard var summary = current else {
        current = try fromScratch(seen)
        continue
      }
      switch try summary.record(purchaseAt: order.placedAt, amount: order.netAmount, options: options) {
      case .needsRecomputation: current = try fromScratch(seen)
      default: current = summary
      }
    }
    let expected = try fromScratch(orders)
    #expect((current == nil) == (expected == nil))
    guard let current, let expected else { return }
    #expect(current.frequency == expected.frequency)
    #expect(current.recency == expected.recency)
    #expect(current.age == expected.age)
    #expect(current.orders == expected.orders)
    #expect(current.firstOrder == expected.firstOrder)
    #expect(current.lastOrder == expected.lastOrder)
    #expect(
      current.revenue.isApproximatelyEqual(to: expected.revenue, absoluteTolerance: 1e-9, relativeTolerance: 1e-12))
    #expect(
      current.monetaryValue.isApproximatelyEqual(
        to: expected.monetaryValue, absoluteTolerance: 1e-9, relativeTolerance: 1e-12))
  }
}
