import Foundation
import Testing
import _TestSupport
import LTVMath

private struct FixedSpend: SpendModel {
  var value: Double
  func expectedAverageOrderValue(frequency: Double, monetaryValue: Double) -> Double { value }
  var populationMeanOrderValue: Double { value }
}

/// Weeks in one month of 365.25 / 12 days.
private let weeksPerMonth = 365.25 / 12 / 7

/// Two customers observed for 5 weeks: "new" bought once (x = 0), "repeat" twice (x = 1).
private func twoCustomers() -> CustomerSummaries {
  CustomerSummaries(
    options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks),
    customerIDs: ["new", "repeat"], frequency: [0, 1], recency: [0, 2], age: [5, 5], monetaryValue: [0, 20],
    orderCounts: [1, 2], revenue: [20, 40], firstOrderTimes: [0, 0], lastOrderTimes: [0, 0])
}

struct RetentionEconomicsTests {
  /// NBD(r 2, alpha 10): a new customer makes r t / alpha = 0.2 t repeat purchases in t weeks,
  /// 0.2 x 4.348214 = 0.869643 a month. With margin 0.5 on a spend of 20 each purchase earns
  /// 10, so the cumulative margin after m months is 10 (1 + 0.869643 m) undiscounted, and
  /// 10 (1 + 0.869643 sum_k 1.1^(-k/12)) at 10 % a year. By hand: a cost of 40 is recovered in
  /// month 4 (44.79; discounted 44.10); 44.5 in month 4 undiscounted, month 5 discounted
  /// (44.10 < 44.5 <= 52.46); 10 by the first purchase; 1,000 not within 12 months (114.36).
  @Test func paybackMonthsMatchHandComputedCases() {
    let model = NBDModel(r: 2, alpha: 10, unit: .weeks)
    let spend = FixedSpend(value: 20)
    func payback(_ cost: Double, _ discount: DiscountRate, months: Int = 120) -> Int? {
      RetentionEconomics.paybackMonths(
        acquisitionCost: cost, purchases: model, spend: spend, margin: 0.5, discount: discount,
        maximumMonths: months)
    }
    #expect(payback(40, .none) == 4)
    #expect(payback(40, DiscountRate(annual: 0.1)) == 4)
    #expect(payback(44.5, .none) == 4)
    #expect(payback(44.5, DiscountRate(annual: 0.1)) == 5)
    #expect(payback(10, .none) == 0)
    #expect(payback(0, .none) == 0)
    #expect(payback(1_000, .none, months: 12) == nil)
  }

  /// NBD(r 0.5, alpha 10), the first-time buyer of age T = 5 weeks, a 12-month horizon
  /// h = 52.178571 weeks. NBD closed forms (Ehrenberg 1959; posterior Gamma(r + x, alpha + T)):
  /// P(no purchase in h) = (15 / 67.178571)^0.5, so the conversion probability is
  /// pi = 0.527469; E[Y(h)] = 0.5 h / 15 = 1.739286. Raising pi by 50 % gives 0.791204:
  /// 0.263735 more converters and (0.791204 / pi - 1) E = 0.869643 more purchases; raising it
  /// by 100 % caps it at 1: 0.472531 more converters, 1.558132 more purchases. The repeat buyer
  /// is unchanged.
  @Test func convertingMoreFirstTimeBuyersMatchesTheNBDClosedForms() {
    let model = NBDModel(r: 0.5, alpha: 10, unit: .weeks)
    let summaries = twoCustomers()
    let spend = FixedSpend(value: 30)
    let half = RetentionEconomics.convertingMoreFirstTimeBuyers(
      by: 0.5, purchases: model, spend: spend, summaries: summaries, horizonMonths: 12, margin: 0.4, discount: .none)
    let additional = try! #require(half.additionalSecondPurchasers)
    #expect(additional.isApproximatelyEqual(to: 0.263735, absoluteTolerance: 1e-6))
    #expect(half.change.expectedPurchases.isApproximatelyEqual(to: 0.869643, absoluteTolerance: 1e-6))
    #expect(half.change.expectedRevenue.isApproximatelyEqual(to: 30 * 0.869643, absoluteTolerance: 1e-4))
    #expect(half.change.lifetimeValue.isApproximatelyEqual(to: 0.4 * 30 * 0.869643, absoluteTolerance: 1e-4))
    // The baseline: 1.739286 for the first-time buyer plus (0.5 + 1) h / 15 = 5.217857 for the repeat buyer.
    #expect(half.baseline.expectedPurchases.isApproximatelyEqual(to: 1.739286 + 5.217857, absoluteTolerance: 1e-6))
    let double = RetentionEconomics.convertingMoreFirstTimeBuyers(
      by: 1, purchases: model, spend: spend, summaries: summaries, horizonMonths: 12, margin: 0.4, discount: .none)
    #expect(double.additionalSecondPurchasers!.isApproximatelyEqual(to: 0.472531, absoluteTolerance: 1e-6))
    #expect(double.change.expectedPurchases.isApproximatelyEqual(to: 1.558132, absoluteTolerance: 1e-6))
    let none = RetentionEconomics.convertingMoreFirstTimeBuyers(
      by: 0, purchases: model, spend: spend, summaries: summaries, horizonMonths: 12, margin: 0.4, discount: .none)
    #expect(none.change == ValueTotals(expectedPurchases: 0, expectedRevenue: 0, lifetimeValue: 0))
    #expect(none.additionalSecondPurchasers == 0)
  }

  @Test func reducingDropoutScalesTheMeanAndKeepsTheConcentration() {
    // BG/NBD at the CDNOW estimates (FHL 2005): mean dropout a / (a + b) = 0.793 / 3.219.
    let bgnbd = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let adjusted = bgnbd.reducingDropout(by: 0.25).parameters
    #expect(adjusted.a.isApproximatelyEqual(to: 0.75 * 0.793, relativeTolerance: 1e-12))
    #expect((adjusted.a + adjusted.b).isApproximatelyEqual(to: 0.793 + 2.426, relativeTolerance: 1e-12))
    #expect(adjusted.r == 0.243 && adjusted.alpha == 4.414)
    #expect(bgnbd.reducingDropout(by: 0) == bgnbd)
    let pareto = ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks).reducingDropout(by: 0.2).parameters
    #expect((pareto.s / pareto.beta).isApproximatelyEqual(to: 0.8 * 0.606 / 11.669, relativeTolerance: 1e-12))
    let mbg = MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks).reducingDropout(by: 0.1).parameters
    #expect((mbg.a / (mbg.a + mbg.b)).isApproximatelyEqual(to: 0.9 * 0.891 / (0.891 + 1.614), relativeTolerance: 1e-12))
  }

  @Test(arguments: [0.05, 0.1, 0.3, 0.6])
  func lowerDropoutMeansMorePurchasesAndValue(fraction: Double) {
    let bgnbd = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let summaries = twoCustomers()
    let outcome = RetentionEconomics.reducingDropout(
      by: fraction, purchases: bgnbd, spend: FixedSpend(value: 25), summaries: summaries, horizonMonths: 24,
      margin: 0.3, discount: DiscountRate(annual: 0.1))
    #expect(outcome.change.expectedPurchases > 0)
    #expect(outcome.change.lifetimeValue > 0)
    // The scenario is the base valued under the adjusted model, customer by customer.
    let direct = LifetimeValue.modelBased(
      purchases: bgnbd.reducingDropout(by: fraction), spend: FixedSpend(value: 25), summaries: summaries,
      horizonMonths: 24, margin: 0.3, discount: DiscountRate(annual: 0.1))
    #expect(outcome.outcome.lifetimeValue.isApproximatelyEqual(to: direct.total, relativeTolerance: 1e-12))
    #expect(outcome.outcome.expectedRevenue.isApproximatelyEqual(to: 25 * direct.expectedPurchases.reduce(0, +), relativeTolerance: 1e-12))
  }

  /// The comparison's parts by hand, NBD(r 0.5, alpha 10), spend 30, margin 0.4, no discount,
  /// 12 months: a new customer is worth 0.4 x 30 x (1 + 0.5 x 52.178571 / 10) = 43.307143;
  /// a converted first-time buyer 0.4 x 30 x 1.739286 / 0.527469 = 39.568. A cost of 30 is
  /// paid back when 12 + 12 x 0.5 x 4.348214 / 10 m = 12 + 2.608929 m >= 30: in month 7.
  @Test func acquisitionAgainstRetention() {
    let comparison = RetentionEconomics.compare(
      acquisitionCost: 30, retentionCost: 5, purchases: NBDModel(r: 0.5, alpha: 10, unit: .weeks), spend: FixedSpend(value: 30),
      summaries: twoCustomers(), horizonMonths: 12, margin: 0.4, discount: .none)
    #expect(comparison.newCustomerValue.isApproximatelyEqual(to: 43.307143, absoluteTolerance: 1e-5))
    #expect(comparison.secondPurchaseValue.isApproximatelyEqual(to: 0.4 * 30 * 1.7392857 / 0.5274691, relativeTolerance: 1e-6))
    #expect(comparison.paybackMonths == 7)
    #expect(comparison.acquisitionReturn.isApproximatelyEqual(to: 43.307143 / 30, relativeTolerance: 1e-6))
    #expect(comparison.retentionReturn > comparison.acquisitionReturn)
  }
}
