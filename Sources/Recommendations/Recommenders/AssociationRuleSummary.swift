/// What association-rule mining found in a history, and in words why it found nothing when it
/// found nothing.
///
/// Rules need baskets with two or more products, pairs (or larger itemsets) that reach the
/// minimum support, then the minimum confidence and the minimum lift (1: bought together no
/// less often than by chance). The summary counts each stage, so that an empty rule list
/// (which makes ``AssociationRuleRecommender`` recommend nothing) comes with its cause: in a
/// shop whose products land in baskets independently, as in the synthetic Shopify export, no
/// pair reaches lift 1 and there is nothing "frequently bought together" to recommend.
///
/// ```swift
/// let summary = AssociationRuleSummary(history)
/// if summary.rules == 0 { print(summary.explanation) }
/// ```
public struct AssociationRuleSummary: Sendable, Hashable, Codable {
  /// The baskets mined (at most `maximumBasketSize` distinct products).
  public var baskets: Int
  /// The baskets mined with two or more distinct products.
  public var basketsWithTwoOrMoreProducts: Int
  /// The smallest share of baskets of a frequent itemset.
  public var minimumSupport: Double
  /// The fewest baskets that share (at least 2).
  public var minimumCount: Int
  /// The smallest confidence of a rule.
  public var minimumConfidence: Double
  /// The smallest lift of a rule.
  public var minimumLift: Double
  /// The frequent itemsets of two or more products.
  public var frequentItemsets: Int
  /// The rules from them that reach the confidence (before the lift).
  public var confidentRules: Int
  /// The rules kept (confidence and lift).
  public var rules: Int
  /// The largest lift among the confident rules, or `nil` without any.
  public var largestLift: Double?
  /// One sentence: how many rules, or why there are none.
  public var explanation: String

  /// Mines the rules as ``AssociationRuleRecommender/init(_:minimumSupport:minimumConfidence:maximumItemsetSize:maximumBasketSize:basis:)``
  /// does and counts every stage.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - minimumSupport: The smallest share of baskets of a frequent itemset (default 0.001).
  ///   - minimumConfidence: The smallest confidence of a rule (default 0.05).
  ///   - minimumLift: The smallest lift of a rule (default 1).
  ///   - maximumItemsetSize: The largest itemset (default 2).
  ///   - maximumBasketSize: Leave out larger baskets (default 50), or `nil`.
  /// - Complexity: That of ``FrequentItemsets/init(_:minimumSupport:maximumSize:maximumBasketSize:)``.
  public init(
    _ history: PurchaseHistory, minimumSupport: Double = 0.001, minimumConfidence: Double = 0.05,
    minimumLift: Double = 1, maximumItemsetSize: Int = 2, maximumBasketSize: Int? = 50
  ) {
    let itemsets = FrequentItemsets(
      history, minimumSupport: minimumSupport, maximumSize: maximumItemsetSize, maximumBasketSize: maximumBasketSize)
    let limit = maximumBasketSize ?? Int.max
    var pairs = 0
    for basket in 0..<history.basketCount {
      let count = history.products(ofBasket: basket).count
      if count >= 2 && count <= limit { pairs += 1 }
    }
    let confident = itemsets.rules(minimumConfidence: minimumConfidence, minimumLift: 0)
    let kept = confident.filter { $0.lift >= minimumLift }
    baskets = itemsets.basketCount
    basketsWithTwoOrMoreProducts = pairs
    self.minimumSupport = minimumSupport
    minimumCount = itemsets.minimumCount
    self.minimumConfidence = minimumConfidence
    self.minimumLift = minimumLift
    frequentItemsets = itemsets.itemsets.count { $0.products.count >= 2 }
    confidentRules = confident.count
    rules = kept.count
    largestLift = confident.map(\.lift).max()
    let support = "support \(formatted(minimumSupport)) (\(itemsets.minimumCount) baskets)"
    if !kept.isEmpty {
      explanation =
        "\(kept.count) rules from \(pairs) of \(itemsets.basketCount) baskets with two or more products at \(support), confidence \(formatted(minimumConfidence)), lift \(formatted(minimumLift))"
    } else if pairs == 0 {
      explanation = "no rules: none of the \(itemsets.basketCount) baskets holds two or more products"
    } else if frequentItemsets == 0 {
      explanation =
        "no rules: \(pairs) of \(itemsets.basketCount) baskets hold two or more products, but no pair reaches \(support)"
    } else if confident.isEmpty {
      explanation =
        "no rules: \(frequentItemsets) itemsets reach \(support), but no rule reaches confidence \(formatted(minimumConfidence))"
    } else {
      let best = largestLift.map { formatted($0) } ?? "0"
      explanation =
        "no rules: \(confident.count) rules reach \(support) and confidence \(formatted(minimumConfidence)), but none reaches lift \(formatted(minimumLift)) (the largest lift is \(best)): no products are bought together more often than by chance"
    }
  }
}
