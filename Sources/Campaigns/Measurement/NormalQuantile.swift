import Foundation

/// The standard normal quantile z with Φ(z) = p, for 0 < p < 1.
///
/// Newton's method on Φ(z) = erfc(−z/√2)/2 from z = 0, with Foundation's `erfc`: a handful of
/// steps reach double precision for the confidence levels intervals use (1.959963984540054 for
/// p = 0.975).
func standardNormalQuantile(_ p: Double) -> Double {
  precondition(p > 0 && p < 1, "a normal quantile needs 0 < p < 1")
  var z = 0.0
  for _ in 0..<100 {
    let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
    let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
    let step = (cdf - p) / density
    z -= step
    if abs(step) < 1e-15 * max(1, abs(z)) { break }
  }
  return z
}

/// The two-sided normal critical value of a confidence level in (0, 1): 1.96 for 0.95.
func criticalValue(confidence: Double) -> Double {
  precondition(confidence > 0 && confidence < 1, "a confidence level lies strictly between 0 and 1")
  return standardNormalQuantile(0.5 + confidence / 2)
}
