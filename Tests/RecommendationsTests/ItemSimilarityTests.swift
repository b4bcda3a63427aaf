import Foundation
import Testing
import _TestSupport
import Recommendations

/// Similarities of the fixture worked out by hand.
///
/// Customer scope: n(p1) = 2 (A, B), n(p2) = 3 (A, B, C), n(p3) = 2 (A, C), n(p4) = 1, N = 4
/// customers; together p1p2 = 2 (A, B), p1p3 = 1 (A), p2p3 = 2 (A, C). Tolerance 1e-12: one
/// division and a square root.
struct ItemSimilarityTests {
  @Test func cosineOverCustomers() throws {
    let similarity = ItemSimilarity(try ShopFixture.training(), measure: .cosine, minimumSupport: 1)
    #expect(similarity.transactionCount == 4)
    #expect(
      similarity.similarity(between: 0, and: 1).isApproximatelyEqual(to: 2 / 6.0.squareRoot(), absoluteTolerance: 1e-12)
    )
    #expect(similarity.similarity(between: 0, and: 2).isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    #expect(
      similarity.similarity(between: 1, and: 2).isApproximatelyEqual(to: 2 / 6.0.squareRoot(), absoluteTolerance: 1e-12)
    )
    #expect(similarity.neighbours(of: 3).isEmpty)
    // p2's neighbours tie at 2/sqrt(6): the lower product number comes first.
    #expect(similarity.neighbours(of: 1).map(\.product) == [0, 2])
    #expect(similarity.neighbours(of: 1).map(\.support) == [2, 2])
  }

  @Test func minimumSupportDropsRarePairs() throws {
    let similarity = ItemSimilarity(try ShopFixture.training(), measure: .cosine, minimumSupport: 2)
    #expect(similarity.neighbours(of: 0).map(\.product) == [1])
    #expect(similarity.similarity(between: 0, and: 2) == 0)
  }

  @Test func jaccardAndLift() throws {
    let history = try ShopFixture.training()
    let jaccard = ItemSimilarity(history, measure: .jaccard, minimumSupport: 1)
    #expect(jaccard.similarity(between: 0, and: 1).isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    #expect(jaccard.similarity(between: 0, and: 2).isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    let lift = ItemSimilarity(history, measure: .lift, minimumSupport: 1)
    // c N / (n_i n_j): 2 * 4 / (2 * 3) and 1 * 4 / (2 * 2).
    #expect(lift.similarity(between: 0, and: 1).isApproximatelyEqual(to: 4.0 / 3, absoluteTolerance: 1e-12))
    #expect(lift.similarity(between: 0, and: 2).isApproximatelyEqual(to: 1, absoluteTolerance: 1e-12))
  }

  @Test func basketScope() throws {
    // Baskets {p1,p2} {p1,p3} {p1,p2} {p2,p3} {p4}: n(p1) = 3, n(p2) = 3, together 2.
    let similarity = ItemSimilarity(try ShopFixture.training(), measure: .cosine, scope: .baskets, minimumSupport: 1)
    #expect(similarity.transactionCount == 5)
    #expect(similarity.similarity(between: 0, and: 1).isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    #expect(
      similarity.similarity(between: 1, and: 2).isApproximatelyEqual(to: 1 / 6.0.squareRoot(), absoluteTolerance: 1e-12)
    )
  }

  @Test func neighbourCountKeepsTheStrongest() throws {
    let similarity = ItemSimilarity(try ShopFixture.training(), measure: .cosine, minimumSupport: 1, neighbourCount: 1)
    // p1: p2 (0.816) beats p3 (0.5).
    #expect(similarity.neighbours(of: 0).map(\.product) == [1])
  }

  @Test func largeTransactionsCanBeLeftOut() throws {
    // Only A has more than 2 distinct products; without A: p1p2 together 1 (B), p2p3 1 (C).
    let similarity = ItemSimilarity(
      try ShopFixture.training(), measure: .cosine, minimumSupport: 1, maximumTransactionSize: 2)
    #expect(similarity.transactionCount == 3)
    #expect(
      similarity.similarity(between: 0, and: 1).isApproximatelyEqual(to: 1 / 2.0.squareRoot(), absoluteTolerance: 1e-12)
    )
    #expect(similarity.similarity(between: 0, and: 2) == 0)
  }
}
