import _RetentionSupport

/// A count-weighted sum of customers' log-likelihoods and of their derivatives in up to four
/// parameters, as a likelihood adds it up triple by triple.
struct LikelihoodSum: Sendable {
  /// Σ count × ln L.
  var value = 0.0
  /// Σ count × ∂ ln L / ∂ parameter, in the model's parameter order.
  var derivatives = SIMD4<Double>()

  /// Adds one customer's (or triple's) ln L and its derivatives, `weight` times.
  @inline(__always)
  mutating func add(_ logLikelihood: Double, _ derivatives: SIMD4<Double>, weight: Double) {
    value += weight * logLikelihood
    self.derivatives += weight * derivatives
  }

  /// The sum of `term` over the triples `0..<count`, in fixed chunks of 2,048 triples added in
  /// chunk order, so that the total does not depend on the number of threads.
  ///
  /// - Parameters:
  ///   - count: The number of triples.
  ///   - isParallel: Whether the chunks may run on several threads.
  ///   - chunkSum: The sum over one chunk of triples.
  static func chunked(count: Int, isParallel: Bool, _ chunkSum: @Sendable (Range<Int>) -> LikelihoodSum)
    -> LikelihoodSum
  {
    let partials = ParallelWork.map(ParallelWork.chunks(of: count, size: 2_048), isParallel: isParallel, chunkSum)
    var total = LikelihoodSum()
    for partial in partials {
      total.value += partial.value
      total.derivatives += partial.derivatives
    }
    return total
  }

  /// The gradient in the log-parameters θ = ln p: ∂/∂θ = p ∂/∂p, for the first `parameters.count`
  /// parameters.
  func gradientInLogParameters(_ parameters: [Double]) -> [Double] {
    parameters.indices.map { derivatives[$0] * parameters[$0] }
  }
}
