/// "Customers who bought this also bought": item-to-item collaborative filtering on co-purchase.
///
/// Linden, Smith & York (2003): a customer's score for product *j* is the sum, over the distinct
/// products *i* the customer bought, of the similarity of *i* and *j* (``ItemSimilarity``). The
/// reason names the purchased product with the largest similarity. Unknown customers and
/// customers without purchases get nothing (blend with ``PopularityRecommender`` for cold start).
///
/// ```swift
/// let recommender = ItemToItemRecommender(history, measure: .cosine, minimumSupport: 2)
/// let list = recommender.recommendations(forCustomer: "c-17", count: 10, filter: .init(excludesPurchasedProducts: true))
/// let alsoBought = recommender.similarity.neighbours(of: 42).prefix(5)
/// ```
public struct ItemToItemRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// The item similarities.
  public let similarity: ItemSimilarity

  /// Computes the similarities and wraps them as a recommender.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - measure: Cosine (default), Jaccard or lift.
  ///   - scope: Customers (default) or baskets.
  ///   - minimumSupport: The smallest co-occurrence count kept (default 2).
  ///   - neighbourCount: The neighbours kept per product (default 50).
  ///   - maximumTransactionSize: Leave out customers (or baskets) with more distinct products.
  /// - Complexity: That of ``ItemSimilarity/init(_:measure:scope:minimumSupport:neighbourCount:maximumTransactionSize:)``.
  public init(
    _ history: PurchaseHistory, measure: ItemSimilarity.Measure = .cosine, scope: ItemSimilarity.Scope = .customers,
    minimumSupport: Int = 2, neighbourCount: Int = 50, maximumTransactionSize: Int? = nil
  ) {
    self.init(
      history,
      similarity: ItemSimilarity(
        history, measure: measure, scope: scope, minimumSupport: minimumSupport, neighbourCount: neighbourCount,
        maximumTransactionSize: maximumTransactionSize))
  }

  /// Wraps precomputed similarities (computed on the same history).
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - similarity: Similarities computed from `history`.
  public init(_ history: PurchaseHistory, similarity: ItemSimilarity) {
    precondition(similarity.productCount == history.productCount, "the similarities belong to another history")
    self.history = history
    self.similarity = similarity
  }

  /// `item-to-item (cosine)`.
  public var description: String { "item-to-item (\(similarity.measure.rawValue))" }

  /// For every purchased product, its neighbours' similarities; the evidence of each is the
  /// purchased product with the largest similarity (``Evidence/boughtWith(_:support:similarity:measure:scope:)``).
  ///
  /// - Parameter customer: The customer number, or `nil` (no scores).
  /// - Complexity: O(*m* *n*), where *m* is the number of the customer's distinct products and
  ///   *n* the neighbours kept per product.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    guard let customer else { return }
    for product in history.products(ofCustomerNumber: customer) {
      for position in similarity.neighbourRange(ofProduct: Int(product)) {
        scores.add(
          similarity.neighbourSimilarities[position], to: Int(similarity.neighbourProducts[position]), evidence: product
        )
      }
    }
  }

  func evidence(ofProduct product: Int, code anchor: Int32, source: Int8, customer: Int?) -> Evidence? {
    guard anchor >= 0 else { return nil }
    var support = 0
    var value = 0.0
    for position in similarity.neighbourRange(ofProduct: Int(anchor))
    where Int(similarity.neighbourProducts[position]) == product {
      support = Int(similarity.neighbourSupports[position])
      value = similarity.neighbourSimilarities[position]
    }
    return .boughtWith(
      ProductNumber(column: anchor), support: support, similarity: value, measure: similarity.measure,
      scope: similarity.scope)
  }
}

/// A number with up to three significant decimals, for reasons.
package func formatted(_ value: Double) -> String {
  let rounded = (value * 1000).rounded() / 1000
  return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
