import Foundation
import _RetentionSupport

/// The Pareto/NBD log-likelihood of indexed triples and its exact gradient in the log-parameters.
///
/// The formula is ``ParetoNBDModel``'s (Fader & Hardie note 008); the tail integral is computed
/// once per distinct (x, t) pair.
struct ParetoNBDLikelihood: TripleLogLikelihood {
  let triples: IndexedTriples
  let isParallel: Bool
  /// The x index and time index of each distinct pair.
  private let pairFrequency: [Int32]
  private let pairTime: [Int32]
  /// The pair of (x, t_x) and of (x, T) per triple.
  private let recencyPair: [Int32]
  private let agePair: [Int32]

  init(triples: IndexedTriples, isParallel: Bool) {
    self.triples = triples
    self.isParallel = isParallel
    var slots: [Int64: Int32] = [:]
    var pairFrequency: [Int32] = [], pairTime: [Int32] = []
    var recencyPair: [Int32] = [], agePair: [Int32] = []
    recencyPair.reserveCapacity(triples.count)
    agePair.reserveCapacity(triples.count)
    func pair(_ x: Int32, _ t: Int32) -> Int32 {
      let key = Int64(x) << 32 | Int64(t)
      if let slot = slots[key] { return slot }
      let slot = Int32(pairFrequency.count)
      slots[key] = slot
      pairFrequency.append(x)
      pairTime.append(t)
      return slot
    }
    for index in 0..<triples.count {
      let x = triples.frequencyIndex[index]
      recencyPair.append(pair(x, triples.recencyIndex[index]))
      agePair.append(pair(x, triples.ageIndex[index]))
    }
    self.pairFrequency = pairFrequency
    self.pairTime = pairTime
    self.recencyPair = recencyPair
    self.agePair = agePair
  }

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), s = exp(theta[2]), beta = exp(theta[3])
    // ln F and its four derivatives per pair, five values per pair.
    let pairCount = pairFrequency.count
    var integrals = [Double](repeating: 0, count: pairCount * 5)
    let xs = triples.frequencyValues, times = triples.timeValues
    let pairFrequency = self.pairFrequency, pairTime = self.pairTime
    integrals.withUnsafeMutableBufferPointer { buffer in
      let shared = UnsafeSendable(value: buffer)
      ParallelChunks.forEach(count: pairCount, chunkSize: 512, isParallel: isParallel) { chunk, _ in
        for p in chunk {
          let integral = ParetoIntegral(
            r: r, alpha: alpha, s: s, beta: beta, x: xs[Int(pairFrequency[p])], t: times[Int(pairTime[p])])
          shared.value[5 * p] = integral.value
          shared.value[5 * p + 1] = integral.dR
          shared.value[5 * p + 2] = integral.dAlpha
          shared.value[5 * p + 3] = integral.dS
          shared.value[5 * p + 4] = integral.dBeta
        }
      }
    }
    let table = integrals
    let digammaR = SpecialFunctions.digamma(r)
    let logGammaR = SpecialFunctions.logGamma(r)
    let logAlpha = log(alpha), logBeta = log(beta), logS = log(s)
    let constants = xs.map { SpecialFunctions.logGamma(r + $0) - logGammaR + r * logAlpha + s * logBeta }
    let constantsR = xs.map { SpecialFunctions.digamma(r + $0) - digammaR + logAlpha }
    let logAlphaTimes = times.map { log(alpha + $0) }
    let logBetaTimes = times.map { log(beta + $0) }
    let triples = self.triples, recencyPair = self.recencyPair, agePair = self.agePair
    let sums = ParallelChunks.sum(count: triples.count, width: 5, isParallel: isParallel) { chunk, accumulator in
      var value = 0.0, gR = 0.0, gAlpha = 0.0, gS = 0.0, gBeta = 0.0
      for i in chunk {
        let w = triples.weights[i]
        let x = triples.frequency[i]
        let k = Int(triples.frequencyIndex[i])
        let iT = Int(triples.ageIndex[i])
        let logAliveTerm = -(r + x) * logAlphaTimes[iT] - s * logBetaTimes[iT]
        var dR = constantsR[k]
        var dAlpha = r / alpha
        var dS = logBeta
        var dBeta = s / beta
        // d ln(first term)
        let aliveR = -logAlphaTimes[iT], aliveAlpha = -(r + x) / (alpha + times[iT])
        let aliveS = -logBetaTimes[iT], aliveBeta = -s / (beta + times[iT])
        let p1 = 5 * Int(recencyPair[i]), p2 = 5 * Int(agePair[i])
        let early = table[p1], late = table[p2]
        var bracket = logAliveTerm
        if triples.recencyIndex[i] != triples.ageIndex[i], late < early {
          let died = logS + early + log1p(-exp(late - early))
          bracket = LogSpace.addExp(logAliveTerm, died)
          let aliveWeight = exp(logAliveTerm - bracket)
          let earlyWeight = s * exp(early - bracket)
          let lateWeight = s * exp(late - bracket)
          let sWeight = exp(died - logS - bracket)
          dR += aliveWeight * aliveR + earlyWeight * table[p1 + 1] - lateWeight * table[p2 + 1]
          dAlpha += aliveWeight * aliveAlpha + earlyWeight * table[p1 + 2] - lateWeight * table[p2 + 2]
          dS += aliveWeight * aliveS + earlyWeight * table[p1 + 3] - lateWeight * table[p2 + 3] + sWeight
          dBeta += aliveWeight * aliveBeta + earlyWeight * table[p1 + 4] - lateWeight * table[p2 + 4]
        } else {
          dR += aliveR
          dAlpha += aliveAlpha
          dS += aliveS
          dBeta += aliveBeta
        }
        value += w * (constants[k] + bracket)
        gR += w * dR
        gAlpha += w * dAlpha
        gS += w * dS
        gBeta += w * dBeta
      }
      accumulator[0] = value
      accumulator[1] = gR
      accumulator[2] = gAlpha
      accumulator[3] = gS
      accumulator[4] = gBeta
    }
    gradient[0] = sums[1] * r
    gradient[1] = sums[2] * alpha
    gradient[2] = sums[3] * s
    gradient[3] = sums[4] * beta
    return sums[0]
  }
}
