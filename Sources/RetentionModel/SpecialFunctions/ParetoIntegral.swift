import Foundation

/// The tail integral of the Pareto/NBD likelihood and its derivatives, in log space.
///
/// F(t) = ∫_t^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ is the probability density mass of dying after t
/// (up to constants), and the Pareto/NBD likelihood is
/// Γ(r+x) α^r β^s / Γ(r) × [(α+T)^-(r+x) (β+T)^-s + s (F(t_x) - F(T))]
/// (Fader & Hardie 2005, note 008, with its A₀ term: s/(r+s+x) A₀ = s (F(t_x) - F(T))).
///
/// Note 008 writes F with 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) for α >= β and with
/// 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+t)) for α < β. Euler's transformation (A&S 15.3.3) turns
/// each into 2F1(1, b; c; z) with 0 < b < c and 0 <= z < 1, whose terms are positive and fall at
/// least like z^k:
/// - α >= β: ln F = -ln(r+s+x) - (r+x) ln(α+t) - s ln(β+t) + ln 2F1(1, r+x; r+s+x+1; (α-β)/(α+t))
/// - α < β:  ln F = -ln(r+s+x) - (s+1) ln(β+t) - (r+x-1) ln(α+t) + ln 2F1(1, s+1; r+s+x+1; (β-α)/(β+t))
/// Both are exact for every α, β; the branch only picks the non-negative argument, so value
/// and gradient are continuous through α = β (where the series is 1).
struct ParetoIntegral {
  /// ln F(t).
  var value: Double
  /// ∂ ln F / ∂(r, α, s, β).
  var dR: Double
  var dAlpha: Double
  var dS: Double
  var dBeta: Double

  /// ∂ ln F / ∂(r, α, s, β) as one vector.
  var derivatives: SIMD4<Double> { SIMD4(dR, dAlpha, dS, dBeta) }

  init(r: Double, alpha: Double, s: Double, beta: Double, x: Double, t: Double) {
    let a = r + s + x
    let c = a + 1
    let logAlphaT = log(alpha + t)
    let logBetaT = log(beta + t)
    if alpha >= beta {
      let z = (alpha - beta) / (alpha + t)
      let series = UnitHypergeometricSeries(b: r + x, c: c, z: z)
      value = -log(a) - (r + x) * logAlphaT - s * logBetaT + series.value
      dR = -1 / a - logAlphaT + series.dB + series.dC
      dS = -1 / a - logBetaT + series.dC
      dAlpha = -(r + x) / (alpha + t) + series.dZ * (beta + t) / ((alpha + t) * (alpha + t))
      dBeta = -s / (beta + t) - series.dZ / (alpha + t)
    } else {
      let z = (beta - alpha) / (beta + t)
      let series = UnitHypergeometricSeries(b: s + 1, c: c, z: z)
      value = -log(a) - (s + 1) * logBetaT - (r + x - 1) * logAlphaT + series.value
      dR = -1 / a - logAlphaT + series.dC
      dS = -1 / a - logBetaT + series.dB + series.dC
      dAlpha = -(r + x - 1) / (alpha + t) - series.dZ / (beta + t)
      dBeta = -(s + 1) / (beta + t) + series.dZ * (alpha + t) / ((beta + t) * (beta + t))
    }
  }
}

/// ln 2F1(1, b; c; z) = ln Σ_k (b)_k / (c)_k z^k for 0 < b < c and 0 <= z < 1, with its
/// derivatives in b, c and z. Every term is positive and at most the previous one times z, so
/// the sum is at least 1 and at most 1/(1-z): no overflow, no cancellation.
struct UnitHypergeometricSeries {
  /// ln S.
  var value: Double
  /// ∂ ln S / ∂b.
  var dB: Double
  /// ∂ ln S / ∂c.
  var dC: Double
  /// ∂ ln S / ∂z.
  var dZ: Double

  init(b: Double, c: Double, z: Double) {
    guard z > 0 else {
      value = 0
      dB = 0
      dC = 0
      dZ = b / c
      return
    }
    var term = 1.0
    var sum = 1.0
    var sumB = 0.0, sumC = 0.0, sumZ = 0.0
    var harmonicB = 0.0, harmonicC = 0.0
    var k = 0.0
    let tolerance = 1e-17 * (1 - z) * (1 - z)
    while k < 10_000_000 {
      let inverseB = 1 / (b + k)
      let inverseC = 1 / (c + k)
      let ratio = (b + k) * inverseC
      // d/dz of the next term divided by z: (k+1) t_{k+1} / z = (k+1) t_k (b+k)/(c+k).
      sumZ += (k + 1) * term * ratio
      harmonicB += inverseB
      harmonicC += inverseC
      term *= ratio * z
      k += 1
      sum += term
      sumB += term * harmonicB
      sumC += term * harmonicC
      if term * (k + 1) * (1 + harmonicB + harmonicC) <= tolerance * sum { break }
    }
    value = log(sum)
    dB = sumB / sum
    dC = -sumC / sum
    dZ = sumZ / sum
  }
}
