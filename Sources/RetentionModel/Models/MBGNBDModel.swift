import Foundation

/// The modified beta-geometric/NBD model of Batislam, Denizel & Filiztekin (2007), "Empirical
/// validation and comparison of models for customer base analysis", *International Journal of
/// Research in Marketing* 24(3), 201-209.
///
/// As the BG/NBD (``BGNBDModel``), but a customer may also drop out right after the *first*
/// purchase, so that a customer without repeat purchases is not certainly alive: λ ~ Gamma(r, α),
/// p ~ Beta(a, b), and after every purchase (the first included) a coin with probability p.
///
/// ```swift
/// let fit = try MBGNBDModel.fit(summaries.compressed())
/// // CDNOW: r 0.525, alpha 6.183, a 0.891, b 1.614, log-likelihood -9582.136
/// fit.model.probabilityAlive(frequency: 0, recency: 0, age: 38.86)   // below 1
/// ```
public struct MBGNBDModel: RepeatPurchaseModel, ParametricModel, Hashable, Codable, AliveFactoring {
  /// The MBG/NBD parameters: those of the BG/NBD, r and α of the gamma distribution of purchase
  /// rates and a and b of the beta distribution of dropout probabilities, named as in the paper.
  public typealias Parameters = BGNBDModel.Parameters

  /// `"mbgnbd"`.
  public static let identifier = "mbgnbd"

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
    precondition(parameters.arePositiveAndFinite, "MBG/NBD parameters must be positive and finite")
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

  /// Fits the model by maximum likelihood on compressed triples.
  ///
  /// - Parameters:
  ///   - data: Unique (x, t_x, T) triples with counts.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` `.invalidData` or `.emptyData` for bad data, `.fitFailed`
  ///   if no start has a finite likelihood.
  /// - Complexity: O(*u*) per likelihood evaluation, where *u* is the number of unique triples.
  public static func fit(_ data: FrequencyRecencyData, options: FitOptions = FitOptions()) throws -> ModelFit<MBGNBDModel> {
    let likelihood = BetaGeometricLikelihood(
      triples: try IndexedTriples(data), isModified: true, isParallel: options.isParallel)
    let starts = BGNBDModel.defaultStarts(likelihood.triples)
    return try maximumLikelihoodFit(
      likelihood, starts: starts, options: options, unit: data.unit,
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
      triples: try IndexedTriples(data.converted(to: unit)), isModified: true, isParallel: true)
    return likelihood.value(at: parameters)
  }

  // MARK: Customer-level quantities

  /// ln L(r, α, a, b | x, t_x, T) (Batislam et al. 2007):
  /// ln[B(a, b+x+1)/B(a, b) Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))] + ln(1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)).
  ///
  /// - Parameters:
  ///   - x: Frequency x, repeat purchases, `x >= 0`.
  ///   - tx: Recency t_x, `0 <= t_x <= T`.
  ///   - t: Age T.
  /// - Returns: The log-likelihood.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    let first =
      SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha)
      + SpecialFunctions.logBeta(a, b + x + 1) - SpecialFunctions.logBeta(a, b) - (r + x) * log(alpha + t)
    return first + LogSpace.softplusAndLogistic(dropoutLogOdds(x: x, tx: tx, t: t)).softplus
  }

  /// ln[a/(b+x)] + (r+x) ln[(α+T)/(α+t_x)]: the log-odds that the customer dropped out after
  /// the last purchase.
  func dropoutLogOdds(x: Double, tx: Double, t: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    return log(a) - log(b + x) + (r + x) * (log(alpha + t) - log(alpha + tx))
  }

  /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)) (Batislam et al. 2007)
  /// below 1 even for x = 0.
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: A probability in `0...1`.
  public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    LogSpace.softplusAndLogistic(-dropoutLogOdds(x: x, tx: tx, t: t)).logistic
  }

  /// E[X(t)] = b/(a-1) [1 - (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))] (Batislam et al. 2007)
  /// through the Euler-transformed series (continuous at a = 1).
  ///
  /// - Parameter t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat purchases of a new customer.
  public func expectedPurchases(withinPeriods t: Double) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    if t == 0 { return 0 }
    return b * SpecialFunctions.betaGeometricBracket(A: a + b - r, a: a, c: a + b, z: t / (alpha + t))
  }

  /// E[Y(t) | x, t_x, T] = (a+b+x)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x;
  /// t/(α+T+t))] × P(alive) (Batislam et al. 2007).
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
  /// (a+b+x)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]: the
  /// conditional expectation without its P(alive) factor (Batislam et al. 2007).
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t] of a customer alive at T.
  public func expectedPurchasesIfAlive(withinPeriods t: Double, frequency x: Double, age T: Double) -> Double {
    let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
    if t == 0 { return 0 }
    let bracket = SpecialFunctions.betaGeometricBracket(A: a + b - r, a: a, c: a + b + x, z: t / (alpha + T + t))
    return (a + b + x) * bracket
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

  /// P(X(t) = n) = B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) [1 - Σ_{j<n} NB(j)]: alive
  /// after n purchases, or dropped out right after the n-th (the first purchase counts, so the
  /// second term is present for n = 0 too).
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
    let alive = exp(SpecialFunctions.logBeta(a, b + x + 1) - logBetaAB + negativeBinomial.logProbability(n))
    let dead = exp(SpecialFunctions.logBeta(a + 1, b + x) - logBetaAB) * negativeBinomial.tail(from: n)
    return Swift.min(1, alive + dead)
  }

  /// P(Y(t) = 0 | x, t_x, T) = 1 - P(alive) [1 - ((α+T)/(α+T+t))^(r+x)].
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

  /// Draws a customer: λ ~ Gamma(r, α), p ~ Beta(a, b); a coin with probability p right after
  /// the first purchase and after each repeat purchase decides on dropping out.
  ///
  /// - Parameters:
  ///   - age: The observation length T, `T >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The repeat purchase times in `0...T`.
  public func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    let rate = RandomVariates.gamma(shape: parameters.r, rate: parameters.alpha, using: &generator)
    let dropout = RandomVariates.beta(parameters.a, parameters.b, using: &generator)
    var times: [Double] = []
    guard rate > 0, RandomVariates.uniform(using: &generator) >= dropout else { return times }
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
