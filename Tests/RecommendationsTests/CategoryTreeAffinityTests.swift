import Foundation
import Testing
import _TestSupport
import Recommendations

/// `RecommendationFilter.CategoryAffinity.purchasedCategoryTrees`: only products of the
/// category trees (top levels) a customer bought from.
struct CategoryTreeAffinityTests {
  @Test func treeOfACategoryIsItsTopLevel() {
    typealias Affinity = RecommendationFilter.CategoryAffinity
    #expect(Affinity.tree(of: "Men > Shoes") == "men")
    #expect(Affinity.tree(of: " Men>Shoes>Running ") == "men")
    #expect(Affinity.tree(of: "Men") == "men")
    #expect(Affinity.tree(of: "Men's shoes") == "men's shoes")
    #expect(Affinity.tree(of: "Home / Kitchen", separator: "/") == "home")
    #expect(Affinity.tree(of: "Home / Kitchen", separator: "") == "home / kitchen")
    #expect(Affinity.tree(of: "") == "")
  }

  /// The compiled filter against the definition: the unrestricted ranking, kept where the
  /// product's tree is one of the customer's purchased trees (uncategorised products only for
  /// customers who bought uncategorised products), on random shops with a two-level catalogue.
  @Test(arguments: 0..<30 as Range<UInt64>)
  func equalsTheDefinitionOnRandomShops(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let tops = ["Men", "Women", "Kids", "Home"]
    let productCount = Int.random(in: 5...30, using: &random)
    let categories: [String?] = (0..<productCount).map { _ in
      Int.random(in: 0..<8, using: &random) == 0
        ? nil : "\(tops.randomElement(using: &random) ?? "Men") > Sub\(Int.random(in: 0..<3, using: &random))"
    }
    let start = Date(timeIntervalSince1970: 1_704_067_200)
    var orders: [Order] = []
    for customer in 0..<Int.random(in: 3...25, using: &random) {
      for basket in 0..<Int.random(in: 1...3, using: &random) {
        let products = (0..<Int.random(in: 1...4, using: &random)).map { _ in
          Int.random(in: 0..<productCount, using: &random)
        }
        orders.append(
          Order(
            id: "o\(customer)-\(basket)", customer: CustomerReference(id: "c\(customer)"),
            placedAt: start.addingTimeInterval(Double(basket) * 86_400),
            lines: Set(products).sorted().map {
              LineItem(productID: "p\($0)", category: categories[$0], unitPrice: 1)
            }))
      }
    }
    let history = PurchaseHistory(try OrderLog(orders))
    let recommender = PopularityRecommender(history, candidateCount: nil)
    func tree(_ product: String) -> String? {
      Int(product.dropFirst()).flatMap { categories[$0] }.map { RecommendationFilter.CategoryAffinity.tree(of: $0) }
    }
    for customer in history.customerIDs + ["unknown"] {
      let bought = orders.filter { $0.customer.id == customer }.flatMap(\.lines).map(\.productID)
      let trees = Set(bought.map(tree))
      let all = recommender.recommendations(forCustomer: customer, count: productCount).map(\.productID)
      let expected = bought.isEmpty ? all : all.filter { trees.contains(tree($0)) }
      for count in [1, 3, productCount] {
        let filtered = recommender.recommendations(
          forCustomer: customer, count: count, filter: .init(categoryAffinity: .purchasedCategoryTrees()))
        #expect(filtered.map(\.productID) == Array(expected.prefix(count)), "seed \(seed), \(customer), k \(count)")
      }
    }
  }
}
