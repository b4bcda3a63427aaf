import Foundation

extension BGBBModel {
  /// ln L(α, β, γ, δ | x, t_x, n) and its derivatives in (α, β, γ, δ), with the terms of the sum
  /// over the death opportunity computed by recurrence instead of from ln B and ψ each time.
  ///
  /// The fast path of ``logLikelihoodWithGradient(x:tx:n:)`` (the definition, kept as the
  /// reference of the equivalence test). With s = t_x + i, the term of death after opportunity
  /// s is B(α+x, β+s−x)/B(α, β) · B(γ+1, δ+s)/B(γ, δ); since B(p, q+1) = B(p, q) q/(p+q),
  /// consecutive terms differ by the factor (β+s−x)(δ+s) / ((α+β+s)(γ+δ+1+s)), and the digammas
  /// of their derivatives by ψ(z+1) = ψ(z) + 1/z. A term then costs one logarithm, so a daily
  /// calendar with hundreds of opportunities per customer fits in a fraction of the time.
  ///
  /// - Complexity: O(*n* − *t_x*), with one logarithm per term.
  func logLikelihoodWithGradientByRecurrence(x: Double, tx: Double, n: Double) -> (Double, [Double]) {
    let (a, b, g, d) = (parameters.alpha, parameters.beta, parameters.gamma, parameters.delta)
    let ψ = SpecialFunctions.digamma
    let psiAB = ψ(a + b), psiGD = ψ(g + d), psiAX = ψ(a + x)
    let baseA = ψ(a) - psiAB, baseB = ψ(b) - psiAB
    let baseG = ψ(g) - psiGD, baseD = ψ(d) - psiGD
    let logBetaAB = SpecialFunctions.logBeta(a, b), logBetaGD = SpecialFunctions.logBeta(g, d)
    // Alive through all n opportunities.
    let aliveTerm =
      SpecialFunctions.logBeta(a + x, b + n - x) - logBetaAB + SpecialFunctions.logBeta(g, d + n) - logBetaGD
    let psiABN = ψ(a + b + n), psiGDN = ψ(g + d + n)
    let aliveDerivatives = (
      psiAX - psiABN - baseA, ψ(b + n - x) - psiABN - baseB, ψ(g) - psiGDN - baseG, ψ(d + n) - psiGDN - baseD
    )
    // Running log-sum-exp: `top` is the largest log-term so far, the sums are scaled by e^-top.
    var top = aliveTerm
    var sum = 1.0
    var gradient = [aliveDerivatives.0, aliveDerivatives.1, aliveDerivatives.2, aliveDerivatives.3]
    guard tx < n else { return (top, gradient) }
    var s = tx
    var logTerm =
      SpecialFunctions.logBeta(a + x, b + s - x) - logBetaAB + SpecialFunctions.logBeta(g + 1, d + s) - logBetaGD
    var psiABS = ψ(a + b + s), psiBSX = ψ(b + s - x), psiGD1S = ψ(g + d + 1 + s), psiDS = ψ(d + s)
    let psiG1 = ψ(g + 1)
    while s < n {
      let derivatives = (
        psiAX - psiABS - baseA, psiBSX - psiABS - baseB, psiG1 - psiGD1S - baseG, psiDS - psiGD1S - baseD
      )
      if logTerm > top {
        let scale = exp(top - logTerm)
        sum *= scale
        for j in 0..<4 { gradient[j] *= scale }
        top = logTerm
      }
      let weight = exp(logTerm - top)
      sum += weight
      gradient[0] += weight * derivatives.0
      gradient[1] += weight * derivatives.1
      gradient[2] += weight * derivatives.2
      gradient[3] += weight * derivatives.3
      logTerm += log((b + s - x) * (d + s) / ((a + b + s) * (g + d + 1 + s)))
      psiABS += 1 / (a + b + s)
      psiBSX += 1 / (b + s - x)
      psiGD1S += 1 / (g + d + 1 + s)
      psiDS += 1 / (d + s)
      s += 1
    }
    return (top + log(sum), gradient.map { $0 / sum })
  }
}
