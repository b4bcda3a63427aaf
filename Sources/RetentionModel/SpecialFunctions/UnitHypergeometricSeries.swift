import Foundation

/// ln 2F1(1, b; c; z) = ln Σ_k (b)_k / (c)_k z^k for 0 < b < c and 0 <= z < 1, with its
/// derivatives in b, c and z, summed term by term until a bound on the rest of every sum is
/// below the last bit.
///
/// Every term is positive and at most the previous one times z, so the sum lies in
/// [1, 1/(1-z)]: no overflow, no cancellation. The terms fall like k^-(c-b) z^k, so the series
/// is cheap when z is well below 1 or c - b is large, and needs about 1/(1-z) terms otherwise;
/// ``estimatedTerms(b:c:z:)`` says how many, so that ``ParetoIntegral`` can take the expansion
/// at z = 1 (``IncompleteBetaTail``) instead. The rest of the sums after term k is bounded by
/// the geometric bound (the term ratio never exceeds z) and, once c - b > 2, by the polynomial
/// bound of the ratio (b+k)/(c+k) <= ((b+k)/(b+k+1))^p with p = ln(1 + (c-b)/(b+k)) /
/// ln(1 + 1/(b+k)); whichever is smaller. A series that reaches ``maximumTerms`` without
/// meeting its bound is reported (``isConverged`` is `false`), never returned as if summed.
struct UnitHypergeometricSeries {
  /// ln S.
  var value: Double
  /// ∂ ln S / ∂b.
  var dB: Double
  /// ∂ ln S / ∂c.
  var dC: Double
  /// ∂ ln S / ∂z.
  var dZ: Double
  /// Whether the bound on the rest fell below the tolerance within ``maximumTerms`` terms.
  var isConverged: Bool
  /// The number of terms summed.
  var terms: Int

  /// The most terms summed before the series is reported as not converged.
  static let maximumTerms = 200_000

  /// The relative size of the bounded rest at which summation stops.
  static let tolerance = 1e-17

  init(b: Double, c: Double, z: Double) {
    guard z > 0 else {
      value = 0
      dB = 0
      dC = 0
      dZ = b / c
      isConverged = true
      terms = 1
      return
    }
    var term = 1.0
    var sum = 1.0
    // Σ k t_k (the z-derivative is Σ k t_k / z) and the b- and c-derivatives' sums.
    var sumK = 0.0, sumB = 0.0, sumC = 0.0
    var harmonicB = 0.0, harmonicC = 0.0
    var k = 0.0
    let gap = c - b
    let inverseOneMinusZ = 1 / (1 - z)
    // The geometric bounds: Σ_{j>k} t_j <= t_k z/(1-z) and Σ_{j>k} j t_j <= t_k (k z + z/(1-z))/(1-z);
    // the derivatives' weights beyond term k: the harmonic sums grow by at most (j-k)/k <= j,
    // and the z-derivative divides by z, hence the slope's weight 2 + 1/z.
    let geometricValue = z * inverseOneMinusZ
    let slopeWeight = 2 + 1 / z
    let slopePerTerm = geometricValue * slopeWeight
    let slopeConstant = geometricValue * inverseOneMinusZ * slopeWeight
    var converged = false
    // Locals, not the static lets, in the loop.
    let limit = Double(Self.maximumTerms), tolerance = Self.tolerance
    summation: while k < limit {
      // Blocks of 16 terms with the geometric bound after each; the polynomial bound (two
      // logarithms) after each block.
      for _ in 0..<16 {
        let inverseC = 1 / (c + k)
        harmonicB += 1 / (b + k)
        harmonicC += inverseC
        term *= (b + k) * inverseC * z
        k += 1
        sum += term
        sumK += k * term
        sumB += term * harmonicB
        sumC += term * harmonicC
        if term * (geometricValue * (1 + harmonicB + harmonicC) + k * slopePerTerm + slopeConstant) <= tolerance * sum {
          converged = true
          break summation
        }
      }
      // Below z = 1/2 the geometric bound is within a few terms of the polynomial one.
      if gap > 2, z > 0.5 {
        // The polynomial bounds: Σ_{j>k} t_j <= t_k y/(p-1), Σ_{j>k} j t_j <= t_k y²/(p-2).
        let y = b + k
        let power = log1p(gap / y) / log1p(1 / y)
        if power > 2,
          term * (y / (power - 1) * (1 + harmonicB + harmonicC) + y * y / (power - 2) * slopeWeight) <= tolerance * sum
        {
          converged = true
          break
        }
      }
    }
    value = log(sum)
    dB = sumB / sum
    dC = -sumC / sum
    dZ = sumK / (z * sum)
    isConverged = converged
    terms = Int(k)
  }

  /// ln 2F1(1, b; c; z) alone, without the derivatives' sums, stopping when the geometric bound
  /// t_k z/(1-z) on the rest is below the last bit; NaN when that takes more than
  /// ``maximumTerms`` terms.
  ///
  /// - Complexity: O(ln(ε)/ln(z)) terms, fewer than the derivatives need.
  static func logValue(b: Double, c: Double, z: Double) -> Double {
    guard z > 0 else { return 0 }
    var term = 1.0, sum = 1.0, k = 0.0
    let restFactor = z / (1 - z) / tolerance
    let limit = Double(maximumTerms)
    while k < limit {
      term *= (b + k) / (c + k) * z
      sum += term
      k += 1
      if term * restFactor <= sum { return log(sum) }
    }
    return .nan
  }

  /// About how many terms the series needs at these arguments: the smaller of the geometric
  /// count ln(ε (1-z)²)/ln z and, when c - b > 2.5, the polynomial count from
  /// t_k ≈ k^-(c-b) c^(c-b).
  ///
  /// - Complexity: O(1).
  static func estimatedTerms(b: Double, c: Double, z: Double) -> Double {
    guard z > 0 else { return 1 }
    guard z < 1 else { return .infinity }
    let geometric = (41.0 - 2 * log1p(-z)) / -log(z)
    let gap = c - b
    guard gap > 2.5 else { return geometric }
    let polynomial = exp((gap * log(c) + 41) / (gap - 2)) - b
    return Swift.min(geometric, Swift.max(polynomial, 1))
  }
}
