import Foundation

/// The NBD model (Ehrenberg 1959, "The pattern of consumer purchases", *Applied Statistics*
/// 8(1)): Poisson purchases with rate λ ~ Gamma(r, α) and no dropout, the benchmark the
/// buy-till-you-die models improve on.
///
/// The likelihood is that of the purchase times, Γ(r+x) α^r / (Γ(r) (α+T)^(r+x)); it differs
/// from the count probability P(X(T) = x) only by the factor T^x / x!, constant in the
/// parameters, so the maximum is the same and log-likelihoods compare directly with those of
/// the BG/NBD and Pareto/NBD on the same (x, t_x, T) (CDNOW: -9763.66 against -9582.43).
///
/// ```swift
/// let fit = try NBDModel.fit(summaries.compressed())   // CDNOW: r 0.385, alpha 12.072
/// ```
public struct NBDModel: RepeatPurchaseModel, ParametricModel, Hashable, Codable {
  /// The NBD parameters.
  public struct Parameters: ModelParameters {
    /// The shape of the gamma distribution of purchase rates.
    public var r: Double
    /// The scale of the gamma distribution of purchase rates, in periods.
    public var alpha: Double

    /// The names in vector order: `r`, `alpha`.
    public static let names = ["r", "alpha"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - r: The gamma shape.
    ///   - alpha: The gamma scale.
    public init(r: Double, alpha: Double) {
      self.r = r
      self.alpha = alpha
    }

    /// Creates parameters from `[r, alpha]`.
    ///
    /// - Parameter values: Two values.
    public init(values: [Double]) {
      precondition(values.count == 2, "NBD has two parameters")
      self.init(r: values[0], alpha: values[1])
    }

    /// `[r, alpha]`.
    public var values: [Double] { [r, alpha] }
  }

  /// `"nbd"`.
  public static let identifier = "nbd"

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
    precondition(parameters.arePositiveAndFinite, "NBD parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its two parameters.
  ///
  /// - Parameters:
  ///   - r: The gamma shape.
  ///   - alpha: The gamma scale.
  ///   - unit: The unit the parameters are per period of.
  public init(r: Double, alpha: Double, unit: TimeUnit) {
    self.init(parameters: Parameters(r: r, alpha: alpha), unit: unit)
  }

  /// Fits the model by maximum likelihood on compressed triples.
  ///
  /// - Parameters:
  ///   - data: Unique (x, t_x, T) triples with counts (t_x is not used).
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` for bad data or a failed fit.
  /// - Complexity: O(*u*) per likelihood evaluation, where *u* is the number of unique triples.
  public static func fit(_ data: FrequencyRecencyData, options: FitOptions = FitOptions()) throws -> ModelFit<NBDModel> {
    let likelihood = NBDLikelihood(triples: try IndexedTriples(data), isParallel: options.isParallel)
    let limits = ModelLimits(
      hasDropout: false, purchase: ["r", "alpha"], repeatPurchases: likelihood.triples.repeatPurchases)
    return try maximumLikelihoodFit(
      likelihood, starts: defaultStarts(likelihood.triples), options: options, unit: data.unit, limits: limits)
  }

  /// The total log-likelihood of data at these parameters.
  ///
  /// - Parameter data: Unique (x, t_x, T) triples with counts.
  /// - Returns: Σ count × ln L(r, α | x, T).
  /// - Throws: ``RetentionModelError`` for bad data.
  /// - Complexity: O(*u*), where *u* is the number of unique triples.
  public func logLikelihood(of data: FrequencyRecencyData) throws -> Double {
    NBDLikelihood(triples: try IndexedTriples(data.converted(to: unit)), isParallel: true).value(at: parameters)
  }

  /// Starting points around the observed purchase rate.
  static func defaultStarts(_ triples: IndexedTriples) -> [[Double]] {
    let scale = triples.purchaseTimeScale
    return [[1, scale], [0.5, 0.5 * scale], [0.25, 0.25 * scale], [2, 2 * scale]]
  }

  /// ln Γ(r+x) - ln Γ(r) + r ln α - (r+x) ln(α+T).
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x (not used: without dropout the timing of the purchases carries no
  ///     information).
  ///   - t: Age T.
  /// - Returns: The log-likelihood.
  public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
    let (r, alpha) = (parameters.r, parameters.alpha)
    return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) - (r + x) * log(alpha + t)
  }

  /// Always 1: NBD customers never drop out.
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - t: Age T.
  /// - Returns: 1.
  public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double { 1 }

  /// E[X(t)] = r t / α.
  ///
  /// - Parameter t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat purchases of a new customer.
  public func expectedPurchases(withinPeriods t: Double) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    return parameters.r * t / parameters.alpha
  }

  /// E[Y(t) | x, T] = (r+x) t / (α+T): the posterior mean rate times t.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x (not used).
  ///   - T: Age T.
  /// - Returns: The expected number of purchases in (T, T + t].
  public func conditionalExpectedPurchases(
    withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double
  ) -> Double {
    precondition(t >= 0, "the horizon must not be negative")
    return (parameters.r + x) * t / (parameters.alpha + T)
  }

  /// P(X(t) = n) = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n.
  ///
  /// - Parameters:
  ///   - n: The number of repeat purchases, `n >= 0`.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double {
    precondition(n >= 0 && t >= 0, "n and t must not be negative")
    return exp(NegativeBinomial(r: parameters.r, alpha: parameters.alpha, t: t).logProbability(n))
  }

  /// P(Y(t) = 0 | x, T) = ((α+T)/(α+T+t))^(r+x).
  ///
  /// - Parameters:
  ///   - t: The horizon in periods after T, `t >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x (not used).
  ///   - T: Age T.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfNoPurchase(withinPeriods t: Double, frequency x: Double, recency tx: Double, age T: Double)
    -> Double
  {
    precondition(t >= 0, "the horizon must not be negative")
    return exp(-(parameters.r + x) * log1p(t / (parameters.alpha + T)))
  }

  /// Draws a customer: λ ~ Gamma(r, α) and Poisson purchases at rate λ.
  ///
  /// - Parameters:
  ///   - age: The observation length T, `T >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The repeat purchase times in `0...T`.
  public func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    let rate = RandomVariates.gamma(shape: parameters.r, rate: parameters.alpha, using: &generator)
    var times: [Double] = []
    guard rate > 0 else { return times }
    var time = 0.0
    while true {
      time += RandomVariates.exponential(rate: rate, using: &generator)
      if time > age { break }
      times.append(time)
    }
    return times
  }
}
