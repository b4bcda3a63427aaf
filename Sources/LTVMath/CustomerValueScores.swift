public import RetentionModel

/// What every customer of a base is expected to do and be worth over a horizon, in columns:
/// P(alive), expected purchases, the probability of at least one purchase, expected spend per
/// order, the discounted lifetime value and its interval.
///
/// ``LifetimeValue/scores(_:purchases:spend:within:margin:discount:bootstrap:isParallel:)``
/// computes it; `secondsale score` writes it as CSV or JSON:
///
/// ```swift
/// let scores = LifetimeValue.scores(summaries, purchases: bgnbdFit, spend: gammaGammaFit, within: .days(90))
/// for score in scores where (score.lifetimeValueHigh ?? 0) > 100 { print(score.customerID) }
/// ```
///
/// For a first-time buyer (x = 0) ``probabilityOfPurchase`` is the probability of a *second*
/// purchase within the horizon. Money is in the currency of the summaries' monetary values.
public struct CustomerValueScores: Sendable, Hashable, Codable, RandomAccessCollection {
  /// The customer ids, in the order of the summaries.
  public var customerIDs: [String]
  /// The unit of ``recency`` and ``age``: the purchase model's.
  public var unit: TimeUnit
  /// The horizon of the expectations, probabilities and values, as it was asked for.
  public var horizon: TimeSpan
  /// x: the number of repeat purchases.
  public var frequency: [Double]
  /// t_x: the time of the last purchase since the first, in ``unit``.
  public var recency: [Double]
  /// T: the time since the first purchase, in ``unit``.
  public var age: [Double]
  /// P(alive at T), in `0...1`.
  public var probabilityAlive: [Double]
  /// E[Y(horizon) | x, t_x, T]: the expected purchases within the horizon.
  public var expectedPurchases: [Double]
  /// 1 − P(Y(horizon) = 0 | x, t_x, T): the probability of at least one purchase within the
  /// horizon, in `0...1`; for a first-time buyer, of the second purchase.
  public var probabilityOfPurchase: [Double]
  /// E[M | x, z̄]: the expected value of an order (Gamma-Gamma), or `nil` without a spend model.
  public var expectedSpend: [Double]?
  /// The discounted expected margin within the horizon, or `nil` without a spend model.
  public var lifetimeValue: [Double]?
  /// Why ``lifetimeValue`` and ``expectedSpend`` are missing, or `nil`.
  public var lifetimeValueUnavailableReason: String?
  /// The interval of ``lifetimeValue`` from the parameters' uncertainty, or `nil`.
  public var lifetimeValueInterval: LifetimeValueInterval?
  /// Why ``lifetimeValueInterval`` is missing (a parameter without a standard error, no spend
  /// model, no bootstrap asked for), or `nil`.
  public var intervalUnavailableReason: String?
  /// The profit margin on revenue the values use, in `0...1`.
  public var margin: Double
  /// The discount rate the values use.
  public var discount: DiscountRate
  /// The number of distinct (x, t_x, T) triples the purchase model was evaluated on.
  public var uniqueTriples: Int

  /// The first position, 0.
  public var startIndex: Int { 0 }
  /// One past the last position: the number of customers.
  public var endIndex: Int { customerIDs.count }

  /// One customer's scores.
  ///
  /// - Parameter position: A position in `0..<count`.
  public subscript(position: Int) -> CustomerValueScore {
    CustomerValueScore(
      customerID: customerIDs[position], frequency: frequency[position], recency: recency[position],
      age: age[position], probabilityAlive: probabilityAlive[position],
      expectedPurchases: expectedPurchases[position], probabilityOfPurchase: probabilityOfPurchase[position],
      expectedSpend: expectedSpend?[position], lifetimeValue: lifetimeValue?[position],
      lifetimeValueLow: lifetimeValueInterval?.low[position], lifetimeValueHigh: lifetimeValueInterval?.high[position])
  }
}

/// One customer's row of ``CustomerValueScores``.
public struct CustomerValueScore: Sendable, Hashable, Codable {
  /// The customer id.
  public var customerID: String
  /// x: the number of repeat purchases.
  public var frequency: Double
  /// t_x, in the scores' unit.
  public var recency: Double
  /// T, in the scores' unit.
  public var age: Double
  /// P(alive at T).
  public var probabilityAlive: Double
  /// The expected purchases within the horizon.
  public var expectedPurchases: Double
  /// The probability of at least one purchase within the horizon (for x = 0: of the second).
  public var probabilityOfPurchase: Double
  /// The expected value of an order, or `nil` without a spend model.
  public var expectedSpend: Double?
  /// The discounted expected margin within the horizon, or `nil` without a spend model.
  public var lifetimeValue: Double?
  /// The lower end of the lifetime value's interval, or `nil` without one.
  public var lifetimeValueLow: Double?
  /// The upper end of the lifetime value's interval, or `nil` without one.
  public var lifetimeValueHigh: Double?
}

/// A percentile interval of every customer's lifetime value from a parametric bootstrap.
public struct LifetimeValueInterval: Sendable, Hashable, Codable {
  /// The bootstrap that made it: draws, level and seed.
  public var bootstrap: ParameterBootstrap
  /// The lower ends, the (1 − level)/2 percentile of the customer's values over the draws.
  public var low: [Double]
  /// The upper ends, the (1 + level)/2 percentile.
  public var high: [Double]
}

/// A seeded parametric bootstrap of the fitted parameters: how many parameter vectors to draw,
/// the level of the percentile interval, and the seed.
///
/// Each draw takes the purchase model's parameters (and the spend model's) from the normal
/// distribution of their log-values that the fit's covariance describes
/// (``RetentionModel/ModelFit/parameterDraws(_:using:)``), re-scores every customer, and the
/// interval is the percentiles of a customer's values over the draws. It describes the
/// uncertainty of the *parameters* (how well the data pin down the model); what the customer
/// will actually buy varies far more.
///
/// ```swift
/// let bootstrap = ParameterBootstrap(draws: 500, level: 0.9, seed: 42)
/// ```
public struct ParameterBootstrap: Sendable, Hashable, Codable {
  /// The number of parameter draws, `>= 2`.
  public var draws: Int
  /// The interval's level, in `0 < level < 1` (0.9: from the 5th to the 95th percentile).
  public var level: Double
  /// The seed of the draws; equal seeds give equal intervals.
  public var seed: UInt64

  /// Creates bootstrap options.
  ///
  /// - Parameters:
  ///   - draws: The number of draws; 200 by default.
  ///   - level: The interval's level; 0.9 by default.
  ///   - seed: The seed; 1 by default.
  /// - Precondition: `draws >= 2` and `0 < level < 1`.
  public init(draws: Int = 200, level: Double = 0.9, seed: UInt64 = 1) {
    precondition(draws >= 2, "a bootstrap needs at least two draws")
    precondition(level > 0 && level < 1, "the level must be in 0 < level < 1")
    self.draws = draws
    self.level = level
    self.seed = seed
  }
}
