import Foundation

/// Draws of positive parameters whose logarithms are multivariate normal, for the parametric
/// bootstraps of this package (``ModelFit/parameterDraws(_:using:)`` and the spend model's).
package enum LogNormalDraws {
  /// Parameter vectors exp(ln θ̂ + L z) with z standard normal and L Lᵀ the covariance of
  /// ln θ, which is diag(1/θ̂) C diag(1/θ̂) for the natural-scale covariance C of a delta-method
  /// fit; each value clamped to the default parameter box of ``FitOptions``.
  ///
  /// - Parameters:
  ///   - estimate: The estimate θ̂ on the natural scale, positive.
  ///   - covariance: Its natural-scale covariance C, `d × d`.
  ///   - count: The number of draws.
  ///   - generator: The source of randomness.
  /// - Returns: `count` vectors, or `nil` when C is not positive definite (or not `d × d`).
  /// - Complexity: O(*count* · *d*²) for *d* parameters.
  package static func draws(
    around estimate: [Double], covariance: [[Double]], count: Int, using generator: inout some RandomNumberGenerator
  ) -> [[Double]]? {
    let dimension = estimate.count
    guard covariance.count == dimension, covariance.allSatisfy({ $0.count == dimension }),
      estimate.allSatisfy({ $0 > 0 && $0.isFinite })
    else { return nil }
    let logCovariance = (0..<dimension).map { i in
      (0..<dimension).map { j in covariance[i][j] / (estimate[i] * estimate[j]) }
    }
    guard let factor = SymmetricMatrix.cholesky(logCovariance) else { return nil }
    let bounds = FitOptions().parameterBounds
    let center = estimate.map { log($0) }
    var draws: [[Double]] = []
    draws.reserveCapacity(count)
    var normals = [Double](repeating: 0, count: dimension)
    for _ in 0..<count {
      for k in 0..<dimension { normals[k] = RandomVariates.standardNormal(using: &generator) }
      draws.append(
        (0..<dimension).map { i in
          var logValue = center[i]
          for k in 0...i { logValue += factor[i][k] * normals[k] }
          return Swift.min(Swift.max(exp(logValue), bounds.lowerBound), bounds.upperBound)
        })
    }
    return draws
  }
}
