import Foundation

/// The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987), "Counting your customers:
/// who are they and what will they do next?", *Management Science* 33(1), in the formulation
/// of Fader & Hardie's notes 008 ("A note on deriving the Pareto/NBD model and related
/// expressions", likelihood) and 009 (P(alive), conditional expectation).
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); their lifetime
/// is exponential with rate μ ~ Gamma(s, β). Times are in the periods of the data.
///
/// ```swift
/// let fit = try ParetoNBDModel.fit(summaries.compressed())
/// // CDNOW: r 0.553, alpha 10.578, s 0.606, beta 11.669 (beta poorly determined, SE about 6.2)
/// fit.model.conditionalExpectedPurchases(within: .weeks(52), frequency: 26, recency: 30.86, age: 31)
/// ```
///
/// Every quantity is evaluated in log space through `ParetoIntegral`, so a last purchase at
/// the end of the window (t_x = T) with x in the hundreds gives finite, exact values, and at
/// any parameter values: where the 2F1 series of note 008 would need millions of terms (a large
/// β next to a small α, as on the edge without dropout), the integral is expanded at z = 1 or
/// taken by quadrature, each with its error bound. Should none reach it, the customer-level
/// functions return NaN and ``logLikelihood(of:)`` throws; nothing is truncated silently.
public struct ParetoNBDModel: RepeatPurchaseModel, ParametricModel, Hashable, Codable, AliveFactoring {
  /// The Pareto/NBD parameters, named as in the papers.
  public struct Parameters: ModelParameters {
    /// The shape of the gamma distribution of purchase rates.
    public var r: Double
    /// The scale of the gamma distribution of purchase rates, in periods.
    public var alpha: Double
    /// The shape of the gamma distribution of dropout rates.
    public var s: Double
    /// The scale of the gamma distribution of dropout rates, in periods.
    public var beta: Double

    /// The names in vector order: `r`, `alpha`, `s`, `beta`.
    public static let names = ["r", "alpha", "s", "beta"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - r: The purchase-rate shape.
    ///   - alpha: The purchase-rate scale.
    ///   - s: The dropout-rate shape.
    ///   - beta: The dropout-rate scale.
    public init(r: Double, alpha: Double, s: Double, beta: Double) {
      self.r = r
      self.alpha = alpha
      self.s = s
      self.beta = beta
    }

    /// Creates parameters from `[r, alpha, s, beta]`.
    ///
    /// - Parameter values: Four values.
    public init(values: [Double]) {
      precondition(values.count == 4, "Pareto/NBD has four parameters")
      self.init(r: values[0], alpha: values[1], s: values[2], beta: values[3])
    }

    /// `[r, alpha, s, beta]`.
    public var values: [Double] { [r, alpha, s, beta] }
  }

  /// `"paretonbd"`.
  public static let identifier = "paretonbd"

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
    precondition(parameters.arePositiveAndFinite, "Pareto/NBD parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its four parameters.
  ///
  /// - Parameters:
  ///   - r: The purchase-rate shape.
  ///   - alpha: The purchase-rate scale.
  ///   - s: The dropout-rate shape.
  ///   - beta: The dropout-rate scale.
  ///   - unit: The unit the parameters are per period of.
  public init(r: Double, alpha: Double, s: Double, beta: Double, unit: TimeUnit) {
    self.init(parameters: Parameters(r: r, alpha: alpha, s: s, beta: beta), unit: unit)
  }

  // MARK: Fitting

  /// Fits the model by maximum likelihood (note 008) on compressed triples.
  ///
  /// - Parameters:
  ///   - data: Unique (x, t_x, T) triples with counts.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` `.invalidData` or `.emptyData` for bad data, `.fitFailed`
  ///   if no start has a finite likelihood.
  /// - Complexity: O(*p* + *u*) per likelihood evaluation, where *p* is the number of distinct
  ///   (x, t_x) and (x, T) pairs and *u* the number of unique triples.
  public static func fit(_ data: FrequencyRecencyData, options: FitOptions = FitOptions()) throws -> ModelFit<ParetoNBDModel> {
    let likelihood = ParetoNBDLikelihood(triples: try IndexedTriples(data), isParallel: options.isParallel)
    return try maximumLikelihoodFit(
      likelihood, starts: defaultStarts(likelihood.triples), options: options, unit: data.unit,
      limits: .nbdFamily(
        dropout: ["s", "beta"], triples: likelihood.triples, options: options,
        // The share dead by the mean age T: 1 - (beta/(beta+T))^s (SMC 1987).
        dropoutShare: { [meanAge = likelihood.triples.meanAge] in -expm1(-$0[2] * log1p(meanAge / $0[3])) }))
  }

  /// The total log-likelihood of data at these parameters.
  ///
  /// - Parameter data: Unique (x, t_x, T) triples with counts.
  /// - Returns: Σ count × ln L(r, α, s, β | x, t_x, T).
  /// - Throws: ``RetentionModelError`` for bad data; `.numericalFailure` if the integral of
  ///   note 008 misses its error bound for some customer (no series, expansion or quadrature
  ///   reached it), never a truncated sum.
  /// - Complexity: O(*p* + *u*), as for ``fit(_:options:)``.
  public func logLikelihood(of data: FrequencyRecencyData) throws -> Double {
    let value = ParetoNBDLikelihood(triples: try IndexedTriples(data.converted(to: unit)), isParallel: true)
      .value(at: parameters)
    guard !value.isNaN else {
      throw RetentionModelError(
        .numericalFailure, reason: "the Pareto/NBD integral did not reach its error bound at \(parameters)")
    }
    return value
  }

  static func defaultStarts(_ triples: IndexedTriples) -> [[Double]] {
    let (scale, meanAge) = (triples.purchaseTimeScale, triples.meanAge)
    return [
      [0.5, 0.5 * scale, 0.5, meanAge], [1, scale, 1, meanAge], [0.25, 0.25 * scale, 1, 2 * meanAge],
      [1, scale, 0.5, 0.25 * meanAge],
    ]
  }

  // MARK: Customer-level quantities

  /// ln of the bracket of note 008, (α+T)^-(r+x) (β+T)^-s + s (F(t_x) - F(T)), and the log
  /// of its first term.
  func logBracket(x: Double, tx: Double, t: Double) -> (bracket: Double, alive: Double) {
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    let family = ParetoIntegral.Family(r: r, alpha: alpha, s: s, beta: beta, x: x)
    return logBracket(x: x, tx: tx, t: t) { family.logValue(at: $0) }
  }

  /// The bracket with ln F(t) supplied by `logIntegral`.
  private func logBracket(x: Double, tx: Double, t: Double, logIntegral: (Double) -> Double) -> (bracket: Double, alive: Double) {
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    let alive = -(r + x) * log(alpha + t) - s * log(beta + t)
    guard tx < t else { return (alive, alive) }
    let early = logIntegral(tx)
    let late = logIntegral(t)
    // An integral that missed its error bound (NaN) makes the bracket unknown, not "alive".
    guard !early.isNaN, !late.isNaN else { return (.nan, alive) }
    guard late < early else { return (alive, alive) }
    let died = log(s) + early + log1p(-exp(late - early))
    return (LogSpace.addExp(alive, died), alive)
  }

  /// ``logBracket(x:tx:t:)`` with ln F memoised per (x, t).
  func logBracket(x: Double, tx: Double, t: Double, cache: inout PairCache) -> (bracket: Double, alive: Double) {
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    return logBracket(x: x, tx: tx, t: t) { time in
      cache.value(x, time) { ParetoIntegral.Family(r: r, alpha: alpha, s: s, beta: beta, x: x).logValue(at: time) }
    }
  }

  /// ``probabilityAlive(frequency:recency:age:)`` with ln F memoised per (x, t), for scoring many
  /// customers.
  func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double, cache: inout PairCache) -> Double {
    let (bracket, alive) = logBracket(x: x, tx: tx, t: t, cache: &cache)
    return bracket.isNaN ? .nan : Swift.min(1, exp(alive - bracket))
  }

  /// E[Y(t) | alive at T, x, T], the expected purchases of a customer known to be alive.
  ///
  /// (r+x)(β+T)/((α+T)(s-1)) [1 - ((β+T)/(β+T+t))^(s-1)] (note 009): the conditional
  /// expectation without its P(alive) factor, continuous at s = 1.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t] of a customer alive at T.
  public func expectedPurchasesIfAlive(withinPeriods t: Double, frequency x: Double, age T: Double) -> Double {
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    let span = log1p(t / (beta + T))
    return (r + x) * (beta + T) / (alpha + T) * span * LogSpace.oneMinusExpOverArgument((s - 1) * span)
  }

  /// ln L(r, α, s, β | x, t_x, T), note 008 (with the 2F1 terms as `ParetoIntegral`).
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x, `0 <= t_x <= T`.
  ///   - t: Age T.
  /// - Returns: The log-likelihood; NaN if the integral of note 008 misses its error bound.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) + s * log(beta)
      + logBracket(x: x, tx: tx, t: t).bracket
  }

  /// P(alive | x, t_x, T), note 009 (SMC 1987): the first term of the likelihood
  /// bracket over the whole bracket.
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: A probability in `0...1`; exactly 1 when t_x = T; NaN if the integral of note
  ///   008 misses its error bound (see the type's discussion).
  public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    let (bracket, alive) = logBracket(x: x, tx: tx, t: t)
    return bracket.isNaN ? .nan : Swift.min(1, exp(alive - bracket))
  }

  /// E[X(t)] = rβ/(α(s-1)) [1 - (β/(β+t))^(s-1)] (SMC 1987; note 009), continuous
  /// at s = 1 (where it is (rβ/α) ln(1 + t/β)).
  ///
  /// - Parameter t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat purchases of a new customer.
  public func expectedPurchases(withinPeriods t: Double) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    let span = log1p(t / beta)
    return r * beta / alpha * span * LogSpace.oneMinusExpOverArgument((s - 1) * span)
  }

  /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s-1)) [1 - ((β+T)/(β+T+t))^(s-1)] P(alive)
  /// (SMC 1987; note 009).
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

  /// P(X(t) = n) = NB(n; t) (β/(β+t))^s + ∫_0^t s β^s (β+τ)^-(s+1) NB(n; τ) dτ, where NB(n; τ) is
  /// the negative binomial probability of n purchases in τ: alive throughout, or dead at τ
  /// after n purchases (by conditioning on the time of death, as in Fader & Hardie note 012,
  /// "Deriving an expression for P(X(t) = x) under the Pareto/NBD model"; the
  /// integral is taken numerically to about 1e-13).
  ///
  /// - Parameters:
  ///   - n: The number of repeat purchases, `n >= 0`.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double {
    precondition(n >= 0 && t >= 0, "n and t must not be negative")
    let (r, alpha, s, beta) = (parameters.r, parameters.alpha, parameters.s, parameters.beta)
    let x = Double(n)
    let survive = exp(NegativeBinomial(r: r, alpha: alpha, t: t).logProbability(n) - s * log1p(t / beta))
    guard t > 0 else { return survive }
    let constant = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) - SpecialFunctions.logGamma(x + 1) + log(s)
    let died = Quadrature.tanhSinh(from: 0, to: t) { tau, _, _ in
      guard tau > 0 || n == 0 else { return 0 }
      let logPoisson = n == 0 ? 0 : x * log(tau)
      return exp(constant + logPoisson - r * log1p(tau / alpha) - x * log(alpha + tau) - (s + 1) * log1p(tau / beta)) / beta
    }
    return Swift.min(1, survive + died)
  }

  /// P(Y(t) = 0 | x, t_x, T) = L(x, t_x, T + t) / L(x, t_x, T): the likelihood of the history
  /// extended by t periods without a purchase, over that of the history.
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
    if t == 0 { return 1 }
    let later = logBracket(x: x, tx: tx, t: T + t).bracket
    let now = logBracket(x: x, tx: tx, t: T).bracket
    guard !later.isNaN, !now.isNaN else { return .nan }
    return Swift.min(1, exp(later - now))
  }

  /// Draws a customer: λ ~ Gamma(r, α), μ ~ Gamma(s, β), an exponential lifetime with rate μ,
  /// and Poisson purchases at rate λ until death or T.
  ///
  /// - Parameters:
  ///   - age: The observation length T, `T >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The repeat purchase times in `0...T`.
  public func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    let rate = RandomVariates.gamma(shape: parameters.r, rate: parameters.alpha, using: &generator)
    let dropout = RandomVariates.gamma(shape: parameters.s, rate: parameters.beta, using: &generator)
    let lifetime = dropout > 0 ? RandomVariates.exponential(rate: dropout, using: &generator) : .infinity
    let end = Swift.min(lifetime, age)
    var times: [Double] = []
    guard rate > 0 else { return times }
    var time = 0.0
    while true {
      time += RandomVariates.exponential(rate: rate, using: &generator)
      if time > end { break }
      times.append(time)
    }
    return times
  }
}
