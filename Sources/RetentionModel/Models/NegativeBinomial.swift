import Foundation

/// The negative binomial distribution of the number of Poisson events in t periods when the
/// rate is Gamma(r, α): P(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j.
struct NegativeBinomial {
  let r: Double
  let logSuccess: Double   // ln(α/(α+t))
  let logFailure: Double   // ln(t/(α+t))

  init(r: Double, alpha: Double, t: Double) {
    self.r = r
    logSuccess = -log1p(t / alpha)
    logFailure = t > 0 ? -log1p(alpha / t) : -.infinity
  }

  /// ln P(j).
  func logProbability(_ j: Int) -> Double {
    if j == 0 { return r * logSuccess }
    let x = Double(j)
    return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) - SpecialFunctions.logGamma(x + 1)
      + r * logSuccess + x * logFailure
  }

  /// P(N >= n) = 1 - Σ_{j<n} P(j), summed from the side that avoids cancellation.
  func tail(from n: Int) -> Double {
    if n <= 0 { return 1 }
    if logFailure == -.infinity { return 0 }
    // Sum the head P(0) ... P(n-1) by the recurrence P(j+1) = P(j) (r+j)/(j+1) q.
    let q = exp(logFailure)
    var probability = exp(r * logSuccess)
    var head = probability
    for j in 1..<n {
      probability *= (r + Double(j - 1)) / Double(j) * q
      head += probability
    }
    if head <= 0.5 { return 1 - head }
    // Most of the mass lies below n: sum the tail forward from P(n) instead.
    var term = exp(logProbability(n))
    var tail = term
    var j = n
    while term > 1e-17 * tail {
      term *= (r + Double(j)) / Double(j + 1) * q
      tail += term
      j += 1
      if j - n > 10_000_000 { break }
    }
    return Swift.min(tail, 1)
  }
}
