import Foundation
import Testing
import _TestSupport
import Recommendations

/// The metrics of REFERENCES.md on lists worked out by hand.
///
/// Tolerance 1e-12: each value is a handful of floating-point operations on the hand formula.
struct RankingMetricsTests {
  @Test func oneHitAtRankTwo() {
    let metrics = RankingMetrics(ranked: [7, 3, 9], relevant: [3, 4], k: 3)
    #expect(metrics.precision.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(metrics.recall.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    #expect(metrics.hitRate == 1)
    // AP@3 = (1 / min(3, 2)) * (1/2): one hit, precision 1/2 at its rank.
    #expect(metrics.averagePrecision.isApproximatelyEqual(to: 0.25, absoluteTolerance: 1e-12))
    // DCG = 1/log2(3); IDCG = 1 + 1/log2(3) (two relevant products fit in three ranks).
    let ndcg: Double = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
    #expect(metrics.ndcg.isApproximatelyEqual(to: ndcg, absoluteTolerance: 1e-12))
    #expect(metrics.ndcg.isApproximatelyEqual(to: 0.386852807, absoluteTolerance: 1e-9))
  }

  @Test func threeHitsOfFourRelevant() {
    let metrics = RankingMetrics(ranked: [1, 2, 3, 4, 5], relevant: [1, 3, 5, 6], k: 5)
    #expect(metrics.precision.isApproximatelyEqual(to: 0.6, absoluteTolerance: 1e-12))
    #expect(metrics.recall.isApproximatelyEqual(to: 0.75, absoluteTolerance: 1e-12))
    // AP@5 = (1/4) (1/1 + 2/3 + 3/5) = 0.5666...
    let averagePrecision: Double = (1 + 2.0 / 3 + 3.0 / 5) / 4
    #expect(metrics.averagePrecision.isApproximatelyEqual(to: averagePrecision, absoluteTolerance: 1e-12))
    let dcg: Double = 1 + 1 / log2(4.0) + 1 / log2(6.0)
    let ideal: Double = 1 + 1 / log2(3.0) + 1 / log2(4.0) + 1 / log2(5.0)
    #expect(metrics.ndcg.isApproximatelyEqual(to: dcg / ideal, absoluteTolerance: 1e-12))
  }

  @Test func aShortListIsNotRewardedForItsBrevity() {
    let metrics = RankingMetrics(ranked: [3], relevant: [3], k: 10)
    #expect(metrics.precision.isApproximatelyEqual(to: 0.1, absoluteTolerance: 1e-12))
    #expect(metrics.recall == 1)
    #expect(metrics.averagePrecision == 1)
    #expect(metrics.ndcg == 1)
  }

  @Test func onlyTheFirstKRanksCount() {
    let metrics = RankingMetrics(ranked: [1, 2, 3], relevant: [3], k: 2)
    #expect(metrics.precision == 0)
    #expect(metrics.hitRate == 0)
    #expect(metrics.ndcg == 0)
  }

  @Test func aRepeatedProductCountsOnce() {
    let metrics = RankingMetrics(ranked: [3, 3], relevant: [3], k: 2)
    #expect(metrics.precision.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    #expect(metrics.recall == 1)
  }

  @Test func zeroKAndNoTargetsGiveZero() {
    let none = RankingMetrics(ranked: [1, 2], relevant: [1], k: 0)
    #expect(none == RankingMetrics(ranked: [Int](), relevant: [], k: 0))
    #expect(
      none.precision == 0 && none.recall == 0 && none.hitRate == 0 && none.averagePrecision == 0 && none.ndcg == 0)
    let empty = RankingMetrics(ranked: [1, 2], relevant: Set<Int>(), k: 2)
    #expect(empty.ndcg == 0 && empty.recall == 0)
  }
}
