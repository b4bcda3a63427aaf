import _RetentionSupport

/// Something that ranks products for a customer: top-*k* lists with a score and a reason.
///
/// A recommender is trained on a ``PurchaseHistory`` and scores products for a customer;
/// ranking, filtering and explaining are derived:
///
/// ```swift
/// let history = PurchaseHistory(log)
/// let recommender = ItemToItemRecommender(history, measure: .cosine)
/// for item in recommender.recommendations(forCustomer: "c-17", count: 5, filter: .init(excludesPurchasedProducts: true)) {
///   print(item.productID, item.reason)
/// }
/// ```
///
/// Write your own by conforming a value type: score what you like and name the evidence. Its
/// `description` is the name reports show (`"item-to-item (cosine)"`).
///
/// ```swift
/// struct OnSale: Recommender {
///   let history: PurchaseHistory
///   let sale: [ProductNumber]
///   var description: String { "on sale" }
///   func scores(for customer: Int?) -> ProductScores {
///     var scores = ProductScores()
///     for product in sale { scores.add(1, to: product, evidence: .text("on sale this week")) }
///     return scores
///   }
/// }
/// ```
public protocol Recommender: Sendable, CustomStringConvertible {
  /// The history the recommender was trained on.
  var history: PurchaseHistory { get }
  /// The recommender's scores for a customer.
  ///
  /// - Parameter customer: The customer number in ``history``, or `nil` for a customer the
  ///   history does not know (cold start).
  /// - Returns: The scored products with the evidence of each one's strongest contribution;
  ///   only positive finite scores are recommended.
  func scores(for customer: Int?) -> ProductScores
}

/// The built-in recommenders: they add into a reused dense ``ScoreBuffer`` with evidence codes of
/// their own, and name the ``Evidence`` of a code only for the products that make a list.
protocol BufferedRecommender: Recommender {
  /// Adds the scores for a customer (`nil`: unknown) into a buffer reset by the caller.
  func addScores(for customer: Int?, into buffer: inout ScoreBuffer)
  /// The evidence behind a product's strongest contribution, from the codes recorded with it.
  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence?
}

extension BufferedRecommender {
  /// ``Recommender/scores(for:)`` of a built-in recommender, from its buffer.
  func bufferedScores(for customer: Int?) -> ProductScores {
    var buffer = ScoreBuffer(productCount: history.productCount)
    addScores(for: customer, into: &buffer)
    var scores = ProductScores()
    for product in buffer.touched {
      let index = Int(product)
      scores.add(
        buffer.values[index], to: ProductNumber(column: product),
        evidence: evidence(ofProduct: index, code: buffer.evidence[index], source: buffer.sources[index], customer: customer))
    }
    return scores
  }
}

extension Recommender {
  /// The recommender's name for reports: its `description`.
  public var name: String { description }

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
    var workspace = RankingWorkspace(self)
    let ranked = topProducts(forCustomerNumber: customer, count: count, filter: compiled, workspace: &workspace)
    return ranked.map { product in
      let index = Int(product)
      let evidence = workspace.evidence(ofProduct: index, customer: customer)
      return Recommendation(
        productID: history.products[index].id, name: history.products[index].name,
        productNumber: ProductNumber(column: product), score: workspace.scores.score(of: index),
        reason: evidence?.reason(in: history) ?? "recommended by \(name)", evidence: evidence)
    }
  }

  /// The top products of every customer of the history, computed in parallel chunks.
  ///
  /// - Parameters:
  ///   - count: The number of products per customer (*k*, at least 0).
  ///   - filter: The business rules.
  /// - Returns: One list of products per customer number, best first. The lists do not depend
  ///   on the number of threads.
  /// - Complexity: O(*c* (*s* *k* + *w*)), where *c* is the number of customers, *s* the scored
  ///   products and *w* the scoring work per customer.
  public func topProductsForEveryCustomer(count: Int = 10, filter: RecommendationFilter = .none) -> [[ProductNumber]] {
    precondition(count >= 0, "count must not be negative")
    let compiled = CompiledFilter(filter, history: history)
    let chunks = ParallelWork.map(ParallelWork.chunks(of: history.customerCount, count: 16, minimumSize: 64)) { range in
      var workspace = RankingWorkspace(self)
      return range.map { customer in
        topProducts(forCustomerNumber: customer, count: count, filter: compiled, workspace: &workspace).map {
          ProductNumber(column: $0)
        }
      }
    }
    return chunks.flatMap { $0 }
  }

  /// Ranks for one customer into product numbers, leaving the scores in the workspace.
  func topProducts(
    forCustomerNumber customer: Int?, count: Int, filter: CompiledFilter, workspace: inout RankingWorkspace
  ) -> [Int32] {
    workspace.scores.reset()
    workspace.external = nil
    guard count > 0 else { return [] }
    // One copy of the history for the whole ranking: the protocol getter retains every column.
    let history = self.history
    workspace.addScores(for: customer)
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

/// How a recommender fills the ranking buffer, found once per ranking run rather than by a
/// dynamic cast per customer: a built-in recommender adds into the buffer directly, any other
/// through ``Recommender/scores(for:)``.
enum ScoreSource: Sendable {
  case buffered(any BufferedRecommender)
  case external(any Recommender)

  init(_ recommender: any Recommender) {
    if let buffered = recommender as? any BufferedRecommender {
      self = .buffered(buffered)
    } else {
      self = .external(recommender)
    }
  }

  /// Adds the scores for a customer into a buffer; returns the scores of an external
  /// recommender, for its evidence.
  func addScores(for customer: Int?, into buffer: inout ScoreBuffer) -> ProductScores? {
    switch self {
    case .buffered(let recommender):
      recommender.addScores(for: customer, into: &buffer)
      return nil
    case .external(let recommender):
      let scores = recommender.scores(for: customer)
      for product in scores.products { buffer.add(scores.score(of: product), to: product.rawValue) }
      return scores
    }
  }
}

/// Scratch space for ranking one customer after another.
struct RankingWorkspace: Sendable {
  let source: ScoreSource
  var scores: ScoreBuffer
  var filter: CompiledFilter.Scratch
  /// The scores of a recommender that is not built in, for the reasons.
  var external: ProductScores?

  init(_ recommender: some Recommender) {
    source = ScoreSource(recommender)
    let history = recommender.history
    scores = ScoreBuffer(productCount: history.productCount)
    filter = CompiledFilter.Scratch(productCount: history.productCount, categoryCount: history.categories.count)
  }

  /// Adds the recommender's scores for a customer into ``scores``.
  mutating func addScores(for customer: Int?) {
    external = source.addScores(for: customer, into: &scores)
  }

  /// The evidence of a ranked product, from the buffer's codes or the external scores.
  func evidence(ofProduct product: Int, customer: Int?) -> Evidence? {
    if let external { return external.evidence(of: ProductNumber(product)) }
    guard case .buffered(let recommender) = source else { return nil }
    return recommender.evidence(
      ofProduct: product, code: scores.evidence[product], source: scores.sources[product], customer: customer)
  }
}
