import Foundation

extension ModelFit {
  /// Why the fit's parameters cannot be drawn from their sampling distribution, or `nil` when
  /// they can.
  ///
  /// Draws need the full covariance matrix, which exists only when every parameter has a
  /// standard error. A fit on a boundary (no dropout, no repeat purchases) or with a flat
  /// direction leaves some out; the reason then names each and says why, from
  /// ``FitDiagnostics/missingStandardErrors``:
  ///
  /// ```swift
  /// if let reason = fit.parameterDrawsUnavailableReason { print("no interval: \(reason)") }
  /// ```
  public var parameterDrawsUnavailableReason: String? {
    guard covariance == nil else { return nil }
    let names = Model.Parameters.names
    let missing = names.filter { standardErrorsByParameter[$0] == nil }
    guard !missing.isEmpty else { return "the covariance of the parameters could not be computed" }
    let reasons = missing.map { name in
      "\(name): \(diagnostics.missingStandardErrors[name] ?? "no standard error")"
    }
    return "the parameters' uncertainty is not known (no standard error for \(reasons.joined(separator: "; ")))"
  }

  /// Parameter vectors drawn from the estimate's large-sample distribution: multivariate normal
  /// on the log-parameters, centred on the estimate, with covariance H⁻¹ (the inverse Hessian of
  /// the negative log-likelihood in the log-parameters, which the fit's natural-scale
  /// ``covariance`` diag(θ) H⁻¹ diag(θ) holds).
  ///
  /// The fit maximises on the log scale, where the likelihood is closer to quadratic, so the
  /// draws are normal there and positive after exponentiation. They drive a parametric
  /// bootstrap: re-score each customer under every draw and read a percentile interval.
  ///
  /// ```swift
  /// var generator = SeededRandomNumberGenerator(seed: 1)
  /// let draws = try fit.parameterDraws(200, using: &generator)
  /// let models = draws.map { BGNBDModel(parameters: $0, unit: fit.unit) }
  /// ```
  ///
  /// Draws are clamped to the default parameter box of ``FitOptions`` (1e-8...1e8), the range
  /// the fits search.
  ///
  /// - Parameters:
  ///   - count: The number of draws, `>= 0`.
  ///   - generator: The source of randomness; equal seeds give equal draws.
  /// - Returns: `count` parameter vectors.
  /// - Throws: ``RetentionModelError`` `.invalidArgument` when the fit has no covariance matrix
  ///   (the reason is ``parameterDrawsUnavailableReason``) or it is not positive definite.
  /// - Complexity: O(*count* · *d*²) for *d* parameters.
  public func parameterDraws(_ count: Int, using generator: inout some RandomNumberGenerator) throws
    -> [Model.Parameters]
  {
    precondition(count >= 0, "the number of draws must not be negative")
    guard let covariance else {
      throw RetentionModelError(
        .invalidArgument, reason: parameterDrawsUnavailableReason ?? "the fit has no covariance matrix")
    }
    guard let draws = LogNormalDraws.draws(around: parameters.values, covariance: covariance, count: count, using: &generator)
    else {
      throw RetentionModelError(
        .invalidArgument, reason: "the covariance matrix of the parameters is not positive definite")
    }
    return draws.map(Model.Parameters.init(values:))
  }
}
