import Foundation
import Testing
import _TestSupport
@testable import Recommendations

/// The learned ranker: its logistic regression, its features worked out by hand, and its
/// behaviour on small shops.
struct LearnedRankerTests {
  /// One feature x: at x = 0 one row in four is positive, at x = 1 three in four.
  static let groups = (
    rows: [0.0, 0, 0, 0, 1, 1, 1, 1], labels: [true, false, false, false, true, true, true, false]
  )

  @Test func theUnpenalisedFitRecoversEachGroupsRate() {
    // Two groups and two parameters: the maximum-likelihood probabilities are the group rates.
    let model = LogisticRegression(rows: Self.groups.rows, labels: Self.groups.labels, featureCount: 1, l2: 0)
    #expect(model.probability([0]).isApproximatelyEqual(to: 0.25, absoluteTolerance: 1e-9))
    #expect(model.probability([1]).isApproximatelyEqual(to: 0.75, absoluteTolerance: 1e-9))
    // Standardised x is ±1, so the weight is logit(0.75) = log 3 and the intercept 0.
    #expect(model.weights[0].isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9))
    #expect(model.weights[1].isApproximatelyEqual(to: log(3), absoluteTolerance: 1e-9))
  }

  @Test func aLargePenaltyLeavesTheBaseRate() {
    let model = LogisticRegression(rows: Self.groups.rows, labels: Self.groups.labels, featureCount: 1, l2: 1e12)
    // The intercept is not penalised: both groups get the overall rate 4 / 8.
    #expect(model.probability([0]).isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-6))
    #expect(model.probability([1]).isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-6))
  }

  @Test func aConstantFeatureKeepsWeightZero() {
    let rows = [0.0, 7, 0, 7, 0, 7, 0, 7, 1, 7, 1, 7, 1, 7, 1, 7]
    let model = LogisticRegression(rows: rows, labels: Self.groups.labels, featureCount: 2, l2: 0)
    #expect(model.weights[2] == 0)
    #expect(model.probability([1, 7]).isApproximatelyEqual(to: 0.75, absoluteTolerance: 1e-9))
  }

  @Test func choleskySolvesAndRefusesIndefiniteMatrices() throws {
    // [[4, 2], [2, 3]] x = [2, 1]: x = (1 / 8) [[3, -2], [-2, 4]] [2, 1] = [0.5, 0].
    let x = try #require(solveSymmetric([4, 2, 2, 3], [2, 1], size: 2))
    #expect(x[0].isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    #expect(x[1].isApproximatelyEqual(to: 0, absoluteTolerance: 1e-12))
    #expect(solveSymmetric([1, 2, 2, 1], [1, 1], size: 2) == nil)
  }

  /// A day 1 {p1, p2}, day 3 {p1}; B day 2 {p1, p3}, day 4 {p3}; C day 4 {p2}; D day 2 {p1, p2}.
  static func smallHistory() throws -> PurchaseHistory {
    let log = try OrderLog([
      ShopFixture.order("1", "A", day: 1, ["p1", "p2"]), ShopFixture.order("2", "B", day: 2, ["p1", "p3"]),
      ShopFixture.order("3", "D", day: 2, ["p1", "p2"]), ShopFixture.order("4", "A", day: 3, ["p1"]),
      ShopFixture.order("5", "B", day: 4, ["p3"]), ShopFixture.order("6", "C", day: 4, ["p2"]),
    ])
    return PurchaseHistory(log, before: ShopFixture.day(5))
  }

  @Test func featuresAreWorkedOutByHand() throws {
    let history = try Self.smallHistory()
    let features = RankerFeatures(
      history, candidateCount: 10, neighbourCandidateCount: 10, similarity: ItemSimilarity(history, measure: .cosine))
    var scratch = RankerScratch(productCount: history.productCount)
    var row = [Double](repeating: 0, count: RankerFeatures.count)
    var seen: [String: (features: [Double], anchor: Int32, source: Int8)] = [:]
    var order: [String] = []
    features.forEachCandidate(ofCustomer: history.customerNumber(of: "A"), scratch: &scratch, features: &row) {
      product, values, anchor, source in
      let id = history.products[Int(product)].id
      order.append(id)
      seen[id] = (values, anchor, source)
    }
    // Bought first (ascending), then the popular p3; item-to-item adds nothing new.
    #expect(order == ["p1", "p2", "p3"])
    let p1 = try #require(seen["p1"])
    // Bought in both of A's baskets, 4 and 2 days before day 5 (half-life 90 days).
    let decayed = pow(2, -4.0 / 90) + pow(2, -2.0 / 90)
    // p1 and p2 share customers A and D (support 2): cosine 2 / sqrt(3 · 3); p1's score comes
    // from p2, A's best score. p1 has 3 buyers of 4 active customers, one (A) rebuys it; A
    // bought 3 lines of 2 products, so 1 / 3 of A's lines were repeats.
    let expected: [Double] = [
      1, log(3), 1, log1p(decayed), log(3), log(4.0 / 5), log(4), log(4), log1p(2.0 / 3), 1, 1.0 / 3, 1.0 / 3,
      log(3), 1.0 / 3,
    ]
    for (index, value) in expected.enumerated() {
      #expect(
        p1.features[index].isApproximatelyEqual(to: value, absoluteTolerance: 1e-12), "\(RankerFeatures.names[index])")
    }
    #expect(p1.source == 0)
    #expect(history.products[Int(p1.anchor)].id == "p2")
    let p3 = try #require(seen["p3"])
    // Not bought by A; one buyer (B, who rebought it); no item-to-item score.
    let expectedP3: [Double] = [0, 0, 0, 0, 0, log(2.0 / 5), log(2), log(2), 0, 0, 1, 0, 0, 0]
    for (index, value) in expectedP3.enumerated() {
      #expect(
        p3.features[index].isApproximatelyEqual(to: value, absoluteTolerance: 1e-12), "\(RankerFeatures.names[index])")
    }
    #expect(p3.source == 2 && p3.anchor == -1)
  }

  /// 60 customers over days 0..<200: the first 30 buy their own favourite (f0..f29) in every
  /// basket, the others a random one of the five bestsellers b0..b4.
  static func loyalShop(seed: UInt64) throws -> OrderLog {
    var generator = SplitMix64(seed: seed)
    var orders: [Order] = []
    for customer in 0..<60 {
      for number in 0..<6 {
        let product =
          customer < 30 ? "f\(customer)" : "b\(Int.random(in: 0..<5, using: &generator))"
        let day = Double(number) * 33 + Double.random(in: 0..<30, using: &generator)
        orders.append(ShopFixture.order("\(customer)-\(number)", "c\(customer)", day: day, [product]))
      }
    }
    return try OrderLog(orders)
  }

  @Test func rebuyersGetTheirFavouriteAndOthersTheBestsellers() throws {
    let history = PurchaseHistory(try Self.loyalShop(seed: 3), before: ShopFixture.day(200))
    let ranker = LearnedRankerRecommender(history, labelDays: 60)
    #expect(!ranker.weights.isEmpty)
    // Having bought the product is what predicts buying it (loyal customers), not a one-off.
    #expect((ranker.weights["bought × customer repeat share"] ?? 0) + (ranker.weights["bought"] ?? 0) > 0)
    let loyal = ranker.recommendations(forCustomer: "c7", count: 3)
    #expect(loyal.first?.productID == "f7")
    if case .boughtBefore(let orders, _)? = loyal.first?.evidence { #expect(orders >= 5) } else { Issue.record() }
    let other = ranker.recommendations(forCustomer: "c40", count: 5)
    #expect(Set(other.ids) == ["b0", "b1", "b2", "b3", "b4"])
    // An unknown customer gets the popular candidates, with popularity as the reason.
    let stranger = ranker.recommendations(forCustomer: "nobody", count: 2)
    #expect(stranger.count == 2)
    if case .popular? = stranger.first?.evidence {} else { Issue.record("\(String(describing: stranger.first))") }
  }

  @Test func withoutALabelWindowTheRankerFallsBackToPopularity() throws {
    // Every purchase lies before the label window: nothing to learn from.
    let history = PurchaseHistory(try ShopFixture.log(), before: ShopFixture.day(400))
    let ranker = LearnedRankerRecommender(history, labelDays: 60)
    #expect(ranker.weights.isEmpty)
    let popular = PopularityRecommender(history)
    #expect(
      ranker.recommendations(forCustomer: "D", count: 5).ids == popular.recommendations(forCustomer: "D", count: 5).ids)
  }

  @Test func theStandardFamilyIsFixedAPrioriAndRefitted() throws {
    let log = try Self.loyalShop(seed: 5)
    let evaluation = try ValidatedEvaluation(log: log, split: ShopFixture.day(170), validationDays: 30)
    let result = try evaluation.evaluate(TunableRecommender.learnedRanker, k: 5)
    // One point (label window 60 days, λ 1): nothing to choose, so no validation figure.
    #expect(result.candidatesTried == 1 && result.validationNDCGAtK == nil)
    #expect(result.parameters == ["labelDays": 60, "l2": 1])
    // The loyal half is always hit; the others get the five bestsellers, one of which they buy.
    #expect(result.test.hitRateAtK.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-12))
    #expect(TunableRecommender.standard.map(\.name).last == "learned ranker")
  }
}
