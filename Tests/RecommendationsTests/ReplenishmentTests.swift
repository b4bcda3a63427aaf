import Foundation
import Testing
import _TestSupport
import Recommendations

/// Replenishment of beans bought by four customers.
///
/// Days from 2024-01-01 UTC:
/// X day 0 ×1, day 10 ×2, day 30 ×1 → intervals 10/1, 20/2;  Y day 0, day 14 → 14;
/// Z day 0, day 8 → 8 (plus a subscription order on day 4, left out);
/// W day 0, day 12 ×1 twice (one purchase day of 2) → 12.
/// Samples 8, 10, 10, 12, 14: quartiles (definition 7) 10, 10, 12.
/// The plans here use the per-unit model (quantity elasticity 1, REFERENCES.md
/// "Replenishment"); the estimated elasticity has its own tests (``QuantityElasticityTests``).
struct ReplenishmentTests {
  static func order(_ id: String, _ customer: String, day: Double, quantity: Double = 1, tags: [String] = []) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: ShopFixture.day(day),
      lines: [LineItem(productID: "beans", quantity: quantity, unitPrice: 8)], tags: tags)
  }

  static func log() throws -> OrderLog {
    try OrderLog([
      order("x1", "X", day: 0), order("x2", "X", day: 10, quantity: 2), order("x3", "X", day: 30),
      order("y1", "Y", day: 0), order("y2", "Y", day: 14),
      order("z1", "Z", day: 0), order("z2", "Z", day: 8), order("z-sub", "Z", day: 4, tags: ["Subscription"]),
      order("w1", "W", day: 0), order("w2", "W", day: 12.1), order("w3", "W", day: 12.5),
    ])
  }

  @Test func quartilesOfQuantityNormalisedIntervals() throws {
    let intervals = RepurchaseIntervals(try Self.log())
    let beans = try #require(intervals.distribution(ofProduct: "beans"))
    #expect(beans.sampleSize == 5)
    #expect(beans.lowerQuartile == 10)
    #expect(beans.median == 10)
    #expect(beans.upperQuartile == 12)
    #expect(
      RepurchaseIntervals(try Self.log(), options: .init(minimumSampleSize: 6)).distribution(ofProduct: "beans") == nil)
    #expect(intervals.distribution(ofProduct: "unknown") == nil)
  }

  @Test func remindersRunOutAndHandOver() throws {
    let plan = ReplenishmentPlan(try Self.log(), asOf: ShopFixture.day(40), quantityElasticity: 1)
    let byCustomer = Dictionary(uniqueKeysWithValues: plan.reminders.map { ($0.customerID, $0) })
    // X: own median 10 (two intervals) × 1 → run-out day 40, remind at ceil(7.5) = day 38,
    // win-back at max(12 × 1, 10) = day 42: due on day 40.
    let x = try #require(byCustomer["X"])
    #expect(x.usesOwnInterval)
    #expect(x.expectedDays == 10)
    #expect(x.runOutDate == ShopFixture.day(40))
    #expect(x.reminderDate == ShopFixture.day(38))
    #expect(x.winBackDate == ShopFixture.day(42))
    #expect(x.status == .due)
    // Y: one interval, so the product median 10; last day 14 → remind day 22, win-back day 26.
    let y = try #require(byCustomer["Y"])
    #expect(!y.usesOwnInterval)
    #expect(y.reminderDate == ShopFixture.day(22))
    #expect(y.status == .handOverToWinBack)
    // W: last day 12, quantity 2 → 20 days, run-out day 32, win-back max(24, 20) → day 36.
    let w = try #require(byCustomer["W"])
    #expect(w.quantity == 2)
    #expect(w.runOutDate == ShopFixture.day(32))
    #expect(w.winBackDate == ShopFixture.day(36))
    #expect(plan.due.map(\.customerID) == ["X"])
    // On day 37, X's reminder (day 38) lies ahead.
    #expect(
      ReplenishmentPlan(try Self.log(), asOf: ShopFixture.day(37), quantityElasticity: 1).reminders.first { $0.customerID == "X" }?.status
        == .upcoming)
  }

  @Test func reminderDaysBeforeRunOut() throws {
    let plan = ReplenishmentPlan(
      try Self.log(), asOf: ShopFixture.day(40), timing: .daysBeforeRunOut(5), quantityElasticity: 1)
    // X: run-out day 40, five days before: day 35.
    #expect(plan.reminders.first { $0.customerID == "X" }?.reminderDate == ShopFixture.day(35))
  }

  @Test func purchaseDaysFollowTheClocksTimeZone() throws {
    // 02:00 and 20:00 UTC on 2024-01-10 are one day in UTC but 21:00 on the 9th and 15:00 on
    // the 10th in New York: one interval of 1 day there, none in UTC.
    let base = Date(timeIntervalSince1970: 1_704_067_200 + 9 * 86_400)
    let orders = [
      Order(
        id: "1", customer: CustomerReference(id: "a"), placedAt: base.addingTimeInterval(2 * 3_600),
        lines: [LineItem(productID: "tea", unitPrice: 3)]),
      Order(
        id: "2", customer: CustomerReference(id: "a"), placedAt: base.addingTimeInterval(20 * 3_600),
        lines: [LineItem(productID: "tea", unitPrice: 3)]),
    ]
    let log = try OrderLog(orders)
    #expect(RepurchaseIntervals(log, options: .init(minimumSampleSize: 1)).distribution(ofProduct: "tea") == nil)
    let newYork = DayClock(timeZone: TimeZone(identifier: "America/New_York")!)
    let local = try #require(
      RepurchaseIntervals(log, options: .init(minimumSampleSize: 1, clock: newYork)).distribution(ofProduct: "tea"))
    #expect(local.median == 1)
  }

  @Test func anEmptyLogPlansNothing() throws {
    let plan = ReplenishmentPlan(try OrderLog([Order]()), asOf: ShopFixture.day(0))
    #expect(plan.reminders.isEmpty)
    #expect(plan.intervals.measuredProducts.isEmpty)
  }
}
