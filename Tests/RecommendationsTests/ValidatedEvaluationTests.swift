import Foundation
import Testing
import _TestSupport
import Recommendations

/// Parameters are chosen on the validation window only, and the test figures are those of the
/// chosen point refitted before the test split.
struct ValidatedEvaluationTests {
  /// 40 customers over days 0..<120, each favouring a few of 12 products.
  static func orders(seed: UInt64, from firstDay: Double = 0, to lastDay: Double = 120, prefix: String = "")
    -> [Order]
  {
    var generator = SplitMix64(seed: seed)
    var orders: [Order] = []
    for customer in 0..<40 {
      let favourite = Int.random(in: 0..<12, using: &generator)
      for number in 0..<Int.random(in: 2...8, using: &generator) {
        let products = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
          Bool.random(using: &generator) ? "p\(favourite)" : "p\(Int.random(in: 0..<12, using: &generator))"
        }
        orders.append(
          ShopFixture.order(
            "\(prefix)\(customer)-\(number)", "c\(customer)",
            day: Double.random(in: firstDay..<lastDay, using: &generator), products))
      }
    }
    return orders
  }

  static let halfLives = TunableRecommender("repeat purchase", grid: [1, 30, 1_000].map { ["halfLifeDays": $0] }) {
    history, point in RepeatPurchaseRecommender(history, halfLifeDays: point["halfLifeDays"] ?? 30)
  }

  @Test(arguments: 0..<5 as Range<UInt64>)
  func choosesOnTheValidationWindowAndRefitsForTheTest(seed: UInt64) throws {
    let log = try OrderLog(Self.orders(seed: seed))
    let evaluation = try ValidatedEvaluation(log: log, split: ShopFixture.day(100), validationDays: 30)
    #expect(evaluation.validationStart == ShopFixture.day(70))
    #expect(evaluation.validation.training.asOf == ShopFixture.day(70))
    let result = try evaluation.evaluate(Self.halfLives, k: 3)
    // The choice by hand: the best validation NDCG@3, the first point on a tie.
    var best: (halfLife: Double, ndcg: Double) = (0, -1)
    for halfLife in [1.0, 30, 1_000] {
      let ndcg = evaluation.validation.evaluate(
        RepeatPurchaseRecommender(evaluation.validation.training, halfLifeDays: halfLife), k: 3
      ).ndcgAtK
      if ndcg > best.ndcg { best = (halfLife, ndcg) }
    }
    #expect(result.parameters == ["halfLifeDays": best.halfLife])
    #expect(result.validationNDCGAtK == best.ndcg)
    let single = TunableRecommender("popularity") { history, _ in PopularityRecommender(history) }
    #expect(try evaluation.evaluate(single, k: 3).validationNDCGAtK == nil)
    #expect(result.validationStart == "2024-03-11" && result.validationEnd == "2024-04-10")
    #expect(result.candidatesTried == 3)
    let refit = evaluation.test.evaluate(
      RepeatPurchaseRecommender(evaluation.test.training, halfLifeDays: best.halfLife), k: 3)
    #expect(result.test.ndcgAtK == refit.ndcgAtK && result.test.hitRateAtK == refit.hitRateAtK)
    #expect(result.test.repeatItems == refit.repeatItems && result.test.newItems == refit.newItems)
  }

  @Test(arguments: 0..<5 as Range<UInt64>)
  func testPurchasesDoNotChangeTheChoice(seed: UInt64) throws {
    let before = Self.orders(seed: seed)
    // Different purchases in the test period only (days 100..<120).
    let after = before.filter { $0.placedAt < ShopFixture.day(100) }
      + Self.orders(seed: seed + 1_000, from: 100, to: 120, prefix: "t")
    let first = try ValidatedEvaluation(log: try OrderLog(before), split: ShopFixture.day(100), validationDays: 30)
    let second = try ValidatedEvaluation(log: try OrderLog(after), split: ShopFixture.day(100), validationDays: 30)
    for family in [Self.halfLives, TunableRecommender.tifuKNN] {
      let a = try first.evaluate(family, k: 3)
      let b = try second.evaluate(family, k: 3)
      #expect(a.parameters == b.parameters)
      #expect(a.validationNDCGAtK == b.validationNDCGAtK)
    }
  }

  @Test func aValidationWindowWithoutPurchasesIsAnError() throws {
    // The fixture has no purchase on days 15..<20.
    let error = #expect(throws: RecommendationsError.self) {
      try ValidatedEvaluation(log: try ShopFixture.log(), split: ShopFixture.split, validationDays: 5)
    }
    #expect(error?.code == .insufficientData)
    #expect(error?.reason.contains("validation") == true)
  }

  @Test func standardFamiliesChooseFromTheirGrids() throws {
    let log = try OrderLog(Self.orders(seed: 7))
    let evaluation = try ValidatedEvaluation(log: log, split: ShopFixture.day(100), validationDays: 30)
    let families = TunableRecommender.standard
    let results = try evaluation.compare(families, k: 5)
    #expect(results.map(\.recommender) == families.map(\.name))
    #expect(Array(results.prefix(4).map(\.recommender)) == TunableRecommender.baselines.map(\.name))
    for (family, result) in zip(families, results) {
      #expect(family.grid.contains(result.parameters), "\(family.name)")
      #expect(result.test.customers == evaluation.test.evaluatedCustomerNumbers.count)
      // A family with one point has nothing to choose and is not evaluated on validation.
      #expect(result.validationNDCGAtK.map { (0...1).contains($0) } ?? (family.grid.count == 1), "\(family.name)")
      #expect((0...1).contains(result.test.ndcgAtK))
    }
  }
}
