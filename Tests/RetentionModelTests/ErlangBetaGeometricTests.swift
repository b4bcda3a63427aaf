import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The (M)BG/CNBD-k formulas against the model's definition: a numerical integral over λ and p
/// of the likelihood given them, and simulated customers.
struct ErlangBetaGeometricTests {
  /// Composite Simpson's rule with `intervals` (even) intervals.
  static func simpson(from lower: Double, to upper: Double, intervals: Int, _ f: (Double) -> Double) -> Double {
    let h = (upper - lower) / Double(intervals)
    var sum = f(lower) + f(upper)
    for i in 1..<intervals { sum += (i % 2 == 1 ? 4 : 2) * f(lower + Double(i) * h) }
    return sum * h / 3
  }

  @Test(arguments: [(true, 2), (false, 2), (true, 3)])
  func likelihoodIsTheIntegralOverRateAndDropout(isModified: Bool, k: Int) {
    // A customer with purchases at 0, 6, 13 and 20 weeks, observed to 30.
    let gaps = [6.0, 7, 7]
    let (x, tx, t) = (3.0, 20.0, 30.0)
    let litt = gaps.reduce(0) { $0 + log($1) }
    let (r, alpha, a, b) = (1.5, 4.0, 1.7, 2.5)
    let kk = Double(k)
    // Given λ: the density of the gaps, Π λ^k τ^(k−1) e^(−λτ)/(k−1)!, and the probability of
    // fewer than k stages in T − t_x.
    func gapDensity(_ lambda: Double) -> Double {
      var density = 1.0
      for gap in gaps {
        let stageDensity: Double = pow(lambda, kk) * pow(gap, kk - 1) * exp(-lambda * gap)
        density *= stageDensity / tgamma(kk)
      }
      return density
    }
    func noPurchase(_ lambda: Double) -> Double {
      var sum = 0.0, term = 1.0
      for j in 0..<k {
        if j > 0 { term *= lambda * (t - tx) / Double(j) }
        sum += term
      }
      return exp(-lambda * (t - tx)) * sum
    }
    func gammaDensity(_ lambda: Double) -> Double {
      lambda <= 0 ? 0 : exp(r * log(alpha) + (r - 1) * log(lambda) - alpha * lambda - lgamma(r))
    }
    // p = v² removes the p^(a−1) kink at 0.
    func betaIntegral(_ g: (Double) -> Double) -> Double {
      Self.simpson(from: 0, to: 1, intervals: 20_000) { v in
        let p = v * v
        if p <= 0 || p >= 1 { return 0 }
        let logDensity: Double = (a - 1) * log(p) + (b - 1) * log1p(-p) - lgamma(a) - lgamma(b) + lgamma(a + b)
        return 2 * v * exp(logDensity) * g(p)
      }
    }
    let survivedBefore = isModified ? x : x - 1
    let deadWeight = betaIntegral { p in pow(1 - p, survivedBefore) * p }
    let aliveWeight = betaIntegral { p in pow(1 - p, survivedBefore + 1) }
    let deadRate = Self.simpson(from: 0, to: 8, intervals: 40_000) { gapDensity($0) * gammaDensity($0) }
    let aliveRate = Self.simpson(from: 0, to: 8, intervals: 40_000) {
      gapDensity($0) * noPurchase($0) * gammaDensity($0)
    }
    let integral = deadWeight * deadRate + aliveWeight * aliveRate

    let value =
      isModified
      ? MBGCNBDModel(k: k, r: r, alpha: alpha, a: a, b: b, unit: .weeks).logLikelihood(
        frequency: x, recency: tx, age: t, logInterPurchaseTimes: litt)
      : BGCNBDModel(k: k, r: r, alpha: alpha, a: a, b: b, unit: .weeks).logLikelihood(
        frequency: x, recency: tx, age: t, logInterPurchaseTimes: litt)
    // Simpson with these steps is accurate to about 1e-9 relative for these smooth integrands.
    #expect(value.isApproximatelyEqual(to: log(integral), absoluteTolerance: 1e-7))
  }

  /// One simulated customer written from the model's assumptions (not the model's simulator):
  /// repeat purchases by T, the last one's time, whether alive at T, purchases in (T, T + h].
  static func customer(
    k: Int, r: Double, alpha: Double, a: Double, b: Double, isModified: Bool, age: Double, horizon: Double,
    using generator: inout SplitMix64
  ) -> (x: Double, tx: Double, alive: Bool, holdout: Double) {
    let lambda = RandomVariates.gamma(shape: r, rate: alpha, using: &generator)
    let p = RandomVariates.beta(a, b, using: &generator)
    var alive = !(isModified && RandomVariates.uniform(using: &generator) < p)
    var time = 0.0, x = 0.0, tx = 0.0, holdout = 0.0
    var aliveAtAge = alive
    while alive {
      for _ in 0..<k { time += RandomVariates.exponential(rate: lambda, using: &generator) }
      if time > age + horizon { break }
      if time <= age {
        x += 1
        tx = time
      } else {
        holdout += 1
      }
      if RandomVariates.uniform(using: &generator) < p {
        alive = false
        if time <= age { aliveAtAge = false }
      }
    }
    return (x, tx, aliveAtAge, holdout)
  }

  @Test(arguments: [(true, 3, UInt64(1)), (false, 2, UInt64(2)), (true, 1, UInt64(3))])
  func conditionalQuantitiesMatchSimulatedCustomers(isModified: Bool, k: Int, seed: UInt64) {
    // BTYDplus's test parameters (tests/testthat/test-mbg-cnbd-k.R): k 3, r 0.85, alpha 1.45,
    // a 0.79, b 2.42; 52 weeks observed, 52 weeks ahead.
    let (r, alpha, a, b) = (0.85, 1.45, 0.79, 2.42)
    let model = ErlangBetaGeometric(k: k, r: r, alpha: alpha, a: a, b: b, m: isModified ? 1 : 0)
    var generator = SplitMix64(seed: seed)
    let customers = 8_000
    var alive = 0.0, palive = 0.0, holdout = 0.0, expected = 0.0, none = 0.0, predictedNone = 0.0
    var holdoutSquares = 0.0, repeats = 0.0, repeatSquares = 0.0
    var counts = [Double](repeating: 0, count: 4)
    for _ in 0..<customers {
      let c = Self.customer(
        k: k, r: r, alpha: alpha, a: a, b: b, isModified: isModified, age: 52, horizon: 52, using: &generator)
      alive += c.alive ? 1 : 0
      palive += model.probabilityAlive(x: c.x, recency: c.tx, age: 52)
      holdout += c.holdout
      holdoutSquares += c.holdout * c.holdout
      expected +=
        model.probabilityAlive(x: c.x, recency: c.tx, age: 52)
        * model.expectedPurchasesIfAlive(within: 52, x: c.x, recency: c.tx, age: 52)
      none += c.holdout == 0 ? 1 : 0
      predictedNone += model.probabilityOfNoPurchase(within: 52, x: c.x, recency: c.tx, age: 52)
      repeats += c.x
      repeatSquares += c.x * c.x
      if Int(c.x) < counts.count { counts[Int(c.x)] += 1 }
    }
    let n = Double(customers)
    // Sums of independent customers: within 4 standard errors of the simulated totals.
    #expect(abs(palive - alive) <= 4 * (0.25 * n).squareRoot())
    #expect(abs(predictedNone - none) <= 4 * (0.25 * n).squareRoot())
    let holdoutDeviation = (holdoutSquares / n - (holdout / n) * (holdout / n)).squareRoot()
    #expect(abs(expected - holdout) <= 4 * holdoutDeviation * n.squareRoot())
    let repeatDeviation = (repeatSquares / n - (repeats / n) * (repeats / n)).squareRoot()
    #expect(
      abs(
        n * model.expectedPurchasesIfAlive(within: 52, x: 0, recency: 0, age: 0)
          * model.probabilityAlive(x: 0, recency: 0, age: 0) - repeats) <= 4 * repeatDeviation * n.squareRoot())
    for (count, observed) in counts.enumerated() {
      let probability = model.probabilityOfPurchases(count, within: 52)
      #expect(abs(n * probability - observed) <= 4 * (n * probability * (1 - probability)).squareRoot())
    }
  }

  @Test(arguments: [1, 2, 4])
  func probabilitiesAreConsistent(k: Int) {
    let model = MBGCNBDModel(k: k, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42, unit: .weeks)
    var total = 0.0, mean = 0.0
    for n in 0..<(1_200 / k) {
      let probability = model.probabilityOfPurchases(n, withinPeriods: 30)
      total += probability
      mean += Double(n) * probability
    }
    #expect(total.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-10))
    // Two computations: the pmf's mean and the stage series of E[X(t)].
    #expect(mean.isApproximatelyEqual(to: model.expectedPurchases(withinPeriods: 30), relativeTolerance: 1e-9))
    var previous = 0.0
    for t in stride(from: 0.0, through: 104, by: 13) {
      let expectation = model.expectedPurchases(withinPeriods: t)
      #expect(expectation >= previous)
      previous = expectation
    }
    for (x, tx, t) in [(0.0, 0.0, 52.0), (3, 12, 52), (5, 51, 52), (200, 50, 52), (1000, 10, 100)] {
      let alive = model.probabilityAlive(frequency: x, recency: tx, age: t)
      #expect(alive >= 0 && alive <= 1)
      let expected = model.conditionalExpectedPurchases(withinPeriods: 52, frequency: x, recency: tx, age: t)
      #expect(expected.isFinite && expected >= 0)
      #expect(model.logLikelihood(frequency: x, recency: tx, age: t).isFinite)
    }
    // A long silence after regular purchases says more about dropout as k grows.
    #expect(model.probabilityAlive(frequency: 1000, recency: 10, age: 100) == 0)
  }

  @Test func longerSilenceMeansLowerAliveProbabilityForRegularBuyers() {
    let exponential = MBGCNBDModel(k: 1, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42, unit: .weeks)
    let regular = MBGCNBDModel(k: 3, r: 0.85, alpha: 1.45 / 3, a: 0.79, b: 2.42, unit: .weeks)
    // Five purchases in the first 12 weeks, then 40 weeks of silence (BTYDplus vignette's
    // example): the Erlang-3 buyer is less likely alive than the exponential one.
    #expect(
      regular.probabilityAlive(frequency: 5, recency: 12, age: 52)
        < exponential.probabilityAlive(frequency: 5, recency: 12, age: 52))
  }
}
