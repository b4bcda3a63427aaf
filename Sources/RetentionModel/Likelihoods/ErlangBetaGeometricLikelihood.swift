import Foundation

/// The (M)BG/CNBD-k log-likelihood of indexed triples for a fixed k, and its exact gradient in
/// the log-parameters of (r, α, a, b).
///
/// A customer's ln L without the timing term (``ErlangBetaGeometric``, whose citation and
/// derivation it follows) is
///
///     ln L = ln[Γ(r+kx) α^r / Γ(r) · B(a, b+x+m)/B(a, b)] − (r+kx) ln(α+T) + ln S₂ + δ softplus(D − ln S₂),
///     S₂ = Σ_{j<k} (r+kx)_j/j! u^j,  u = (T − t_x)/(α+T),
///     D = ln a − ln(b+x−1+m) + (r+kx) (ln(α+T) − ln(α+t_x)),
///
/// so that ∂ ln L = ∂(first) + (1 − σ) ∂ ln S₂ + σ ∂D with σ the logistic of D − ln S₂, and
/// ∂ ln S₂/∂r = Σ_j w_j Σ_{i<j} 1/(r+kx+i), ∂ ln S₂/∂α = −Σ_j j w_j / (α+T) with the phase
/// weights w_j. The timing term (k−1) litt − x ln (k−1)! is a constant for a fixed k; the model
/// adds its sum (``PurchaseTimingData``) to the maximum. For k = 1 every term is that of
/// ``BetaGeometricLikelihood`` with r+x for r+kx; the tests compare the two to 1e-9.
struct ErlangBetaGeometricLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  let k: Int
  /// Whether this is the MBG/CNBD-k (m = 1).
  let isModified: Bool
  let isParallel: Bool

  /// The parts of ln L that depend on x (and the parameters) only.
  struct FrequencyTerms: Sendable {
    var shape: Double
    var logFirstTerm: Double
    var dR: Double, dA: Double, dB: Double
    /// ln a − ln(b+x−1+m), or −∞ without a dropout term.
    var logDropoutOdds: Double
    var dBLogDropoutOdds: Double
  }

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
    let m = isModified ? 1.0 : 0.0
    let k = k, kDouble = Double(k)
    let digammaR = SpecialFunctions.digamma(r), digammaB = SpecialFunctions.digamma(b)
    let digammaAB = SpecialFunctions.digamma(a + b)
    let logGammaR = SpecialFunctions.logGamma(r), logBetaAB = SpecialFunctions.logBeta(a, b)
    let logAlpha = log(alpha), logA = log(a)
    let isModified = isModified
    let frequencyTerms = triples.frequencyValues.map { x in
      let shape = r + kDouble * x
      let digammaABX = SpecialFunctions.digamma(a + b + x + m)
      let hasDropoutTerm = x > 0 || isModified
      return FrequencyTerms(
        shape: shape,
        logFirstTerm: SpecialFunctions.logGamma(shape) - logGammaR + r * logAlpha
          + SpecialFunctions.logBeta(a, b + x + m) - logBetaAB,
        dR: SpecialFunctions.digamma(shape) - digammaR + logAlpha,
        dA: digammaAB - digammaABX,
        dB: SpecialFunctions.digamma(b + x + m) - digammaB + digammaAB - digammaABX,
        logDropoutOdds: hasDropoutTerm ? logA - log(b + x - 1 + m) : -.infinity,
        dBLogDropoutOdds: hasDropoutTerm ? -1 / (b + x - 1 + m) : 0)
    }
    let timeValues = triples.timeValues
    let logAlphaPlusTime = timeValues.map { log(alpha + $0) }
    let rows = triples.rows
    let sum = LikelihoodSum.chunked(count: rows.count, isParallel: isParallel) { chunk in
      var sum = LikelihoodSum()
      for triple in rows[chunk] {
        let x = triple.frequency
        let fx = frequencyTerms[Int(triple.frequencyIndex)]
        let ageIndex = Int(triple.ageIndex), recencyIndex = Int(triple.recencyIndex)
        let age = timeValues[ageIndex], recency = timeValues[recencyIndex]
        let logAge = logAlphaPlusTime[ageIndex]
        let inverseAge = 1 / (alpha + age)
        var logLikelihood = fx.logFirstTerm - fx.shape * logAge
        var derivatives = SIMD4(fx.dR - logAge, r / alpha - fx.shape * inverseAge, fx.dA, fx.dB)
        // ln S₂ and its derivatives in r and α, over the phases j < k.
        var logS2 = 0.0, dRLogS2 = 0.0, dAlphaLogS2 = 0.0
        if k > 1, age > recency {
          let logU = log(age - recency) - logAge
          var term = 1.0, total = 1.0, harmonic = 0.0, weightedHarmonic = 0.0, weightedPhase = 0.0
          for j in 1..<k {
            let factor = fx.shape + Double(j - 1)
            term *= factor / Double(j) * exp(logU)
            harmonic += 1 / factor
            total += term
            weightedHarmonic += term * harmonic
            weightedPhase += term * Double(j)
          }
          logS2 = log(total)
          dRLogS2 = weightedHarmonic / total
          dAlphaLogS2 = -weightedPhase / total * inverseAge
        }
        logLikelihood += logS2
        derivatives += SIMD4(dRLogS2, dAlphaLogS2, 0, 0)
        if x > 0 || isModified {
          let logRecency = logAlphaPlusTime[recencyIndex]
          let logAgeOverRecency = logAge - logRecency
          let d = fx.logDropoutOdds + fx.shape * logAgeOverRecency
          let (softplus, logistic) = LogSpace.softplusAndLogistic(d - logS2)
          logLikelihood += softplus
          let dD = SIMD4(
            logAgeOverRecency, fx.shape * (inverseAge - 1 / (alpha + recency)), 1 / a, fx.dBLogDropoutOdds)
          derivatives += logistic * (dD - SIMD4(dRLogS2, dAlphaLogS2, 0, 0))
        }
        sum.add(logLikelihood, derivatives, weight: triple.weight)
      }
      return sum
    }
    gradient = sum.gradientInLogParameters([r, alpha, a, b])
    return sum.value
  }
}
