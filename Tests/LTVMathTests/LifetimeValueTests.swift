import Foundation
import Testing
import _TestSupport
import LTVMath

/// A test model with a closed form: purchases at rate λ per period while alive, dropout at rate
/// μ per period, everyone alive now. E[Y(t)] = λ (1 − e^(−μt)) / μ.
private struct ExponentialDropoutModel: RepeatPurchaseModel {
  var lambda: Double
  var mu: Double
  var unit = TimeUnit.weeks
  func logLikelihood(frequency: Double, recency: Double, age: Double) -> Double { 0 }
  func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double { 1 }
  func expectedPurchases(withinPeriods t: Double) -> Double { lambda * (1 - exp(-mu * t)) / mu }
  func conditionalExpectedPurchases(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> Double
  {
    expectedPurchases(withinPeriods: t)
  }
  func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double { 0 }
  func probabilityOfNoPurchase(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> Double { 0 }
  func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] { [] }
}

/// A spend model with one order value for everyone (shared by the lifetime-value tests).
struct ConstantSpend: SpendModel {
  var value: Double
  func expectedAverageOrderValue(frequency: Double, monetaryValue: Double) -> Double { value }
  var populationMeanOrderValue: Double { value }
}

/// Hides a model's P(alive) factoring, so that lifetime value takes the month-by-month path.
private struct Unfactored<Model: RepeatPurchaseModel>: RepeatPurchaseModel {
  var model: Model
  var unit: TimeUnit { model.unit }
  func logLikelihood(frequency: Double, recency: Double, age: Double) -> Double {
    model.logLikelihood(frequency: frequency, recency: recency, age: age)
  }
  func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double {
    model.probabilityAlive(frequency: frequency, recency: recency, age: age)
  }
  func expectedPurchases(withinPeriods t: Double) -> Double { model.expectedPurchases(withinPeriods: t) }
  func conditionalExpectedPurchases(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> Double
  {
    model.conditionalExpectedPurchases(withinPeriods: t, frequency: frequency, recency: recency, age: age)
  }
  func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double {
    model.probabilityOfPurchases(n, withinPeriods: t)
  }
  func probabilityOfNoPurchase(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> Double {
    model.probabilityOfNoPurchase(withinPeriods: t, frequency: frequency, recency: recency, age: age)
  }
  func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    model.simulatePurchaseTimes(age: age, using: &generator)
  }
}

struct LifetimeValueTests {
  /// The factored path (P(alive) per customer times an alive curve per (x, T)) gives the same
  /// values as summing each customer's conditional expectations month by month.
  @Test func factoredModelsGiveTheMonthByMonthValues() {
    let summaries = CustomerSummaries(
      options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks),
      customerIDs: ["a", "b", "c", "d", "e"], frequency: [0, 2, 2, 26, 10], recency: [0, 30.43, 10, 30.86, 20],
      age: [38.86, 38.86, 38.86, 31, 39], monetaryValue: [0, 20, 30, 40, 50], orderCounts: [1, 3, 3, 27, 11],
      revenue: [10, 60, 90, 1_080, 550], firstOrderTimes: [0, 0, 0, 0, 0], lastOrderTimes: [0, 0, 0, 0, 0])
    let spend = ConstantSpend(value: 35)
    let discount = DiscountRate(annual: 0.1)
    let bgnbd = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let pareto = ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks)
    for months in [0, 1, 12, 36] {
      let pairs: [(LifetimeValues, LifetimeValues)] = [
        (
          LifetimeValue.modelBased(purchases: bgnbd, spend: spend, summaries: summaries, horizonMonths: months, margin: 0.3, discount: discount),
          LifetimeValue.modelBased(purchases: Unfactored(model: bgnbd), spend: spend, summaries: summaries, horizonMonths: months, margin: 0.3, discount: discount)
        ),
        (
          LifetimeValue.modelBased(purchases: pareto, spend: spend, summaries: summaries, horizonMonths: months, margin: 0.3, discount: discount),
          LifetimeValue.modelBased(purchases: Unfactored(model: pareto), spend: spend, summaries: summaries, horizonMonths: months, margin: 0.3, discount: discount)
        ),
      ]
      for (factored, direct) in pairs {
        for index in summaries.indices {
          // 1e-10: the two paths multiply the same factors in another order.
          #expect(factored.lifetimeValue[index].isApproximatelyEqual(to: direct.lifetimeValue[index], absoluteTolerance: 1e-12, relativeTolerance: 1e-10))
          #expect(factored.expectedPurchases[index].isApproximatelyEqual(to: direct.expectedPurchases[index], absoluteTolerance: 1e-12, relativeTolerance: 1e-10))
        }
      }
    }
  }

  @Test func discountRatesConvertBetweenPeriods() {
    let annual = DiscountRate(annual: 0.10)
    // (1.1)^(7/365.25) - 1, computed by hand: 0.0018282...
    #expect(annual.rate(per: .days(7)).isApproximatelyEqual(to: pow(1.1, 7 / 365.25) - 1, relativeTolerance: 1e-12))
    #expect(annual.rate(per: .days(7)) < 0.002)
    #expect(annual.rate(per: .weeks(1)) == annual.rate(per: .days(7)))
    // 1 % a month compounds to (1.01)^12 - 1 = 12.68 % a year.
    let monthly = DiscountRate(rate: 0.01, per: .days(365.25 / 12))
    #expect(monthly.annualRate.isApproximatelyEqual(to: 0.126825030131970, relativeTolerance: 1e-12))
    #expect(annual.factor(after: .days(365.25)).isApproximatelyEqual(to: 1 / 1.1, relativeTolerance: 1e-12))
  }

  @Test func closedFormsMatchHandComputedCases() {
    // m r / (1 + d - r) with m 100, r 0.8, d 0.1: 80 / 0.3 = 266.67 (Gupta & Lehmann 2003).
    #expect(LifetimeValue.retentionBased(marginPerPeriod: 100, retentionRate: 0.8, discountRate: 0.1)
      .isApproximatelyEqual(to: 80.0 / 0.3, relativeTolerance: 1e-12))
    #expect(LifetimeValue.simple(averageOrderValue: 50, purchasesPerYear: 4, margin: 0.3, lifespanYears: 3) == 180)
    #expect(LifetimeValue.historical(revenue: 1_000, margin: 0.25) == 250)
  }

  @Test func modelValueEqualsABruteForceSumOfDiscountedPurchases() throws {
    let model = ExponentialDropoutModel(lambda: 0.5, mu: 0.02)
    let summaries = CustomerSummaries(
      options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks), customerIDs: ["a"],
      frequency: [2], recency: [10], age: [20], monetaryValue: [30], orderCounts: [3], revenue: [90],
      firstOrderTimes: [0], lastOrderTimes: [0])
    let values = LifetimeValue.modelBased(
      purchases: model, spend: ConstantSpend(value: 40), summaries: summaries, horizonMonths: 12, margin: 0.3,
      discount: DiscountRate(annual: 0.1))
    // Independent brute force: integrate the purchase rate λ e^(−μt) day by day, discounting
    // each day's purchases at the month they fall in (the documented monthly convention).
    var brute = 0.0
    let daysPerMonth = 365.25 / 12
    let steps = 100_000
    let horizonDays = 12 * daysPerMonth
    for step in 0..<steps {
      let day = (Double(step) + 0.5) * horizonDays / Double(steps)
      let month = (day / daysPerMonth).rounded(.up)
      let rate = 0.5 * exp(-0.02 * day / 7) / 7  // purchases per day
      brute += rate * (horizonDays / Double(steps)) * pow(1.1, -month / 12)
    }
    brute *= 0.3 * 40
    #expect(values.lifetimeValue[0].isApproximatelyEqual(to: brute, relativeTolerance: 1e-6))
    #expect(values.expectedPurchases[0].isApproximatelyEqual(
      to: 0.5 * (1 - exp(-0.02 * horizonDays / 7)) / 0.02, relativeTolerance: 1e-12))
    // No discounting and no horizon give the undiscounted sum and zero.
    let flat = LifetimeValue.modelBased(
      purchases: model, spend: ConstantSpend(value: 40), summaries: summaries, horizonMonths: 12, margin: 1,
      discount: .none)
    #expect(flat.lifetimeValue[0].isApproximatelyEqual(to: 40 * flat.expectedPurchases[0], relativeTolerance: 1e-12))
    let none = LifetimeValue.modelBased(
      purchases: model, spend: ConstantSpend(value: 40), summaries: summaries, horizonMonths: 0, margin: 1,
      discount: .none)
    #expect(none.total == 0)
  }

  @Test func newCustomerValueIncludesTheFirstPurchase() {
    let model = ExponentialDropoutModel(lambda: 0.5, mu: 0.02)
    let value = LifetimeValue.newCustomer(
      purchases: model, spend: ConstantSpend(value: 40), horizonMonths: 12, margin: 0.5, discount: .none)
    let repeats = model.expectedPurchases(withinPeriods: 12 * 365.25 / 12 / 7)
    #expect(value.isApproximatelyEqual(to: 0.5 * 40 * (1 + repeats), relativeTolerance: 1e-12))
  }
}
