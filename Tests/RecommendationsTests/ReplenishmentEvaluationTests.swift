import Foundation
import Testing
import _TestSupport
import Recommendations

/// ``ReplenishmentEvaluation`` on a shop with a tea every 30 days and a pot bought once.
///
/// Days from ShopFixture's start. A to E buy tea on days 10, 40 and 70 and again on day 100;
/// L buys tea on days 10, 40, 70 and 91. F, G and H buy a pot on day 50, K on days 0 and 60.
/// Window: days 90..<120, response 30 days, 7 days before the run-out.
/// - Plan (orders before day 90): tea is kept (six repeat buyers), the pot is not (one). Each tea
///   buyer's own median is 30: run-out day 100, reminder day 93. L bought on day 91, before the
///   reminder: not counted. A to E bought on day 100: 5 of 5 convert.
/// - Baseline: everyone at the median gap of their product, 30 days for tea (reminder day 100),
///   60 for the pot (F, G, H on day 110; K on day 120, outside the window). L is skipped again.
///   5 tea reminders convert, the 3 pot reminders do not: 5 of 8.
struct ReplenishmentEvaluationTests {
  static func order(_ customer: String, day: Double, _ product: String) -> Order {
    Order(
      id: "\(customer)\(Int(day))\(product)", customer: CustomerReference(id: customer),
      placedAt: ShopFixture.day(day).addingTimeInterval(9 * 3_600), lines: [LineItem(productID: product, unitPrice: 6)])
  }

  static func log() throws -> OrderLog {
    var orders: [Order] = []
    for customer in ["A", "B", "C", "D", "E"] {
      orders += [10.0, 40, 70, 100].map { order(customer, day: $0, "tea") }
    }
    orders += [10.0, 40, 70, 91].map { order("L", day: $0, "tea") }
    orders += ["F", "G", "H"].map { order($0, day: 50, "pot") }
    orders += [0.0, 60].map { order("K", day: $0, "pot") }
    return try OrderLog(orders)
  }

  @Test func thePlanConvertsMoreThanRemindingEveryoneAtTheMedian() throws {
    let evaluation = ReplenishmentEvaluation(
      try Self.log(), windowStart: ShopFixture.day(90), options: .init(minimumSampleSize: 1))
    #expect(evaluation.windowStart == ShopFixture.day(90) && evaluation.windowEnd == ShopFixture.day(120))
    let plan = evaluation.plan, baseline = evaluation.baseline
    #expect(plan.reminders == 5 && plan.converted == 5 && plan.products == 1 && plan.conversion == 1)
    #expect(baseline.reminders == 8 && baseline.converted == 5 && baseline.products == 2)
    #expect(baseline.conversion == 5.0 / 8)
    #expect(evaluation.beatsBaseline)
  }

  @Test func aShortResponsePeriodMissesLatePurchases() throws {
    // Reminded on day 93, A to E buy on day 100: outside a 7-day response period (93..<100).
    let evaluation = ReplenishmentEvaluation(
      try Self.log(), windowStart: ShopFixture.day(90), responseDays: 7, options: .init(minimumSampleSize: 1))
    #expect(evaluation.plan.converted == 0 && evaluation.plan.reminders == 5)
    #expect(evaluation.baseline.converted == 5)
    #expect(!evaluation.beatsBaseline)
  }

  @Test func theLatestWindowEndsItsResponsePeriodOnTheLastDay() {
    let start = ReplenishmentEvaluation.latestWindowStart(
      observedThrough: ShopFixture.day(200).addingTimeInterval(12 * 3_600), windowDays: 30, responseDays: 30)
    #expect(start == ShopFixture.day(141))
  }

  @Test func anEmptyLogHasNoReminders() throws {
    let evaluation = ReplenishmentEvaluation(try OrderLog([Order]()), windowStart: ShopFixture.day(0))
    #expect(evaluation.plan.reminders == 0 && evaluation.baseline.reminders == 0)
    #expect(evaluation.plan.conversion == 0 && !evaluation.beatsBaseline)
  }
}
