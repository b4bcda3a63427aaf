import Foundation

/// The MBG/CNBD-k model of Platzer & Reutterer (2016), "Ticking away the moments: timing
/// regularity helps to better predict customer activity", *Marketing Science* 35(5), 779-799
/// (BTYDplus `mbgcnbd.*`; also Reutterer, Platzer & Schröder 2021, *IJRM* 38(1)).
///
/// The MBG/NBD (``MBGNBDModel``) with Erlang-k inter-purchase times: while alive a customer buys
/// every k-th event of a Poisson process with rate λ ~ Gamma(r, α), so for k > 1 the gaps are
/// more regular than exponential (their coefficient of variation is 1/√k) and a long silence
/// says more about dropout; after every purchase, the first included, the customer drops out
/// with probability p ~ Beta(a, b). k = 1 is the MBG/NBD. The formulas and their derivation are
/// in `ErlangBetaGeometric.swift`.
///
/// ```swift
/// let data = try PurchaseTimingData(summaries: summaries, log: log)
/// let search = try MBGCNBDModel.fit(data)          // k = 1...12 by likelihood
/// let model = search.best.model                    // the online grocer: k = 2
/// model.probabilityAlive(frequency: 3, recency: 12, age: 52)
/// ```
///
/// The protocol's ``logLikelihood(frequency:recency:age:)`` leaves out the timing term
/// (k−1) litt − x ln (k−1)!, which needs the purchase times and does not depend on r, α, a or b;
/// ``logLikelihood(frequency:recency:age:logInterPurchaseTimes:)`` includes it. The conditional
/// expectation depends on t_x through the phase of the Erlang clock, so the model does not
/// factor as ``AliveFactoring`` models do.
public struct MBGCNBDModel: RepeatPurchaseModel, ParametricModel, Hashable, Codable {
  /// The (M)BG/CNBD-k parameters, named as in BTYDplus: the regularity k, r and α of the gamma
  /// distribution of purchase rates, a and b of the beta distribution of dropout probabilities.
  public struct Parameters: ModelParameters {
    /// The regularity: the number of exponential stages per inter-purchase time, `k >= 1`.
    public var k: Int
    /// The shape of the gamma distribution of stage rates.
    public var r: Double
    /// The scale of the gamma distribution of stage rates, in periods (the mean purchase rate
    /// of a customer is r/(kα)).
    public var alpha: Double
    /// The first shape of the beta distribution of dropout probabilities.
    public var a: Double
    /// The second shape of the beta distribution of dropout probabilities.
    public var b: Double

    /// The names in vector order: `k`, `r`, `alpha`, `a`, `b`.
    public static let names = ["k", "r", "alpha", "a", "b"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - k: The regularity, `k >= 1`.
    ///   - r: The gamma shape.
    ///   - alpha: The gamma scale.
    ///   - a: The first beta shape.
    ///   - b: The second beta shape.
    public init(k: Int, r: Double, alpha: Double, a: Double, b: Double) {
      precondition(k >= 1, "k must be at least 1")
      self.k = k
      self.r = r
      self.alpha = alpha
      self.a = a
      self.b = b
    }

    /// Creates parameters from `[k, r, alpha, a, b]`.
    ///
    /// - Parameter values: Five values, the first a whole number `>= 1`.
    public init(values: [Double]) {
      precondition(values.count == 5, "(M)BG/CNBD-k has five parameters")
      precondition(
        values[0] >= 1 && values[0] == values[0].rounded() && values[0] < 1e6, "k must be a whole number >= 1")
      self.init(k: Int(values[0]), r: values[1], alpha: values[2], a: values[3], b: values[4])
    }

    /// `[k, r, alpha, a, b]`.
    public var values: [Double] { [Double(k), r, alpha, a, b] }
  }

  /// `"mbgcnbd"`.
  public static let identifier = "mbgcnbd"

  /// The parameters.
  public let parameters: Parameters
  /// The unit the parameters are per period of; t_x, T, litt and horizons in periods of it.
  public let unit: TimeUnit

  /// Creates the model.
  ///
  /// - Parameters:
  ///   - parameters: Positive, finite parameters.
  ///   - unit: The unit they are per period of.
  public init(parameters: Parameters, unit: TimeUnit) {
    precondition(parameters.arePositiveAndFinite, "(M)BG/CNBD-k parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its five parameters.
  ///
  /// - Parameters:
  ///   - k: The regularity, `k >= 1`.
  ///   - r: The gamma shape.
  ///   - alpha: The gamma scale.
  ///   - a: The first beta shape.
  ///   - b: The second beta shape.
  ///   - unit: The unit the parameters are per period of.
  public init(k: Int, r: Double, alpha: Double, a: Double, b: Double, unit: TimeUnit) {
    self.init(parameters: Parameters(k: k, r: r, alpha: alpha, a: a, b: b), unit: unit)
  }

  var core: ErlangBetaGeometric {
    ErlangBetaGeometric(
      k: parameters.k, r: parameters.r, alpha: parameters.alpha, a: parameters.a, b: parameters.b, m: 1)
  }

  // MARK: Fitting

  /// Fits r, α, a and b by maximum likelihood for a fixed k.
  ///
  /// The log-likelihood of the fit includes the timing term, so fits with different k compare.
  /// k has no standard error (``FitDiagnostics/missingStandardErrors`` says why); those of r,
  /// α, a and b are conditional on k.
  ///
  /// - Parameters:
  ///   - data: The triples and the litt sum.
  ///   - k: The regularity, `k >= 1`.
  ///   - options: Starts (four values: r, α, a, b), tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` `.invalidData` or `.emptyData` for bad data, `.fitFailed`
  ///   if no start has a finite likelihood.
  /// - Complexity: O(*u* · k) per likelihood evaluation, where *u* is the number of unique triples.
  public static func fit(_ data: PurchaseTimingData, k: Int, options: FitOptions = FitOptions()) throws
    -> ModelFit<MBGCNBDModel>
  {
    try ErlangBetaGeometricFitting.fit(data, k: k, isModified: true, options: options)
  }

  /// Fits the model for each k in turn and keeps the k with the largest likelihood.
  ///
  /// As BTYDplus's `mbgcnbd.EstimateParameters`: k runs through `regularities` in order and
  /// stops early once the log-likelihood has fallen twice in a row (after k = 3).
  ///
  /// - Parameters:
  ///   - data: The triples and the litt sum.
  ///   - regularities: The k to try; 1...12 by default.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fit of every k tried and the best.
  /// - Throws: ``RetentionModelError`` as ``fit(_:k:options:)``.
  /// - Complexity: Up to `regularities.count` fits.
  public static func fit(
    _ data: PurchaseTimingData, regularities: ClosedRange<Int> = 1...12, options: FitOptions = FitOptions()
  ) throws -> RegularitySearch<MBGCNBDModel> {
    try RegularitySearch(regularities: regularities) { try fit(data, k: $0, options: options) }
  }

  /// The total log-likelihood of data at these parameters, the timing term included.
  ///
  /// - Parameter data: The triples and the litt sum.
  /// - Returns: Σ count × ln L(k, r, α, a, b | x, t_x, T, litt).
  /// - Throws: ``RetentionModelError`` for bad data.
  /// - Complexity: O(*u* · k), where *u* is the number of unique triples.
  public func logLikelihood(of data: PurchaseTimingData) throws -> Double {
    try ErlangBetaGeometricFitting.logLikelihood(of: data.converted(to: unit), core: core)
  }

  // MARK: Customer-level quantities

  /// ln L(k, r, α, a, b | x, t_x, T, litt), the density of the customer's purchase times
  /// (BTYDplus `mbgcnbd.LL`).
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  ///   - litt: Σ ln of the x inter-purchase times, in ``unit``.
  /// - Returns: The log-likelihood.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double, logInterPurchaseTimes litt: Double)
    -> Double
  {
    core.logLikelihood(x: x, recency: tx, age: t)
      + ErlangBetaGeometric.timingTerm(k: parameters.k, frequency: x, logInterPurchaseTimes: litt)
  }

  /// ln L without the timing term (k−1) litt − x ln (k−1)!: the whole log-likelihood for k = 1
  /// (that of the MBG/NBD), and for k > 1 the part that depends on the parameters.
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: The log-likelihood without the timing term.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    core.logLikelihood(x: x, recency: tx, age: t)
  }

  /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+kx) / S₂), below 1 even for x = 0
  /// (BTYDplus `mbgcnbd.PAlive`).
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(k).
  public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    core.probabilityAlive(x: x, recency: tx, age: t)
  }

  /// E[X(t)]: the conditional expectation at x = t_x = T = 0 (alive after the first purchase
  /// with probability b/(a+b)).
  ///
  /// - Parameter t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat purchases of a new customer, or `nan` past
  ///   10 million Erlang stages.
  /// - Complexity: O(expected stages in t).
  public func expectedPurchases(withinPeriods t: Double) -> Double {
    conditionalExpectedPurchases(withinPeriods: t, frequency: 0, recency: 0, age: 0)
  }

  /// E[Y(t) | x, t_x, T] = P(alive) Σ_j w_j E[purchases in (T, T+t] | phase j], exactly: the
  /// phase posterior w_j, λ ~ Gamma(r+kx+j, α+T) and p ~ Beta(a, b+x+1) given alive.
  ///
  /// BTYDplus approximates this expectation by the MBG/NBD's with α scaled by k and a bias
  /// correction; this is the series of the model itself, checked against that closed form at
  /// k = 1 and against simulation for k > 1.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t], or `nan` past 10 million
  ///   Erlang stages.
  /// - Complexity: O(k × the stages expected in t).
  public func conditionalExpectedPurchases(
    withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double
  ) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    return core.probabilityAlive(x: x, recency: tx, age: T)
      * core.expectedPurchasesIfAlive(within: t, x: x, recency: tx, age: T)
  }

  /// P(X(t) = n) = B(a, b+n+1)/B(a, b) P(nk ≤ N < (n+1)k) + B(a+1, b+n)/B(a, b) P(N ≥ nk), N the
  /// negative binomial number of Erlang stages in t.
  ///
  /// - Parameters:
  ///   - n: The number of repeat purchases, `n >= 0`.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(n k).
  public func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double {
    precondition(n >= 0 && t >= 0, "n and t must not be negative")
    return core.probabilityOfPurchases(n, within: t)
  }

  /// P(Y(t) = 0 | x, t_x, T) = 1 − P(alive) Σ_j w_j P(N_j ≥ k − j).
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - T: Age T.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(k²).
  public func probabilityOfNoPurchase(withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double)
    -> Double
  {
    precondition(t >= 0, "the horizon must not be negative")
    return core.probabilityOfNoPurchase(within: t, x: x, recency: tx, age: T)
  }

  /// Draws a customer: λ ~ Gamma(r, α), p ~ Beta(a, b), Erlang-k gaps, a dropout coin right
  /// after the first purchase and after each repeat purchase.
  ///
  /// - Parameters:
  ///   - age: The observation length T, `T >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The repeat purchase times in `0...T`.
  public func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    core.simulatePurchaseTimes(age: age, using: &generator)
  }
}
