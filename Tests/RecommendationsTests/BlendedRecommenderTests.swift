import Foundation
import Testing
import _TestSupport
import Recommendations

struct BlendedRecommenderTests {
  @Test func scalesEachComponentToItsBestAndWeights() throws {
    let history = try ShopFixture.training()
    let blend = try BlendedRecommender([
      (RepeatPurchaseRecommender(history, halfLifeDays: 10), 1), (PopularityRecommender(history), 0.5),
    ])
    // A: repeat p1 0.75, p3 0.5, p2 0.25 -> /0.75; popularity p2 3, p1 2, p3 2, p4 1 -> /3 * 0.5.
    // p1 1 + 1/3, p3 2/3 + 1/3, p2 1/3 + 1/2, p4 1/6. Tolerance 1e-12: a few divisions.
    let list = blend.recommendations(forCustomer: "A")
    #expect(list.ids == ["p1", "p3", "p2", "p4"])
    let expected: [Double] = [4.0 / 3, 1, 5.0 / 6, 1.0 / 6]
    for (item, value) in zip(list, expected) {
      #expect(item.score.isApproximatelyEqual(to: value, absoluteTolerance: 1e-12))
    }
    #expect(list[0].reason.hasPrefix("you bought it in 2 orders"))
    #expect(list[2].reason == "popular: bought by 3 customers")
    // Cold start: popularity alone.
    #expect(blend.recommendations(forCustomer: "new").ids == ["p2", "p1", "p3", "p4"])
    #expect(blend.name == "blend(repeat purchase (half-life 10 days) 1, popularity 0.5)")
  }

  @Test func rejectsBadComponents() throws {
    let history = try ShopFixture.training()
    #expect(throws: RecommendationsError.self) { try BlendedRecommender([]) }
    let zero = #expect(throws: RecommendationsError.self) {
      try BlendedRecommender([(PopularityRecommender(history), 0)])
    }
    #expect(zero?.code == .invalidArgument)
    let other = PurchaseHistory(try OrderLog([ShopFixture.order("1", "A", day: 0, ["p1"])]))
    #expect(throws: RecommendationsError.self) {
      try BlendedRecommender([(PopularityRecommender(history), 1), (PopularityRecommender(other), 1)])
    }
  }
}
