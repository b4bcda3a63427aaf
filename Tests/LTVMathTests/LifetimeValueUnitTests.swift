import Foundation
import Testing
import _TestSupport
import LTVMath

/// Issue 16: `newCustomer(..., unit: .days)` on a weekly model counted every month as 30.4375
/// weeks. The unit now comes from the model; there is no argument to get wrong.
struct LifetimeValueUnitTests {
  /// NBD(r 2, α 10) in weeks makes r t / α = 0.2 t repeat purchases in t weeks; 12 months are
  /// 365.25 / 7 = 52.178571 weeks, so 10.435714 repeat purchases, and with margin 0.5 on a spend
  /// of 20 a new customer is worth 10 × (1 + 10.435714) = 114.357143 undiscounted. The same
  /// model written in days (α 70) is worth the same. Reading the weekly model's months as days
  /// (the old mistake) would have counted 2 × 365.25 / 10 = 73.05 repeat purchases: 740.5.
  @Test func newCustomerValueTakesTheUnitFromTheModel() {
    let spend = ConstantSpend(value: 20)
    let weekly = NBDModel(r: 2, alpha: 10, unit: .weeks)
    let daily = NBDModel(r: 2, alpha: 70, unit: .days)
    for model in [weekly, daily] {
      let value = LifetimeValue.newCustomer(
        purchases: model, spend: spend, horizonMonths: 12, margin: 0.5, discount: .none)
      #expect(value.isApproximatelyEqual(to: 114.357143, absoluteTolerance: 1e-6))
    }
    let discounted = DiscountRate(annual: 0.1)
    #expect(
      LifetimeValue.newCustomer(purchases: daily, spend: spend, horizonMonths: 24, margin: 0.5, discount: discounted)
        .isApproximatelyEqual(
          to: LifetimeValue.newCustomer(
            purchases: weekly, spend: spend, horizonMonths: 24, margin: 0.5, discount: discounted),
          relativeTolerance: 1e-12))
    #expect(
      RetentionEconomics.paybackMonths(
        acquisitionCost: 40, purchases: daily, spend: spend, margin: 0.5, discount: .none) == 4)
    #expect(
      RetentionEconomics.paybackMonths(
        acquisitionCost: 40, purchases: weekly, spend: spend, margin: 0.5, discount: .none) == 4)
  }

  /// Summaries in days valued with a weekly model give the weekly values, bit for bit (they are
  /// converted once); a model written in days values the weekly summaries alike.
  @Test func summariesAndModelsInDifferentUnitsGiveTheSameValues() {
    let weeklyOptions = SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks)
    let weekly = CustomerSummaries(
      options: weeklyOptions, customerIDs: ["a", "b", "c"], frequency: [0, 2, 26],
      recency: [0, 30, 30.857142857142858],
      age: [38.857142857142854, 38.857142857142854, 31], monetaryValue: [0, 20, 40], orderCounts: [1, 3, 27],
      revenue: [10, 60, 1_080], firstOrderTimes: [0, 0, 0], lastOrderTimes: [0, 0, 0])
    var dailyOptions = weeklyOptions
    dailyOptions.unit = .days
    let daily = CustomerSummaries(
      options: dailyOptions, customerIDs: ["a", "b", "c"], frequency: [0, 2, 26], recency: [0, 210, 216],
      age: [272, 272, 217], monetaryValue: [0, 20, 40], orderCounts: [1, 3, 27],
      revenue: [10, 60, 1_080], firstOrderTimes: [0, 0, 0], lastOrderTimes: [0, 0, 0])
    #expect(daily.converted(to: .weeks).recency == weekly.recency && daily.converted(to: .weeks).age == weekly.age)
    let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let spend = ConstantSpend(value: 35)
    let discount = DiscountRate(annual: 0.1)
    let fromWeeks = LifetimeValue.modelBased(
      purchases: model, spend: spend, summaries: weekly, horizonMonths: 12, margin: 0.3, discount: discount)
    let fromDays = LifetimeValue.modelBased(
      purchases: model, spend: spend, summaries: daily, horizonMonths: 12, margin: 0.3, discount: discount)
    #expect(fromDays.lifetimeValue == fromWeeks.lifetimeValue)
    let twin = BGNBDModel(r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426, unit: .days)
    let fromTwin = LifetimeValue.modelBased(
      purchases: twin, spend: spend, summaries: weekly, horizonMonths: 12, margin: 0.3, discount: discount)
    for index in weekly.indices {
      #expect(
        fromTwin.lifetimeValue[index].isApproximatelyEqual(to: fromWeeks.lifetimeValue[index], relativeTolerance: 1e-11)
      )
    }
    let comparison = RetentionEconomics.compare(
      acquisitionCost: 30, retentionCost: 5, purchases: model, spend: spend, summaries: daily, horizonMonths: 12,
      margin: 0.3, discount: discount)
    #expect(
      comparison
        == RetentionEconomics.compare(
          acquisitionCost: 30, retentionCost: 5, purchases: model, spend: spend, summaries: weekly, horizonMonths: 12,
          margin: 0.3, discount: discount))
  }
}
