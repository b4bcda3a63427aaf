import Foundation
import Testing
import _TestSupport
import Recommendations

/// Identities that hold for any shop, on seeded random shops.
struct RecommenderPropertyTests {
  static func randomLog(seed: UInt64) throws -> OrderLog { try OrderLog(randomOrders(seed: seed)) }

  /// Paid orders of up to 25 customers, each of 1-5 lines of 15 products.
  static func randomOrders(seed: UInt64) -> [Order] {
    var generator = SplitMix64(seed: seed)
    var orders: [Order] = []
    for customer in 0..<Int.random(in: 1...25, using: &generator) {
      for number in 0..<Int.random(in: 1...6, using: &generator) {
        let products = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
          "p\(Int.random(in: 0..<15, using: &generator))"
        }
        orders.append(
          Order(
            id: "\(customer)-\(number)", customer: CustomerReference(id: "c\(customer)"),
            placedAt: ShopFixture.day(Double.random(in: 0..<60, using: &generator)),
            lines: products.map {
              LineItem(productID: $0, category: $0.count % 2 == 0 ? "even" : "odd", unitPrice: Double($0.count))
            }))
      }
    }
    return orders
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func listsAreRankedFilteredAndBounded(seed: UInt64) throws {
    let log = try Self.randomLog(seed: seed)
    let history = PurchaseHistory(log)
    let recommenders: [any Recommender] = [
      PopularityRecommender(history), ItemToItemRecommender(history, measure: .jaccard, minimumSupport: 1),
      RepeatPurchaseRecommender(history),
      AssociationRuleRecommender(history, minimumSupport: 0.05, minimumConfidence: 0.1, maximumItemsetSize: 3),
      try BlendedRecommender([(RepeatPurchaseRecommender(history), 1), (PopularityRecommender(history), 0.3)]),
    ]
    let filter = RecommendationFilter(excludedProducts: ["p3"], excludesPurchasedProducts: true)
    for recommender in recommenders {
      for customer in history.customerIDs {
        let list = recommender.recommendations(forCustomer: customer, count: 5, filter: filter)
        #expect(list.count <= 5)
        #expect(Set(list.map(\.productID)).count == list.count)
        #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score })
        let bought = Set(
          history.productsBought(byCustomerNumber: history.customerNumber(of: customer)!).map {
            history.products[$0.rawValue].id
          }
        )
        #expect(list.allSatisfy { $0.productID != "p3" && !bought.contains($0.productID) })
        #expect(list.allSatisfy { $0.score > 0 && !$0.reason.isEmpty })
      }
    }
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func metricsStayInTheUnitInterval(seed: UInt64) throws {
    let log = try Self.randomLog(seed: seed)
    guard let evaluation = try? OfflineEvaluation(log: log, split: ShopFixture.day(40)) else { return }
    for result in evaluation.compare(evaluation.training.standardRecommenders(), k: 4) {
      for value in [
        result.precisionAtK, result.recallAtK, result.hitRateAtK, result.mapAtK, result.ndcgAtK, result.coverage,
      ] {
        #expect((0...1).contains(value), "\(result.name)")
      }
      // A hit needs a list entry: precision@k >= hit rate / k.
      #expect(result.precisionAtK + 1e-12 >= result.hitRateAtK / 4)
    }
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func similaritiesAreSymmetricAndBounded(seed: UInt64) throws {
    let history = PurchaseHistory(try Self.randomLog(seed: seed))
    let cosine = ItemSimilarity(history, measure: .cosine, minimumSupport: 1, neighbourCount: 100)
    for product in (0..<history.productCount).map({ ProductNumber($0) }) {
      for neighbour in cosine.neighbours(of: product) {
        #expect(neighbour.similarity > 0 && neighbour.similarity <= 1 + 1e-12)
        // Tolerance 0: both directions compute the same expression from the same counts.
        #expect(cosine.similarity(between: neighbour.product, and: product) == neighbour.similarity)
      }
    }
  }

  @Test func oneCustomerWithOneOrder() throws {
    let log = try OrderLog([ShopFixture.order("1", "solo", day: 0, ["p1", "p2"])])
    let history = PurchaseHistory(log)
    #expect(PopularityRecommender(history).recommendations(forCustomer: "solo").ids == ["p1", "p2"])
    // N = 1 customer who bought both: cosine 1.
    let similar = ItemToItemRecommender(history, minimumSupport: 1).recommendations(forCustomer: "solo")
    #expect(similar.map(\.score) == [1, 1])
    #expect(RepeatPurchaseRecommender(history).recommendations(forCustomer: "solo", count: 0).isEmpty)
    #expect(FrequentItemsets(history, minimumSupport: 0).itemsets.isEmpty)  // a count of 2 is the floor
  }
}
