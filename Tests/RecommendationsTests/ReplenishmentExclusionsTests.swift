import Foundation
import Testing
import _TestSupport
import Recommendations

/// The data rules of ``ReplenishmentExclusions``: repeat buyers, rebuy lift, enough intervals, a
/// stable interval.
///
/// Fixture (days from ShopFixture's start, one product per line unless noted):
/// A tea on days 0, 10, 20; B tea on days 0, 10, 20; C pot 0, jam 10, pot 20;
/// D jam 0, pot 10, jam 20, pot 30; E pot and jam on day 0, jam on days 10 and 20.
/// Purchase days: 3 + 3 + 3 + 4 + 3 = 16.
/// - tea: buyers A, B; their 4 later days all hold tea (rate 1); the 16 − 4 = 12 other days
///   hold 2 first purchases (rate 1/6): lift 6, maximum lift 6. Intervals 10, 10, 10, 10.
/// - pot: buyers C (2 later days, 1 with pot), D (2, 1), E (2, 0): rate 2/6; 16 − 6 = 10 other
///   days hold 3 first purchases: lift (1/3) / (3/10) = 10/9 ≈ 1.11. Repeat buyers C, D.
/// - jam: buyers C (1 later day, 0 with jam), D (3, 1), E (2, 2): rate 3/6; 10 other days hold
///   3: lift 5/3. Repeat buyers D, E. Intervals 20, 10, 10: mean 40/3, population standard
///   deviation √(200/9), coefficient of variation √2 / 4 ≈ 0.354.
struct ReplenishmentExclusionsTests {
  static func order(_ customer: String, day: Double, _ products: [String]) -> Order {
    Order(
      id: "\(customer)\(Int(day))", customer: CustomerReference(id: customer), placedAt: ShopFixture.day(day),
      lines: products.map { LineItem(productID: $0, unitPrice: 4) })
  }

  static func log() throws -> OrderLog {
    try OrderLog([
      order("A", day: 0, ["tea"]), order("A", day: 10, ["tea"]), order("A", day: 20, ["tea"]),
      order("B", day: 0, ["tea"]), order("B", day: 10, ["tea"]), order("B", day: 20, ["tea"]),
      order("C", day: 0, ["pot"]), order("C", day: 10, ["jam"]), order("C", day: 20, ["pot"]),
      order("D", day: 0, ["jam"]), order("D", day: 10, ["pot"]), order("D", day: 20, ["jam"]),
      order("D", day: 30, ["pot"]),
      order("E", day: 0, ["pot", "jam"]), order("E", day: 10, ["jam"]), order("E", day: 20, ["jam"]),
    ])
  }

  @Test func rebuyLiftSeparatesConsumablesFromChance() throws {
    let intervals = RepurchaseIntervals(try Self.log(), options: .init(minimumSampleSize: 2))
    let log = try Self.log()
    func evidence(_ id: String) throws -> RepurchaseIntervals.Rebuying {
      intervals.rebuying[try #require(log.products.firstIndex { $0.id == id })]
    }
    let tea = try evidence("tea"), pot = try evidence("pot"), jam = try evidence("jam")
    #expect(tea.buyers == 2 && tea.repeatBuyers == 2)
    #expect(try #require(tea.lift).isApproximatelyEqual(to: 6, absoluteTolerance: 1e-12))
    #expect(try #require(tea.maximumLift).isApproximatelyEqual(to: 6, absoluteTolerance: 1e-12))
    #expect(pot.buyers == 3 && pot.repeatBuyers == 2)
    #expect(try #require(pot.lift).isApproximatelyEqual(to: 10.0 / 9, absoluteTolerance: 1e-12))
    #expect(try #require(jam.lift).isApproximatelyEqual(to: 5.0 / 3, absoluteTolerance: 1e-12))
    let cv = try #require(intervals.distribution(ofProduct: "jam")).coefficientOfVariation
    #expect(cv.isApproximatelyEqual(to: 2.0.squareRoot() / 4, absoluteTolerance: 1e-12))
  }

  @Test func eachDataRuleLeavesOutItsProduct() throws {
    let log = try Self.log()
    let lenient = RepurchaseIntervals(log, options: .init(minimumSampleSize: 2))
    let standard = ReplenishmentExclusions.standard
    #expect(standard.excludedProducts(lenient).map { "\($0.productID) \($0.rule)" } == ["pot lowRebuyLift"])
    #expect(standard.excludedProducts(lenient).first?.reason.hasPrefix("rebuy lift 1.11 below 1.3") == true)
    var steady = standard
    steady.maximumIntervalVariation = 0.3
    #expect(
      steady.excludedProducts(lenient).map { "\($0.productID) \($0.rule)" } == [
        "jam unstableInterval", "pot lowRebuyLift",
      ])
    // jam has 3 intervals, tea 4: with 4 needed, jam cannot be timed.
    let strict = RepurchaseIntervals(log, options: .init(minimumSampleSize: 4))
    #expect(
      standard.excludedProducts(strict).map { "\($0.productID) \($0.rule)" } == [
        "jam tooFewIntervals", "pot lowRebuyLift",
      ])
    var three = standard
    three.minimumRepeatBuyers = 3
    #expect(three.excludedProducts(lenient).allSatisfy { $0.rule == .tooFewRepeatBuyers })
    #expect(ReplenishmentExclusions.none.excludedProducts(lenient).isEmpty)
    // The plan leaves them out and says so.
    let plan = ReplenishmentPlan(log, asOf: ShopFixture.day(40), options: .init(minimumSampleSize: 2))
    #expect(Set(plan.reminders.map(\.productID)) == ["jam", "tea"])
    #expect(plan.excluded.map(\.productID) == ["pot"])
  }

  @Test func aProductInEveryBasketIsKept() throws {
    // One product, in every basket: its lift is 1 and can be no more, so the lift rule cannot judge it.
    let log = try OrderLog(
      (0..<3).flatMap { customer in
        [0.0, 10, 20].map { Self.order("c\(customer)", day: $0 + Double(customer), ["beans"]) }
      })
    let intervals = RepurchaseIntervals(log, options: .init(minimumSampleSize: 2))
    #expect(intervals.rebuying[0].lift == 1 && intervals.rebuying[0].maximumLift == 1)
    #expect(ReplenishmentExclusions.standard.excludedProducts(intervals).isEmpty)
  }

  @Test func aReminderIsNeverDueMoreThanOneIntervalAfterItsDay() throws {
    // P, Q, R buy on days -40 and 0; X on days 0, 10, 20. Intervals 10, 10, 40, 40, 40: p75 40.
    // X's own median is 10: run-out day 30, reminder ceil(7.5) → day 28. The 75th percentile
    // would hand over on day 60; one interval after the reminder is day 38.
    let orders =
      ["P", "Q", "R"].flatMap { customer in [-40.0, 0].map { Self.order(customer, day: $0, ["soap"]) } }
      + [0.0, 10, 20].map { Self.order("X", day: $0, ["soap"]) }
    let log = try OrderLog(orders)
    func status(on day: Double) throws -> ReplenishmentPlan.Reminder {
      try #require(ReplenishmentPlan(log, asOf: ShopFixture.day(day)).reminders.first { $0.customerID == "X" })
    }
    let x = try status(on: 37)
    #expect(x.runOutDate == ShopFixture.day(30) && x.reminderDate == ShopFixture.day(28))
    #expect(x.winBackDate == ShopFixture.day(38))
    #expect(x.status == .due)
    #expect(try status(on: 38).status == .handOverToWinBack)
  }
}
