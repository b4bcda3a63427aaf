extension ParametricModel {
  /// Fits the model by maximum likelihood and wraps the estimate in the model and its report.
  ///
  /// The one fitting scaffold of the module: every model's public `fit` builds its
  /// ``LogLikelihood`` from its data and calls this with its starting points, so that a model
  /// file holds only what differs (its formulas, citations and starts). The estimate comes from
  /// ``MaximumLikelihood/maximize(starts:options:logLikelihood:)``: the starts of `options`
  /// first, then `starts`; the parameters are named by `Parameters.names`.
  ///
  /// ```swift
  /// public static func fit(_ data: FrequencyRecencyData, options: FitOptions = FitOptions()) throws -> ModelFit<NBDModel> {
  ///   let likelihood = NBDLikelihood(triples: try IndexedTriples(data), isParallel: options.isParallel)
  ///   return try maximumLikelihoodFit(
  ///     likelihood, starts: defaultStarts(likelihood.triples), options: options, unit: data.unit)
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - likelihood: The log-likelihood of the data in the log-parameters.
  ///   - starts: The model's natural-scale starting points, one value per parameter.
  ///   - options: Starts, tolerances and bounds.
  ///   - unit: The unit of the data, which the fitted model records.
  ///   - limits: What the model knows about its limits (its limit without dropout, the
  ///     parameters of dropout and purchase rates), for ``FitDiagnostics``.
  /// - Returns: The fitted model with its log-likelihood, standard errors, data size, the
  ///   optimiser's figures and the diagnostics.
  /// - Throws: ``RetentionModelError`` `.fitFailed` when no start has a finite log-likelihood,
  ///   `.invalidArgument` for starts of the wrong length or with non-positive values.
  /// - Complexity: O(*s* · *k*) likelihood evaluations for *s* starts and *k* iterations.
  static func maximumLikelihoodFit(
    _ likelihood: some LogLikelihood, starts: [[Double]], options: FitOptions, unit: Unit,
    limits: ModelLimits = ModelLimits()
  ) throws -> ModelFit<Self> {
    let estimate = try MaximumLikelihood.maximize(starts: starts, options: options) { theta, gradient in
      likelihood.evaluate(logParameters: theta, gradient: &gradient)
    }
    return ModelFit(
      model: Self(parameters: Parameters(values: estimate.parameters), unit: unit), estimate: estimate,
      customers: likelihood.customers, uniqueTriples: likelihood.rows, options: options, limits: limits)
  }
}
