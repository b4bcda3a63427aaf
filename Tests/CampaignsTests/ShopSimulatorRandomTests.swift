import Foundation
import Testing
import _TestSupport
@testable import Campaigns

/// The simulator's draws and special functions against closed forms, and its event sort.
struct ShopSimulatorRandomTests {
  /// P(1, x) = 1 − e^(−x); P(1/2, x) = erf(√x); P(3, x) = 1 − e^(−x)(1 + x + x²/2)
  /// (Abramowitz and Stegun 6.5.13, 6.5.16), on both branches (x below and above a + 1).
  @Test(arguments: [0.001, 0.3, 1.2, 2.5, 4.0, 9.0, 30.0])
  func theIncompleteGammaMatchesClosedForms(x: Double) {
    let one = regularizedGamma(1, x)
    #expect(one.lower.isApproximatelyEqual(to: -expm1(-x), relativeTolerance: 1e-13))
    #expect(one.upper.isApproximatelyEqual(to: exp(-x), relativeTolerance: 1e-12))
    let half = regularizedGamma(0.5, x)
    #expect(half.lower.isApproximatelyEqual(to: erf(x.squareRoot()), relativeTolerance: 1e-13))
    #expect(half.upper.isApproximatelyEqual(to: erfc(x.squareRoot()), relativeTolerance: 1e-11))
    let three = regularizedGamma(3, x)
    #expect(three.lower.isApproximatelyEqual(to: 1 - exp(-x) * (1 + x + x * x / 2), absoluteTolerance: 1e-14))
    #expect(three.upper.isApproximatelyEqual(to: exp(-x) * (1 + x + x * x / 2), relativeTolerance: 1e-11))
  }

  @Test func theIncompleteGammaIsExactAtItsEnds() {
    #expect(regularizedGamma(0.243, 0) == (0, 1))
    #expect(regularizedGamma(0.243, .infinity) == (1, 0))
  }

  /// Draws have their distributions' means and variances.
  ///
  /// Gamma draws have mean k/θ and variance k/θ² (shapes below and above one), beta draws mean
  /// a/(a + b), Poisson draws mean and variance m; 40,000 draws each. Means within four standard
  /// errors; variances within about four of theirs, a relative √((κ + 2)/n) with κ the excess
  /// kurtosis (6/k for a gamma: 0.026 at k = 0.243, 0.0095 at k = 3.74; 0.008 for the Poisson).
  @Test func drawsHaveTheirDistributionsMoments() {
    var random = SimulationRandom(seed: 99)
    let n = 40_000
    func moments(_ draw: () -> Double) -> (mean: Double, variance: Double) {
      let values = (0..<n).map { _ in draw() }
      let mean = values.reduce(0, +) / Double(n)
      return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1))
    }
    for (shape, rate) in [(0.243, 30.898), (3.74, 15.44), (6.25, 0.5)] {
      let gamma = moments { random.gamma(shape: shape, rate: rate) }
      let variance = shape / (rate * rate)
      #expect(abs(gamma.mean - shape / rate) <= 4 * (variance / Double(n)).squareRoot(), "gamma(\(shape), \(rate))")
      #expect(gamma.variance.isApproximatelyEqual(to: variance, relativeTolerance: shape < 1 ? 0.15 : 0.05))
    }
    let beta = moments { random.beta(0.793, 2.426) }
    #expect(abs(beta.mean - 0.793 / 3.219) <= 4 * (beta.variance / Double(n)).squareRoot())
    let poisson = moments { Double(random.poisson(mean: 1.5)) }
    #expect(abs(poisson.mean - 1.5) <= 4 * (1.5 / Double(n)).squareRoot())
    #expect(poisson.variance.isApproximatelyEqual(to: 1.5, relativeTolerance: 0.05))
    let uniform = (0..<n).map { _ in random.uniform() }
    #expect(uniform.allSatisfy { $0 > 0 && $0 < 1 })
  }

  /// The packed-key sort of the shop's events equals the plain definition (by time, ties by
  /// position), on random times with many ties and on a span too wide to pack (the fallback).
  @Test(arguments: [100, 1 << 40])
  func theChronologicalOrderIsByTimeThenPosition(span: Int) {
    var random = SimulationRandom(seed: UInt64(span))
    let seconds = (0..<5_000).map { _ in 1_700_000_000 + random.index(span) - span / 2 }
    let plain = seconds.indices.sorted { (seconds[$0], $0) < (seconds[$1], $1) }
    #expect(ShopBuilder.chronologicalOrder(seconds) == plain)
    #expect(ShopBuilder.chronologicalOrder([]) == [])
  }
}
