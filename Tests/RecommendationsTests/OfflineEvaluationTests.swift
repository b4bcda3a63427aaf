import Foundation
import Testing
import _TestSupport
import Recommendations

/// The offline evaluation of the fixture split at day 20.
///
/// A, B and D bought before and after (C bought nothing after, E
/// nothing before). Targets: A {p3, p5}, B {p3}, D {p2}. Tolerance 1e-12: means of three
/// hand-computed values.
struct OfflineEvaluationTests {
  @Test func splitsAtTheDate() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    #expect(evaluation.evaluatedCustomerNumbers.map { evaluation.training.customerIDs[$0] } == ["A", "B", "D"])
    #expect(evaluation.targetProducts(at: 0) == [2, 4])
    #expect(evaluation.targetProducts(at: 1) == [2])
    #expect(evaluation.targetProducts(at: 2) == [1])
  }

  @Test func popularityByHand() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    let result = evaluation.evaluate(PopularityRecommender(evaluation.training), k: 2)
    // Everyone gets [p2, p1]; only D (target p2) hits, at rank 1.
    #expect(result.customers == 3)
    #expect(result.precisionAtK.isApproximatelyEqual(to: 1.0 / 6, absoluteTolerance: 1e-12))
    #expect(result.recallAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.hitRateAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.mapAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.ndcgAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    // Two of the four products bought in training (p1..p4) were recommended.
    #expect(result.coverage == 0.5)
  }

  @Test func repeatPurchaseByHand() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    let result = evaluation.evaluate(RepeatPurchaseRecommender(evaluation.training, halfLifeDays: 10), k: 2)
    // A: [p1, p3], hit at rank 2 (P 1/2, R 1/2, AP 1/4, NDCG (1/log2 3)/(1 + 1/log2 3));
    // B: [p1, p2], no hit; D: [p4], no hit.
    #expect(result.precisionAtK.isApproximatelyEqual(to: 1.0 / 6, absoluteTolerance: 1e-12))
    #expect(result.recallAtK.isApproximatelyEqual(to: 1.0 / 6, absoluteTolerance: 1e-12))
    #expect(result.hitRateAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.mapAtK.isApproximatelyEqual(to: 1.0 / 12, absoluteTolerance: 1e-12))
    let ndcgA = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
    #expect(result.ndcgAtK.isApproximatelyEqual(to: ndcgA / 3, absoluteTolerance: 1e-12))
    #expect(result.coverage == 1)
  }

  @Test func kZeroScoresZero() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    let result = evaluation.evaluate(PopularityRecommender(evaluation.training), k: 0)
    #expect(result.ndcgAtK == 0 && result.hitRateAtK == 0 && result.coverage == 0)
  }

  @Test func splitsWithoutTrainingOrTestDataThrow() throws {
    let log = try ShopFixture.log()
    let early = #expect(throws: RecommendationsError.self) {
      try OfflineEvaluation(log: log, split: ShopFixture.day(-1))
    }
    #expect(early?.code == .insufficientData)
    #expect(throws: RecommendationsError.self) { try OfflineEvaluation(log: log, split: ShopFixture.day(100)) }
    #expect(throws: RecommendationsError.self) {
      try OfflineEvaluation(log: try OrderLog([Order]()), split: ShopFixture.split)
    }
    // One customer: trained, but nothing after the split.
    let one = try OrderLog([ShopFixture.order("1", "A", day: 0, ["p1"])])
    #expect(throws: RecommendationsError.self) { try OfflineEvaluation(log: one, split: ShopFixture.split) }
  }
}

/// Repeat items (bought before the split) and new items, on the fixture: A's targets are p3
/// (repeat) and p5 (new), B's p3 (new), D's p2 (new); only A has a repeat target.
struct EvaluationSliceTests {
  @Test func repeatPurchaseHitsOnlyRepeatItems() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    let result = evaluation.evaluate(RepeatPurchaseRecommender(evaluation.training, halfLifeDays: 10), k: 2)
    // A's list [p1, p3] hits p3 at rank 2: NDCG (1/log2 3) / 1 against one repeat target.
    #expect(result.repeatItems.customers == 1)
    #expect(result.repeatItems.hitRateAtK == 1 && result.repeatItems.recallAtK == 1)
    #expect(result.repeatItems.ndcgAtK.isApproximatelyEqual(to: 1 / log2(3.0), absoluteTolerance: 1e-12))
    #expect(result.newItems == EvaluationSlice(customers: 3, hitRateAtK: 0, recallAtK: 0, ndcgAtK: 0))
  }

  @Test func popularityHitsOnlyNewItems() throws {
    let evaluation = try OfflineEvaluation(log: try ShopFixture.log(), split: ShopFixture.split)
    let result = evaluation.evaluate(PopularityRecommender(evaluation.training), k: 2)
    // Everyone gets [p2, p1]: D's new target p2 at rank 1 is the only hit.
    #expect(result.repeatItems == EvaluationSlice(customers: 1, hitRateAtK: 0, recallAtK: 0, ndcgAtK: 0))
    #expect(result.newItems.customers == 3)
    #expect(result.newItems.hitRateAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.newItems.recallAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
    #expect(result.newItems.ndcgAtK.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-12))
  }
}
