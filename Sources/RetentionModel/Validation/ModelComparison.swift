import Foundation

/// Several buy-till-you-die models fitted to the same customers, side by side: log-likelihood,
/// number of parameters, AIC, BIC, holdout error, tracking error and diagnostics, with the model
/// the comparison would use and why.
///
/// ```swift
/// let comparison = try ModelComparison(summaries, log: log)      // every model of ModelCandidate.all
/// for entry in comparison.entries {
///   print(entry.name, entry.logLikelihood ?? .nan, entry.bayesianInformationCriterion ?? .nan,
///         entry.holdout?.meanAbsoluteError ?? .nan)
/// }
/// print(comparison.choice ?? "none", comparison.reason)
/// ```
///
/// Only comparable likelihoods are compared: the continuous-time models (BG/NBD, MBG/NBD,
/// Pareto/NBD, NBD) are densities of the same (x, t_x, T) in the same unit, so their
/// log-likelihoods, AIC and BIC rank them. The BG/BB on a daily calendar is a probability of
/// whole-day patterns; its log-likelihood is reported but marked not comparable
/// (``Entry/isLikelihoodComparable``), and it competes on the holdout only.
///
/// AIC = 2k - 2 ln L and BIC = k ln n - 2 ln L (Akaike 1974; Schwarz 1978), with k the number of
/// parameters and n the number of customers. The rule that picks a model is ``choiceRule``.
public struct ModelComparison: Sendable, Hashable, Codable {
  /// One model of the comparison: its fit, its information criteria, its holdout and tracking
  /// errors, or why it could not be fitted.
  public struct Entry: Sendable, Hashable, Codable {
    /// The model's identifier (`"bgnbd"`, `"paretonbd"`, ...).
    public var model: String
    /// The model's name as in the papers (`"BG/NBD"`).
    public var name: String
    /// What the likelihood is of, such as `"density of (x, t_x, T) in weeks"`.
    public var likelihood: String
    /// Whether the log-likelihood, AIC and BIC are comparable with those of the other entries
    /// that say so (same data, same kind of likelihood).
    public var isLikelihoodComparable: Bool
    /// The fitted parameters by name (empty when the model was not fitted).
    public var parameters: [String: Double]
    /// The standard errors the data determine, by parameter name.
    public var standardErrors: [String: Double]
    /// k, the number of estimated parameters.
    public var parameterCount: Int
    /// The maximised log-likelihood, or `nil` when the model was not fitted.
    public var logLikelihood: Double?
    /// AIC = 2k - 2 ln L, or `nil` when the model was not fitted.
    public var akaikeInformationCriterion: Double?
    /// BIC = k ln n - 2 ln L for n customers, or `nil` when the model was not fitted.
    public var bayesianInformationCriterion: Double?
    /// Whether the optimiser converged, or `nil` when the model was not fitted.
    public var converged: Bool?
    /// The fit's diagnostics, or `nil` when the model was not fitted.
    public var diagnostics: FitDiagnostics?
    /// Whether the fit converged to an interior optimum with every parameter identified (no
    /// parameter at a boundary, every standard error present).
    public var isIdentified: Bool
    /// Predicted against actual holdout purchases, or `nil` without a holdout period.
    public var holdout: HoldoutReport?
    /// The tracking error of cumulative and per-period repeat purchases, or `nil` without the
    /// order log.
    public var tracking: TrackingError?
    /// Why the model was not fitted or is not comparable, and other remarks.
    public var notes: [String]

    /// Creates an entry for a model that was not fitted.
    ///
    /// - Parameters:
    ///   - model: The identifier.
    ///   - name: The name.
    ///   - likelihood: What the likelihood would be of.
    ///   - parameterCount: k.
    ///   - reason: Why it was not fitted.
    public init(model: String, name: String, likelihood: String, parameterCount: Int, reason: String) {
      self.model = model
      self.name = name
      self.likelihood = likelihood
      isLikelihoodComparable = false
      parameters = [:]
      standardErrors = [:]
      self.parameterCount = parameterCount
      isIdentified = false
      notes = [reason]
    }

    /// Creates an entry from a fit.
    ///
    /// - Parameters:
    ///   - fit: The fit.
    ///   - name: The model's name.
    ///   - likelihood: What the likelihood is of.
    ///   - isLikelihoodComparable: Whether it is comparable with the other comparable entries.
    ///   - parameterCount: k; the model's number of parameters when `nil`.
    ///   - customers: n, for the BIC.
    public init<Model: ParametricModel>(
      _ fit: ModelFit<Model>, name: String, likelihood: String, isLikelihoodComparable: Bool,
      parameterCount: Int? = nil, customers: Double
    ) {
      let k = parameterCount ?? Model.Parameters.names.count
      model = Model.identifier
      self.name = name
      self.likelihood = likelihood
      self.isLikelihoodComparable = isLikelihoodComparable
      parameters = Dictionary(uniqueKeysWithValues: zip(Model.Parameters.names, fit.parameters.values))
      standardErrors = fit.standardErrorsByParameter
      self.parameterCount = k
      logLikelihood = fit.logLikelihood
      akaikeInformationCriterion = 2 * Double(k) - 2 * fit.logLikelihood
      bayesianInformationCriterion = Double(k) * log(Swift.max(customers, 1)) - 2 * fit.logLikelihood
      converged = fit.converged
      diagnostics = fit.diagnostics
      isIdentified = fit.converged && fit.diagnostics.isInterior
      notes = []
    }

    /// Why the data do not identify the model's parameters, in a few words (`"no dropout: the
    /// NBD"`, `"at a boundary: a, b"`, `"no standard error for delta"`, `"did not converge"`,
    /// `"not fitted"`), or `nil` when ``isIdentified``.
    public var unidentifiedReason: String? {
      if isIdentified { return nil }
      guard let diagnostics else { return "not fitted" }
      if converged == false { return "did not converge" }
      if let limit = diagnostics.limitingModel { return limit }
      if !diagnostics.atBoundary.isEmpty { return "at a boundary: " + diagnostics.atBoundary.joined(separator: ", ") }
      let missing = diagnostics.missingStandardErrors.keys.sorted()
      return missing.isEmpty ? "not identified" : "no standard error for " + missing.joined(separator: ", ")
    }

    private enum CodingKeys: String, CodingKey {
      case model, name, likelihood, isLikelihoodComparable, parameters, standardErrors, parameterCount
      case logLikelihood, akaikeInformationCriterion = "aic", bayesianInformationCriterion = "bic", converged
      case diagnostics, isIdentified, holdout, tracking, notes
    }

    /// Encodes the entry; undefined values are written as `null`, not left out.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(model, forKey: .model)
      try container.encode(name, forKey: .name)
      try container.encode(likelihood, forKey: .likelihood)
      try container.encode(isLikelihoodComparable, forKey: .isLikelihoodComparable)
      try container.encode(parameters, forKey: .parameters)
      try container.encode(standardErrors, forKey: .standardErrors)
      try container.encode(parameterCount, forKey: .parameterCount)
      try container.encodeNullable(logLikelihood, forKey: .logLikelihood)
      try container.encodeNullable(akaikeInformationCriterion, forKey: .akaikeInformationCriterion)
      try container.encodeNullable(bayesianInformationCriterion, forKey: .bayesianInformationCriterion)
      try container.encodeNullable(converged, forKey: .converged)
      try container.encodeNullable(diagnostics, forKey: .diagnostics)
      try container.encode(isIdentified, forKey: .isIdentified)
      try container.encodeNullable(holdout, forKey: .holdout)
      try container.encodeNullable(tracking, forKey: .tracking)
      try container.encode(notes, forKey: .notes)
    }
  }

  /// The unit of the continuous-time models' time: their parameters are per period of it.
  public var unit: TimeUnit
  /// n, the number of customers every model was fitted on.
  public var customers: Int
  /// The holdout length, or `nil` without a holdout period.
  public var holdoutLength: TimeSpan?
  /// The models, in the order of the candidates.
  public var entries: [Entry]
  /// The identifier of the model the comparison would use, or `nil` when none could be fitted.
  public var choice: String?
  /// Why: which rule decided, with the figures.
  public var reason: String
  /// The models the comparison cannot tell apart from the choice (holdout errors within
  /// ``holdoutTolerance`` and BICs within ``informationCriterionTolerance``, or not comparable in
  /// likelihood), by identifier; empty when the choice is clear.
  public var indistinguishable: [String]
  /// The rule that picked ``choice`` (``choiceRule``), so that a reader of the JSON sees it.
  public var rule: String

  /// The relative difference in holdout MAE per customer below which two models predict the
  /// holdout equally well: 0.01 (1 %).
  public static let holdoutTolerance = 0.01
  /// The BIC difference below which two models are not distinguished: 2 ("not worth more than a
  /// bare mention", Kass & Raftery 1995).
  public static let informationCriterionTolerance = 2.0

  /// The rule that picks a model, in words.
  public static let choiceRule = """
    Among the models that converged with every parameter identified (none at a boundary, every \
    standard error present), the lowest holdout mean absolute error per customer; holdout errors \
    within 1 % of the best are a tie, broken by the lowest BIC among the models with comparable \
    likelihoods. Without a holdout period, the lowest BIC. Models within 2 of each other in BIC, \
    or tied on the holdout without a comparable likelihood, are named as indistinguishable. When \
    no model is identified, the same rule runs over all fitted models and says so.
    """

  /// The entry of the chosen model, or `nil`.
  public var chosenEntry: Entry? { entries.first { $0.model == choice } }

  private enum CodingKeys: String, CodingKey {
    case unit, customers, holdoutLength, entries, choice, reason, indistinguishable, rule
  }

  /// Encodes the comparison; undefined values are written as `null`, not left out.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(unit, forKey: .unit)
    try container.encode(customers, forKey: .customers)
    try container.encodeNullable(holdoutLength, forKey: .holdoutLength)
    try container.encode(entries, forKey: .entries)
    try container.encodeNullable(choice, forKey: .choice)
    try container.encode(reason, forKey: .reason)
    try container.encode(indistinguishable, forKey: .indistinguishable)
    try container.encode(rule, forKey: .rule)
  }
}
