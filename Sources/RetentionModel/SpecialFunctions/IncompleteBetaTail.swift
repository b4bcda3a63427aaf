import Foundation

/// I(ζ; n, m) = ∫_ζ^1 p^-n (1-p)^m dp for n > 0, m > -1 and small ζ, in log space with its
/// derivatives in n, m and ζ: the Pareto/NBD integral where its 2F1 series converges slowly.
///
/// With p = (a+τ)/(a+δ+τ), ∫_0^∞ (a+τ)^-P (a+δ+τ)^-Q dτ = δ^(1-P-Q) I(a/(a+δ); P, P+Q-2), and
/// ζ = a/(a+δ) = 1 - z is the distance of the series argument from 1. I is an upper incomplete
/// beta function whose first parameter 1 - n is negative for x >= 1, so the complete beta
/// function and the usual connection formulas (A&S 15.3.6) have poles whenever n is an integer.
/// This expansion has none: split at h = min(1/2, tanh(2.3/m)) (so that ((1+h)/(1-h))^m <= 100),
///
/// - ∫_h^1 = Σ_k (n)_k/k! (1-h)^(m+1+k) / (m+1+k) (binomial series of (1-q)^-n, q = 1-p:
///   positive terms, ratio at most (1-h) once k > n/h);
/// - ∫_ζ^h = Σ_k (-m)_k/k! ∫_ζ^h p^(k-n) dp (binomial series of (1-p)^m: terms fall at least
///   like h^k once k > m, and the alternating signs lose at most a factor ((1+h)/(1-h))^m <= 100).
///
/// ∫_ζ^h p^(e-1) dp = (h^e - ζ^e)/e with e = k+1-n splits into a part that depends on n and m
/// only (``constant``, once per frequency x) and a part in ζ^k whose terms fall like ζ^k, so a
/// customer costs about n + ln(ε)/ln(ζ) terms. The one or two k with |e| < 1 stay whole and go
/// through φ₁(y) = (e^y - 1)/y and φ₂(y) = ∫_0^1 u e^(yu) du, which are smooth through e = 0 (a
/// whole-number n gives ln(h/ζ) there, with no special case). Because ζ <= h/e, every other
/// (h^e - ζ^e)/e loses at most a factor 1.6 to cancellation.
///
/// Every sum stops when a bound on its rest is below the last bit; a sum that does not get
/// there within ``maximumTerms``, or a result that cancels by more than ``cancellationLimit``,
/// is reported (`isConverged == false`), never returned as if accurate.
struct IncompleteBetaTail {
  /// ln I.
  var value: Double
  /// ∂ ln I / ∂n.
  var dN: Double
  /// ∂ ln I / ∂m.
  var dM: Double
  /// ∂ ln I / ∂ζ.
  var dZeta: Double
  /// Whether every sum met its bound and the result is accurate to about 1e-13.
  var isConverged: Bool

  /// The most terms of any one sum.
  static let maximumTerms = 400_000
  /// The most the sum of the magnitudes of the terms may exceed the result.
  static let cancellationLimit = 1e3

  /// The parts of the expansion that depend on n and m only.
  struct Expansion {
    let n: Double
    let m: Double
    /// The split point h = min(1/2, tanh(2.3/m)).
    let h: Double
    let logH: Double
    /// (1-n) ln h, the scale of ``constant``.
    let scale: Double
    /// (∫_h^1 + Σ_{k not near n-1} (-m)_k/k! h^(k+1-n)/(k+1-n)) e^-scale and its n and m derivatives.
    let constant: SIMD3<Double>
    /// The sum of the magnitudes of the terms of ``constant``, for the cancellation check.
    let magnitude: Double
    /// The k with |k+1-n| < 1, kept whole (at most two; -1 for none).
    let window: (Int, Int)
    /// (-m)_k/k! and its m-derivative at the two window indices.
    let windowCoefficients: ((Double, Double), (Double, Double))
    let isConverged: Bool

    /// The largest ζ the expansion takes: h/e, where ln(h/ζ) >= 1.
    var largestArgument: Double { h * 0.36787944117144233 }

    /// Whether an expansion at (n, m) is affordable: n <= 200 and m <= 2000 (the binomial
    /// series of ∫_h^1 needs about 40/h + 2n terms, and 1/h is about m/2.3).
    static func isAffordable(n: Double, m: Double) -> Bool { n <= 200 && m <= 2_000 }

    init(n: Double, m: Double) {
      self.n = n
      self.m = m
      // ((1+h)/(1-h))^m <= 100: the alternating binomial series of (1-p)^m up to h loses at most
      // two digits; h = 1/2 up to m = 3.7.
      let h = m > 0 ? Swift.min(0.5, tanh(2.3 / m)) : 0.5
      self.h = h
      let logH = log(h)
      self.logH = logH
      let logOneMinusH = log1p(-h)
      scale = (1 - n) * logH
      let low = Int((n - 2).rounded(.down)) + 1
      window = (low >= 0 && abs(Double(low) + 1 - n) < 1 ? low : -1, abs(Double(low + 1) + 1 - n) < 1 ? low + 1 : -1)
      let tolerance = 1e-17
      let maximumTerms = IncompleteBetaTail.maximumTerms
      var converged = true

      // ∫_h^1 p^-n (1-p)^m dp e^-scale = Σ U_k / (m+1+k), U_k = (n)_k/k! (1-h)^(m+1+k) h^(n-1).
      var upper = SIMD3<Double>(0, 0, 0)
      var u = exp((m + 1) * logOneMinusH + (n - 1) * logH)
      var harmonic = 0.0
      var k = 0.0
      while true {
        let term = u / (m + 1 + k)
        upper += SIMD3(term, term * harmonic, term * (logOneMinusH - 1 / (m + 1 + k)))
        let ratio = (1 - h) * Swift.max(1, (n + k + 1) / (k + 2))
        if k >= 1, ratio < 1 {
          let rest = term * ratio / (1 - ratio)
          let bound = rest * (2 + harmonic - logOneMinusH) + rest / ((1 - ratio) * (n + k))
          if bound <= tolerance * upper.x { break }
        }
        if k >= Double(maximumTerms) {
          converged = false
          break
        }
        harmonic += 1 / (n + k)
        u *= (n + k) / (k + 1) * (1 - h)
        k += 1
      }

      // Σ_{k outside the window} c_k h^k / e_k, c_k = (-m)_k/k!, e_k = k+1-n.
      var lower = SIMD3<Double>(0, 0, 0)
      var magnitude = upper.x
      var c = 1.0, dc = 0.0, power = 1.0
      var index = 0
      while true {
        let e = Double(index) + 1 - n
        if index != window.0 && index != window.1 {
          let term = SIMD3(c * power / e, c * power * (1 - e * logH) / (e * e), dc * power / e)
          lower += term
          magnitude += abs(term.x)
          let ratio = Self.ratioBound(after: index, n: n, m: m, argument: h)
          if ratio < 1,
            (abs(term.x) + abs(term.y) + abs(term.z)) * 2 * ratio / (1 - ratio)
              <= tolerance * Swift.max(upper.x, abs(lower.x))
          {
            break
          }
        }
        if index >= maximumTerms {
          converged = false
          break
        }
        let step = Double(index) - m
        dc = (dc * step - c) / Double(index + 1)
        c *= step / Double(index + 1)
        power *= h
        index += 1
      }
      var coefficients = ((0.0, 0.0), (0.0, 0.0))
      c = 1
      dc = 0
      for j in 0...Swift.max(window.0, window.1, 0) {
        if j == window.0 { coefficients.0 = (c, dc) }
        if j == window.1 { coefficients.1 = (c, dc) }
        let step = Double(j) - m
        dc = (dc * step - c) / Double(j + 1)
        c *= step / Double(j + 1)
      }
      windowCoefficients = coefficients
      constant = upper + lower
      self.magnitude = magnitude
      isConverged = converged
    }

    /// I(ζ; n, m) and its derivatives for 0 < ζ <= ``largestArgument``.
    ///
    /// - Complexity: O(ln(ε)/ln(ζ) + m) terms.
    func integral(at zeta: Double) -> IncompleteBetaTail {
      let logZeta = log(zeta)
      let span = logH - logZeta
      let zetaScale = (1 - n) * logZeta
      let common = Swift.max(scale, zetaScale)
      let tolerance = 1e-17
      let maximumTerms = IncompleteBetaTail.maximumTerms

      // The ζ-part Σ_{k outside the window} c_k ζ^k / e_k (scaled by e^-zetaScale).
      var lower = SIMD3<Double>(0, 0, 0)
      var magnitude = 0.0
      let constantWeight = exp(scale - zetaScale)
      let reference = abs(constant.x) * constantWeight
      var c = 1.0, dc = 0.0, power = 1.0
      var index = 0
      var converged = isConverged
      while true {
        let e = Double(index) + 1 - n
        if index != window.0 && index != window.1 {
          let term = SIMD3(c * power / e, c * power * (1 - e * logZeta) / (e * e), dc * power / e)
          lower += term
          magnitude += abs(term.x)
          let ratio = Self.ratioBound(after: index, n: n, m: m, argument: zeta)
          if ratio < 1,
            (abs(term.x) + abs(term.y) + abs(term.z)) * 2 * ratio / (1 - ratio)
              <= tolerance * Swift.max(reference, abs(lower.x))
          {
            break
          }
        }
        if index >= maximumTerms || power == 0 && Double(index) > n + 1 {
          converged = converged && power == 0
          break
        }
        let step = Double(index) - m
        dc = (dc * step - c) / Double(index + 1)
        c *= step / Double(index + 1)
        power *= zeta
        index += 1
      }

      // The window terms c_k ∫_ζ^h p^(e-1) dp, whole, in the common scale.
      var whole = SIMD3<Double>(0, 0, 0)
      for (k, (ck, dck)) in [(window.0, windowCoefficients.0), (window.1, windowCoefficients.1)] where k >= 0 {
        let e = Double(k) + 1 - n
        let top = exp(e * logH - common)
        let y = -e * span
        let integral = top * span * Self.phi1(y)
        let logMoment = logH * integral - top * span * span * Self.phi2(y)
        whole += SIMD3(ck * integral, -ck * logMoment, dck * integral)
      }

      let upperWeight = exp(scale - common)
      let lowerWeight = exp(zetaScale - common)
      let total = constant * upperWeight - lower * lowerWeight + whole
      let magnitudes = self.magnitude * upperWeight + magnitude * lowerWeight + abs(whole.x)
      let density = -exp(-n * logZeta + m * log1p(-zeta) - common)
      converged =
        converged && total.x > 0 && total.x.isFinite && magnitudes <= IncompleteBetaTail.cancellationLimit * total.x
      return IncompleteBetaTail(
        value: common + log(total.x), dN: total.y / total.x, dM: total.z / total.x, dZeta: density / total.x,
        isConverged: converged)
    }

    /// A bound on |t_(j+1)/t_j| for every j > k of a sum of c_j w^j / e_j and its derivatives:
    /// |c_(j+1)/c_j| = |j-m|/(j+1) <= max(1, (m-k)/(k+1)), and |e_j/e_(j+1)| <= 1 once e_j >= 1
    /// (k >= n); infinity before that.
    static func ratioBound(after k: Int, n: Double, m: Double, argument: Double) -> Double {
      let j = Double(k)
      guard j >= n else { return .infinity }
      return argument * Swift.max(1, (m - j) / (j + 1))
    }

    /// φ₁(y) = (e^y - 1)/y, 1 at y = 0.
    static func phi1(_ y: Double) -> Double { y == 0 ? 1 : expm1(y) / y }

    /// φ₂(y) = ∫_0^1 u e^(yu) du = (e^y (y-1) + 1)/y², by its Taylor series Σ y^j/(j! (j+2))
    /// for |y| < 1 (where the closed form cancels).
    static func phi2(_ y: Double) -> Double {
      if abs(y) >= 1 { return (exp(y) * (y - 1) + 1) / (y * y) }
      var sum = 0.0, power = 1.0
      for j in 0..<20 {
        sum += power / Double(j + 2)
        power *= y / Double(j + 1)
      }
      return sum
    }
  }
}
