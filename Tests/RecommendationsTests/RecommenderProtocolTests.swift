import Foundation
import Testing
import _TestSupport
import Recommendations

/// A recommender written outside the module: only `history`, `description` and `scores(for:)`.
struct OnSale: Recommender {
  let history: PurchaseHistory
  let sale: [(product: ProductNumber, discount: Double)]
  var description: String { "on sale" }

  func scores(for customer: Int?) -> ProductScores {
    var scores = ProductScores()
    for (product, discount) in sale {
      scores.add(discount, to: product, evidence: discount >= 0.3 ? .text("\(Int(discount * 100)) % off") : nil)
    }
    return scores
  }
}

/// The ``Recommender`` protocol: a recommender of another module ranks, filters, explains and
/// blends like the built-in ones, and the built-in ones' ``Recommender/scores(for:)`` is what
/// they rank by.
struct RecommenderProtocolTests {
  @Test func aRecommenderOfAnotherModuleRanksFiltersAndExplains() throws {
    let history = try ShopFixture.training()
    let onSale = OnSale(history: history, sale: [(3, 0.1), (0, 0.5), (2, 0.2)])
    let list = onSale.recommendations(forCustomer: "A", count: 5)
    #expect(list.ids == ["p1", "p3", "p4"])
    #expect(list.map(\.productNumber) == [0, 2, 3])
    #expect(list.map(\.score) == [0.5, 0.2, 0.1])
    #expect(list[0].reason == "50 % off" && list[0].evidence == .text("50 % off"))
    #expect(list[1].reason == "recommended by on sale" && list[1].evidence == nil)
    // A bought p1 and p3.
    let filtered = onSale.recommendations(forCustomer: "A", filter: .init(excludesPurchasedProducts: true))
    #expect(filtered.ids == ["p4"])
    #expect(onSale.topProductsForEveryCustomer(count: 2).allSatisfy { $0 == [0, 2] })
  }

  @Test func aBlendTakesARecommenderOfAnotherModule() throws {
    let history = try ShopFixture.training()
    let onSale = OnSale(history: history, sale: [(4, 0.5)])
    let blend = try BlendedRecommender([(PopularityRecommender(history), 1), (onSale, 2)])
    // Popularity p2 3, p1 2, p3 2, p4 1 -> /3; on sale p5 0.5 -> /0.5 * 2.
    let list = blend.recommendations(forCustomer: "A")
    #expect(list.ids == ["p5", "p2", "p1", "p3", "p4"])
    #expect(list[0].score.isApproximatelyEqual(to: 2, absoluteTolerance: 1e-12))
    #expect(list[0].reason == "50 % off")
    #expect(list[1].evidence == .popular(buyers: 3, isRecent: false, category: nil))
  }

  @Test func builtInScoresAreWhatTheyRankBy() throws {
    let history = try ShopFixture.training()
    let recommenders: [any Recommender] = [
      PopularityRecommender(history), ItemToItemRecommender(history, measure: .jaccard, minimumSupport: 1),
      RepeatPurchaseRecommender(history), AssociationRuleRecommender(history, minimumSupport: 0.2),
      try BlendedRecommender([(RepeatPurchaseRecommender(history), 1), (PopularityRecommender(history), 0.3)]),
    ]
    for recommender in recommenders {
      for customer in [0, 1, 2, 3, nil] as [Int?] {
        let scores = recommender.scores(for: customer)
        let list = recommender.recommendations(forCustomerNumber: customer, count: 10)
        #expect(list.count == scores.products.count { scores.score(of: $0) > 0 }, "\(recommender.name)")
        for item in list {
          // Tolerance 0: the same additions in the same order.
          #expect(item.score == scores.score(of: item.productNumber), "\(recommender.name)")
          #expect(item.evidence == scores.evidence(of: item.productNumber), "\(recommender.name)")
          #expect(item.reason == item.evidence.map { $0.reason(in: history) } ?? "recommended by \(recommender.name)")
        }
      }
    }
  }

  @Test func evidenceNamesWhatTheReasonRestsOn() throws {
    let history = try ShopFixture.training()
    let item = try #require(
      ItemToItemRecommender(history, measure: .cosine, minimumSupport: 1).recommendations(forCustomer: "B").first)
    // B bought p1 and p2; p3 (2 buyers) is bought with p2 (3) by A and C, cosine 2/√6, and with
    // p1 (2) by A, cosine 1/2: p2 is the stronger evidence.
    guard case .boughtWith(let anchor, let support, let similarity, .cosine, .customers)? = item.evidence else {
      Issue.record("item-to-item evidence expected, got \(String(describing: item.evidence))")
      return
    }
    #expect(item.productID == "p3" && anchor == 1 && support == 2)
    #expect(similarity.isApproximatelyEqual(to: 2 / 6.0.squareRoot(), absoluteTolerance: 1e-12))
    #expect(item.reason == "bought with p2 by 2 customers (cosine 0.816)")
    let repeatItem = try #require(RepeatPurchaseRecommender(history).recommendations(forCustomer: "A").first)
    #expect(repeatItem.evidence == .boughtBefore(orders: 2, lastOn: ShopFixture.day(10)))
  }

  @Test func productScoresKeepTheStrongestEvidence() {
    var scores = ProductScores()
    scores.add(1, to: 7, evidence: .text("small"))
    scores.add(2, to: 7, evidence: .text("large"))
    scores.add(0.5, to: 7, evidence: .text("smaller"))
    scores.add(1, to: 3)
    #expect(scores.products == [7, 3])
    #expect(scores.score(of: 7) == 3.5 && scores.evidence(of: 7) == .text("large"))
    #expect(scores.score(of: 3) == 1 && scores.evidence(of: 3) == nil)
    #expect(scores.score(of: 1) == 0 && scores.count == 2)
  }
}
