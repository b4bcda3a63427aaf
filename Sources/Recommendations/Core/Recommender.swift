/// Something that ranks products for a customer: top-*k* lists with a score and a reason.
///
/// A recommender is trained on a ``PurchaseHistory`` and scores products into a
/// ``ProductScores`` accumulator; ranking, filtering and explaining are derived:
///
/// ```swift
/// let history = PurchaseHistory(log)
/// let recommender = ItemToItemRecommender(history, measure: .cosine)
/// for item in recommender.recommendations(forCustomer: "c-17", count: 5, filter: .init(excludesPurchasedProducts: true)) {
///   print(item.productID, item.reason)
/// }
/// ```
///
/// Write your own by conforming a value type: score what you like, name the evidence.
public protocol Recommender: Sendable {
  /// A short name for reports (`"item-to-item (cosine)"`).
  var name: String { get }
  /// The history the recommender was trained on.
  var history: PurchaseHistory { get }
  /// Adds the recommender's scores for a customer (`nil`: an unknown customer, cold start).
  ///
  /// - Parameters:
  ///   - customer: The customer number in ``history``, or `nil`.
  ///   - scores: The accumulator, reset by the caller.
  func addScores(forCustomerNumber customer: Int?, into scores: inout ProductScores)
  /// Why a product was scored, from the evidence of its strongest contribution.
  ///
  /// The default implementation names the recommender.
  ///
  /// - Parameters:
  ///   - product: The product number.
  ///   - evidence: The evidence recorded with the strongest contribution, or -1.
  ///   - source: The blend component of the strongest contribution (0 outside blends).
  ///   - customer: The customer number, or `nil`.
  func reason(forProduct product: Int, evidence: Int32, source: Int8, customerNumber customer: Int?) -> String
}

extension Recommender {
  /// The default reason: `recommended by <name>`.
  public func reason(forProduct product: Int, evidence: Int32, source: Int8, customerNumber customer: Int?) -> String {
    "recommended by \(name)"
  }

  /// The top products for a customer id; an unknown id gets the cold-start list.
  ///
  /// - Parameters:
  ///   - customerID: The customer id.
  ///   - count: The number of products wanted (*k*, at least 0); fewer come back when fewer
  ///     products score.
  ///   - filter: The business rules.
  /// - Returns: At most `count` recommendations, best first (ties: lower product number first).
  /// - Complexity: O(*p* + *s* *k*), where *p* is the number of products and *s* the number of
  ///   scored products.
  public func recommendations(
    forCustomer customerID: String, count: Int = 10, filter: RecommendationFilter = .none
  ) -> [Recommendation] {
    recommendations(forCustomerNumber: history.customerNumber(of: customerID), count: count, filter: filter)
  }

  /// The top products for a customer number (`nil`: an unknown customer).
  ///
  /// - Parameters:
  ///   - customer: The customer number, or `nil`.
  ///   - count: The number of products wanted (*k*, at least 0).
  ///   - filter: The business rules.
  /// - Returns: At most `count` recommendations, best first.
  /// - Complexity: O(*p* + *s* *k*), where *s* is the number of scored products.
  public func recommendations(
    forCustomerNumber customer: Int?, count: Int = 10, filter: RecommendationFilter = .none
  ) -> [Recommendation] {
    precondition(count >= 0, "count must not be negative")
    let compiled = CompiledFilter(filter, history: history)
    var workspace = RankingWorkspace(history: history)
    let ranked = topProducts(forCustomerNumber: customer, count: count, filter: compiled, workspace: &workspace)
    return ranked.map { product in
      let index = Int(product)
      return Recommendation(
        productID: history.products[index].id, name: history.products[index].name, productNumber: index,
        score: workspace.scores.score(of: index),
        reason: reason(
          forProduct: index, evidence: workspace.scores.evidence[index], source: workspace.scores.sources[index],
          customerNumber: customer))
    }
  }

  /// The top products of every customer of the history, computed in parallel chunks.
  ///
  /// - Parameters:
  ///   - count: The number of products per customer (*k*, at least 0).
  ///   - filter: The business rules.
  /// - Returns: One list of product numbers per customer number, best first. The lists do not
  ///   depend on the number of threads.
  /// - Complexity: O(*c* (*s* *k* + *w*)), where *c* is the number of customers, *s* the scored
  ///   products and *w* the scoring work per customer.
  public func topProductsForEveryCustomer(count: Int = 10, filter: RecommendationFilter = .none) -> [[Int32]] {
    precondition(count >= 0, "count must not be negative")
    let compiled = CompiledFilter(filter, history: history)
    let chunks = ParallelChunks.map(count: history.customerCount) { range in
      var workspace = RankingWorkspace(history: history)
      return range.map { customer in
        topProducts(forCustomerNumber: customer, count: count, filter: compiled, workspace: &workspace)
      }
    }
    return chunks.flatMap { $0 }
  }

  /// Ranks for one customer into product numbers, leaving the scores in the workspace.
  func topProducts(
    forCustomerNumber customer: Int?, count: Int, filter: CompiledFilter, workspace: inout RankingWorkspace
  ) -> [Int32] {
    workspace.scores.reset()
    guard count > 0 else { return [] }
    // One copy of the history for the whole ranking: the protocol getter retains every column.
    let history = self.history
    addScores(forCustomerNumber: customer, into: &workspace.scores)
    if !filter.isTrivial { filter.prepare(&workspace.filter, customer: customer, history: history) }
    var best: [Int32] = []
    best.reserveCapacity(count + 1)
    let values = workspace.scores.values
    for product in workspace.scores.touched {
      let index = Int(product)
      let score = values[index]
      guard score > 0, score.isFinite else { continue }
      if best.count == count {
        let last = Int(best[count - 1])
        if score < values[last] || (score == values[last] && index > last) { continue }
      }
      if !filter.isTrivial && !filter.allows(index, scratch: workspace.filter, history: history) { continue }
      var position = best.count
      while position > 0 {
        let other = Int(best[position - 1])
        if values[other] > score || (values[other] == score && other < index) { break }
        position -= 1
      }
      best.insert(product, at: position)
      if best.count > count { best.removeLast() }
    }
    return best
  }
}

/// Scratch space for ranking one customer after another.
struct RankingWorkspace: Sendable {
  var scores: ProductScores
  var filter: CompiledFilter.Scratch

  init(history: PurchaseHistory) {
    scores = ProductScores(productCount: history.productCount)
    filter = CompiledFilter.Scratch(productCount: history.productCount, categoryCount: history.categories.count)
  }
}
