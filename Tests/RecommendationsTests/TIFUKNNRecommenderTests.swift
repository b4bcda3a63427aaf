import Foundation
import Testing
import _TestSupport
import Recommendations

/// TIFU-KNN (Hu et al., SIGIR 2020) against the paper's formulas written out plainly: dense
/// vectors per customer, brute-force cosine similarity with every other customer.
struct TIFUKNNRecommenderTests {
  /// One customer with five single-product baskets p1..p5 on days 1..5.
  static func fiveBaskets() throws -> PurchaseHistory {
    let orders = (1...5).map { ShopFixture.order("\($0)", "A", day: Double($0), ["p\($0)"]) }
    return PurchaseHistory(try OrderLog(orders))
  }

  @Test func groupsAndDecaysFollowThePaper() throws {
    let history = try Self.fiveBaskets()
    // m = 2: groups [B1], [B2, B3], [B4, B5] (the oldest group is the short one), G = 3,
    // r_b = r_g = 0.5. Weight of a basket = r_b^(age in group) / |g| * r_g^(groups newer) / G.
    let tifu = TIFUKNNRecommender(
      history, groupSize: 2, withinGroupDecay: 0.5, acrossGroupDecay: 0.5, neighbourCount: 0, alpha: 1)
    let scores = tifu.scores(for: history.customerNumber(of: "A"))
    let expected: [String: Double] = [
      "p1": 1.0 / 1 * 0.25 / 3, "p2": 0.5 / 2 * 0.5 / 3, "p3": 1.0 / 2 * 0.5 / 3, "p4": 0.5 / 2 / 3, "p5": 1.0 / 2 / 3,
    ]
    for (product, value) in expected {
      let number = try #require(history.productNumber(of: product))
      #expect(scores.score(of: number).isApproximatelyEqual(to: value, relativeTolerance: 1e-12), "\(product)")
    }
  }

  /// The paper's prediction for every customer of a history, computed plainly.
  static func reference(
    _ orders: [Order], history: PurchaseHistory, groupSize: Int, withinGroupDecay: Double, acrossGroupDecay: Double,
    neighbourCount: Int, alpha: Double
  ) -> [[Double]] {
    let productCount = history.productCount
    var vectors = [[Double]](repeating: [Double](repeating: 0, count: productCount), count: history.customerCount)
    let byCustomer = Dictionary(grouping: orders) { $0.customer.id ?? "" }
    for (id, customerOrders) in byCustomer {
      guard let customer = history.customerNumber(of: id) else { continue }
      let baskets = customerOrders.sorted { $0.placedAt < $1.placedAt }.map { order in
        Set(order.lines.compactMap { history.productNumber(of: $0.productID)?.rawValue })
      }
      // Groups counted back from the newest basket.
      var groups: [[Set<Int>]] = []
      var end = baskets.count
      while end > 0 {
        groups.insert(Array(baskets[Swift.max(0, end - groupSize)..<end]), at: 0)
        end -= groupSize
      }
      for (groupIndex, group) in groups.enumerated() {
        let groupWeight = pow(acrossGroupDecay, Double(groups.count - 1 - groupIndex)) / Double(groups.count)
        for (position, basket) in group.enumerated() {
          let weight = pow(withinGroupDecay, Double(group.count - 1 - position)) / Double(group.count) * groupWeight
          for product in basket { vectors[customer][product] += weight }
        }
      }
    }
    func cosine(_ a: [Double], _ b: [Double]) -> Double {
      var dot = 0.0, normA = 0.0, normB = 0.0
      for index in a.indices {
        dot += a[index] * b[index]
        normA += a[index] * a[index]
        normB += b[index] * b[index]
      }
      return dot / (normA.squareRoot() * normB.squareRoot())
    }
    return vectors.indices.map { customer in
      var candidates: [(other: Int, similarity: Double)] = []
      for other in vectors.indices where other != customer {
        let similarity = cosine(vectors[customer], vectors[other])
        if similarity > 0 { candidates.append((other, similarity)) }
      }
      candidates.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.other < $1.other }
      let neighbours = candidates.prefix(neighbourCount).map(\.other)
      var prediction = [Double](repeating: 0, count: productCount)
      for product in 0..<productCount {
        prediction[product] = alpha * vectors[customer][product]
        guard !neighbours.isEmpty else { continue }
        var sum = 0.0
        for neighbour in neighbours { sum += vectors[neighbour][product] }
        prediction[product] += (1 - alpha) * sum / Double(neighbours.count)
      }
      return prediction
    }
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func scoresEqualThePlainDefinition(seed: UInt64) throws {
    let orders = RecommenderPropertyTests.randomOrders(seed: seed)
    let history = PurchaseHistory(try OrderLog(orders))
    for (groupSize, neighbourCount, alpha) in [(1, 3, 0.7), (3, 100, 0.5), (7, 1, 0.9)] {
      let tifu = TIFUKNNRecommender(
        history, groupSize: groupSize, withinGroupDecay: 0.8, acrossGroupDecay: 0.6, neighbourCount: neighbourCount,
        alpha: alpha)
      let expected = Self.reference(
        orders, history: history, groupSize: groupSize, withinGroupDecay: 0.8, acrossGroupDecay: 0.6,
        neighbourCount: neighbourCount, alpha: alpha)
      for customer in 0..<history.customerCount {
        let scores = tifu.scores(for: customer)
        for product in 0..<history.productCount {
          // Tolerance: the same sums in a different order (about 1e-16 relative per term).
          #expect(
            scores.score(of: ProductNumber(product)).isApproximatelyEqual(
              to: expected[customer][product], absoluteTolerance: 1e-12),
            "seed \(seed) m \(groupSize) customer \(customer) product \(product)")
        }
      }
    }
  }

  @Test func neighboursBringNewProductsWithAReason() throws {
    let history = try ShopFixture.training()
    let tifu = TIFUKNNRecommender(history, neighbourCount: 5, alpha: 0.5)
    // B {p1, p2} shares products with A {p1, p2, p3} and C {p2, p3}: p3 comes from them.
    let list = tifu.recommendations(forCustomer: "B", count: 5)
    #expect(list.ids.contains("p3"))
    #expect(list.first { $0.productID == "p3" }?.reason.isEmpty == false)
    #expect(tifu.recommendations(forCustomer: "nobody", count: 5).isEmpty)
  }
}
