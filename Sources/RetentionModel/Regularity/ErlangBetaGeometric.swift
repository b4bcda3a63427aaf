import Foundation

/// The customer-level formulas of the (M)BG/CNBD-k models (Platzer & Reutterer 2016, "Ticking
/// away the moments: timing regularity helps to better predict customer activity", *Marketing
/// Science* 35(5); Reutterer, Platzer & Schröder 2021, *IJRM* 38(1)), shared by
/// ``MBGCNBDModel`` (m = 1) and ``BGCNBDModel`` (m = 0).
///
/// While alive a customer's inter-purchase times are Erlang-k with rate λ ~ Gamma(r, α): k
/// exponential stages of rate λ each, so the stages form a Poisson process and a purchase is
/// every k-th stage. After each purchase (for m = 1 the first at time 0 too) the customer drops
/// out with probability p ~ Beta(a, b). Derivation of the likelihood: given λ and p, the x
/// inter-purchase times τ_j have density Π λ^k τ_j^(k−1) e^(−λτ_j) / (k−1)!, and after the last
/// purchase the customer either dropped out (p) or survived (1−p) and completed fewer than k
/// stages in Δ = T − t_x: e^(−λΔ) Σ_{j<k} (λΔ)^j / j!. Integrating p over its beta and λ over
/// its gamma distribution,
///
///     L = e^(c) Γ(r+kx) α^r / Γ(r) · [B(a, b+x+m)/B(a, b) (α+T)^−(r+kx) S₂ + δ B(a+1, b+x−1+m)/B(a, b) (α+t_x)^−(r+kx)],
///     S₂ = Σ_{j=0}^{k−1} (r+kx)_j / j! (Δ/(α+T))^j,   c = (k−1) litt − x ln (k−1)!,
///
/// with δ = 1 for m = 1 and δ = [x > 0] for m = 0 (BTYDplus `xbgcnbd.LL`). For k = 1, S₂ = 1
/// and c = 0: the BG/NBD (FHL 2005, eq. 6) and the MBG/NBD (Batislam et al. 2007).
///
/// Given alive at T, the number of stages completed since the last purchase is j with
/// probability w_j = (r+kx)_j/j! u^j / S₂, u = Δ/(α+T), and then λ ~ Gamma(r+kx+j, α+T) and
/// p ~ Beta(a, b+x+m), independently (the terms of S₂ are the posterior of the phase).
struct ErlangBetaGeometric: Sendable, Hashable {
  let k: Int
  let r: Double, alpha: Double, a: Double, b: Double
  /// 1 for the MBG/CNBD-k (dropout possible at the first purchase), 0 for the BG/CNBD-k.
  let m: Double

  /// δ: whether a customer with x repeat purchases may have dropped out after the last one.
  func hasDropoutTerm(_ x: Double) -> Bool { m == 1 || x > 0 }

  /// ln (r+kx)_j/j! u^j for j = 0..<k, with u = Δ/(α+T): the log phase terms of S₂.
  func logPhaseTerms(x: Double, recency tx: Double, age t: Double) -> [Double] {
    let shape = r + Double(k) * x
    let logU = log(t - tx) - log(alpha + t)
    var terms = [0.0]
    guard k > 1, t > tx else { return terms }
    var current = 0.0
    for j in 1..<k {
      current += log(shape + Double(j - 1)) - log(Double(j)) + logU
      terms.append(current)
    }
    return terms
  }

  /// ln S₂ from its log terms.
  static func logSum(_ terms: [Double]) -> Double {
    let top = terms.max() ?? 0
    return top + log(terms.reduce(0) { $0 + exp($1 - top) })
  }

  /// D = ln a − ln(b+x−1+m) + (r+kx) ln((α+T)/(α+t_x)): ln of the dropout term over the alive
  /// term without S₂.
  func dropoutLogOdds(x: Double, recency tx: Double, age t: Double) -> Double {
    log(a) - log(b + x - 1 + m) + (r + Double(k) * x) * (log(alpha + t) - log(alpha + tx))
  }

  /// ln L without the timing term c.
  func logLikelihood(x: Double, recency tx: Double, age t: Double) -> Double {
    let shape = r + Double(k) * x
    let first =
      SpecialFunctions.logGamma(shape) - SpecialFunctions.logGamma(r) + r * log(alpha)
      + SpecialFunctions.logBeta(a, b + x + m) - SpecialFunctions.logBeta(a, b) - shape * log(alpha + t)
    let logS2 = Self.logSum(logPhaseTerms(x: x, recency: tx, age: t))
    guard hasDropoutTerm(x) else { return first + logS2 }
    return first + logS2 + LogSpace.softplusAndLogistic(dropoutLogOdds(x: x, recency: tx, age: t) - logS2).softplus
  }

  /// The timing term c = (k−1) litt − x ln (k−1)!, which does not depend on r, α, a, b.
  static func timingTerm(k: Int, frequency x: Double, logInterPurchaseTimes litt: Double) -> Double {
    k == 1 ? 0 : Double(k - 1) * litt - x * SpecialFunctions.logGamma(Double(k))
  }

  /// P(alive | x, t_x, T) = 1 / (1 + δ e^D / S₂).
  func probabilityAlive(x: Double, recency tx: Double, age t: Double) -> Double {
    guard hasDropoutTerm(x) else { return 1 }
    let logS2 = Self.logSum(logPhaseTerms(x: x, recency: tx, age: t))
    return LogSpace.softplusAndLogistic(logS2 - dropoutLogOdds(x: x, recency: tx, age: t)).logistic
  }

  /// The phase posterior w_j of a customer alive at T.
  func phaseWeights(x: Double, recency tx: Double, age t: Double) -> [Double] {
    let terms = logPhaseTerms(x: x, recency: tx, age: t)
    let logS2 = Self.logSum(terms)
    return terms.map { exp($0 - logS2) }
  }

  /// E[Y(t) | alive at T, x, t_x, T] = Σ_j w_j Σ_{i≥1} NB(i; r+kx+j, α+T, t) Σ_{n=1}^{⌊(i+j)/k⌋} β_n,
  /// β_n = E[(1−p)^(n−1)] = B(a, b'+n−1)/B(a, b'), b' = b+x+m: of the i stages completed in
  /// (T, T+t], the n-th future purchase needs nk − j of them and n − 1 survived coins.
  ///
  /// Summed in log space until a geometric bound on the rest is below 1e-14 of the sum; `nan`
  /// if that takes more than ``maximumStages`` terms (horizons far beyond the data).
  func expectedPurchasesIfAlive(within horizon: Double, x: Double, recency tx: Double, age t: Double) -> Double {
    if horizon == 0 { return 0 }
    let beta = alpha + t
    let logQ = -log1p(beta / horizon)
    let q = exp(logQ)
    let bPrime = b + x + m
    var total = 0.0
    for (j, weight) in phaseWeights(x: x, recency: tx, age: t).enumerated() where weight > 0 {
      let shape = r + Double(k) * x + Double(j)
      var logProbability = -shape * log1p(horizon / beta)
      var survival = 1.0, purchases = 0, cumulative = 0.0, sum = 0.0
      var stage = 0
      while true {
        stage += 1
        if stage > Self.maximumStages { return .nan }
        logProbability += log((shape + Double(stage - 1)) / Double(stage)) + logQ
        while (purchases + 1) * k - j <= stage {
          if purchases > 0 { survival *= (bPrime + Double(purchases - 1)) / (a + bPrime + Double(purchases - 1)) }
          purchases += 1
          cumulative += survival
        }
        let probability = exp(logProbability)
        sum += probability * cumulative
        let ratio = (shape + Double(stage)) / Double(stage + 1) * q
        guard ratio < 1 else { continue }
        let bound = Swift.max(ratio, q)
        let rest =
          probability / Double(k)
          * (Double(stage + j) * bound / (1 - bound) + bound / ((1 - bound) * (1 - bound)))
        if rest <= 1e-14 * sum || rest < 1e-300 { break }
      }
      total += weight * sum
    }
    return total
  }

  /// The most stages ``expectedPurchasesIfAlive(within:x:recency:age:)`` sums.
  static let maximumStages = 10_000_000

  /// P(Y(t) = 0 | x, t_x, T) = 1 − P(alive) Σ_j w_j P(NB(r+kx+j, α+T, t) ≥ k − j).
  func probabilityOfNoPurchase(within horizon: Double, x: Double, recency tx: Double, age t: Double) -> Double {
    let alive = probabilityAlive(x: x, recency: tx, age: t)
    var buys = 0.0
    for (j, weight) in phaseWeights(x: x, recency: tx, age: t).enumerated() {
      let stages = NegativeBinomial(r: r + Double(k) * x + Double(j), alpha: alpha + t, t: horizon)
      buys += weight * stages.tail(from: k - j)
    }
    return Swift.min(1, Swift.max(0, 1 - alive * buys))
  }

  /// P(X(t) = n) = B(a, b+n+m)/B(a, b) P(nk ≤ N < (n+1)k) + δ B(a+1, b+n−1+m)/B(a, b) P(N ≥ nk),
  /// N ~ NB(r, α, t) the stages in (0, t]: alive after the n-th purchase without the next, or
  /// dropped out right after the n-th.
  func probabilityOfPurchases(_ n: Int, within horizon: Double) -> Double {
    let x = Double(n)
    let logBetaAB = SpecialFunctions.logBeta(a, b)
    let stages = NegativeBinomial(r: r, alpha: alpha, t: horizon)
    var window = 0.0
    for i in (n * k)..<((n + 1) * k) { window += exp(stages.logProbability(i)) }
    var probability = exp(SpecialFunctions.logBeta(a, b + x + m) - logBetaAB) * window
    if hasDropoutTerm(x) {
      probability += exp(SpecialFunctions.logBeta(a + 1, b + x - 1 + m) - logBetaAB) * stages.tail(from: n * k)
    }
    return Swift.min(1, probability)
  }

  /// One customer's repeat purchase times in (0, T]: λ ~ Gamma(r, α), p ~ Beta(a, b), Erlang-k
  /// gaps, a dropout coin after every purchase (the first too when m = 1).
  func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double] {
    let rate = RandomVariates.gamma(shape: r, rate: alpha, using: &generator)
    let dropout = RandomVariates.beta(a, b, using: &generator)
    var times: [Double] = []
    guard rate > 0 else { return times }
    if m == 1, RandomVariates.uniform(using: &generator) < dropout { return times }
    var time = 0.0
    while true {
      time += RandomVariates.gamma(shape: Double(k), rate: rate, using: &generator)
      if time > age { break }
      times.append(time)
      if RandomVariates.uniform(using: &generator) < dropout { break }
    }
    return times
  }
}
