import Foundation
public import RetentionModel

/// A repeat-purchase model whose dropout process can be made less (or more) likely, for
/// what-if analysis.
///
/// Conforming models scale the *mean* of their dropout distribution and keep its shape's
/// concentration, so a scenario changes how long customers stay, not how alike they are.
public protocol DropoutAdjustable: RepeatPurchaseModel {
  /// The same model with the mean dropout (probability or rate) multiplied by
  /// `1 - fraction`.
  ///
  /// - Parameter fraction: The relative reduction, in `0..<1` (0.1 for "dropout falls by 10 %").
  /// - Returns: The adjusted model.
  func reducingDropout(by fraction: Double) -> Self
}

extension BGNBDModel: DropoutAdjustable {
  /// The BG/NBD model with the mean dropout probability a/(a + b) after each purchase reduced
  /// by `fraction`, keeping a + b (the beta distribution's concentration).
  public func reducingDropout(by fraction: Double) -> BGNBDModel {
    precondition(fraction >= 0 && fraction < 1, "the reduction must be in 0..<1")
    let p = parameters
    let total = p.a + p.b
    let a = p.a * (1 - fraction)
    return BGNBDModel(r: p.r, alpha: p.alpha, a: a, b: total - a, unit: unit)
  }
}

extension MBGNBDModel: DropoutAdjustable {
  /// The MBG/NBD model with the mean dropout probability a/(a + b) reduced by `fraction`,
  /// keeping a + b.
  public func reducingDropout(by fraction: Double) -> MBGNBDModel {
    precondition(fraction >= 0 && fraction < 1, "the reduction must be in 0..<1")
    let p = parameters
    let total = p.a + p.b
    let a = p.a * (1 - fraction)
    return MBGNBDModel(r: p.r, alpha: p.alpha, a: a, b: total - a, unit: unit)
  }
}

extension ParetoNBDModel: DropoutAdjustable {
  /// The Pareto/NBD model with the mean dropout rate s/β reduced by `fraction` (β divided by
  /// 1 − fraction), keeping the gamma shape s.
  public func reducingDropout(by fraction: Double) -> ParetoNBDModel {
    precondition(fraction >= 0 && fraction < 1, "the reduction must be in 0..<1")
    let p = parameters
    return ParetoNBDModel(r: p.r, alpha: p.alpha, s: p.s, beta: p.beta / (1 - fraction), unit: unit)
  }
}

/// Expected purchases, revenue and lifetime value of a customer base over a horizon.
public struct ValueTotals: Sendable, Hashable, Codable {
  /// Expected purchases within the horizon.
  public var expectedPurchases: Double
  /// Expected revenue within the horizon (undiscounted, in the data's currency).
  public var expectedRevenue: Double
  /// Discounted expected margin within the horizon.
  public var lifetimeValue: Double

  /// Creates totals.
  public init(expectedPurchases: Double, expectedRevenue: Double, lifetimeValue: Double) {
    self.expectedPurchases = expectedPurchases
    self.expectedRevenue = expectedRevenue
    self.lifetimeValue = lifetimeValue
  }

  /// The difference `self - other`, field by field.
  public func subtracting(_ other: ValueTotals) -> ValueTotals {
    ValueTotals(
      expectedPurchases: expectedPurchases - other.expectedPurchases,
      expectedRevenue: expectedRevenue - other.expectedRevenue, lifetimeValue: lifetimeValue - other.lifetimeValue)
  }
}

/// The outcome of a what-if scenario: the base as the fitted models expect it, and as the
/// scenario changes it.
public struct WhatIfOutcome: Sendable, Hashable, Codable {
  /// A plain-language description of the scenario.
  public var scenario: String
  /// The totals under the fitted models.
  public var baseline: ValueTotals
  /// The totals under the scenario.
  public var outcome: ValueTotals
  /// For the conversion scenario, the expected number of additional first-time buyers who
  /// make a second purchase within the horizon; `nil` for other scenarios.
  public var additionalSecondPurchasers: Double?
  /// `outcome - baseline`.
  public var change: ValueTotals

  /// Creates an outcome; ``change`` is `outcome - baseline`.
  public init(scenario: String, baseline: ValueTotals, outcome: ValueTotals, additionalSecondPurchasers: Double?) {
    self.scenario = scenario
    self.baseline = baseline
    self.outcome = outcome
    self.additionalSecondPurchasers = additionalSecondPurchasers
    change = outcome.subtracting(baseline)
  }
}

/// Acquisition against retention: what a new customer is worth, what winning a first-time
/// buyer's second purchase is worth, and what each costs.
public struct AcquisitionRetentionComparison: Sendable, Hashable, Codable {
  /// The cost of acquiring one new customer.
  public var acquisitionCost: Double
  /// The cost of winning one additional second purchase from a first-time buyer (the campaign
  /// cost divided by the customers it converts).
  public var retentionCost: Double
  /// The discounted expected margin of a new customer over the horizon, first purchase
  /// included (``LifetimeValue/newCustomer(purchases:spend:horizonMonths:margin:discount:)``).
  public var newCustomerValue: Double
  /// The discounted expected margin added by converting one more first-time buyer into a
  /// repeat buyer within the horizon (the mean value of the model's converters).
  public var secondPurchaseValue: Double
  /// Months until a new customer's cumulative discounted margin covers the acquisition cost, or
  /// `nil` if it does not within the horizon.
  public var paybackMonths: Int?

  /// Margin returned per unit spent on acquisition, `newCustomerValue / acquisitionCost`.
  public var acquisitionReturn: Double { acquisitionCost > 0 ? newCustomerValue / acquisitionCost : .infinity }
  /// Margin returned per unit spent on retention, `secondPurchaseValue / retentionCost`.
  public var retentionReturn: Double { retentionCost > 0 ? secondPurchaseValue / retentionCost : .infinity }
}

/// The shop owner's arithmetic of retention: payback of the acquisition cost, acquisition
/// against retention spending, and what-if scenarios driven by the fitted models.
///
/// ```swift
/// let comparison = RetentionEconomics.compare(
///   acquisitionCost: 40, retentionCost: 8, purchases: bgnbd, spend: gammaGamma,
///   summaries: summaries, horizonMonths: 24, margin: 0.3, discount: DiscountRate(annual: 0.1))
/// let nudge = RetentionEconomics.convertingMoreFirstTimeBuyers(
///   by: 0.1, purchases: bgnbd, spend: gammaGamma, summaries: summaries,
///   horizonMonths: 12, margin: 0.3, discount: .none)
/// print(nudge.change.expectedRevenue)
/// ```
///
/// All amounts are in the currency of the data the spend model was fitted on; months are
/// 365.25 / 12 days, measured in the repeat-purchase model's own ``RepeatPurchaseModel/unit``
/// (summaries in another unit are converted to it once).
public enum RetentionEconomics {
  /// Months until the cumulative discounted expected margin of a new customer, first purchase
  /// included, reaches `acquisitionCost`.
  ///
  /// The margin after *m* months is margin · E[M] · (1 + Σₖ₌₁ᵐ (E[X(tₖ)] − E[X(tₖ₋₁)]) · δₖ),
  /// with E[X(t)] the model's expected repeat purchases of a new customer, E[M] the spend
  /// model's population mean and δₖ the discount factor of month *k*.
  ///
  /// - Parameters:
  ///   - acquisitionCost: The cost of acquiring one customer, `>= 0`.
  ///   - purchases: A repeat-purchase model, in any unit.
  ///   - spend: A spend model.
  ///   - margin: The profit margin on revenue, `0...1`.
  ///   - discount: The discount rate.
  ///   - maximumMonths: How far to look, `>= 0`.
  /// - Returns: The month (0 when the first purchase pays it back), or `nil` if the cost is not
  ///   recovered within `maximumMonths`.
  /// - Complexity: O(*m*) model evaluations.
  public static func paybackMonths(
    acquisitionCost: Double, purchases: some RepeatPurchaseModel, spend: some SpendModel,
    margin: Double, discount: DiscountRate, maximumMonths: Int = 120
  ) -> Int? {
    precondition(acquisitionCost >= 0 && acquisitionCost.isFinite, "the acquisition cost must be non-negative")
    precondition(margin >= 0 && margin.isFinite && maximumMonths >= 0)
    let perPurchase = margin * spend.populationMeanOrderValue
    let periodsPerMonth = LifetimeValue.daysPerMonth / purchases.unit.days
    var cumulative = perPurchase
    if cumulative >= acquisitionCost { return 0 }
    var previous = 0.0
    for month in stride(from: 1, through: maximumMonths, by: 1) {
      let current = purchases.expectedPurchases(withinPeriods: Double(month) * periodsPerMonth)
      cumulative +=
        perPurchase * Swift.max(0, current - previous)
        * discount.factor(after: .days(Double(month) * LifetimeValue.daysPerMonth))
      previous = current
      if cumulative >= acquisitionCost { return month }
    }
    return nil
  }

  /// The expected purchases, revenue and lifetime value of a base over a horizon.
  ///
  /// - Parameters:
  ///   - purchases: A repeat-purchase model, in any unit.
  ///   - spend: A spend model.
  ///   - summaries: The customers, in any unit.
  ///   - horizonMonths: The horizon in months, `>= 0`.
  ///   - margin: The profit margin, `0...1`.
  ///   - discount: The discount rate.
  /// - Complexity: O(*n* · *H*) model evaluations for *n* customers.
  public static func totals(
    purchases: some RepeatPurchaseModel, spend: some SpendModel, summaries: CustomerSummaries, horizonMonths: Int,
    margin: Double, discount: DiscountRate
  ) -> ValueTotals {
    let values = LifetimeValue.modelBased(
      purchases: purchases, spend: spend, summaries: summaries, horizonMonths: horizonMonths, margin: margin,
      discount: discount)
    return totals(of: values)
  }

  private static func totals(of values: LifetimeValues) -> ValueTotals {
    var revenue = 0.0
    for index in values.expectedPurchases.indices {
      revenue += values.expectedPurchases[index] * values.expectedSpend[index]
    }
    return ValueTotals(
      expectedPurchases: values.expectedPurchases.reduce(0, +), expectedRevenue: revenue, lifetimeValue: values.total)
  }

  /// What if the dropout probability (or rate) falls by `fraction`: the base's expected
  /// purchases, revenue and value under the model with its mean dropout reduced
  /// (``DropoutAdjustable/reducingDropout(by:)``), each customer keeping their history.
  ///
  /// - Parameters:
  ///   - fraction: The relative reduction of the mean dropout, in `0..<1`.
  ///   - purchases: A fitted BG/NBD, MBG/NBD or Pareto/NBD model (or any dropout-adjustable model).
  ///   - spend: A spend model.
  ///   - summaries: The customers.
  ///   - horizonMonths: The horizon in months.
  ///   - margin: The profit margin.
  ///   - discount: The discount rate.
  /// - Returns: The baseline, the scenario and their difference.
  /// - Complexity: O(*n* · *H*) model evaluations.
  public static func reducingDropout<Model: DropoutAdjustable>(
    by fraction: Double, purchases: Model, spend: some SpendModel, summaries: CustomerSummaries, horizonMonths: Int,
    margin: Double, discount: DiscountRate
  ) -> WhatIfOutcome {
    let baseline = totals(
      purchases: purchases, spend: spend, summaries: summaries, horizonMonths: horizonMonths, margin: margin,
      discount: discount)
    let outcome = totals(
      purchases: purchases.reducingDropout(by: fraction), spend: spend, summaries: summaries,
      horizonMonths: horizonMonths, margin: margin, discount: discount)
    return WhatIfOutcome(
      scenario: "dropout \(percent(fraction)) lower over \(horizonMonths) months", baseline: baseline, outcome: outcome,
      additionalSecondPurchasers: nil)
  }

  /// What if `fraction` more first-time buyers made a second purchase within the horizon.
  ///
  /// For a first-time buyer (x = 0) the model gives the probability πᵢ = 1 − P(Y(h) = 0 | x, T)
  /// of a purchase within the horizon, and E[Yᵢ(h)] / πᵢ expected purchases (and value) if she
  /// makes one. The scenario raises πᵢ to min(1, πᵢ · (1 + fraction)); the extra converters
  /// behave like the model's converters of her age. Repeat buyers are unchanged.
  ///
  /// - Parameters:
  ///   - fraction: The relative increase of each first-time buyer's conversion probability,
  ///     `>= 0` (0.1 for "10 % more").
  ///   - purchases: A fitted repeat-purchase model, in any unit.
  ///   - spend: A spend model.
  ///   - summaries: The customers, in any unit.
  ///   - horizonMonths: The horizon in months.
  ///   - margin: The profit margin.
  ///   - discount: The discount rate.
  /// - Returns: The baseline, the scenario, their difference and the additional second purchasers.
  /// - Complexity: O(*n* · *H*) model evaluations.
  public static func convertingMoreFirstTimeBuyers(
    by fraction: Double, purchases: some RepeatPurchaseModel, spend: some SpendModel, summaries: CustomerSummaries,
    horizonMonths: Int, margin: Double, discount: DiscountRate
  ) -> WhatIfOutcome {
    precondition(fraction >= 0 && fraction.isFinite, "the increase must be non-negative")
    let summaries = summaries.converted(to: purchases.unit)
    let values = LifetimeValue.modelBased(
      purchases: purchases, spend: spend, summaries: summaries, horizonMonths: horizonMonths, margin: margin,
      discount: discount)
    let baseline = totals(of: values)
    let horizon = TimeSpan.days(Double(horizonMonths) * LifetimeValue.daysPerMonth).periods(in: purchases.unit)
    var outcome = baseline
    var additional = 0.0
    for index in summaries.indices where summaries.frequency[index] == 0 {
      let converting =
        1
        - purchases.probabilityOfNoPurchase(withinPeriods: horizon, frequency: 0, recency: 0, age: summaries.age[index])
      guard converting > 0 else { continue }
      let raised = Swift.min(1, converting * (1 + fraction))
      let scale = raised / converting - 1
      additional += raised - converting
      outcome.expectedPurchases += scale * values.expectedPurchases[index]
      outcome.expectedRevenue += scale * values.expectedPurchases[index] * values.expectedSpend[index]
      outcome.lifetimeValue += scale * values.lifetimeValue[index]
    }
    return WhatIfOutcome(
      scenario: "\(percent(fraction)) more first-time buyers make a second purchase within \(horizonMonths) months",
      baseline: baseline, outcome: outcome, additionalSecondPurchasers: additional)
  }

  /// Acquisition against retention spending for a fitted base.
  ///
  /// The value of one more second purchase is the mean value, over the first-time buyers, of a
  /// converter: Σ CLVᵢ / Σ πᵢ (see ``convertingMoreFirstTimeBuyers(by:purchases:spend:summaries:horizonMonths:margin:discount:)``).
  ///
  /// - Parameters:
  ///   - acquisitionCost: The cost of one new customer, `>= 0`.
  ///   - retentionCost: The cost of one additional second purchase, `>= 0`.
  ///   - purchases: A fitted repeat-purchase model, in any unit.
  ///   - spend: A spend model.
  ///   - summaries: The customers, in any unit.
  ///   - horizonMonths: The horizon in months.
  ///   - margin: The profit margin.
  ///   - discount: The discount rate.
  /// - Returns: Values, costs, returns and the payback period.
  /// - Complexity: O(*n* · *H*) model evaluations.
  public static func compare(
    acquisitionCost: Double, retentionCost: Double, purchases: some RepeatPurchaseModel, spend: some SpendModel,
    summaries: CustomerSummaries, horizonMonths: Int, margin: Double, discount: DiscountRate
  ) -> AcquisitionRetentionComparison {
    precondition(acquisitionCost >= 0 && retentionCost >= 0, "costs must be non-negative")
    let summaries = summaries.converted(to: purchases.unit)
    let values = LifetimeValue.modelBased(
      purchases: purchases, spend: spend, summaries: summaries, horizonMonths: horizonMonths, margin: margin,
      discount: discount)
    let horizon = TimeSpan.days(Double(horizonMonths) * LifetimeValue.daysPerMonth).periods(in: purchases.unit)
    var convertedValue = 0.0, converters = 0.0
    for index in summaries.indices where summaries.frequency[index] == 0 {
      converters +=
        1
        - purchases.probabilityOfNoPurchase(withinPeriods: horizon, frequency: 0, recency: 0, age: summaries.age[index])
      convertedValue += values.lifetimeValue[index]
    }
    return AcquisitionRetentionComparison(
      acquisitionCost: acquisitionCost, retentionCost: retentionCost,
      newCustomerValue: LifetimeValue.newCustomer(
        purchases: purchases, spend: spend, horizonMonths: horizonMonths, margin: margin, discount: discount),
      secondPurchaseValue: converters > 0 ? convertedValue / converters : 0,
      paybackMonths: paybackMonths(
        acquisitionCost: acquisitionCost, purchases: purchases, spend: spend, margin: margin,
        discount: discount, maximumMonths: horizonMonths))
  }

  private static func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == value.rounded() ? "\(Int(value)) %" : String(format: "%.1f %%", value)
  }
}
