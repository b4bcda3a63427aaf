import Foundation

/// The BG/NBD or MBG/NBD log-likelihood of indexed triples and its exact gradient in the
/// log-parameters.
///
/// A customer's likelihood is Fader, Hardie & Lee (2005), "Counting your customers the easy
/// way", eq. 6 for the BG/NBD, and Batislam, Denizel & Filiztekin (2007) for the MBG/NBD:
///
///     L = B(a, b+x+m)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
///       + δ · B(a+1, b+x−1+m)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))
///
/// with m = 0 and δ = [x > 0] for the BG/NBD, m = 1 and δ = 1 for the MBG/NBD (a customer can
/// drop out right after the first purchase). Since B(a+1, b+x−1+m) / B(a, b+x+m) = a/(b+x−1+m),
/// the second term is the first times e^D, and
///
///     ln L = ln[B(a, b+x+m)/B(a, b) Γ(r+x) α^r / Γ(r)] − (r+x) ln(α+T) + ln(1 + δ e^D),
///     D = ln a − ln(b+x−1+m) + (r+x) (ln(α+T) − ln(α+t_x)).
///
/// Every part that depends on x alone is computed once per distinct x (``FrequencyTerms``),
/// every ln(α+t) once per distinct time (``TimeTerms``); the sum over triples runs in fixed
/// chunks (``LikelihoodSum/chunked(count:isParallel:_:)``). The tests compare it with the sum
/// of the models' customer-level `logLikelihood`.
struct BetaGeometricLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  /// Whether this is the MBG/NBD.
  let isModified: Bool
  let isParallel: Bool

  /// The parts of ln L that depend on x (and the parameters) only, with their derivatives.
  struct FrequencyTerms: Sendable {
    /// ln[B(a, b+x+m)/B(a, b) Γ(r+x) α^r / Γ(r)].
    var logFirstTerm: Double
    /// Its derivatives in r, a and b.
    var dR: Double, dA: Double, dB: Double
    /// ln a − ln(b+x−1+m), the x part of D; −∞ without a dropout term (δ = 0).
    var logDropoutOdds: Double
    /// Its derivative in b.
    var dBLogDropoutOdds: Double
  }

  /// ln(α+t) and 1/(α+t) for one time t.
  struct TimeTerms: Sendable {
    var logAlphaPlusTime: Double
    var inverseAlphaPlusTime: Double
  }

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
    let m = isModified ? 1.0 : 0.0
    let digammaR = SpecialFunctions.digamma(r), digammaB = SpecialFunctions.digamma(b)
    let digammaAB = SpecialFunctions.digamma(a + b)
    let logGammaR = SpecialFunctions.logGamma(r), logBetaAB = SpecialFunctions.logBeta(a, b)
    let logAlpha = log(alpha), logA = log(a)
    let isModified = isModified
    let frequencyTerms = triples.frequencyValues.map { x in
      let digammaABX = SpecialFunctions.digamma(a + b + x + m)
      let hasDropoutTerm = x > 0 || isModified
      return FrequencyTerms(
        logFirstTerm: SpecialFunctions.logGamma(r + x) - logGammaR + r * logAlpha
          + SpecialFunctions.logBeta(a, b + x + m) - logBetaAB,
        dR: SpecialFunctions.digamma(r + x) - digammaR + logAlpha,
        dA: digammaAB - digammaABX,
        dB: SpecialFunctions.digamma(b + x + m) - digammaB + digammaAB - digammaABX,
        logDropoutOdds: hasDropoutTerm ? logA - log(b + x - 1 + m) : -.infinity,
        dBLogDropoutOdds: hasDropoutTerm ? -1 / (b + x - 1 + m) : 0)
    }
    let timeTerms = triples.timeValues.map { t in
      TimeTerms(logAlphaPlusTime: log(alpha + t), inverseAlphaPlusTime: 1 / (alpha + t))
    }
    let rows = triples.rows
    let sum = LikelihoodSum.chunked(count: rows.count, isParallel: isParallel) { chunk in
      var sum = LikelihoodSum()
      for triple in rows[chunk] {
        let x = triple.frequency
        let fx = frequencyTerms[Int(triple.frequencyIndex)]
        let age = timeTerms[Int(triple.ageIndex)]
        // The first term: ln[...] − (r+x) ln(α+T).
        var logLikelihood = fx.logFirstTerm - (r + x) * age.logAlphaPlusTime
        var derivatives = SIMD4(
          fx.dR - age.logAlphaPlusTime, r / alpha - (r + x) * age.inverseAlphaPlusTime, fx.dA, fx.dB)
        // The dropout term: + ln(1 + e^D), whose derivative is the logistic of D times D's.
        if x > 0 || isModified {
          let recency = timeTerms[Int(triple.recencyIndex)]
          let logAgeOverRecency = age.logAlphaPlusTime - recency.logAlphaPlusTime
          let d = fx.logDropoutOdds + (r + x) * logAgeOverRecency
          let (softplus, logistic) = LogSpace.softplusAndLogistic(d)
          logLikelihood += softplus
          derivatives += logistic * SIMD4(
            logAgeOverRecency, (r + x) * (age.inverseAlphaPlusTime - recency.inverseAlphaPlusTime), 1 / a,
            fx.dBLogDropoutOdds)
        }
        sum.add(logLikelihood, derivatives, weight: triple.weight)
      }
      return sum
    }
    gradient = sum.gradientInLogParameters([r, alpha, a, b])
    return sum.value
  }
}
