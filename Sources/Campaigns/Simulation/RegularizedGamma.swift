import Foundation

/// The regularized incomplete gamma functions P(a, x) = γ(a, x) / Γ(a), the distribution
/// function at x of a gamma variable with shape a and rate 1, and Q(a, x) = 1 − P(a, x).
///
/// For x < a + 1 the series P = x^a e^(−x) / Γ(a + 1) · Σₙ xⁿ / ((a + 1)···(a + n)) (Abramowitz
/// and Stegun 6.5.29); otherwise 1 − Q with Q's continued fraction (A&S 6.5.31), evaluated by the
/// modified Lentz method. Both converge to double precision within a few hundred terms for the
/// shapes of purchase-rate distributions (0.05 to 50).
///
/// - Parameters:
///   - a: The shape, positive.
///   - x: The argument, at least 0.
/// - Returns: P(a, x) and Q(a, x), each in `0...1`: P directly from the series, Q directly from
///   the continued fraction, so that each keeps its relative precision in its own tail.
func regularizedGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
  precondition(a > 0 && x >= 0, "P(a, x) needs a > 0 and x >= 0")
  if x == 0 { return (0, 1) }
  if x == .infinity { return (1, 0) }
  var sign: Int32 = 0
  let logPrefactor = a * log(x) - x - lgamma_r(a, &sign)
  if x < a + 1 {
    var term = 1 / a
    var sum = term
    var denominator = a
    for _ in 0..<1_000 {
      denominator += 1
      term *= x / denominator
      sum += term
      if term < sum * 1e-17 { break }
    }
    let lower = min(1, exp(logPrefactor) * sum)
    return (lower, 1 - lower)
  }
  // Q(a, x) = e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − ...))).
  let tiny = 1e-300
  var b = x + 1 - a
  var c = 1 / tiny
  var d = 1 / b
  var fraction = d
  for n in 1...1_000 {
    let an = -Double(n) * (Double(n) - a)
    b += 2
    d = an * d + b
    if abs(d) < tiny { d = tiny }
    c = b + an / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let step = d * c
    fraction *= step
    if abs(step - 1) < 1e-16 { break }
  }
  let upper = min(1, exp(logPrefactor) * fraction)
  return (1 - upper, upper)
}

/// The standard normal distribution function Φ(z) = erfc(−z/√2)/2.
func standardNormalDistribution(_ z: Double) -> Double {
  0.5 * erfc(-z / 2.0.squareRoot())
}
