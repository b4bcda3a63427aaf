import Foundation

extension IncompleteBetaTail {
  /// I(ζ; n, m) = ∫_ζ^1 p^-n (1-p)^m dp and its derivatives by tanh-sinh quadrature: the
  /// fallback for arguments where neither the 2F1 series nor the expansion is affordable (a
  /// large m with a small ζ, or a series that did not converge).
  ///
  /// The integrand is scaled by ζ^n (so that it is at most (1-ζ)^m <= 1 for m >= 0) and
  /// evaluated from the distances to the ends, so p^-n next to ζ and (1-p)^m next to 1 keep
  /// their digits. Its logarithmic slope at ζ is λ = n/ζ + m/(1-ζ); when the mass sits within
  /// a few 1/λ of ζ (a large m), the interval is split at ζ + 30/λ so that each piece holds its
  /// feature at the scale of the piece. The derivatives are ∂I/∂n = -∫ ln p f and
  /// ∂I/∂m = ∫ ln(1-p) f on the same nodes. `isConverged` is `false` when two successive levels
  /// of a piece still differ by more than 1e-12 of the whole integral.
  ///
  /// - Complexity: At most about 6 600 integrand evaluations.
  static func byQuadrature(zeta: Double, n: Double, m: Double) -> IncompleteBetaTail {
    let logZeta = log(zeta)
    let slope = n / zeta + Swift.max(m, 0) / (1 - zeta)
    let split = zeta + 30 / slope
    // The integrand at distance `offset + d` from ζ and `e` from 1.
    func piece(from lower: Double, to upper: Double, reference: Double = 0) -> (
      integral: SIMD3<Double>, isConverged: Bool
    ) {
      let offset = lower - zeta
      return Quadrature.tanhSinhVector(from: lower, to: upper, relativeTolerance: 1e-12, reference: reference) {
        _, fromLower, fromUpper in
        let logRatio = log1p((offset + fromLower) / zeta)
        let logComplement = upper == 1 ? log(fromUpper) : log1p(-(upper - fromUpper))
        let density = exp(-n * logRatio + m * logComplement)
        return SIMD3(density, -(logZeta + logRatio) * density, logComplement * density)
      }
    }
    var integral: SIMD3<Double>
    var converged: Bool
    if split < 0.5 * (1 + zeta) {
      let (near, nearConverged) = piece(from: zeta, to: split)
      let (far, farConverged) = piece(from: split, to: 1, reference: near.x)
      integral = near + far
      converged = nearConverged && farConverged
    } else {
      (integral, converged) = piece(from: zeta, to: 1)
    }
    let density = -exp(m * log1p(-zeta))
    converged = converged && integral.x > 0 && integral.x.isFinite
    return IncompleteBetaTail(
      value: -n * logZeta + log(integral.x), dN: integral.y / integral.x, dM: integral.z / integral.x,
      dZeta: density / integral.x, isConverged: converged)
  }
}
