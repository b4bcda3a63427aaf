extension ModelFit {
  /// A fit in which some parameters were held fixed (the regularity k of the Erlang-k models)
  /// and the others estimated.
  ///
  /// The diagnostics and standard errors are those of the free parameters, conditional on the
  /// fixed ones; every fixed parameter is listed in ``FitDiagnostics/missingStandardErrors``
  /// with its reason, so ``standardErrors`` and ``covariance`` (which need every parameter) are
  /// `nil`.
  ///
  /// - Parameters:
  ///   - model: The fitted model, with the fixed and the free parameters.
  ///   - estimate: The estimate of the free parameters.
  ///   - freeNames: The names of the free parameters in the estimate's order.
  ///   - fixed: Why each fixed parameter has no standard error, by name.
  ///   - logLikelihoodOffset: A constant of the data added to the estimate's log-likelihood (the
  ///     part of the likelihood that does not depend on the free parameters).
  ///   - customers: The number of customers.
  ///   - uniqueTriples: The number of distinct data rows.
  ///   - options: The options of the fit.
  ///   - limits: What the model knows about its limits, in the free parameters.
  init(
    model: Model, estimate: MaximumLikelihoodEstimate, freeNames: [String], fixed: [String: String],
    logLikelihoodOffset: Double, customers: Double, uniqueTriples: Int, options: FitOptions, limits: ModelLimits
  ) {
    let analysis = FitDiagnostics.analysing(estimate, names: freeNames, options: options, limits: limits)
    var diagnostics = analysis.diagnostics
    for (name, reason) in fixed { diagnostics.missingStandardErrors[name] = reason }
    self.model = model
    self.diagnostics = diagnostics
    self.standardErrorsByParameter = analysis.standardErrors
    self.standardErrors = nil
    self.covariance = nil
    self.logLikelihood = estimate.logLikelihood + logLikelihoodOffset
    self.customers = customers
    self.uniqueTriples = uniqueTriples
    self.converged = estimate.converged
    self.iterations = estimate.iterations
    self.evaluations = estimate.evaluations
  }
}
