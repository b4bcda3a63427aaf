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
        // One order in ten at the first or the last second of its day (the day boundaries).
        let second = [0, 86_399][Int.random(in: 0..<2, using: &generator)]
        let time = Double(Int.random(in: 0..<120, using: &generator)) * Self.day
          + Double(Int.random(in: 0..<10, using: &generator) == 0 ? second : Int.random(in: 0..<86_400, using: &generator))
        let amount = Double(Int.random(in: 0...30_000, using: &generator)) / 100
        // Cancelled and fully refunded orders are not purchases; a partial refund is netted.
        let refund = (amount * Double(Int.random(in: 1...9, using: &generator)) / 10 * 100).rounded() / 100
        let status: OrderStatus =
          switch Int.random(in: 0..<12, using: &generator) {
          case 0: .cancelled
          case 1: .refunded(amount: amount)
          case 2: .partiallyRefunded(amount: refund)
          default: .paid
          }
        orders.append(
          Order(
            id: "o\(customer)-\(index)", customer: CustomerReference(id: "c\(customer)"),
            placedAt: Date(timeIntervalSince1970: time), status: status, total: amount))
        if case .partiallyRefunded(let refunded) = status {
          purchases[customer].append((time, Swift.max(0, amount - refunded)))
        } else if status.isPurchase {
          purchases[customer].append((time, amount))
        }
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

  /// The definition's edge cases, worked out by hand (unit: days; the calibration ends on day 9,
  /// the observation on day 19, UTC): purchases of one day merge, the first day is not a repeat
  /// and not in z̄, returns and cancellations are not purchases and partial refunds are netted,
  /// the boundary seconds of the calibration and observation end days, and customers without a
  /// calibration purchase.
  @Test func edgeCasesWorkedOutByHand() throws {
    func at(_ day: Double, _ seconds: Double = 43_200) -> Date { Date(timeIntervalSince1970: day * Self.day + seconds) }
    var orders: [Order] = []
    func add(_ customer: String, _ time: Date, _ total: Double, _ status: OrderStatus = .paid) {
      orders.append(
        Order(
          id: "o\(orders.count)", customer: CustomerReference(id: customer), placedAt: time, status: status,
          total: total))
    }
    // Two orders on day 3 (the first day), two on day 7, one on day 9.
    add("same-day", at(3, 28_800), 10)
    add("same-day", at(3, 72_000), 5)
    add("same-day", at(7, 32_400), 20)
    add("same-day", at(7, 82_800), 4)
    add("same-day", at(9), 6)
    // The last second of day 9 (calibration), the first of day 10 and noon of day 10 (one holdout
    // day), the last second of day 19 (holdout), the first of day 20 (after the observation).
    add("boundaries", at(9, 86_399), 1)
    add("boundaries", at(10, 0), 2)
    add("boundaries", at(10), 3)
    add("boundaries", at(19, 86_399), 4)
    add("boundaries", at(20, 0), 100)
    // Purchases only in the holdout period, or none at all.
    add("holdout-only", at(12), 8)
    add("no-purchase", at(2), 7, .cancelled)
    add("no-purchase", at(4), 9, .refunded(amount: 9))
    // A purchase, a partly refunded one (net 10), a fully refunded and a cancelled one.
    add("returns", at(1), 50)
    add("returns", at(5), 40, .partiallyRefunded(amount: 30))
    add("returns", at(6), 20, .refunded(amount: 20))
    add("returns", at(8), 30, .cancelled)
    let log = try OrderLog(orders)
    let summaries = log.summaries(
      SummaryOptions(observationEnd: at(19), calibrationEnd: at(9), unit: .days))
    let byID = Dictionary(uniqueKeysWithValues: summaries.map { ($0.customerID, $0) })
    #expect(Set(byID.keys) == ["same-day", "boundaries", "returns"])

    let sameDay = try #require(byID["same-day"])
    // x = 2 repeat days (7 and 9), t_x = 9 − 3, T = 9 − 3, z̄ = (20 + 4 + 6) / 2.
    #expect(sameDay.frequency == 2 && sameDay.recency == 6 && sameDay.age == 6)
    #expect(sameDay.monetaryValue == 15 && sameDay.orders == 5 && sameDay.revenue == 45)
    #expect(sameDay.firstOrder == at(3, 28_800) && sameDay.lastOrder == at(9))
    #expect(sameDay.holdoutFrequency == 0 && sameDay.holdoutRevenue == 0)

    let boundaries = try #require(byID["boundaries"])
    // One calibration purchase on day 9: x = 0, t_x = 0, T = 0; holdout days 10 and 19 worth 9.
    #expect(boundaries.frequency == 0 && boundaries.recency == 0 && boundaries.age == 0)
    #expect(boundaries.monetaryValue == 0 && boundaries.orders == 1 && boundaries.revenue == 1)
    #expect(boundaries.holdoutFrequency == 2 && boundaries.holdoutRevenue == 9)

    let returns = try #require(byID["returns"])
    // Purchases on days 1 (50) and 5 (net 10): x = 1, t_x = 4, T = 8, z̄ = 10.
    #expect(returns.frequency == 1 && returns.recency == 4 && returns.age == 8)
    #expect(returns.monetaryValue == 10 && returns.orders == 2 && returns.revenue == 60)
    #expect(summaries.holdoutLength == .days(10))
  }
}
