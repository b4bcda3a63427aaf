import Foundation

/// The special functions the buy-till-you-die models are built from: log-gamma, log-beta,
/// digamma and the Gauss hypergeometric function, each in a form that stays finite where the
/// models need it.
///
/// ```swift
/// let lb = SpecialFunctions.logBeta(0.793, 2.426)               // ln B(a, b)
/// let f = SpecialFunctions.logHypergeometric2F1(0.243, 2.426, 2.219, 0.9)  // ln 2F1
/// ```
///
/// All functions are pure and thread-safe (log-gamma goes through the reentrant `lgamma_r`, not
/// `lgamma`, which writes a global sign).
public enum SpecialFunctions {
  /// The natural logarithm of the absolute value of the gamma function, ln |Γ(x)|.
  ///
  /// - Parameter x: Any real number; at the poles (0, -1, -2, ...) the result is `+infinity`.
  /// - Returns: ln |Γ(x)|, accurate to a few units in the last place (glibc's `lgamma_r`).
  public static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// The natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b).
  ///
  /// - Parameters:
  ///   - a: A positive number.
  ///   - b: A positive number.
  /// - Returns: ln B(a, b); NaN if `a` or `b` is not positive.
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    return logGamma(a) + logGamma(b) - logGamma(a + b)
  }

  /// The digamma function ψ(x) = d/dx ln Γ(x).
  ///
  /// Uses the recurrence ψ(x) = ψ(x + 1) - 1/x up to x >= 10 and then the asymptotic series
  /// (Abramowitz & Stegun 6.3.18); negative non-integers go through the reflection formula
  /// ψ(1 - x) - ψ(x) = π cot(πx) (A&S 6.3.7).
  ///
  /// - Parameter x: Any real number except 0, -1, -2, ... (where the result is NaN).
  /// - Returns: ψ(x), accurate to about 1e-15 relative away from its root near 1.4616.
  public static func digamma(_ x: Double) -> Double {
    guard x.isFinite else { return x == .infinity ? .infinity : .nan }
    if x <= 0 {
      if x == x.rounded(.down) { return .nan }
      return digamma(1 - x) - Double.pi / tan(Double.pi * x)
    }
    var value = 0.0
    var y = x
    while y < 10 {
      value -= 1 / y
      y += 1
    }
    let inverse = 1 / y
    let inverseSquared = inverse * inverse
    // Bernoulli-number coefficients B_2k / (2k) of the asymptotic series.
    let series =
      inverseSquared
      * (1.0 / 12 - inverseSquared
        * (1.0 / 120 - inverseSquared
          * (1.0 / 252 - inverseSquared
            * (1.0 / 240 - inverseSquared * (1.0 / 132 - inverseSquared * (691.0 / 32_760))))))
    return value + log(y) - 0.5 * inverse - series
  }

  /// The Gauss hypergeometric function 2F1(a, b; c; z) in log space, ln 2F1(a, b; c; z).
  ///
  /// The series Σ (a)_k (b)_k / ((c)_k k!) z^k is summed with rescaling, so values far beyond
  /// the range of `Double` (x in the hundreds in the Pareto/NBD) are fine. For `0 <= z < 1` the
  /// sum is taken either directly or after Euler's transformation
  /// 2F1(a, b; c; z) = (1 - z)^(c-a-b) 2F1(c-a, c-b; c; z) (Abramowitz & Stegun 15.3.3),
  /// whichever has terms that decay faster and stay positive. For `z < 0` Pfaff's
  /// transformation 2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c-b; c; z/(z-1)) (A&S 15.3.4, or its
  /// twin with a and b swapped) maps the argument into `0..<1`.
  ///
  /// - Parameters:
  ///   - a: A non-negative number.
  ///   - b: A non-negative number.
  ///   - c: A positive number.
  ///   - z: The argument, `z < 1`; for `z < 0`, `c` must exceed `min(a, b)`.
  /// - Returns: ln 2F1(a, b; c; z), or NaN outside the domain and when the series has not
  ///   reached its error bound within 10 million terms (it is never returned truncated).
  ///   Accurate to about 1e-14 relative in the function value; the number of terms grows like
  ///   1/(1 - z) as z approaches 1.
  /// - Complexity: O(log(ε)/log(z)) terms, at most 10 million.
  public static func logHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double)
    -> Double
  {
    guard a >= 0, b >= 0, c > 0, z < 1, z.isFinite else { return .nan }
    if z == 0 || a == 0 || b == 0 { return 0 }
    if z < 0 {
      let w = z / (z - 1)
      if c > b { return -a * log1p(-z) + logHypergeometric2F1(a, c - b, c, w) }
      if c > a { return -b * log1p(-z) + logHypergeometric2F1(c - a, b, c, w) }
      return .nan
    }
    let excess = c - a - b
    if excess < 0, c - a > 0, c - b > 0 {
      return excess * log1p(-z) + positiveSeries(c - a, c - b, c, z)
    }
    return positiveSeries(a, b, c, z)
  }

  /// ln Σ (a)_k (b)_k / ((c)_k k!) z^k for a, b, c > 0 and 0 <= z < 1 (all terms positive), or
  /// NaN if the bound on the rest is not met within `limit` terms.
  static func positiveSeries(_ a: Double, _ b: Double, _ c: Double, _ z: Double, limit: Double = 10_000_000) -> Double {
    var term = 1.0
    var sum = 1.0
    var logScale = 0.0
    var k = 0.0
    var converged = false
    while k < limit {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
      sum += term
      k += 1
      if sum > 1e250 {
        sum *= 1e-250
        term *= 1e-250
        logScale += 250 * M_LN10
      }
      // Once the term ratio stays below one the remaining tail is at most
      // term * ratio / (1 - ratio); stop when that is below the last bit of the sum.
      // The ratio tends to z monotonically for large k, so max(ratio, z) bounds the rest.
      let ratio = Swift.max((a + k) * (b + k) / ((c + k) * (k + 1)) * z, z)
      if ratio < 1, term * ratio <= 1e-17 * sum * (1 - ratio) {
        converged = true
        break
      }
    }
    return converged ? logScale + log(sum) : .nan
  }
}
