import Foundation
import Testing
import _TestSupport
@testable import Campaigns

/// The bootstrap of a difference of means: the sparse resampling against plain resampling and
/// the exact moments, and the interval against the normal approximation of a large sample.
struct MeanDifferenceTests {
  /// 1,000 people, 50 of whom spent 10, 20, ..., 500: the revenue-per-person shape.
  static let sparse: [Double] = (0..<1_000).map { (person: Int) -> Double in
    person % 20 == 0 ? Double(person / 20 + 1) * 10 : 0
  }

  /// Plain resampling: n draws from all n values.
  static func plainResampledSum(_ values: [Double], using generator: inout SplitMix64) -> Double {
    (0..<values.count).reduce(0) { sum, _ in sum + values[Int.random(in: 0..<values.count, using: &generator)] }
  }

  @Test func sparseAndPlainResamplingHaveTheExactMoments() {
    // A resampled sum of n draws has mean Σx and variance n·σ² (σ² the population variance).
    let values = Self.sparse
    let n = Double(values.count)
    let total = values.reduce(0, +)
    let mean = total / n
    let variance = n * values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    let nonZero = values.filter { $0 != 0 }
    var generator = SplitMix64(seed: 11)
    let rounds = 5_000
    for method in ["sparse", "plain"] {
      var sums: [Double] = []
      for _ in 0..<rounds {
        sums.append(
          method == "sparse"
            ? MeanDifference.resampledSum(of: nonZero, draws: values.count, using: &generator)
            : Self.plainResampledSum(values, using: &generator))
      }
      let sampleMean = sums.reduce(0, +) / Double(rounds)
      let sampleVariance = sums.reduce(0) { $0 + ($1 - sampleMean) * ($1 - sampleMean) } / Double(rounds - 1)
      // 4 standard errors: of the mean √(σ²/R); of the variance about σ²·√(2/R) (near-normal sums).
      #expect(abs(sampleMean - total) < 4 * (variance / Double(rounds)).squareRoot(), "\(method)")
      #expect(abs(sampleVariance - variance) < 4 * variance * (2 / Double(rounds)).squareRoot(), "\(method)")
    }
  }

  @Test func largeSamplesMatchTheNormalApproximation() throws {
    // Treatment: the sparse shape; control: the same with every tenth spender removed. For samples
    // this size the percentile interval is close to d ± z·√(s₁²/n₁ + s₂²/n₂) (plug-in variances).
    let treatment = Self.sparse
    let control = Self.sparse.enumerated().map { $0.offset % 200 == 0 ? 0 : $0.element }
    func plugIn(_ values: [Double]) -> Double {
      let mean = values.reduce(0, +) / Double(values.count)
      return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count) / Double(values.count)
    }
    let d = treatment.reduce(0, +) / 1_000 - control.reduce(0, +) / 1_000
    let halfWidth = 1.959963984540054 * (plugIn(treatment) + plugIn(control)).squareRoot()
    var generator = SplitMix64(seed: 3)
    let result = MeanDifference(treatment: treatment, control: control, resamples: 4_000, using: &generator)
    #expect(result.difference == d)
    // The two ends within 10 % of the half-width (Monte Carlo error and skewness of revenue).
    #expect(abs(try #require(result.low) - (d - halfWidth)) < 0.1 * halfWidth)
    #expect(abs(try #require(result.high) - (d + halfWidth)) < 0.1 * halfWidth)
  }

  @Test func theSameSeedGivesTheSameInterval() {
    var first = SplitMix64(seed: 5)
    var second = SplitMix64(seed: 5)
    let a = MeanDifference(treatment: Self.sparse, control: [0, 0, 10, 0], using: &first)
    let b = MeanDifference(treatment: Self.sparse, control: [0, 0, 10, 0], using: &second)
    #expect(a == b)
    var third = SplitMix64(seed: 5)
    #expect(MeanDifference(treatment: [], control: [1], using: &third).difference == nil)
  }

  @Test func allZeroGroupsGiveAZeroInterval() {
    var generator = SplitMix64(seed: 1)
    let result = MeanDifference(treatment: [0, 0, 0], control: [0, 0], using: &generator)
    #expect(result.difference == 0 && result.low == 0 && result.high == 0)
  }
}
