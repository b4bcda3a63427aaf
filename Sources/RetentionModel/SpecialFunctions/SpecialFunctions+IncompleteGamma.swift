import Foundation

extension SpecialFunctions {
  /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
  ///
  /// Below x = a + 1 it is 1 − P(a, x) with P from its power series; above, the continued
  /// fraction of Γ(a, x) evaluated by the modified Lentz method (Abramowitz & Stegun 6.5.29 and
  /// 6.5.31). Both run until a term changes the sum by less than 1e-15 of it.
  ///
  /// ```swift
  /// let q = SpecialFunctions.regularizedUpperIncompleteGamma(1, 2)  // e^-2 = 0.1353...
  /// ```
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The lower limit of the integral, non-negative (`+infinity` gives 0).
  /// - Returns: Q(a, x) in `0...1`; 1 at x = 0; `nan` for a NaN argument.
  /// - Precondition: a > 0 and x >= 0.
  /// - Complexity: O(√a) terms for x near a; fewer far from it.
  public static func regularizedUpperIncompleteGamma(_ a: Double, _ x: Double) -> Double {
    if a.isNaN || x.isNaN { return .nan }
    precondition(a > 0 && a.isFinite && x >= 0, "Q(a, x) needs a > 0 and x >= 0")
    if x == 0 { return 1 }
    if x == .infinity { return 0 }
    // ln(x^a e^-x / Γ(a)), the common factor of the series and the fraction.
    let logFactor = a * log(x) - x - logGamma(a)
    if x < a + 1 {
      var term = 1 / a
      var sum = term
      var denominator = a
      for _ in 0..<100_000 {
        denominator += 1
        term *= x / denominator
        sum += term
        if abs(term) < abs(sum) * 1e-15 { break }
      }
      return Swift.max(0, Swift.min(1, 1 - sum * exp(logFactor)))
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    for i in 1..<100_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return Swift.max(0, Swift.min(1, exp(logFactor) * fraction))
  }

  /// The survival function of the chi-square distribution, P(X > x) for X ~ χ²(k): the p-value
  /// of a likelihood-ratio statistic x with k degrees of freedom (Wilks 1938).
  ///
  /// It is Q(k/2, x/2) (``regularizedUpperIncompleteGamma(_:_:)``).
  ///
  /// ```swift
  /// let p = SpecialFunctions.chiSquaredSurvival(3.841459, degreesOfFreedom: 1)  // 0.05
  /// ```
  ///
  /// - Parameters:
  ///   - x: The statistic; values at or below 0 give 1.
  ///   - degreesOfFreedom: k, at least 1.
  /// - Returns: The upper-tail probability in `0...1`.
  /// - Precondition: `degreesOfFreedom >= 1`.
  /// - Complexity: As ``regularizedUpperIncompleteGamma(_:_:)``.
  public static func chiSquaredSurvival(_ x: Double, degreesOfFreedom: Int) -> Double {
    precondition(degreesOfFreedom >= 1, "a chi-square distribution needs at least one degree of freedom")
    if x.isNaN { return .nan }
    guard x > 0 else { return 1 }
    return regularizedUpperIncompleteGamma(Double(degreesOfFreedom) / 2, x / 2)
  }
}
