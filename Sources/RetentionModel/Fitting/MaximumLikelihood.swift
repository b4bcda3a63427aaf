import Foundation

/// The result of a maximum-likelihood fit on log-parameters: the estimate, its quality and its
/// standard errors.
public struct MaximumLikelihoodEstimate: Sendable, Hashable, Codable {
  /// The estimated parameters on the natural scale.
  public var parameters: [Double]
  /// The log-likelihood at the estimate.
  public var logLikelihood: Double
  /// The standard errors of the parameters by the delta method, or `nil` when the Hessian is
  /// not positive definite (an optimum on a bound, or a flat direction).
  public var standardErrors: [Double]?
  /// The covariance matrix of the parameters, diag(θ) H⁻¹ diag(θ), or `nil` with
  /// ``standardErrors``.
  public var covariance: [[Double]]?
  /// The number of optimiser iterations of the chosen start.
  public var iterations: Int
  /// The number of likelihood evaluations over all starts.
  public var evaluations: Int
  /// Whether the chosen optimisation met its gradient tolerance.
  public var converged: Bool
  /// How many starts were optimised.
  public var startsOptimized: Int
  /// The Hessian of the negative log-likelihood with respect to the log-parameters at the estimate.
  ///
  /// Central differences of the exact gradient; `nil` when standard errors were not requested
  /// or the likelihood is not finite next to the estimate. ``FitDiagnostics`` reads its
  /// eigenvalues.
  public var hessian: [[Double]]?
}

/// Maximum-likelihood estimation of positive parameters: L-BFGS on the log-parameters from
/// several starts, with standard errors by the delta method.
///
/// The log-likelihood is given as a function of the log-parameters θ = ln(parameters) that also
/// writes its exact gradient with respect to θ. Each start is first evaluated; the starts are
/// ranked by their log-likelihood and optimised in that order until one converges (or all of
/// them, with ``FitOptions/exhaustiveStarts``). The returned estimate is never worse than the
/// best start and never non-finite.
///
/// Standard errors come from the Hessian H of the negative log-likelihood in θ, computed by
/// central differences of the exact gradient, and the delta method: the covariance of the
/// parameters is diag(θ) H⁻¹ diag(θ) (here diag(θ) holds the natural-scale parameters, the
/// Jacobian of exp).
///
/// ```swift
/// let estimate = try MaximumLikelihood.maximize(starts: [[1, 1]], options: FitOptions()) { theta, gradient in
///   // log-likelihood of Gamma(shape, rate) data as a function of (ln shape, ln rate) ...
/// }
/// ```
public enum MaximumLikelihood {
  /// Maximises a log-likelihood of positive parameters.
  ///
  /// - Parameters:
  ///   - starts: Natural-scale starting points (each with one value per parameter), tried
  ///     after ``FitOptions/starts``.
  ///   - options: Starts, tolerances and bounds.
  ///   - logLikelihood: The log-likelihood at the log-parameters; writes its gradient with
  ///     respect to the log-parameters into the second argument.
  /// - Returns: The estimate.
  /// - Throws: ``RetentionModelError`` `.fitFailed` when no start has a finite log-likelihood,
  ///   `.invalidArgument` for starts of the wrong length or with non-positive values.
  /// - Complexity: O(*s* · *k* · *e*) for *s* starts, *k* iterations and an evaluation cost *e*.
  public static func maximize(
    starts: [[Double]], options: FitOptions,
    logLikelihood: (_ logParameters: [Double], _ gradient: inout [Double]) -> Double
  ) throws -> MaximumLikelihoodEstimate {
    let candidates = options.starts + starts
    guard let dimension = candidates.first?.count, dimension > 0 else {
      throw RetentionModelError(.invalidArgument, reason: "no starting point")
    }
    for (index, start) in candidates.enumerated() {
      guard start.count == dimension, start.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw RetentionModelError(
          .invalidArgument, row: index,
          reason: "a start needs \(dimension) positive finite values, got \(start)")
      }
    }
    let lower = log(options.parameterBounds.lowerBound)
    let upper = log(options.parameterBounds.upperBound)
    var evaluations = 0
    func negative(_ theta: [Double], _ gradient: inout [Double]) -> Double {
      evaluations += 1
      let value = logLikelihood(theta, &gradient)
      for index in gradient.indices { gradient[index] = -gradient[index] }
      return -value
    }

    var screened: [(theta: [Double], value: Double)] = []
    var scratch = [Double](repeating: 0, count: dimension)
    for start in candidates {
      let theta = start.map { Swift.min(Swift.max(log($0), lower), upper) }
      let value = negative(theta, &scratch)
      if value.isFinite && scratch.allSatisfy(\.isFinite) { screened.append((theta, value)) }
    }
    guard !screened.isEmpty else {
      throw RetentionModelError(.fitFailed, reason: "no starting point has a finite log-likelihood")
    }
    // Stable: among equal values the earlier (user-supplied) start comes first.
    let ranked = screened.enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }.map(\.element)

    let minimizer = LBFGSMinimizer(
      lowerBounds: Array(repeating: lower, count: dimension),
      upperBounds: Array(repeating: upper, count: dimension),
      maximumIterations: options.maximumIterations, gradientTolerance: options.gradientTolerance)
    var best: LBFGSMinimizer.Result?
    var optimized = 0
    for candidate in ranked {
      let result = minimizer.minimize(from: candidate.theta, objective: negative)
      optimized += 1
      if result.value.isFinite, result.value <= (best?.value ?? .infinity) {
        if let current = best, current.converged, !result.converged, result.value >= current.value - 1e-9 {
          // Keep the converged fit when the other is no better.
        } else {
          best = result
        }
      }
      if !options.exhaustiveStarts, best?.converged == true { break }
    }
    guard let best else {
      throw RetentionModelError(.fitFailed, reason: "no optimisation ended at a finite log-likelihood")
    }

    let parameters = best.point.map { exp($0) }
    var standardErrors: [Double]?
    var covariance: [[Double]]?
    var hessian: [[Double]]?
    if options.computesStandardErrors {
      hessian = Self.hessian(at: best.point, dimension: dimension, objective: negative)
      if let hessian, let inverse = SymmetricMatrix.inverseOfPositiveDefinite(hessian) {
        let scaled = (0..<dimension).map { i in
          (0..<dimension).map { j in parameters[i] * inverse[i][j] * parameters[j] }
        }
        let errors = (0..<dimension).map { sqrt(scaled[$0][$0]) }
        if errors.allSatisfy(\.isFinite) {
          covariance = scaled
          standardErrors = errors
        }
      }
    }
    return MaximumLikelihoodEstimate(
      parameters: parameters, logLikelihood: -best.value, standardErrors: standardErrors,
      covariance: covariance, iterations: best.iterations, evaluations: evaluations,
      converged: best.converged, startsOptimized: optimized, hessian: hessian)
  }

  /// The Hessian of `objective` at `point` by central differences of the exact gradient
  /// (symmetrised), or `nil` when the objective or its gradient is not finite nearby.
  static func hessian(
    at point: [Double], dimension: Int, objective: (_ point: [Double], _ gradient: inout [Double]) -> Double
  ) -> [[Double]]? {
    var hessian = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
    var plus = [Double](repeating: 0, count: dimension)
    var minus = [Double](repeating: 0, count: dimension)
    for i in 0..<dimension {
      let step = 1e-5 * Swift.max(1, abs(point[i]))
      var shifted = point
      shifted[i] = point[i] + step
      let high = objective(shifted, &plus)
      shifted[i] = point[i] - step
      let low = objective(shifted, &minus)
      guard high.isFinite, low.isFinite, plus.allSatisfy(\.isFinite), minus.allSatisfy(\.isFinite) else { return nil }
      for j in 0..<dimension { hessian[j][i] = (plus[j] - minus[j]) / (2 * step) }
    }
    for i in 0..<dimension {
      for j in 0..<i {
        let mean = 0.5 * (hessian[i][j] + hessian[j][i])
        hessian[i][j] = mean
        hessian[j][i] = mean
      }
    }
    return hessian
  }
}
