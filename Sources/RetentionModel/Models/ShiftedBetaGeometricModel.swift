import Foundation

/// The shifted-beta-geometric model of contractual retention, Fader & Hardie (2007), "How to
/// project customer retention", *Journal of Interactive Marketing* 21(1), 76-90.
///
/// Each subscriber renews at the end of every period with a constant probability 1 - θ, and θ
/// varies across subscribers as Beta(α, β). The cohort's retention rate then rises with time
/// (the survivors are the loyal ones), which a single churn rate cannot capture:
/// P(T = t) = B(α+1, β+t-1)/B(α, β) and S(t) = B(α, β+t)/B(α, β).
///
/// ```swift
/// // Customers of a cohort still subscribed at the start of years 0...7:
/// let fit = try ShiftedBetaGeometricModel.fit(survivors: [1000, 631, 468, 382, 326, 289, 262, 241])
/// fit.model.survival(after: 12)   // projected share still subscribed after 12 years
/// ```
public struct ShiftedBetaGeometricModel: ParametricModel, Hashable, Codable {
  /// The parameters of the beta distribution of churn probabilities.
  public struct Parameters: ModelParameters {
    /// The first shape of the beta distribution of churn probabilities θ.
    public var alpha: Double
    /// The second shape of the beta distribution of churn probabilities θ.
    public var beta: Double

    /// The names in vector order: `alpha`, `beta`.
    public static let names = ["alpha", "beta"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - alpha: The first beta shape.
    ///   - beta: The second beta shape.
    public init(alpha: Double, beta: Double) {
      self.alpha = alpha
      self.beta = beta
    }

    /// Creates parameters from `[alpha, beta]`.
    ///
    /// - Parameter values: Two values.
    public init(values: [Double]) {
      precondition(values.count == 2, "the shifted-beta-geometric has two parameters")
      self.init(alpha: values[0], beta: values[1])
    }

    /// `[alpha, beta]`.
    public var values: [Double] { [alpha, beta] }
  }

  /// `"sbg"`.
  public static let identifier = "sbg"

  /// The unit of the model's time: one contract period (a month, a year), whose calendar length
  /// the survivor counts define; it does not convert to days or weeks.
  public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
    /// One contract period.
    case periods
  }

  /// The parameters.
  public let parameters: Parameters
  /// The unit of the model's time, ``Unit/periods``.
  public let unit: Unit

  /// Creates the model.
  ///
  /// - Parameters:
  ///   - parameters: Positive, finite parameters.
  ///   - unit: ``Unit/periods``, the only unit of the shifted-beta-geometric.
  public init(parameters: Parameters, unit: Unit = .periods) {
    precondition(parameters.arePositiveAndFinite, "shifted-beta-geometric parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its two parameters.
  ///
  /// - Parameters:
  ///   - alpha: The first beta shape.
  ///   - beta: The second beta shape.
  public init(alpha: Double, beta: Double) {
    self.init(parameters: Parameters(alpha: alpha, beta: beta))
  }

  // MARK: Fitting

  /// Fits the model to one cohort's survivor counts (Fader & Hardie 2007).
  ///
  /// - Parameters:
  ///   - survivors: The number of customers still active at the start of periods 0, 1, ..., k
  ///     (non-increasing, the first positive).
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model; ``ModelFit/customers`` is the cohort size and
  ///   ``ModelFit/uniqueTriples`` the number of periods observed.
  /// - Throws: ``RetentionModelError`` `.invalidData` for negative, non-finite or increasing
  ///   counts, `.emptyData` for fewer than two counts or an empty cohort.
  /// - Complexity: O(*k*) per evaluation.
  public static func fit(survivors: [Double], options: FitOptions = FitOptions()) throws -> ModelFit<ShiftedBetaGeometricModel> {
    try fit(cohorts: [survivors], options: options)
  }

  /// Fits the model to several cohorts' survivor counts, each observed for its own number of
  /// periods; the log-likelihood is the sum over cohorts.
  ///
  /// - Parameters:
  ///   - cohorts: For each cohort, the number of customers active at the start of periods
  ///     0, 1, ..., k.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model.
  /// - Throws: ``RetentionModelError`` as for ``fit(survivors:options:)``.
  /// - Complexity: O(total periods) per evaluation.
  public static func fit(cohorts: [[Double]], options: FitOptions = FitOptions()) throws -> ModelFit<ShiftedBetaGeometricModel> {
    try maximumLikelihoodFit(
      try ShiftedBetaGeometricLikelihood(cohorts: cohorts), starts: [[1, 1], [0.5, 2], [2, 5], [0.2, 0.5]],
      options: options,
      unit: .periods)
  }

  /// Σ lost_t ln P(T = t) + survivors_k ln S(k) and its gradient in (ln α, ln β).
  static func logLikelihood(cohorts: [[Double]], alpha: Double, beta: Double, gradient: inout [Double]) -> Double {
    let ψ = SpecialFunctions.digamma
    let logBeta = SpecialFunctions.logBeta(alpha, beta)
    let baseA = ψ(alpha) - ψ(alpha + beta), baseB = ψ(beta) - ψ(alpha + beta)
    var total = 0.0, gA = 0.0, gB = 0.0
    for cohort in cohorts {
      for t in 1..<cohort.count {
        let lost = cohort[t - 1] - cohort[t]
        guard lost > 0 else { continue }
        let td = Double(t)
        total += lost * (SpecialFunctions.logBeta(alpha + 1, beta + td - 1) - logBeta)
        gA += lost * (ψ(alpha + 1) - ψ(alpha + beta + td) - baseA)
        gB += lost * (ψ(beta + td - 1) - ψ(alpha + beta + td) - baseB)
      }
      let k = Double(cohort.count - 1)
      if let last = cohort.last, last > 0 {
        total += last * (SpecialFunctions.logBeta(alpha, beta + k) - logBeta)
        gA += last * (ψ(alpha) - ψ(alpha + beta + k) - baseA)
        gB += last * (ψ(beta + k) - ψ(alpha + beta + k) - baseB)
      }
    }
    gradient[0] = gA * alpha
    gradient[1] = gB * beta
    return total
  }

  // MARK: Quantities

  /// P(T = t): the probability that a new subscriber churns at the end of period t.
  ///
  /// - Parameter t: A period, `t >= 1`.
  /// - Returns: A probability in `0...1`.
  public func churnProbability(inPeriod t: Int) -> Double {
    precondition(t >= 1, "periods start at 1")
    let (a, b) = (parameters.alpha, parameters.beta)
    return exp(SpecialFunctions.logBeta(a + 1, b + Double(t) - 1) - SpecialFunctions.logBeta(a, b))
  }

  /// S(t): the share of a new cohort still subscribed after t periods.
  ///
  /// - Parameter t: A number of periods, `t >= 0`.
  /// - Returns: A share in `0...1`; 1 at t = 0.
  public func survival(after t: Int) -> Double {
    precondition(t >= 0, "the number of periods must not be negative")
    let (a, b) = (parameters.alpha, parameters.beta)
    return exp(SpecialFunctions.logBeta(a, b + Double(t)) - SpecialFunctions.logBeta(a, b))
  }

  /// r_t = S(t)/S(t-1) = (β+t-1)/(α+β+t-1): the retention rate from period t-1 to t;
  /// it rises with t.
  ///
  /// - Parameter t: A period, `t >= 1`.
  /// - Returns: A rate in `0...1`.
  public func retentionRate(inPeriod t: Int) -> Double {
    precondition(t >= 1, "periods start at 1")
    let (a, b) = (parameters.alpha, parameters.beta)
    return (b + Double(t) - 1) / (a + b + Double(t) - 1)
  }

  /// The expected survivors of a cohort: size × S(t) for t = 0...periods.
  ///
  /// - Parameters:
  ///   - size: The cohort size at period 0.
  ///   - periods: The last period to project.
  /// - Returns: `periods + 1` expected counts.
  /// - Complexity: O(*periods*).
  public func projectedSurvivors(cohortSize size: Double, through periods: Int) -> [Double] {
    precondition(periods >= 0, "the number of periods must not be negative")
    var values = [size]
    var share = 1.0
    for t in stride(from: 1, through: periods, by: 1) {
      share *= retentionRate(inPeriod: t)
      values.append(size * share)
    }
    return values
  }
}
