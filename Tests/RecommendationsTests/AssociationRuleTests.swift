import Foundation
import Testing
import _TestSupport
import Recommendations

/// Apriori and the rule measures on baskets counted by hand.
///
/// Tolerance 1e-12: a few divisions.
struct AssociationRuleTests {
  @Test func pairRulesOfTheFixture() throws {
    // Training baskets {p1,p2} {p1,p3} {p1,p2} {p2,p3} {p4}; support 0.3 of 5 baskets needs 2.
    let itemsets = FrequentItemsets(try ShopFixture.training(), minimumSupport: 0.3)
    #expect(itemsets.basketCount == 5)
    #expect(itemsets.minimumCount == 2)
    #expect(itemsets.itemsets.map(\.products) == [[0], [1], [2], [0, 1]])
    #expect(itemsets.count(of: [1, 0]) == 2)
    let rules = itemsets.rules(minimumConfidence: 0, minimumLift: 0)
    #expect(rules.map(\.antecedent) == [[0], [1]])
    let rule = rules[0]
    #expect(rule.consequent == 1)
    #expect(rule.support.isApproximatelyEqual(to: 0.4, absoluteTolerance: 1e-12))
    #expect(rule.confidence.isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    // lift = (2/3) / (3/5); leverage = 0.4 - 0.6 * 0.6; conviction = (1 - 0.6) / (1 - 2/3).
    #expect(rule.lift.isApproximatelyEqual(to: 10.0 / 9, absoluteTolerance: 1e-12))
    #expect(rule.leverage.isApproximatelyEqual(to: 0.04, absoluteTolerance: 1e-12))
    #expect(rule.conviction.isApproximatelyEqual(to: 1.2, absoluteTolerance: 1e-12))
  }

  static func tripleLog() throws -> PurchaseHistory {
    let baskets: [[String]] = [["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["c"], ["a", "c"]]
    let orders = baskets.enumerated().map { index, products in
      ShopFixture.order("\(index)", "c\(index)", day: Double(index), products)
    }
    return PurchaseHistory(try OrderLog(orders))
  }

  @Test func triplesAndTheirRules() throws {
    // Counts: a 5, b 4, c 5; ab 4, ac 4, bc 3; abc 3. Support 0.3 of 6 baskets needs 2.
    let itemsets = FrequentItemsets(try Self.tripleLog(), minimumSupport: 0.3, maximumSize: 3)
    #expect(itemsets.itemsets.count == 7)
    #expect(itemsets.count(of: [0, 1, 2]) == 3)
    let rules = itemsets.rules(minimumConfidence: 0.7, minimumLift: 0)
    // Confidence >= 0.7: b -> a 4/4, a -> b 4/5, a -> c 4/5, c -> a 4/5, b -> c 3/4 (c -> b 3/5
    // drops out); {b,c} -> a 3/3 (lift 1 / (5/6) = 1.2, conviction infinite), {a,b} -> c 3/4,
    // {a,c} -> b 3/4: eight rules.
    let top = try #require(rules.first { $0.antecedent == [1, 2] })
    #expect(top.consequent == 0)
    #expect(top.confidence == 1)
    #expect(top.lift.isApproximatelyEqual(to: 1.2, absoluteTolerance: 1e-12))
    #expect(top.conviction == .infinity)
    let abc = try #require(rules.first { $0.antecedent == [0, 1] })
    #expect(abc.confidence.isApproximatelyEqual(to: 0.75, absoluteTolerance: 1e-12))
    #expect(rules.allSatisfy { $0.confidence >= 0.7 })
    #expect(rules.count == 8)
  }

  @Test func sizeAndBasketLimits() throws {
    let history = try Self.tripleLog()
    #expect(FrequentItemsets(history, minimumSupport: 0.3, maximumSize: 2).itemsets.count == 6)
    #expect(FrequentItemsets(history, minimumSupport: 0.3, maximumSize: 1).itemsets.count == 3)
    // Only baskets of at most 2 products: {a,b} {c} {a,c}; a 2, c 2 frequent, no pair twice.
    let small = FrequentItemsets(history, minimumSupport: 0.3, maximumSize: 3, maximumBasketSize: 2)
    #expect(small.basketCount == 3)
    #expect(small.itemsets.map(\.products) == [[0], [2]])
  }

  @Test func rulesRecommendTheirConsequents() throws {
    let history = try ShopFixture.training()
    let rules = FrequentItemsets(history, minimumSupport: 0.3).rules(minimumConfidence: 0.5)
    let together = AssociationRuleRecommender(history, rules: rules)
    // C bought p2 and p3: p2 -> p1 matches (confidence 2/3).
    let list = together.recommendations(forCustomer: "C")
    #expect(list.ids == ["p1"])
    #expect(list[0].score.isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    #expect(list[0].reason == "bought together: 66.667 % of baskets with p2 also had p1 (lift 1.111)")
    #expect(together.recommendations(forCustomer: "D").isEmpty)
    #expect(together.recommendations(forCustomer: "nobody").isEmpty)
    let last = AssociationRuleRecommender(history, rules: rules, basis: .lastBasket)
    // A's last basket is {p1, p3}: p1 -> p2.
    #expect(last.recommendations(forCustomer: "A").ids == ["p2"])
  }
}
