import Foundation
import Testing
import _TestSupport
import Recommendations

/// ``ItemSimilarity``'s chunked counting against a plain reference: sets of products per
/// customer (or basket), pairs counted in a dictionary, the measures from their definitions.
struct ItemSimilarityEquivalenceTests {
  /// The products of each customer (or basket), from the orders.
  static func transactions(_ orders: [Order], scope: ItemSimilarity.Scope) -> [Set<String>] {
    var byCustomer: [String: Set<String>] = [:]
    var baskets: [Set<String>] = []
    for order in orders {
      let products = Set(order.lines.map(\.productID))
      baskets.append(products)
      byCustomer[order.customer.id ?? order.id, default: []].formUnion(products)
    }
    return scope == .customers ? Array(byCustomer.values) : baskets
  }

  @Test(arguments: 0..<12 as Range<UInt64>)
  func matchesPlainPairCounting(seed: UInt64) throws {
    let orders = RecommenderPropertyTests.randomOrders(seed: seed)
    let history = PurchaseHistory(try OrderLog(orders))
    for scope in [ItemSimilarity.Scope.customers, .baskets] {
      let transactions = Self.transactions(orders, scope: scope)
      var single: [String: Int] = [:]
      var both: [[String]: Int] = [:]
      for products in transactions {
        for product in products { single[product, default: 0] += 1 }
        for first in products {
          for second in products where first < second { both[[first, second], default: 0] += 1 }
        }
      }
      let total = Double(transactions.count)
      for measure in ItemSimilarity.Measure.allCases {
        let similarity = ItemSimilarity(history, measure: measure, scope: scope, minimumSupport: 2, neighbourCount: 100)
        for first in 0..<history.productCount {
          for second in 0..<history.productCount where first != second {
            let (a, b) = (history.products[first].id, history.products[second].id)
            let count = both[[Swift.min(a, b), Swift.max(a, b)]] ?? 0
            let (na, nb) = (Double(single[a] ?? 0), Double(single[b] ?? 0)), c = Double(count)
            let expected: Double
            if count < 2 {
              expected = 0
            } else {
              switch measure {
              case .cosine: expected = c / (na * nb).squareRoot()
              case .jaccard: expected = c / (na + nb - c)
              case .lift: expected = c * total / (na * nb)
              }
            }
            // Tolerance 1e-12 relative: the same few operations in another order.
            let actual = similarity.similarity(between: ProductNumber(first), and: ProductNumber(second))
            #expect(actual.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-300, relativeTolerance: 1e-12))
          }
          let product = ProductNumber(first)
          #expect(similarity.transactionCount(of: product) == single[history.products[first].id] ?? 0)
          let neighbours = similarity.neighbours(of: product)
          #expect(zip(neighbours, neighbours.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
        }
        #expect(similarity.transactionCount == transactions.count)
      }
    }
  }
}
