import Foundation

extension SpecialFunctions {
  /// The bracket of the BG/NBD and MBG/NBD expectations,
  /// Q = [1 - (1-z)^(r+x) 2F1(r+x, B; c; z)] / (a - 1), with c - (r+x) = A and c - B = a - 1.
  ///
  /// By Euler's transformation (Abramowitz & Stegun 15.3.3),
  /// (1-z)^(r+x) 2F1(r+x, B; c; z) = (1-z)^(a-1) 2F1(A, a-1; c; z), and since every term of the
  /// latter after the first carries the factor (a-1),
  /// Q = [1 - (1-z)^(a-1)]/(a-1) - (1-z)^(a-1) Σ_{k>=1} (A)_k (a)_(k-1) z^k / ((c)_k k!).
  /// Both parts are continuous at a = 1, and the series converges fast when c is large (x in
  /// the hundreds). Returns NaN when c <= 0 (the caller integrates numerically instead).
  static func betaGeometricBracket(A: Double, a: Double, c: Double, z: Double) -> Double {
    guard c > 0, z >= 0, z < 1 else { return z == 1 && a > 1 ? 1 / (a - 1) : .nan }
    if z == 0 { return 0 }
    let logOneMinusZ = log1p(-z)
    let first = -logOneMinusZ * LogSpace.oneMinusExpOverArgument(-(a - 1) * logOneMinusZ)
    var term = A / c * z  // k = 1: (A)_1 (a)_0 z / ((c)_1 1!)
    var sum = term
    var k = 1.0
    while k < 10_000_000 {
      term *= (A + k) * (a + k - 1) / ((c + k) * (k + 1)) * z
      sum += term
      k += 1
      let ratio = Swift.max(abs((A + k) * (a + k - 1) / ((c + k) * (k + 1))) * z, z)
      if ratio < 1, abs(term) * ratio <= 1e-17 * Swift.max(abs(sum), 1e-300) * (1 - ratio) { break }
      if !sum.isFinite { return .nan }
    }
    return first - exp((a - 1) * logOneMinusZ) * sum
  }
}
