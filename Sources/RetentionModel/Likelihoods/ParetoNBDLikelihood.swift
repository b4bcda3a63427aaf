import Foundation
import _RetentionSupport

/// The Pareto/NBD log-likelihood of indexed triples and its exact gradient in the log-parameters.
///
/// A customer's likelihood is that of Schmittlein, Morrison & Colombo (1987) in the form of
/// Fader & Hardie's note 008 ("A note on deriving the Pareto/NBD model and related
/// expressions", 2005), with F(t) = ∫_t^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ (``ParetoIntegral``):
///
///     L = Γ(r+x) α^r β^s / Γ(r) · [(α+T)^-(r+x) (β+T)^-s + s (F(t_x) − F(T))]
///
/// the first term of the bracket for a customer alive at T, the second for one who died in
/// (t_x, T]. ln F is computed once per distinct (x, t) pair, ln Γ(r+x) once per distinct x and
/// ln(α+T), ln(β+T) once per distinct time; the sum over triples runs in fixed chunks. The tests
/// compare it with the sum of ``ParetoNBDModel``'s customer-level `logLikelihood`.
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
    // Number the pairs in order of x, so that the loop over pairs meets each frequency's
    // family in one run.
    let order = pairFrequency.indices.sorted { (pairFrequency[$0], $0) < (pairFrequency[$1], $1) }
    var renumbered = [Int32](repeating: 0, count: order.count)
    for (position, pair) in order.enumerated() { renumbered[pair] = Int32(position) }
    self.pairFrequency = order.map { pairFrequency[$0] }
    self.pairTime = order.map { pairTime[$0] }
    self.recencyPair = recencyPair.map { renumbered[Int($0)] }
    self.agePair = agePair.map { renumbered[Int($0)] }
  }

  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    let r = exp(theta[0]), alpha = exp(theta[1]), s = exp(theta[2]), beta = exp(theta[3])
    let xs = triples.frequencyValues, times = triples.timeValues
    let pairFrequency = self.pairFrequency, pairTime = self.pairTime
    // What depends on x only once per distinct x, then ln F and its derivatives once per
    // distinct (x, t) pair, in fixed chunks.
    let families = xs.map { ParetoIntegral.Family(r: r, alpha: alpha, s: s, beta: beta, x: $0) }
    let parts = ParallelWork.map(ParallelWork.chunks(of: pairFrequency.count, size: 512), isParallel: isParallel) {
      chunk in
      var converged = true
      var part: [ParetoIntegral] = []
      part.reserveCapacity(chunk.count)
      // The pairs run in order of x: take each family once per run, not once per pair.
      var index = chunk.lowerBound
      while index < chunk.upperBound {
        let frequency = pairFrequency[index]
        let family = families[Int(frequency)]
        while index < chunk.upperBound, pairFrequency[index] == frequency {
          let integral = family.integral(at: times[Int(pairTime[index])])
          converged = converged && integral.isConverged
          part.append(integral)
          index += 1
        }
      }
      return (part, converged)
    }
    // An integral that missed its error bound makes the whole likelihood unknown (NaN), which
    // the optimiser treats as a point to step away from.
    guard parts.allSatisfy(\.1) else {
      gradient = [Double](repeating: .nan, count: 4)
      return .nan
    }
    let integrals = parts.flatMap(\.0)
    let digammaR = SpecialFunctions.digamma(r)
    let logGammaR = SpecialFunctions.logGamma(r)
    let logAlpha = log(alpha), logBeta = log(beta), logS = log(s)
    // Once per distinct x: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β and its derivative in r.
    let constants = xs.map { SpecialFunctions.logGamma(r + $0) - logGammaR + r * logAlpha + s * logBeta }
    let constantsR = xs.map { SpecialFunctions.digamma(r + $0) - digammaR + logAlpha }
    // Once per distinct T: ln(α+T) and ln(β+T).
    let logAlphaTimes = times.map { log(alpha + $0) }
    let logBetaTimes = times.map { log(beta + $0) }
    let rows = triples.rows, recencyPair = self.recencyPair, agePair = self.agePair
    let sum = LikelihoodSum.chunked(count: rows.count, isParallel: isParallel) { chunk in
      var sum = LikelihoodSum()
      for i in chunk {
        let triple = rows[i]
        let x = triple.frequency
        let k = Int(triple.frequencyIndex)
        let age = Int(triple.ageIndex)
        // The alive term ln[(α+T)^-(r+x) (β+T)^-s] and its derivatives.
        let logAliveTerm = -(r + x) * logAlphaTimes[age] - s * logBetaTimes[age]
        let alive = SIMD4(
          -logAlphaTimes[age], -(r + x) / (alpha + times[age]), -logBetaTimes[age], -s / (beta + times[age]))
        var derivatives = SIMD4(constantsR[k], r / alpha, logBeta, s / beta)
        let early = integrals[Int(recencyPair[i])], late = integrals[Int(agePair[i])]
        var bracket = logAliveTerm
        if triple.recencyIndex != triple.ageIndex, late.value < early.value {
          // The died term ln[s (F(t_x) − F(T))], and the bracket ln(alive + died).
          let died = logS + early.value + log1p(-exp(late.value - early.value))
          bracket = LogSpace.addExp(logAliveTerm, died)
          let aliveWeight = exp(logAliveTerm - bracket)
          let earlyWeight = s * exp(early.value - bracket)
          let lateWeight = s * exp(late.value - bracket)
          let sWeight = exp(died - logS - bracket)
          derivatives += aliveWeight * alive + earlyWeight * early.derivatives - lateWeight * late.derivatives
          derivatives[2] += sWeight
        } else {
          derivatives += alive
        }
        sum.add(constants[k] + bracket, derivatives, weight: triple.weight)
      }
      return sum
    }
    gradient = sum.gradientInLogParameters([r, alpha, s, beta])
    return sum.value
  }
}
