public import Foundation

/// Why a product was recommended: what the strongest contribution to its score rests on.
///
/// Every built-in recommender names its evidence, so that a marketer can read why before
/// sending; ``reason(in:)`` words it.
///
/// ```swift
/// if case .boughtWith(let anchor, let support, _, _, _)? = item.evidence {
///   print("bought with \(history.products[anchor.rawValue].id) by \(support) customers")
/// }
/// ```
public enum Evidence: Sendable, Hashable, Codable {
  /// Bought by the same customers (or in the same baskets) as a product this customer bought
  /// (``ItemToItemRecommender``).
  ///
  /// - Parameters:
  ///   - product: The customer's product the recommendation rests on.
  ///   - support: The customers (or baskets) that bought both.
  ///   - similarity: Their similarity in `measure`.
  ///   - measure: The similarity measure.
  ///   - scope: Whether `support` counts customers or baskets.
  case boughtWith(
    ProductNumber, support: Int, similarity: Double, measure: ItemSimilarity.Measure, scope: ItemSimilarity.Scope)
  /// An association rule whose antecedent the customer bought (``AssociationRuleRecommender``).
  case associationRule(AssociationRule)
  /// The customer bought the product before (``RepeatPurchaseRecommender``).
  ///
  /// - Parameters:
  ///   - orders: The customer's orders with the product.
  ///   - lastOn: The time of the last of them.
  case boughtBefore(orders: Int, lastOn: Date)
  /// Many customers bought the product (``PopularityRecommender``).
  ///
  /// - Parameters:
  ///   - buyers: The number of customers who bought it.
  ///   - isRecent: Whether only a recent window was counted.
  ///   - category: The category the popularity was measured in, or `nil` for the whole shop.
  case popular(buyers: Int, isRecent: Bool, category: String?)
  /// A reason in a recommender's own words.
  case text(String)

  /// The evidence in words, for example `bought with WHITE METAL LANTERN by 12 customers
  /// (cosine 0.61)`.
  ///
  /// - Parameter history: The history the recommender was trained on (for product names).
  /// - Returns: One sentence fragment.
  public func reason(in history: PurchaseHistory) -> String {
    func name(_ product: ProductNumber) -> String {
      let product = history.products[product.rawValue]
      return product.name ?? product.id
    }
    switch self {
    case .boughtWith(let anchor, let support, let similarity, let measure, let scope):
      let unit = scope == .customers ? "customer" : "basket"
      return
        "bought with \(name(anchor)) by \(support) \(unit)\(support == 1 ? "" : "s") (\(measure.rawValue) \(formatted(similarity)))"
    case .associationRule(let rule):
      let names = rule.antecedent.map(name).joined(separator: " and ")
      return
        "bought together: \(formatted(rule.confidence * 100)) % of baskets with \(names) also had \(name(rule.consequent)) (lift \(formatted(rule.lift)))"
    case .boughtBefore(let orders, let last):
      return "you bought it in \(orders) order\(orders == 1 ? "" : "s"), last on \(isoDay(last))"
    case .popular(let buyers, let isRecent, let category):
      var text = "popular: bought by \(buyers) customer\(buyers == 1 ? "" : "s")"
      if isRecent { text += " recently" }
      if let category { text += " in \(category)" }
      return text
    case .text(let text):
      return text
    }
  }
}
