import Foundation

/// The BG/NBD or MBG/NBD log-likelihood of indexed triples and its exact gradient in the
/// log-parameters.
///
/// The formulas are ``BGNBDModel``'s (FHL 2005, eq. 6) and ``MBGNBDModel``'s (Batislam et al.
/// 2007). Both are ln[B(a, b+x+m)/B(a, b) Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))] + ln(1 + δ e^D) with
/// D = ln a - ln(b+x-1+m) + (r+x) ln((α+T)/(α+t_x)), where m = 0 and δ = [x > 0] for the
/// BG/NBD, m = 1 and δ = 1 for the MBG/NBD (dropout is possible right after the first purchase).
struct BetaGeometricLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  /// Whether this is the MBG/NBD.
  let isModified: Bool
  let isParallel: Bool

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
    let digammaR = SpecialFunctions.digamma(r)
    let digammaB = SpecialFunctions.digamma(b)
    let digammaAB = SpecialFunctions.digamma(a + b)
    let logGammaR = SpecialFunctions.logGamma(r)
    let logBetaAB = SpecialFunctions.logBeta(a, b)
    let logAlpha = log(alpha), logA = log(a)
    let shift = isModified ? 1.0 : 0.0
    // Per distinct x, six values: the x-only part of the first term of the likelihood, its
    // derivatives in r, a and b, and ln(a/(b+x-1+m)) with its derivative in b.
    var frequencyTerms: [Double] = []
    frequencyTerms.reserveCapacity(6 * triples.frequencyValues.count)
    for x in triples.frequencyValues {
      let digammaABX = SpecialFunctions.digamma(a + b + x + shift)
      let hasDropoutTerm = x > 0 || isModified
      frequencyTerms.append(contentsOf: [
        SpecialFunctions.logGamma(r + x) - logGammaR + r * logAlpha
          + SpecialFunctions.logBeta(a, b + x + shift) - logBetaAB,
        SpecialFunctions.digamma(r + x) - digammaR + logAlpha,
        digammaAB - digammaABX,
        SpecialFunctions.digamma(b + x + shift) - digammaB + digammaAB - digammaABX,
        hasDropoutTerm ? logA - log(b + x - 1 + shift) : -.infinity,
        hasDropoutTerm ? -1 / (b + x - 1 + shift) : 0,
      ])
    }
    // Per distinct time t: ln(α + t) and 1/(α + t).
    var timeTerms: [Double] = []
    timeTerms.reserveCapacity(2 * triples.timeValues.count)
    for time in triples.timeValues {
      timeTerms.append(log(alpha + time))
      timeTerms.append(1 / (alpha + time))
    }
    let inverseA = 1 / a, rOverAlpha = r / alpha
    let triples = self.triples
    let isModified = self.isModified
    let xTable = frequencyTerms, tTable = timeTerms
    let sums = ParallelChunks.sum(count: triples.count, width: 5, isParallel: isParallel) { chunk, accumulator in
      var value = 0.0, gR = 0.0, gAlpha = 0.0, gA = 0.0, gB = 0.0
      xTable.withUnsafeBufferPointer { xTerms in
        tTable.withUnsafeBufferPointer { tTerms in
          triples.weights.withUnsafeBufferPointer { weights in
            triples.frequency.withUnsafeBufferPointer { frequency in
              triples.frequencyIndex.withUnsafeBufferPointer { xIndex in
                triples.recencyIndex.withUnsafeBufferPointer { txIndex in
                  triples.ageIndex.withUnsafeBufferPointer { tIndex in
                    for i in chunk {
                      let w = weights[i]
                      let x = frequency[i]
                      let k = 6 * Int(xIndex[i])
                      let iT = 2 * Int(tIndex[i])
                      let rx = r + x
                      let logT = tTerms[iT]
                      let inverseT = tTerms[iT + 1]
                      var ll = xTerms[k] - rx * logT
                      var dR = xTerms[k + 1] - logT
                      var dAlpha = rOverAlpha - rx * inverseT
                      var dA = xTerms[k + 2]
                      var dB = xTerms[k + 3]
                      if x > 0 || isModified {
                        let iTx = 2 * Int(txIndex[i])
                        let logRatio = logT - tTerms[iTx]
                        let (softplus, weight) = LogSpace.softplusAndLogistic(xTerms[k + 4] + rx * logRatio)
                        ll += softplus
                        dR += weight * logRatio
                        dAlpha += weight * rx * (inverseT - tTerms[iTx + 1])
                        dA += weight * inverseA
                        dB += weight * xTerms[k + 5]
                      }
                      value += w * ll
                      gR += w * dR
                      gAlpha += w * dAlpha
                      gA += w * dA
                      gB += w * dB
                    }
                  }
                }
              }
            }
          }
        }
      }
      accumulator[0] = value
      accumulator[1] = gR
      accumulator[2] = gAlpha
      accumulator[3] = gA
      accumulator[4] = gB
    }
    gradient[0] = sums[1] * r
    gradient[1] = sums[2] * alpha
    gradient[2] = sums[3] * a
    gradient[3] = sums[4] * b
    return sums[0]
  }
}
