import Foundation
import Testing
import _TestSupport
import Recommendations

/// ``AssociationRuleSummary``: the counts of each mining stage and why there are no rules.
struct AssociationRuleSummaryTests {
  static func history(_ baskets: [[String]]) throws -> PurchaseHistory {
    PurchaseHistory(
      try OrderLog(
        baskets.enumerated().map { index, products in
          Order(
            id: "o\(index)", customer: CustomerReference(id: "c\(index)"), placedAt: ShopFixture.day(Double(index)),
            lines: products.map { LineItem(productID: $0, unitPrice: 5) })
        }))
  }

  @Test func aPairBoughtTogetherGivesTwoRules() throws {
    // a and b together in 3 of 6 baskets, each in 3: confidence 1, lift 1 / (3/6) = 2; c and d
    // share one basket, below the 2 baskets that support 0.001 of 6 baskets rounds up to.
    let summary = AssociationRuleSummary(
      try Self.history([["a", "b"], ["a", "b"], ["a", "b"], ["c", "d"], ["c"], ["d"]]))
    #expect(summary.baskets == 6 && summary.basketsWithTwoOrMoreProducts == 4)
    #expect(summary.minimumCount == 2 && summary.frequentItemsets == 1)
    #expect(summary.rules == 2 && summary.confidentRules == 2)
    #expect(summary.largestLift == 2)
    #expect(summary.explanation.hasPrefix("2 rules from 4 of 6 baskets"))
  }

  @Test func productsInBasketsByChanceGiveNoRules() throws {
    // Every pair of a, b, c in 2 of 12 baskets, each product in 6: confidence 1/3, lift
    // (2/12) / (6/12 · 6/12) = 2/3. Six confident rules, none at lift 1.
    let pattern = [["a", "b"], ["a", "c"], ["b", "c"], ["a"], ["b"], ["c"]]
    let summary = AssociationRuleSummary(try Self.history(pattern + pattern))
    #expect(summary.frequentItemsets == 3 && summary.confidentRules == 6 && summary.rules == 0)
    #expect(try #require(summary.largestLift).isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    #expect(
      summary.explanation
        == "no rules: 6 rules reach support 0.001 (2 baskets) and confidence 0.05, but none reaches lift 1 (the largest lift is 0.667): no products are bought together more often than by chance"
    )
  }

  @Test func singleProductBasketsGiveNoRules() throws {
    let summary = AssociationRuleSummary(try Self.history([["a"], ["b"], ["a"]]))
    #expect(summary.rules == 0 && summary.largestLift == nil)
    #expect(summary.explanation == "no rules: none of the 3 baskets holds two or more products")
  }
}
