/// A fitted model with its fit report: the log-likelihood, the standard errors, the data size
/// and the optimiser's diagnostics.
///
/// It encodes to the JSON the `secondsale fit` command prints:
///
/// ```json
/// {"model": "bgnbd", "unit": "weeks",
///  "parameters": {"r": 0.2426, "alpha": 4.414, "a": 0.7929, "b": 2.426},
///  "standardErrors": {"r": 0.01256, ...}, "logLikelihood": -9582.43, "customers": 2357,
///  "uniqueTriples": 1450, "converged": true, "iterations": 31, "evaluations": 40,
///  "standardErrorsByParameter": {...}, "diagnostics": {"atBoundary": [], "dropoutIdentified": true, ...}}
/// ```
///
/// The unit is part of the fit: the parameters are per period of it, and the fitted model
/// converts every typed horizon (``TimeSpan``) to it.
public struct ModelFit<Model: ParametricModel>: Sendable {
  /// The fitted model.
  public var model: Model
  /// The standard errors of the parameters (delta method), or `nil` unless every parameter has
  /// one (``standardErrorsByParameter`` holds those that exist, ``diagnostics`` says why the
  /// others are missing).
  public var standardErrors: Model.Parameters?
  /// The standard errors of the parameters the data identify, by parameter name.
  ///
  /// They come from the Hessian of the parameters that are neither at a boundary nor flat
  /// (delta method, conditional on the others). A parameter without one has its reason in
  /// ``FitDiagnostics/missingStandardErrors``.
  public var standardErrorsByParameter: [String: Double]
  /// What the fit can and cannot tell: boundaries, identification, the Hessian's condition and
  /// the reasons for missing standard errors.
  public var diagnostics: FitDiagnostics
  /// The covariance matrix of the parameters in ``ModelParameters/names`` order, or `nil`.
  public var covariance: [[Double]]?
  /// The maximised log-likelihood.
  public var logLikelihood: Double
  /// The number of customers (the sum of the counts) the model was fitted on.
  public var customers: Double
  /// The number of distinct data rows the likelihood was summed over: unique (x, t_x, T)
  /// triples, unique (x, t_x, n) patterns for the BG/BB, periods for the shifted-beta-geometric.
  public var uniqueTriples: Int
  /// Whether the optimiser met its gradient tolerance.
  public var converged: Bool
  /// The optimiser's iterations for the chosen start.
  public var iterations: Int
  /// The number of likelihood evaluations over all starts.
  public var evaluations: Int

  /// The fitted parameters.
  public var parameters: Model.Parameters { model.parameters }

  /// The unit of the data the model was fitted on, which the model counts time in.
  public var unit: Model.Unit { model.unit }

  /// Creates a fit report.
  ///
  /// The diagnostics check the estimate against the default parameter box of ``FitOptions``
  /// and its Hessian; the models' own `fit` functions also check their limiting models.
  ///
  /// - Parameters:
  ///   - model: The fitted model.
  ///   - estimate: The optimiser's estimate.
  ///   - customers: The number of customers.
  ///   - uniqueTriples: The number of distinct data rows.
  public init(model: Model, estimate: MaximumLikelihoodEstimate, customers: Double, uniqueTriples: Int) {
    self.init(
      model: model, estimate: estimate, customers: customers, uniqueTriples: uniqueTriples, options: FitOptions(),
      limits: ModelLimits())
  }

  init(
    model: Model, estimate: MaximumLikelihoodEstimate, customers: Double, uniqueTriples: Int, options: FitOptions,
    limits: ModelLimits
  ) {
    let names = Model.Parameters.names
    let analysis = FitDiagnostics.analysing(estimate, names: names, options: options, limits: limits)
    self.model = model
    self.diagnostics = analysis.diagnostics
    self.standardErrorsByParameter = analysis.standardErrors
    let complete = names.compactMap { analysis.standardErrors[$0] }
    self.standardErrors = complete.count == names.count ? Model.Parameters(values: complete) : nil
    self.covariance = analysis.covariance
    self.logLikelihood = estimate.logLikelihood
    self.customers = customers
    self.uniqueTriples = uniqueTriples
    self.converged = estimate.converged
    self.iterations = estimate.iterations
    self.evaluations = estimate.evaluations
  }
}

extension ModelFit: Codable {
  private enum CodingKeys: String, CodingKey {
    case model, unit, parameters, standardErrors, covariance, logLikelihood, customers, uniqueTriples
    case converged, iterations, evaluations, standardErrorsByParameter, diagnostics
  }

  /// Decodes a fit written by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError` if the model identifier differs from `Model.identifier`, the unit
  ///   is missing or unknown, or a parameter is not positive and finite.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let identifier = try container.decode(String.self, forKey: .model)
    guard identifier == Model.identifier else {
      throw DecodingError.dataCorruptedError(
        forKey: .model, in: container, debugDescription: "expected model \(Model.identifier), found \(identifier)")
    }
    let parameters = try container.decode(Model.Parameters.self, forKey: .parameters)
    guard parameters.arePositiveAndFinite else {
      throw DecodingError.dataCorruptedError(
        forKey: .parameters, in: container, debugDescription: "parameters must be positive and finite")
    }
    model = Model(parameters: parameters, unit: try container.decode(Model.Unit.self, forKey: .unit))
    standardErrors = try container.decodeIfPresent(Model.Parameters.self, forKey: .standardErrors)
    let byParameter = try container.decodeIfPresent([String: Double].self, forKey: .standardErrorsByParameter)
    let complete = standardErrors.map { Dictionary(uniqueKeysWithValues: zip(Model.Parameters.names, $0.values)) }
    standardErrorsByParameter = byParameter ?? complete ?? [:]
    diagnostics =
      try container.decodeIfPresent(FitDiagnostics.self, forKey: .diagnostics)
      ?? FitDiagnostics(notes: ["This fit was saved without diagnostics."])
    covariance = try container.decodeIfPresent([[Double]].self, forKey: .covariance)
    logLikelihood = try container.decode(Double.self, forKey: .logLikelihood)
    customers = try container.decode(Double.self, forKey: .customers)
    uniqueTriples = try container.decode(Int.self, forKey: .uniqueTriples)
    converged = try container.decode(Bool.self, forKey: .converged)
    iterations = try container.decode(Int.self, forKey: .iterations)
    evaluations = try container.decode(Int.self, forKey: .evaluations)
  }

  /// Encodes the fit with the model's identifier under `model`, its unit under `unit` and its
  /// parameters under `parameters`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Model.identifier, forKey: .model)
    try container.encode(model.unit, forKey: .unit)
    try container.encode(model.parameters, forKey: .parameters)
    try container.encodeIfPresent(standardErrors, forKey: .standardErrors)
    try container.encodeIfPresent(covariance, forKey: .covariance)
    try container.encode(logLikelihood, forKey: .logLikelihood)
    try container.encode(customers, forKey: .customers)
    try container.encode(uniqueTriples, forKey: .uniqueTriples)
    try container.encode(converged, forKey: .converged)
    try container.encode(iterations, forKey: .iterations)
    try container.encode(evaluations, forKey: .evaluations)
    try container.encode(standardErrorsByParameter, forKey: .standardErrorsByParameter)
    try container.encode(diagnostics, forKey: .diagnostics)
  }
}

extension ModelFit: Equatable where Model: Equatable {}
extension ModelFit: Hashable where Model: Hashable {}
