/// How a model is fitted by maximum likelihood.
///
/// The defaults suit every model in this module; change them to supply your own starting
/// points, to insist on optimising from every start, or to skip the standard errors:
///
/// ```swift
/// var options = FitOptions()
/// options.starts = [[0.5, 10, 0.5, 5]]     // natural-scale r, alpha, a, b
/// options.exhaustiveStarts = true
/// let fit = try BGNBDModel.fit(data, options: options)
/// ```
public struct FitOptions: Sendable, Hashable, Codable {
  /// Starting points on the natural scale (one value per parameter, in the model's parameter
  /// order), screened together with the model's own starts.
  public var starts: [[Double]]
  /// Whether to optimise from every start and keep the best. When `false` (the default) the
  /// starts are ranked by their log-likelihood and the next one is tried only if the previous
  /// one failed to converge (the fallback).
  public var exhaustiveStarts: Bool
  /// The iteration limit of each optimisation.
  public var maximumIterations: Int
  /// Convergence: the largest gradient component of the log-likelihood with respect to the
  /// log-parameters must be at most this times max(1, |log-likelihood|).
  public var gradientTolerance: Double
  /// Whether to compute standard errors from the Hessian.
  public var computesStandardErrors: Bool
  /// Whether large data sets are evaluated in parallel chunks. Results do not depend on it
  /// (the chunks and their summation order are fixed).
  public var isParallel: Bool
  /// The box for every parameter on the natural scale; the optimiser works on the logarithms
  /// of these bounds. 1e-8...1e8 by default.
  public var parameterBounds: ClosedRange<Double>

  /// Creates options.
  ///
  /// - Parameters:
  ///   - starts: Extra natural-scale starting points; none by default.
  ///   - exhaustiveStarts: Whether to optimise from every start; `false` by default.
  ///   - maximumIterations: The iteration limit; 500 by default.
  ///   - gradientTolerance: The relative gradient tolerance; 1e-9 by default.
  ///   - computesStandardErrors: Whether to compute standard errors; `true` by default.
  ///   - isParallel: Whether to evaluate large data in parallel; `true` by default.
  ///   - parameterBounds: The natural-scale box for every parameter; 1e-8...1e8 by default.
  public init(
    starts: [[Double]] = [], exhaustiveStarts: Bool = false, maximumIterations: Int = 500,
    gradientTolerance: Double = 1e-9, computesStandardErrors: Bool = true, isParallel: Bool = true,
    parameterBounds: ClosedRange<Double> = 1e-8...1e8
  ) {
    self.starts = starts
    self.exhaustiveStarts = exhaustiveStarts
    self.maximumIterations = maximumIterations
    self.gradientTolerance = gradientTolerance
    self.computesStandardErrors = computesStandardErrors
    self.isParallel = isParallel
    self.parameterBounds = parameterBounds
  }
}
