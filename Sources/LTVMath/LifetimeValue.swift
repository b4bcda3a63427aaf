import Foundation
public import RetentionModel

/// The lifetime value of every customer of a summary set, with its parts.
public struct LifetimeValues: Sendable, Codable {
  /// Customer ids.
  public var customerIDs: [String]
  /// Expected purchases within the horizon.
  public var expectedPurchases: [Double]
  /// Expected value of a purchase (the spend model's E[M | x, z̄]).
  public var expectedSpend: [Double]
  /// Discounted expected margin within the horizon.
  public var lifetimeValue: [Double]

  /// The sum of ``lifetimeValue``.
  public var total: Double { lifetimeValue.reduce(0, +) }

  /// The positions of the customers, highest lifetime value first (ties by position).
  ///
  /// - Complexity: O(*n* log *n*).
  public func rankedPositions() -> [Int] {
    lifetimeValue.indices.sorted { (lifetimeValue[$1], $0) < (lifetimeValue[$0], $1) }
  }
}

/// Model-based and closed-form customer lifetime value.
///
/// The model-based value of a customer over a horizon of *H* months is
///
///     CLV = margin · E[M | x, z̄] · Σₘ₌₁ᴴ (E[Y(tₘ)] − E[Y(tₘ₋₁)]) · (1 + d)^(−m/12)
///
/// where E[Y(t)] is the repeat-purchase model's conditional expectation of purchases in the
/// next *t* periods, tₘ is *m* months (30.4375 days each) in the model's own
/// ``RepeatPurchaseModel/unit``, and *d* the effective annual discount rate: purchases are
/// discounted monthly, at the rate of a month. Horizons are whole months because the value is
/// summed month by month; the model's unit comes from the model, never from the caller, so a
/// weekly model and a daily model of the same customers give the same value.
public enum LifetimeValue {
  /// Days in one month (365.25 / 12).
  public static let daysPerMonth = 365.25 / 12

  /// The lifetime value of every customer of a summary set.
  ///
  /// ```swift
  /// let values = LifetimeValue.modelBased(
  ///   purchases: bgnbd, spend: gammaGamma, summaries: summaries,
  ///   horizonMonths: 12, margin: 0.3, discount: DiscountRate(annual: 0.1))
  /// ```
  ///
  /// - Parameters:
  ///   - purchases: A repeat-purchase model, in any unit.
  ///   - spend: A spend model.
  ///   - summaries: The customers' (x, t_x, T, z̄), in any unit (converted to the model's once).
  ///   - horizonMonths: The horizon in months, `>= 0`.
  ///   - margin: The profit margin on revenue, in `0...1` (1 for revenue).
  ///   - discount: The discount rate.
  /// - Returns: Per customer expected purchases, expected spend and lifetime value.
  /// - Complexity: O(*n* · *H*) model evaluations for *n* customers.
  public static func modelBased(
    purchases: some RepeatPurchaseModel, spend: some SpendModel, summaries: CustomerSummaries,
    horizonMonths: Int, margin: Double, discount: DiscountRate
  ) -> LifetimeValues {
    precondition(horizonMonths >= 0, "the horizon must not be negative")
    precondition(margin >= 0 && margin.isFinite, "the margin must be non-negative")
    let summaries = summaries.converted(to: purchases.unit)
    let periodsPerMonth = daysPerMonth / purchases.unit.days
    let factors = (0...horizonMonths).map { discount.factor(after: .days(Double($0) * daysPerMonth)) }
    let count = summaries.count
    var expected = [Double](repeating: 0, count: count)
    var spendValues = [Double](repeating: 0, count: count)
    var values = [Double](repeating: 0, count: count)
    // Customers with equal (x, t_x, T) share the purchase part; compute it once per triple.
    // Models that factor as P(alive) times an alive expectation share the monthly curve of
    // the alive expectation across all customers with equal (x, T).
    let factoring = purchases as? any AliveFactoring
    /// The expectation at the horizon and the discounted sum of its monthly increments.
    func discountedCurve(_ expectation: (Double) -> Double) -> (Double, Double) {
      var previous = 0.0, sum = 0.0
      for month in stride(from: 1, through: horizonMonths, by: 1) {
        let current = expectation(Double(month) * periodsPerMonth)
        sum += Swift.max(0, current - previous) * factors[month]
        previous = current
      }
      return (previous, sum)
    }
    var cache: [SIMD3<Double>: (Double, Double)] = [:]
    var aliveCurves: [SIMD2<Double>: (Double, Double)] = [:]
    for index in 0..<count {
      let x = summaries.frequency[index], tx = summaries.recency[index], t = summaries.age[index]
      let key = SIMD3(x, tx, t)
      let (purchasesInHorizon, discounted): (Double, Double)
      if let cached = cache[key] {
        (purchasesInHorizon, discounted) = cached
      } else if let factoring {
        let pair = SIMD2(x, t)
        let curve: (Double, Double)
        if let known = aliveCurves[pair] {
          curve = known
        } else {
          curve = discountedCurve { factoring.expectedPurchasesIfAlive(withinPeriods: $0, frequency: x, age: t) }
          aliveCurves[pair] = curve
        }
        let alive = horizonMonths > 0 ? factoring.probabilityAlive(frequency: x, recency: tx, age: t) : 0
        (purchasesInHorizon, discounted) = (alive * curve.0, alive * curve.1)
        cache[key] = (purchasesInHorizon, discounted)
      } else {
        (purchasesInHorizon, discounted) = discountedCurve {
          purchases.conditionalExpectedPurchases(withinPeriods: $0, frequency: x, recency: tx, age: t)
        }
        cache[key] = (purchasesInHorizon, discounted)
      }
      let orderValue = spend.expectedAverageOrderValue(frequency: x, monetaryValue: summaries.monetaryValue[index])
      expected[index] = purchasesInHorizon
      spendValues[index] = orderValue
      values[index] = margin * orderValue * discounted
    }
    return LifetimeValues(
      customerIDs: summaries.customerIDs, expectedPurchases: expected, expectedSpend: spendValues,
      lifetimeValue: values)
  }

  /// What a newly acquired customer is worth: the margin of the first purchase plus the
  /// discounted expected margin of the repeat purchases within the horizon (E[X(t)] of the
  /// model, spend at the population mean).
  ///
  /// ```swift
  /// let value = LifetimeValue.newCustomer(
  ///   purchases: bgnbd, spend: gammaGamma, horizonMonths: 24, margin: 0.3, discount: DiscountRate(annual: 0.1))
  /// ```
  ///
  /// - Parameters:
  ///   - purchases: A repeat-purchase model; its months are measured in its own ``RepeatPurchaseModel/unit``.
  ///   - spend: A spend model (its population mean is used).
  ///   - horizonMonths: The horizon in months of 365.25 / 12 days, `>= 0`.
  ///   - margin: The profit margin, `0...1`.
  ///   - discount: The discount rate.
  /// - Returns: The discounted expected margin of a new customer, first purchase included.
  /// - Complexity: O(*H*) model evaluations.
  public static func newCustomer(
    purchases: some RepeatPurchaseModel, spend: some SpendModel, horizonMonths: Int, margin: Double,
    discount: DiscountRate
  ) -> Double {
    precondition(horizonMonths >= 0 && margin >= 0)
    let periodsPerMonth = daysPerMonth / purchases.unit.days
    var previous = 0.0, sum = 0.0
    for month in stride(from: 1, through: horizonMonths, by: 1) {
      let current = purchases.expectedPurchases(withinPeriods: Double(month) * periodsPerMonth)
      sum += Swift.max(0, current - previous) * discount.factor(after: .days(Double(month) * daysPerMonth))
      previous = current
    }
    return margin * spend.populationMeanOrderValue * (1 + sum)
  }

  /// Historical value: the margin earned so far, revenue · margin.
  public static func historical(revenue: Double, margin: Double) -> Double {
    revenue * margin
  }

  /// The textbook rule of thumb: average order value × purchases per year × margin × lifespan
  /// in years (undiscounted).
  public static func simple(averageOrderValue: Double, purchasesPerYear: Double, margin: Double, lifespanYears: Double)
    -> Double
  {
    averageOrderValue * purchasesPerYear * margin * lifespanYears
  }

  /// Retention-based value of a customer after the current period, m · r / (1 + d − r)
  /// (Gupta & Lehmann 2003): margin `m` per period, retention rate `r` per period, discount
  /// rate `d` per period (all of the same period).
  ///
  /// - Precondition: `0 <= r < 1 + d`.
  public static func retentionBased(marginPerPeriod m: Double, retentionRate r: Double, discountRate d: Double) -> Double {
    precondition(r >= 0 && r < 1 + d, "the retention rate must be below 1 + the discount rate")
    return m * r / (1 + d - r)
  }
}
