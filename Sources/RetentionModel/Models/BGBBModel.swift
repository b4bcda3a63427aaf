import Foundation

/// The beta-geometric/beta-binomial model of Fader, Hardie & Shang (2010), "Customer-base
/// analysis in a discrete-time noncontractual setting", *Marketing Science* 29(6), 1086-1108.
///
/// Customers have discrete transaction opportunities (a yearly donation drive, an annual
/// event). While alive, a customer transacts at each opportunity with probability
/// p ~ Beta(α, β); at the start of each opportunity an alive customer dies with probability
/// θ ~ Beta(γ, δ). The data of a customer are x transactions in n opportunities, the last at
/// opportunity t_x (t_x = 0 without transactions).
///
/// ```swift
/// let data = try BGBBModel.patterns(contentsOf: url)     // x, t_x, n, weight
/// let fit = try BGBBModel.fit(data)   // donations: alpha 1.204, beta 0.750, gamma 0.657, delta 2.783
/// fit.model.probabilityAlive(frequency: 2, recency: 4, opportunities: 6)   // 0.59
/// fit.model.expectedPurchases(withinOpportunities: 10)                     // 3.18
/// ```
///
/// Time is counted in opportunities, not days or weeks: the data define what an opportunity is
/// (a yearly drive for the donations data), so horizons are whole numbers of opportunities.
public struct BGBBModel: ParametricModel, Hashable, Codable {
  /// The BG/BB parameters, named as in the paper.
  public struct Parameters: ModelParameters {
    /// The first shape of the beta distribution of transaction probabilities.
    public var alpha: Double
    /// The second shape of the beta distribution of transaction probabilities.
    public var beta: Double
    /// The first shape of the beta distribution of dropout probabilities.
    public var gamma: Double
    /// The second shape of the beta distribution of dropout probabilities.
    public var delta: Double

    /// The names in vector order: `alpha`, `beta`, `gamma`, `delta`.
    public static let names = ["alpha", "beta", "gamma", "delta"]

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - alpha: The first transaction shape.
    ///   - beta: The second transaction shape.
    ///   - gamma: The first dropout shape.
    ///   - delta: The second dropout shape.
    public init(alpha: Double, beta: Double, gamma: Double, delta: Double) {
      self.alpha = alpha
      self.beta = beta
      self.gamma = gamma
      self.delta = delta
    }

    /// Creates parameters from `[alpha, beta, gamma, delta]`.
    ///
    /// - Parameter values: Four values.
    public init(values: [Double]) {
      precondition(values.count == 4, "BG/BB has four parameters")
      self.init(alpha: values[0], beta: values[1], gamma: values[2], delta: values[3])
    }

    /// `[alpha, beta, gamma, delta]`.
    public var values: [Double] { [alpha, beta, gamma, delta] }
  }

  /// `"bgbb"`.
  public static let identifier = "bgbb"

  /// The unit of the BG/BB's time: one transaction opportunity, whose calendar length the data
  /// define; it does not convert to days or weeks.
  public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
    /// One transaction opportunity.
    case opportunities
  }

  /// The parameters.
  public let parameters: Parameters
  /// The unit of the model's time, ``Unit/opportunities``.
  public let unit: Unit

  /// Creates the model.
  ///
  /// - Parameters:
  ///   - parameters: Positive, finite parameters.
  ///   - unit: ``Unit/opportunities``, the only unit of the BG/BB.
  public init(parameters: Parameters, unit: Unit = .opportunities) {
    precondition(parameters.arePositiveAndFinite, "BG/BB parameters must be positive and finite")
    self.parameters = parameters
    self.unit = unit
  }

  /// Creates the model from its four parameters.
  ///
  /// - Parameters:
  ///   - alpha: The first transaction shape.
  ///   - beta: The second transaction shape.
  ///   - gamma: The first dropout shape.
  ///   - delta: The second dropout shape.
  public init(alpha: Double, beta: Double, gamma: Double, delta: Double) {
    self.init(parameters: Parameters(alpha: alpha, beta: beta, gamma: gamma, delta: delta))
  }

  // MARK: Fitting

  /// Fits the model by maximum likelihood (FHS 2010) on (x, t_x, n) patterns with counts.
  ///
  /// - Parameters:
  ///   - data: (x, t_x, n) patterns with counts, all whole numbers with 0 <= x <= t_x <= n.
  ///   - options: Starts, tolerances and bounds.
  /// - Returns: The fitted model with its report.
  /// - Throws: ``RetentionModelError`` `.invalidData` for values that are not whole numbers or
  ///   out of order, `.emptyData`, `.fitFailed`.
  /// - Complexity: O(*u* · *n*) per evaluation, for *u* patterns of up to *n* opportunities.
  public static func fit(_ data: Patterns, options: FitOptions = FitOptions()) throws -> ModelFit<BGBBModel> {
    let likelihood = try BGBBLikelihood(data)
    let limits = ModelLimits(
      dropout: ["gamma", "delta"], purchase: ["alpha", "beta"],
      repeatPurchases: likelihood.patterns.reduce(0) { $0 + $1.x * $1.weight })
    return try maximumLikelihoodFit(
      likelihood, starts: [[1, 1, 1, 1], [1, 0.5, 0.5, 2], [0.5, 1, 1, 5], [2, 2, 0.5, 1]],
      options: options, unit: .opportunities, limits: limits)
  }

  /// Σ weight × ln L(α, β, γ, δ | x, t_x, n) over patterns and its gradient in the
  /// log-parameters.
  static func logLikelihood(
    patterns: [(x: Double, tx: Double, n: Double, weight: Double)], logParameters theta: [Double], gradient: inout [Double]
  ) -> Double {
    let model = BGBBModel(parameters: Parameters(values: theta.map { exp($0) }))
    var total = 0.0
    var sums = [0.0, 0.0, 0.0, 0.0]
    for pattern in patterns {
      let (value, derivatives) = model.logLikelihoodWithGradientByRecurrence(x: pattern.x, tx: pattern.tx, n: pattern.n)
      total += pattern.weight * value
      for index in 0..<4 { sums[index] += pattern.weight * derivatives[index] }
    }
    let values = model.parameters.values
    for index in 0..<4 { gradient[index] = sums[index] * values[index] }
    return total
  }

  /// The log-likelihood and its derivatives in (α, β, γ, δ), term by term from ln B and ψ: the
  /// definition, and the reference of ``logLikelihoodWithGradientByRecurrence(x:tx:n:)``.
  func logLikelihoodWithGradient(x: Double, tx: Double, n: Double) -> (Double, [Double]) {
    let (a, b, g, d) = (parameters.alpha, parameters.beta, parameters.gamma, parameters.delta)
    let ψ = SpecialFunctions.digamma
    let baseA = ψ(a) - ψ(a + b), baseB = ψ(b) - ψ(a + b)
    let baseG = ψ(g) - ψ(g + d), baseD = ψ(d) - ψ(g + d)
    let logBetaAB = SpecialFunctions.logBeta(a, b), logBetaGD = SpecialFunctions.logBeta(g, d)
    // Term 0: alive through all n opportunities; term i: alive through t_x + i, dead at the next.
    var logTerms: [Double] = []
    var derivatives: [[Double]] = []
    logTerms.append(
      SpecialFunctions.logBeta(a + x, b + n - x) - logBetaAB + SpecialFunctions.logBeta(g, d + n) - logBetaGD)
    derivatives.append([
      ψ(a + x) - ψ(a + b + n) - baseA, ψ(b + n - x) - ψ(a + b + n) - baseB,
      ψ(g) - ψ(g + d + n) - baseG, ψ(d + n) - ψ(g + d + n) - baseD,
    ])
    var i = 0.0
    while i < n - tx {
      let span = tx + i
      logTerms.append(
        SpecialFunctions.logBeta(a + x, b + span - x) - logBetaAB + SpecialFunctions.logBeta(g + 1, d + span) - logBetaGD)
      derivatives.append([
        ψ(a + x) - ψ(a + b + span) - baseA, ψ(b + span - x) - ψ(a + b + span) - baseB,
        ψ(g + 1) - ψ(g + d + 1 + span) - baseG, ψ(d + span) - ψ(g + d + 1 + span) - baseD,
      ])
      i += 1
    }
    let top = logTerms.max() ?? 0
    var sum = 0.0
    var gradient = [0.0, 0.0, 0.0, 0.0]
    for (index, logTerm) in logTerms.enumerated() {
      let weight = exp(logTerm - top)
      sum += weight
      for j in 0..<4 { gradient[j] += weight * derivatives[index][j] }
    }
    return (top + log(sum), gradient.map { $0 / sum })
  }

  // MARK: Customer-level quantities

  /// ln L(α, β, γ, δ | x, t_x, n) (FHS 2010).
  ///
  /// - Parameters:
  ///   - x: Frequency x, the number of transactions, `0 <= x <= t_x`.
  ///   - tx: Recency t_x, the opportunity of the last transaction (0 without).
  ///   - n: Opportunities n, the number of opportunities observed.
  /// - Returns: The log-likelihood.
  /// - Complexity: O(*n* - *t_x*).
  public func logLikelihood(frequency x: Int, recency tx: Int, opportunities n: Int) -> Double {
    precondition(0 <= x && x <= tx && tx <= n, "BG/BB needs 0 <= x <= t_x <= n")
    return logLikelihoodWithGradient(x: Double(x), tx: Double(tx), n: Double(n)).0
  }

  /// P(alive at opportunity n + 1 | x, t_x, n) (FHS 2010).
  ///
  /// - Parameters:
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - n: Opportunities n.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(*n* - *t_x*).
  public func probabilityAlive(frequency x: Int, recency tx: Int, opportunities n: Int) -> Double {
    let (a, b, g, d) = (parameters.alpha, parameters.beta, parameters.gamma, parameters.delta)
    let (xd, nd) = (Double(x), Double(n))
    let alive =
      SpecialFunctions.logBeta(a + xd, b + nd - xd) - SpecialFunctions.logBeta(a, b)
      + SpecialFunctions.logBeta(g, d + nd + 1) - SpecialFunctions.logBeta(g, d)
    return Swift.min(1, exp(alive - logLikelihood(frequency: x, recency: tx, opportunities: n)))
  }

  /// E[X(n)]: the expected number of transactions of a new customer in n opportunities,
  /// α/(α+β) Σ_{t=1}^{n} B(γ, δ+t)/B(γ, δ) (FHS 2010, written as a finite sum, which has no
  /// singularity at γ = 1).
  ///
  /// - Parameter n: The number of opportunities, `n >= 0`.
  /// - Returns: The expected number of transactions.
  /// - Complexity: O(*n*).
  public func expectedPurchases(withinOpportunities n: Int) -> Double {
    precondition(n >= 0, "the number of opportunities must not be negative")
    let (a, b) = (parameters.alpha, parameters.beta)
    return a / (a + b) * survivalSum(from: 0, count: n)
  }

  /// Σ_{k=1}^{count} B(γ, δ+m+k)/B(γ, δ+m): the expected number of the next `count`
  /// opportunities at which a customer alive at opportunity m is still alive.
  private func survivalSum(from m: Double, count: Int) -> Double {
    let (g, d) = (parameters.gamma, parameters.delta)
    var ratio = 1.0
    var sum = 0.0
    for k in 0..<count {
      ratio *= (d + m + Double(k)) / (g + d + m + Double(k))
      sum += ratio
    }
    return sum
  }

  /// E[X(n, n+n*) | x, t_x, n]: the expected number of transactions in the next n*
  /// opportunities (FHS 2010), as P(alive through n) E[p | alive] Σ survival.
  ///
  /// - Parameters:
  ///   - future: n*, the number of future opportunities, `n* >= 0`.
  ///   - x: Frequency x.
  ///   - tx: Recency t_x.
  ///   - n: Opportunities n.
  /// - Returns: The expected number of transactions.
  /// - Complexity: O(*n* + *n**).
  public func conditionalExpectedPurchases(
    withinOpportunities future: Int, frequency x: Int, recency tx: Int, opportunities n: Int
  ) -> Double {
    precondition(future >= 0, "the number of opportunities must not be negative")
    let (a, b, g, d) = (parameters.alpha, parameters.beta, parameters.gamma, parameters.delta)
    let (xd, nd) = (Double(x), Double(n))
    let aliveThroughN =
      SpecialFunctions.logBeta(a + xd, b + nd - xd) - SpecialFunctions.logBeta(a, b)
      + SpecialFunctions.logBeta(g, d + nd) - SpecialFunctions.logBeta(g, d)
    let posteriorAlive = exp(aliveThroughN - logLikelihood(frequency: x, recency: tx, opportunities: n))
    return posteriorAlive * (a + xd) / (a + b + nd) * survivalSum(from: nd, count: future)
  }

  /// P(X(n) = x): the probability that a new customer transacts at exactly x of n
  /// opportunities (FHS 2010).
  ///
  /// - Parameters:
  ///   - x: The number of transactions, `0...n`.
  ///   - n: The number of opportunities.
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(*n*).
  public func probabilityOfPurchases(_ x: Int, withinOpportunities n: Int) -> Double {
    precondition(0 <= x && x <= n, "x must lie in 0...n")
    let (a, b, g, d) = (parameters.alpha, parameters.beta, parameters.gamma, parameters.delta)
    let xd = Double(x)
    func logChoose(_ m: Double, _ k: Double) -> Double {
      SpecialFunctions.logGamma(m + 1) - SpecialFunctions.logGamma(k + 1) - SpecialFunctions.logGamma(m - k + 1)
    }
    let logBetaAB = SpecialFunctions.logBeta(a, b), logBetaGD = SpecialFunctions.logBeta(g, d)
    let nd = Double(n)
    var total = exp(
      logChoose(nd, xd) + SpecialFunctions.logBeta(a + xd, b + nd - xd) - logBetaAB
        + SpecialFunctions.logBeta(g, d + nd) - logBetaGD)
    for i in x..<n {
      let id = Double(i)
      total += exp(
        logChoose(id, xd) + SpecialFunctions.logBeta(a + xd, b + id - xd) - logBetaAB
          + SpecialFunctions.logBeta(g + 1, d + id) - logBetaGD)
    }
    return Swift.min(1, total)
  }

  /// Draws a customer over n opportunities: p ~ Beta(α, β), θ ~ Beta(γ, δ); at each opportunity
  /// the customer first dies with probability θ, and if alive transacts with probability p.
  ///
  /// - Parameters:
  ///   - n: Opportunities n, `n >= 0`.
  ///   - generator: The source of randomness.
  /// - Returns: The opportunities (1-based) with a transaction, increasing.
  public func simulateTransactions(opportunities n: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
    let p = RandomVariates.beta(parameters.alpha, parameters.beta, using: &generator)
    let theta = RandomVariates.beta(parameters.gamma, parameters.delta, using: &generator)
    var transactions: [Int] = []
    guard n > 0 else { return transactions }
    for opportunity in 1...n {
      if RandomVariates.uniform(using: &generator) < theta { break }
      if RandomVariates.uniform(using: &generator) < p { transactions.append(opportunity) }
    }
    return transactions
  }
}
