import Foundation

/// The NBD log-likelihood of indexed triples and its gradient in the log-parameters.
///
/// A customer's ln L is that of ``NBDModel`` (Ehrenberg 1959, the likelihood of the purchase
/// times): ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T).
struct NBDLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  let isParallel: Bool

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1])
    let logGammaR = SpecialFunctions.logGamma(r), digammaR = SpecialFunctions.digamma(r)
    let logAlpha = log(alpha)
    // Once per distinct x: ln Γ(r+x) − ln Γ(r) + r ln α and its derivative in r.
    let constants = triples.frequencyValues.map { SpecialFunctions.logGamma(r + $0) - logGammaR + r * logAlpha }
    let constantsR = triples.frequencyValues.map { SpecialFunctions.digamma(r + $0) - digammaR + logAlpha }
    // Once per distinct T: ln(α+T) and 1/(α+T).
    let logTimes = triples.timeValues.map { log(alpha + $0) }
    let inverseTimes = triples.timeValues.map { 1 / (alpha + $0) }
    let rows = triples.rows
    let sum = LikelihoodSum.chunked(count: rows.count, isParallel: isParallel) { chunk in
      var sum = LikelihoodSum()
      for triple in rows[chunk] {
        let x = triple.frequency
        let k = Int(triple.frequencyIndex), age = Int(triple.ageIndex)
        let logLikelihood = constants[k] - (r + x) * logTimes[age]
        let dR = constantsR[k] - logTimes[age]
        let dAlpha = r / alpha - (r + x) * inverseTimes[age]
        sum.add(logLikelihood, SIMD4(dR, dAlpha, 0, 0), weight: triple.weight)
      }
      return sum
    }
    gradient = sum.gradientInLogParameters([r, alpha])
    return sum.value
  }
}
