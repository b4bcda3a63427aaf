import Foundation
import Testing
import _TestSupport
import Recommendations

/// ``QuantityElasticity`` and the run-out it gives ``ReplenishmentPlan``, computed by hand.
///
/// Days from ShopFixture's start, quantities after ×:
/// - beans: A on day 0 ×1, day 10 ×4, day 30 ×4, day 50 ×2; B on day 40 ×1 (no interval).
///   A's intervals (quantity, days): (1, 10), (4, 20), (4, 20): ln days = ln 10 + 0.5 ln quantity.
/// - tea: C on day 0 ×1, day 30 ×16, day 90 ×16, day 150 ×16: (1, 30), (16, 60), (16, 60):
///   ln days = ln 30 + 0.25 ln quantity.
///
/// Within-product least squares, with l = ln 2: beans' ln quantities 0, 2l, 2l deviate from
/// their mean by −4l/3, 2l/3, 2l/3, so Σ(x − x̄)² = 8l²/3 and Σ(x − x̄)(y − ȳ) = 0.5 · 8l²/3;
/// tea's 0, 4l, 4l give 32l²/3 and 0.25 · 32l²/3. Pooled: b = (4/3 + 8/3) / (8/3 + 32/3) = 0.3.
///
/// Typical quantities (median on the days intervals start): beans 4, tea 16. Beans' intervals at
/// 4: 10 × 4^0.3 = 15.157166, 20, 20: quartiles 17.578583, 20, 20.
/// - A (own median, three intervals): 20 days at 4; last bought 2: 20 × (2/4)^0.3 = 16.245048.
/// - B (the product's median): 20 × (1/4)^0.3 = 13.195079 days from day 40: run-out day 54,
///   reminder at ⌈0.75 × 13.195079⌉ = 10 → day 50, hand-over at ⌈max(20, 20) × (1/4)^0.3⌉ = 14
///   → day 54.
/// - C: 60 days at 16, last bought 16: 60 days from day 150.
/// The per-unit model (b = 1) gives A 5 days per unit × 2 = 10 days and B 5 × 1 = 5 days.
struct QuantityElasticityTests {
  static func order(_ customer: String, day: Double, _ product: String, quantity: Double) -> Order {
    Order(
      id: "\(customer)\(Int(day))\(product)", customer: CustomerReference(id: customer),
      placedAt: ShopFixture.day(day).addingTimeInterval(9 * 3_600),
      lines: [LineItem(productID: product, quantity: quantity, unitPrice: 5)])
  }

  static func log() throws -> OrderLog {
    try OrderLog([
      order("A", day: 0, "beans", quantity: 1), order("A", day: 10, "beans", quantity: 4),
      order("A", day: 30, "beans", quantity: 4), order("A", day: 50, "beans", quantity: 2),
      order("B", day: 40, "beans", quantity: 1),
      order("C", day: 0, "tea", quantity: 1), order("C", day: 30, "tea", quantity: 16),
      order("C", day: 90, "tea", quantity: 16), order("C", day: 150, "tea", quantity: 16),
    ])
  }

  static let options = RepurchaseIntervals.Options(minimumSampleSize: 1)

  @Test func thePooledWithinProductSlopeIsTheElasticity() throws {
    let intervals = RepurchaseIntervals(try Self.log(), options: Self.options)
    let elasticity = QuantityElasticity(estimatingFrom: intervals)
    #expect(elasticity.isEstimated && elasticity.sampleSize == 6 && elasticity.products == 2)
    #expect(elasticity.elasticity.isApproximatelyEqual(to: 0.3, absoluteTolerance: 1e-12))
    #expect(try #require(elasticity.estimate).isApproximatelyEqual(to: 0.3, absoluteTolerance: 1e-12))
    // Beans alone: the slope of its own line, 0.5.
    let beans = QuantityElasticity(estimatingFrom: intervals, excluding: ["tea"])
    #expect(beans.elasticity.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    #expect(beans.sampleSize == 3 && beans.products == 1)
    #expect(elasticity.factor(forQuantity: 2).isApproximatelyEqual(to: 1.231144413, absoluteTolerance: 1e-9))
  }

  @Test func productIntervalsAreAtTheTypicalQuantity() throws {
    let intervals = RepurchaseIntervals(try Self.log(), options: Self.options)
    let products = QuantityElasticity(estimatingFrom: intervals).productIntervals(intervals)
    #expect(products.map(\.productID) == ["beans", "tea"])
    let beans = products[0], tea = products[1]
    #expect(beans.typicalQuantity == 4 && beans.sampleSize == 3)
    #expect(beans.lowerQuartile.isApproximatelyEqual(to: 17.578583, absoluteTolerance: 1e-6))
    #expect(beans.median.isApproximatelyEqual(to: 20, absoluteTolerance: 1e-9))
    #expect(beans.upperQuartile.isApproximatelyEqual(to: 20, absoluteTolerance: 1e-9))
    #expect(tea.typicalQuantity == 16 && tea.median.isApproximatelyEqual(to: 60, absoluteTolerance: 1e-9))
  }

  @Test func theRunOutScalesTheTypicalIntervalByTheQuantity() throws {
    let plan = ReplenishmentPlan(try Self.log(), asOf: ShopFixture.day(151), exclusions: .none, options: Self.options)
    #expect(plan.quantityElasticity.elasticity.isApproximatelyEqual(to: 0.3, absoluteTolerance: 1e-12))
    let byCustomer = Dictionary(uniqueKeysWithValues: plan.reminders.map { ($0.customerID, $0) })
    let a = try #require(byCustomer["A"])
    #expect(a.usesOwnInterval && a.quantity == 2 && a.typicalQuantity == 4)
    #expect(a.typicalDays.isApproximatelyEqual(to: 20, absoluteTolerance: 1e-9))
    #expect(a.expectedDays.isApproximatelyEqual(to: 16.245048, absoluteTolerance: 1e-6))
    #expect(a.runOutDate == ShopFixture.day(67))
    let b = try #require(byCustomer["B"])
    #expect(!b.usesOwnInterval)
    #expect(b.expectedDays.isApproximatelyEqual(to: 13.195079, absoluteTolerance: 1e-6))
    #expect(b.runOutDate == ShopFixture.day(54))
    #expect(b.reminderDate == ShopFixture.day(50))
    #expect(b.winBackDate == ShopFixture.day(54))
    #expect(b.status == .handOverToWinBack)
    #expect(b.reason.contains("× (1/4)^0.3"), "\(b.reason)")
    let c = try #require(byCustomer["C"])
    #expect(c.expectedDays.isApproximatelyEqual(to: 60, absoluteTolerance: 1e-9))
    #expect(c.runOutDate == ShopFixture.day(210))
  }

  @Test func anElasticityOfOneIsThePerUnitModel() throws {
    let plan = ReplenishmentPlan(
      try Self.log(), asOf: ShopFixture.day(151), exclusions: .none, options: Self.options, quantityElasticity: 1)
    #expect(!plan.quantityElasticity.isEstimated && plan.quantityElasticity.elasticity == 1)
    let byCustomer = Dictionary(uniqueKeysWithValues: plan.reminders.map { ($0.customerID, $0) })
    #expect(byCustomer["A"]?.expectedDays == 10)
    #expect(byCustomer["B"]?.expectedDays == 5)
    // b = 0 ignores the quantity: beans' plain median interval, 20 days, for both.
    let ignoring = ReplenishmentPlan(
      try Self.log(), asOf: ShopFixture.day(151), exclusions: .none, options: Self.options, quantityElasticity: 0)
    #expect(ignoring.reminders.filter { $0.productID == "beans" }.map(\.expectedDays) == [20, 20])
  }

  @Test func theEstimateUsesOnlyTheOrdersBeforeThePlansDay() throws {
    // By day 35: beans (1, 10), (4, 20), slope 0.5; tea (1, 30) alone has no spread.
    let plan = ReplenishmentPlan(try Self.log(), asOf: ShopFixture.day(35), exclusions: .none, options: Self.options)
    #expect(plan.quantityElasticity.sampleSize == 3)
    #expect(plan.quantityElasticity.elasticity.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
  }

  /// The elasticity of one customer's soap bought with these (quantity, days to the next purchase).
  static func soap(_ intervals: [(quantity: Double, days: Int)]) throws -> QuantityElasticity {
    var orders: [Order] = []
    var day = 0.0
    for interval in intervals {
      orders.append(Self.order("A", day: day, "soap", quantity: interval.quantity))
      day += Double(interval.days)
    }
    orders.append(Self.order("A", day: day, "soap", quantity: 1))
    return QuantityElasticity(estimatingFrom: RepurchaseIntervals(try OrderLog(orders), options: Self.options))
  }

  @Test func aLargerQuantityThatShortensTheIntervalClampsToZero() throws {
    // ln(10/20) / ln 4 = −0.5.
    let elasticity = try Self.soap([(1, 20), (4, 10)])
    #expect(try #require(elasticity.estimate).isApproximatelyEqual(to: -0.5, absoluteTolerance: 1e-12))
    #expect(elasticity.elasticity == 0)
  }

  @Test func aMoreThanProportionalIntervalClampsToOne() throws {
    // ln(160/10) / ln 4 = 2.
    let elasticity = try Self.soap([(1, 10), (4, 160)])
    #expect(try #require(elasticity.estimate).isApproximatelyEqual(to: 2, absoluteTolerance: 1e-12))
    #expect(elasticity.elasticity == 1)
  }

  @Test func withoutQuantityVariationTheModelIsPerUnit() throws {
    let log = try OrderLog([0.0, 10, 25].map { Self.order("A", day: $0, "soap", quantity: 3) })
    let elasticity = QuantityElasticity(estimatingFrom: RepurchaseIntervals(log, options: Self.options))
    #expect(elasticity.estimate == nil && elasticity.elasticity == 1 && elasticity.sampleSize == 2)
    let empty = QuantityElasticity(estimatingFrom: RepurchaseIntervals(try OrderLog([Order]())))
    #expect(empty.estimate == nil && empty.elasticity == 1 && empty.sampleSize == 0)
  }
}
