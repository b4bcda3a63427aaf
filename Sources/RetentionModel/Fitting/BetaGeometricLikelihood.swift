import Foundation

/// The BG/NBD (FHL 2005, eq. 6) or MBG/NBD (Batislam et al. 2007) log-likelihood of
/// indexed triples and its exact gradient in the log-parameters.
///
/// Both are ln[B(a, b+x+m)/B(a, b) Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))] + ln(1 + δ e^D) with
/// D = ln a - ln(b+x-1+m) + (r+x) ln((α+T)/(α+t_x)), where m = 0 and δ = [x > 0] for the
/// BG/NBD, m = 1 and δ = 1 for the MBG/NBD (dropout is possible right after the first purchase).
struct BetaGeometricLikelihood: Sendable {
  let triples: IndexedTriples
  /// Whether this is the MBG/NBD.
  let isModified: Bool
  let isParallel: Bool

  /// Per distinct x: the x-only part of the first term of eq. 6 and its derivatives.
  private struct FrequencyTerms {
    var constant: [Double]
    var dR: [Double]
    var dA: [Double]
    var dB: [Double]
    var logRatio: [Double]  // ln a - ln(b + x - 1), only for x > 0
    var dRatioB: [Double]   // -1 / (b + x - 1)
  }

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
    let digammaR = SpecialFunctions.digamma(r)
    let digammaB = SpecialFunctions.digamma(b)
    let digammaAB = SpecialFunctions.digamma(a + b)
    let logGammaR = SpecialFunctions.logGamma(r)
    let logBetaAB = SpecialFunctions.logBeta(a, b)
    let logAlpha = log(alpha)
    let xs = triples.frequencyValues
    var building = FrequencyTerms(
      constant: [], dR: [], dA: [], dB: [], logRatio: [], dRatioB: [])
    let shift = isModified ? 1.0 : 0.0
    for x in xs {
      let digammaABX = SpecialFunctions.digamma(a + b + x + shift)
      building.constant.append(
        SpecialFunctions.logGamma(r + x) - logGammaR + r * logAlpha
          + SpecialFunctions.logBeta(a, b + x + shift) - logBetaAB)
      building.dR.append(SpecialFunctions.digamma(r + x) - digammaR + logAlpha)
      building.dA.append(digammaAB - digammaABX)
      building.dB.append(SpecialFunctions.digamma(b + x + shift) - digammaB + digammaAB - digammaABX)
      let hasDropoutTerm = x > 0 || isModified
      building.logRatio.append(hasDropoutTerm ? log(a) - log(b + x - 1 + shift) : -.infinity)
      building.dRatioB.append(hasDropoutTerm ? -1 / (b + x - 1 + shift) : 0)
    }
    let terms = building
    let times = triples.timeValues
    let logTimes = times.map { log(alpha + $0) }
    let inverseTimes = times.map { 1 / (alpha + $0) }
    let inverseA = 1 / a
    let triples = self.triples
    let isModified = self.isModified
    let sums = ParallelChunks.sum(count: triples.count, width: 5, isParallel: isParallel) { chunk, accumulator in
      var value = 0.0, gR = 0.0, gAlpha = 0.0, gA = 0.0, gB = 0.0
      triples.weights.withUnsafeBufferPointer { weights in
        triples.frequency.withUnsafeBufferPointer { frequency in
          triples.frequencyIndex.withUnsafeBufferPointer { xIndex in
            triples.recencyIndex.withUnsafeBufferPointer { txIndex in
              triples.ageIndex.withUnsafeBufferPointer { tIndex in
                for i in chunk {
                  let w = weights[i]
                  let x = frequency[i]
                  let k = Int(xIndex[i])
                  let iT = Int(tIndex[i])
                  let rx = r + x
                  let logT = logTimes[iT]
                  let inverseT = inverseTimes[iT]
                  var ll = terms.constant[k] - rx * logT
                  var dR = terms.dR[k] - logT
                  var dAlpha = r / alpha - rx * inverseT
                  var dA = terms.dA[k]
                  var dB = terms.dB[k]
                  if x > 0 || isModified {
                    let iTx = Int(txIndex[i])
                    let logTx = logTimes[iTx]
                    let odds = terms.logRatio[k] + rx * (logT - logTx)
                    let (softplus, weight) = LogSpace.softplusAndLogistic(odds)
                    ll += softplus
                    dR += weight * (logT - logTx)
                    dAlpha += weight * rx * (inverseT - inverseTimes[iTx])
                    dA += weight * inverseA
                    dB += weight * terms.dRatioB[k]
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
