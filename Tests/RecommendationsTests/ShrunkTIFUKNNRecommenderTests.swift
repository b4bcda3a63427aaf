import Foundation
import Testing
import _TestSupport
import Recommendations

/// TIFU-KNN shrunk toward recent popularity (tried for issue 21, in the benchmarks' record of
/// variants), (n_c P_ci / W_c + β p_i) / (n_c + β), worked out by hand on the hand-made shop
/// (ShopFixture, training before day 20; every basket lies within the 90-day window).
struct ShrunkTIFUKNNRecommenderTests {
  @Test func ownVectorAsAShareOfBasketsShrunkTowardPopularity() throws {
    let history = try ShopFixture.training()
    // α = 1: TIFU-KNN's prediction is A's own vector. Group size 7: one group of A's two
    // baskets, r_b = 0.9: day 0 weighs 0.9 / 2, day 10 weighs 1 / 2, W = 0.95; u = p1 0.95,
    // p2 0.45, p3 0.5. Shares of the five baskets: p1 3/5, p2 3/5, p3 2/5, p4 1/5. n = 2, β = 2.
    let family = TunableRecommender.shrunkTIFUKNN
    let shrunk = try #require(
      try family.recommenders(trainedOn: history, points: [["groupSize": 7, "alpha": 1, "prior": 2]]).first)
    let scores = shrunk.scores(for: history.customerNumber(of: "A"))
    let expected: [String: Double] = [
      "p1": (2 * 0.95 / 0.95 + 2 * 0.6) / 4, "p2": (2 * 0.45 / 0.95 + 2 * 0.6) / 4,
      "p3": (2 * 0.5 / 0.95 + 2 * 0.4) / 4, "p4": 2 * 0.2 / 4,
    ]
    for (product, value) in expected {
      let number = try #require(history.productNumber(of: product))
      // A few additions, multiplications and divisions: exact to a few ulps.
      #expect(scores.score(of: number).isApproximatelyEqual(to: value, absoluteTolerance: 1e-12), "\(product)")
    }
    // An unknown customer gets the shares.
    let cold = shrunk.scores(for: nil)
    let p3 = try #require(history.productNumber(of: "p3"))
    #expect(cold.score(of: p3).isApproximatelyEqual(to: 0.4, absoluteTolerance: 1e-12))
  }

  @Test func familiesOfTheRecordTrainEveryPoint() throws {
    let history = try ShopFixture.training()
    for family in [TunableRecommender.shrunkTIFUKNN, TunableRecommender.userKNN] {
      let trained = try family.recommenders(trainedOn: history)
      #expect(trained.count == family.grid.count, "\(family.name)")
    }
    #expect(TunableRecommender.shrunkTIFUKNN.grid.count == 12)
  }
}
