import Foundation
import Testing
import _TestSupport
@testable import Recommendations
import _RetentionSupport

/// The fast scoring paths against plain reference implementations: association rules from flat
/// columns, TIFU-KNN's neighbour sums shared across α, and the cached item similarities of the
/// standard families.
struct ScoringEquivalenceTests {
  /// The rule scores written plainly: for every rule whose antecedent the customer bought, the
  /// largest confidence per consequent, the first such rule kept (rules visited by the smallest
  /// product of their antecedent, in the given order within it).
  static func referenceRuleScores(_ rules: [AssociationRule], owned: Set<Int>) -> [Int: (Double, Int)] {
    var best: [Int: (Double, Int)] = [:]
    let order = rules.indices.sorted { a, b in
      let left = rules[a].antecedent.map(\.rawValue).min() ?? 0, right = rules[b].antecedent.map(\.rawValue).min() ?? 0
      return left != right ? left < right : a < b
    }
    for index in order {
      let rule = rules[index]
      guard rule.antecedent.allSatisfy({ owned.contains($0.rawValue) }) else { continue }
      if let current = best[rule.consequent.rawValue], current.0 >= rule.confidence { continue }
      best[rule.consequent.rawValue] = (rule.confidence, index)
    }
    return best
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func associationRuleScoresEqualThePlainDefinition(seed: UInt64) throws {
    let history = PurchaseHistory(try OrderLog(RecommenderPropertyTests.randomOrders(seed: seed)))
    let rules = FrequentItemsets(history, minimumSupport: 0.02, maximumSize: 3).rules(minimumConfidence: 0.1)
    let recommender = AssociationRuleRecommender(history, rules: rules)
    for customer in 0..<history.customerCount {
      let expected = Self.referenceRuleScores(
        rules, owned: Set(history.productsBought(byCustomerNumber: customer).map(\.rawValue)))
      let scores = recommender.scores(for: customer)
      // Products in ascending order, as the dictionary version scored them.
      #expect(scores.products.map(\.rawValue) == expected.keys.sorted(), "seed \(seed) customer \(customer)")
      for (product, entry) in expected {
        #expect(scores.score(of: ProductNumber(product)) == entry.0)
        #expect(scores.evidence(of: ProductNumber(product)) == .associationRule(rules[entry.1]))
      }
    }
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func sharedNeighbourSumsGiveTheSameScores(seed: UInt64) throws {
    let history = PurchaseHistory(try OrderLog(RecommenderPropertyTests.randomOrders(seed: seed)))
    let vectors = TimeDecayedVectors(
      history, groupSize: 3, withinGroupDecay: 0.9, acrossGroupDecay: 0.6, neighbourCount: 5)
    let sums = LockedCache<Int, NeighbourSum>()
    // The first fills the shared sums, the second reads them.
    let first = TIFUKNNRecommender(history, vectors: vectors, neighbourCount: 5, alpha: 0.8, sharing: sums)
    let second = TIFUKNNRecommender(history, vectors: vectors, neighbourCount: 5, alpha: 0.6, sharing: sums)
    let plainFirst = TIFUKNNRecommender(history, vectors: vectors, neighbourCount: 5, alpha: 0.8)
    let plainSecond = TIFUKNNRecommender(history, vectors: vectors, neighbourCount: 5, alpha: 0.6)
    for customer in 0..<history.customerCount {
      #expect(first.scores(for: customer) == plainFirst.scores(for: customer))
      #expect(second.scores(for: customer) == plainSecond.scores(for: customer), "seed \(seed) customer \(customer)")
    }
    #expect(
      sums.count == history.customerCount
        - (0..<history.customerCount).filter {
          vectors.neighbours(ofCustomer: $0).isEmpty
        }.count)
  }

  @Test func cachedSimilaritiesEqualComputedOnes() throws {
    let history = PurchaseHistory(try OrderLog(RecommenderPropertyTests.randomOrders(seed: 11)))
    let cache = SimilarityCache()
    for count in [20, 50, 100, 150] {
      let cached = cache.cosine(history, neighbourCount: count)
      let direct = ItemSimilarity(history, measure: .cosine, neighbourCount: count)
      for product in 0..<history.productCount {
        #expect(cached.neighbours(of: ProductNumber(product)) == direct.neighbours(of: ProductNumber(product)))
      }
    }
  }

  @Test func aTruncatedHistoryEqualsTheLogBeforeTheCutoff() throws {
    let log = try OrderLog(ValidatedEvaluationTests.orders(seed: 4))
    let whole = PurchaseHistory(log)
    for day in [0.0, 30, 70, 119, 200] {
      let truncated = whole.truncated(before: ShopFixture.day(day))
      let direct = PurchaseHistory(log, before: ShopFixture.day(day))
      #expect(truncated.asOf == direct.asOf)
      #expect(truncated.basketStarts == direct.basketStarts && truncated.basketProducts == direct.basketProducts)
      #expect(truncated.basketCustomers == direct.basketCustomers && truncated.basketTimes == direct.basketTimes)
      #expect(truncated.customerProductStarts == direct.customerProductStarts)
      #expect(truncated.customerProducts == direct.customerProducts)
      #expect(truncated.customerProductBaskets == direct.customerProductBaskets)
      #expect(truncated.customerProductLastTimes == direct.customerProductLastTimes)
      #expect(
        truncated.customerBasketStarts == direct.customerBasketStarts
          && truncated.customerBaskets == direct.customerBaskets)
      #expect(truncated.productBasketCounts == direct.productBasketCounts)
      #expect(truncated.productCustomerCounts == direct.productCustomerCounts)
      #expect(truncated.productRepeatCustomerCounts == direct.productRepeatCustomerCounts)
      #expect(truncated.fingerprint == direct.fingerprint)
    }
    #expect(whole.truncated(before: ShopFixture.day(70)).fingerprint != whole.fingerprint)
  }

  @Test func productPositionsMatchALinearSearch() throws {
    let history = PurchaseHistory(try OrderLog(RecommenderPropertyTests.randomOrders(seed: 2)))
    for customer in 0..<history.customerCount {
      let bought = history.productsBought(byCustomerNumber: customer).map(\.rawValue)
      for product in 0..<history.productCount {
        let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer)
        #expect((position != nil) == bought.contains(product))
        if let position { #expect(Int(history.customerProducts[position]) == product) }
      }
    }
  }
}
