import Foundation

/// The NBD log-likelihood of indexed triples and its gradient in the log-parameters.
struct NBDLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  let isParallel: Bool

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1])
    let logGammaR = SpecialFunctions.logGamma(r), digammaR = SpecialFunctions.digamma(r)
    let logAlpha = log(alpha)
    let constants = triples.frequencyValues.map { SpecialFunctions.logGamma(r + $0) - logGammaR + r * logAlpha }
    let constantsR = triples.frequencyValues.map { SpecialFunctions.digamma(r + $0) - digammaR + logAlpha }
    let logTimes = triples.timeValues.map { log(alpha + $0) }
    let inverseTimes = triples.timeValues.map { 1 / (alpha + $0) }
    let triples = self.triples
    let sums = ParallelChunks.sum(count: triples.count, width: 3, isParallel: isParallel) { chunk, accumulator in
      var value = 0.0, gR = 0.0, gAlpha = 0.0
      for i in chunk {
        let w = triples.weights[i], x = triples.frequency[i]
        let k = Int(triples.frequencyIndex[i]), iT = Int(triples.ageIndex[i])
        value += w * (constants[k] - (r + x) * logTimes[iT])
        gR += w * (constantsR[k] - logTimes[iT])
        gAlpha += w * (r / alpha - (r + x) * inverseTimes[iT])
      }
      accumulator[0] = value
      accumulator[1] = gR
      accumulator[2] = gAlpha
    }
    gradient[0] = sums[1] * r
    gradient[1] = sums[2] * alpha
    return sums[0]
  }
}
