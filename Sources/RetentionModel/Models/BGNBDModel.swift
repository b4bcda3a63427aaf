import Foundation

/// The beta-geometric/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy
/// way: an alternative to the Pareto/NBD model", *Marketing Science* 24(2), 275-284.
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each
/// repeat purchase they drop out with probability p ~ Beta(a, b). Times are in the periods of
/// the data (weeks in the paper).
///
/// ```swift
/// let fit = try BGNBDModel.fit(summaries.compressed())
/// let model = fit.model                      // r 0.243, alpha 4.414, a 0.793, b 2.426 on CDNOW
/// model.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86)
/// model.conditionalExpectedPurchases(within: .weeks(39), frequency: 2, recency: 30.43, age: 38.86)  // 1.226
/// ```
public struct BGNBDModel: RepeatPurchaseModel, ParametricModel, Hashable, Codable, AliveFactoring {
  /// The BG/NBD parameters, named as in the paper; the MBG/NBD has the same four.
  public struct Parameters: ModelParameters {
    /// The shape of the gamma distribution of purchase rates.
    public var r: Double
    /// The scale of the gamma distribution of purchase rates, in periods.
    public var alpha: Double
    /// The first shape of the beta distribution of dropout probabilities.
    public var a: Double
    /// The second shape of the beta distribution of dropout probabilities.
    public var b: Double

    /// The names in vector order: `r`, `alpha`, `a`, `b`.
    public static let names = ["r", "alpha", "a", "b"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - r: The gamma shape.
    ///   - alpha: The gamma scale.
    ///   - a: The first beta shape.
    ///   - b: The second beta shape.
    public init(r: Double, alpha: Double, a: Double, b: Double) {
      self.r = r
      self.alpha = alpha
      self.a = a
      self.b = b
    }

    /// Creates parameters from `[r, alpha, a, b]`.
    ///
    /// - Parameter values: Four values.
    public init(values: [Double]) {
      precondition(values.count == 4, "BG/NBD and MBG/NBD have four parameters")
      self.init(r: values[0], alpha: values[1], a: values[2], b: values[3])
    }

    /// `[r, alpha, a, b]`.
    public var values: [Double] { [r, alpha, a, b] }
  }

  /// `"bgnbd"`.
  public static let identifier = "bgnbd"

  /// The parameters.
  public let parameters: Parameters
  /// The unit the parameters are per period of; t_x, T and horizons in periods of it.
  public let unit: TimeUnit

  /// Creates the model.
  ///
  /// - Parameters:
  ///   - parameters: Positive, finite parameters.
  ///   - unit: The unit they are per period of (weeks for the published CDNOW figures).
  public init(parameters: Parameters, unit: TimeUnit) {
    precondition(parameters.arePositiveAndFinite, "BG/NBD parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its four parameters.
  ///
  /// - Parameters:
  ///   - r: The gamma shape.
  ///   - alpha: The gamma scale.
  ///   - a: The first beta shape.
  ///   - b: The second beta shape.
  ///   - unit: The unit the parameters are per period of.
  public init(r: Double, alpha: Double, a: Double, b: Double, unit: TimeUnit) {
    self.init(parameters: Parameters(r: r, alpha: alpha, a: a, b: b), unit: unit)
  }

  // MARK: Fitting

  /// Fits the model by maximum likelihood (FHL 2005, eq. 6) on compressed triples.
  ///
  /// ```swift
  /// let fit = try BGNBDModel.fit(summaries.compressed())
  /// print(fit.parameters.r, fit.logLikelihood, fit.standardErrors?.r ?? .nan)
  /// ```
  ///
  /// - Parameters:
  ///   - data: Unique (x, t_x, T) triples with counts.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` `.invalidData` or `.emptyData` for bad data, `.fitFailed`
  ///   if no start has a finite likelihood.
  /// - Complexity: O(*u*) per likelihood evaluation, where *u* is the number of unique triples.
  public static func fit(_ data: FrequencyRecencyData, options: FitOptions = FitOptions()) throws -> ModelFit<BGNBDModel> {
    let likelihood = BetaGeometricLikelihood(
      triples: try IndexedTriples(data), isModified: false, isParallel: options.isParallel)
    return try maximumLikelihoodFit(
      likelihood, starts: defaultStarts(likelihood.triples), options: options, unit: data.unit,
      limits: .nbdFamily(
        dropout: ["a", "b"], triples: likelihood.triples, options: options,
        // The mean probability of dropping out after a purchase, a/(a+b).
        dropoutShare: { $0[2] / ($0[2] + $0[3]) }))
  }

  /// The total log-likelihood of data at these parameters.
  ///
  /// - Parameter data: Unique (x, t_x, T) triples with counts.
  /// - Returns: Σ count × ln L(r, α, a, b | x, t_x, T).
  /// - Throws: ``RetentionModelError`` for bad data.
  /// - Complexity: O(*u*), where *u* is the number of unique triples.
  public func logLikelihood(of data: FrequencyRecencyData) throws -> Double {
    let likelihood = BetaGeometricLikelihood(
      triples: try IndexedTriples(data.converted(to: unit)), isModified: false, isParallel: true)
    return likelihood.value(at: parameters)
  }

  /// Starting points around the observed purchase rate (also those of the MBG/NBD).
  static func defaultStarts(_ triples: IndexedTriples) -> [[Double]] {
    let scale = triples.purchaseTimeScale
    return [
      [1, scale, 1, 1], [0.5, 0.5 * scale, 0.8, 2.5], [0.25, 0.25 * scale, 0.5, 3],
      [2, 2 * scale, 2, 6],
    ]
  }

  // MARK: Customer-level quantities

  /// ln L(r, α, a, b | x, t_x, T), FHL (2005) eq. 6.
  ///
  /// - Parameters:
  ///   - x: Frequency x, repeat purchases, `x >= 0`.
  ///   - tx: Recency t_x, `0 <= t_x <= T`.
  ///   - t: Age T.
  /// - Returns: The log-likelihood.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    let logAlphaT = log(alpha + t)
    let first =
      SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha)
      + SpecialFunctions.logBeta(a, b + x) - SpecialFunctions.logBeta(a, b) - (r + x) * logAlphaT
    guard x > 0 else { return first }
    return first + LogSpace.softplusAndLogistic(dropoutLogOdds(x: x, tx: tx, t: t)).softplus
  }

  /// ln[a/(b+x-1)] + (r+x) ln[(α+T)/(α+t_x)]: the log of the second term of eq. 6 relative to
  /// the first (the odds that the customer died after the last purchase).
  func dropoutLogOdds(x: Double, tx: Double, t: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    return log(a) - log(b + x - 1) + (r + x) * (log(alpha + t) - log(alpha + tx))
  }

  /// P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} a/(b+x-1) ((α+T)/(α+t_x))^(r+x)),
  /// from Fader, Hardie & Lee (2008), note 021 "Computing P(alive) using the BG/NBD model".
  ///
  /// Evaluated as a logistic of the log-odds, so x = 1000 gives exactly 0 without overflow.
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: A probability in `0...1`; exactly 1 when x = 0.
  public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    guard x > 0 else { return 1 }
    return LogSpace.softplusAndLogistic(-dropoutLogOdds(x: x, tx: tx, t: t)).logistic
  }

  /// E[X(t)] = (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))], FHL (2005) eq. 9.
  ///
  /// Computed through the Euler-transformed series (continuous at a = 1); for a + b <= 1, where
  /// the 2F1 parameter c is not positive, by numerical integration over the dropout probability.
  ///
  /// - Parameter t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat purchases of a new customer.
  public func expectedPurchases(withinPeriods t: Double) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    return expectedPurchasesOfZeroRepeater(within: t, scale: parameters.alpha)
  }

  /// E[X(t)] with the gamma scale α replaced by `scale` (α + T for a customer with x = 0).
  func expectedPurchasesOfZeroRepeater(within t: Double, scale: Double) -> Double {
    let (r, a, b) = (parameters.r, parameters.a, parameters.b)
    if t == 0 { return 0 }
    let z = t / (scale + t)
    let bracket = SpecialFunctions.betaGeometricBracket(A: a + b - 1 - r, a: a, c: a + b - 1, z: z)
    if bracket.isFinite, a + b > 1 { return (a + b - 1) * bracket }
    // E over p ~ Beta(a, b) of (1 - (1 + p t/scale)^(-r)) / p.
    let logBeta = SpecialFunctions.logBeta(a, b)
    return Quadrature.tanhSinh(from: 0, to: 1) { p, fromZero, fromOne in
      let density = exp((a - 1) * log(fromZero) + (b - 1) * log(fromOne) - logBeta)
      return density * -expm1(-r * log1p(p * t / scale)) / p
    }
  }

  /// E[Y(t) | x, t_x, T], FHL (2005) eq. 10:
  /// (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))] × P(alive).
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t].
  public func conditionalExpectedPurchases(
    withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double
  ) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    return expectedPurchasesIfAlive(withinPeriods: t, frequency: x, age: T)
      * probabilityAlive(frequency: x, recency: tx, age: T)
  }

  /// E[Y(t) | alive at T, x, T], the expected purchases of a customer known to be alive.
  ///
  /// FHL (2005) eq. 10 without its P(alive) factor (for x = 0, E[X(t)] with α replaced by α + T).
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t] of a customer alive at T.
  public func expectedPurchasesIfAlive(withinPeriods t: Double, frequency x: Double, age T: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    if t == 0 { return 0 }
    if x == 0 { return expectedPurchasesOfZeroRepeater(within: t, scale: alpha + T) }
    let bracket = SpecialFunctions.betaGeometricBracket(A: a + b - 1 - r, a: a, c: a + b + x - 1, z: t / (alpha + T + t))
    return (a + b + x - 1) * bracket
  }

  /// P(alive) and E[Y(t) | x, t_x, T] with P(alive) computed once.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - T: Age T.
  /// - Returns: The probability that the customer is alive and their expected purchases.
  public func score(withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double) -> (
    probabilityAlive: Double, expectedPurchases: Double
  ) {
    let alive = probabilityAlive(frequency: x, recency: tx, age: T)
    return (alive, alive * expectedPurchasesIfAlive(withinPeriods: t, frequency: x, age: T))
  }

  /// P(X(t) = n), FHL (2005) eq. 8:
  /// B(a, b+n)/B(a, b) NB(n) + δ_{n>0} B(a+1, b+n-1)/B(a, b) [1 - Σ_{j<n} NB(j)], where NB(j) is
  /// the negative binomial probability Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j.
  ///
  /// - Parameters:
  ///   - n: The number of repeat purchases, `n >= 0`.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(*n*).
  public func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double {
    precondition(n >= 0 && t >= 0, "n and t must not be negative")
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    let x = Double(n)
    let logBetaAB = SpecialFunctions.logBeta(a, b)
    let negativeBinomial = NegativeBinomial(r: r, alpha: alpha, t: t)
    let alive = exp(SpecialFunctions.logBeta(a, b + x) - logBetaAB + negativeBinomial.logProbability(n))
    guard n > 0 else { return alive }
    let dead = exp(SpecialFunctions.logBeta(a + 1, b + x - 1) - logBetaAB) * negativeBinomial.tail(from: n)
    return Swift.min(1, alive + dead)
  }

  /// P(Y(t) = 0 | x, t_x, T) = 1 - P(alive) [1 - ((α+T)/(α+T+t))^(r+x)]: a dead customer never
  /// buys; an alive one has λ ~ Gamma(r+x, α+T) and cannot drop out before the next purchase.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - T: Age T.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfNoPurchase(withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double)
    -> Double
  {
    precondition(t >= 0, "the horizon must not be negative")
    let (r, alpha) = (parameters.r, parameters.alpha)
    let buys = -expm1(-(r + x) * log1p(t / (alpha + T)))
    return 1 - probabilityAlive(frequency: x, recency: tx, age: T) * buys
  }

  /// Draws a customer: λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson purchases at rate λ, and after
  /// each repeat purchase a coin with probability p to drop out.
  ///
  /// - Parameters:
  ///   - age: The observation length T, `T >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The repeat purchase times in `0...T`.
  public func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    let rate = RandomVariates.gamma(shape: parameters.r, rate: parameters.alpha, using: &generator)
    let dropout = RandomVariates.beta(parameters.a, parameters.b, using: &generator)
    var times: [Double] = []
    guard rate > 0 else { return times }
    var time = 0.0
    while true {
      time += RandomVariates.exponential(rate: rate, using: &generator)
      if time > age { break }
      times.append(time)
      if RandomVariates.uniform(using: &generator) < dropout { break }
    }
    return times
  }
}
