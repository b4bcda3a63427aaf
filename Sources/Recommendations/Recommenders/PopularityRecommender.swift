import Foundation

/// Recommends what most customers buy: globally, or within the customer's own categories.
///
/// The cold-start baseline every personal recommender must beat. A product's popularity is the
/// number of distinct customers who bought it (optionally only in the last `windowDays` days of
/// the history). Per category, a product's popularity is weighted by the share of the
/// customer's purchased products that lie in its category; unknown customers and customers
/// without categorised purchases get the global list. Only the `candidateCount` most popular
/// products are scored, which is enough for a top-*k* list unless the filter removes nearly all of
/// them.
///
/// ```swift
/// let popular = PopularityRecommender(history)
/// let bestsellers = popular.recommendations(forCustomer: "new-visitor", count: 10)
/// ```
public struct PopularityRecommender: Recommender, BufferedRecommender {
  /// Whether popularity is global or per category.
  public enum Scope: String, Sendable, Hashable, Codable {
    /// One list for everyone.
    case global
    /// Within the categories the customer bought from, weighted by the customer's share of each.
    case customerCategories
  }

  /// The training history.
  public let history: PurchaseHistory
  /// The scope.
  public let scope: Scope
  /// The window in days before ``PurchaseHistory/asOf``, or `nil` for the whole history.
  public let windowDays: Double?
  /// The number of distinct buyers of each product (within the window).
  let buyers: [Int32]
  private let ranked: [Int32]

  /// Counts the buyers of every product.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - scope: Global (default) or per category.
  ///   - windowDays: Count only baskets of the last this many days (> 0), or `nil` for all.
  ///   - candidateCount: How many of the most popular products to score (at least 1; default
  ///     1,000), or `nil` for all.
  /// - Complexity: O(*b* + *p* log *p*), where *b* is the number of basket lines and *p* the
  ///   number of products.
  public init(
    _ history: PurchaseHistory, scope: Scope = .global, windowDays: Double? = nil, candidateCount: Int? = 1_000
  ) {
    precondition(candidateCount.map { $0 >= 1 } ?? true, "score at least one candidate")
    precondition(windowDays.map { $0 > 0 } ?? true, "the window must be positive")
    self.history = history
    self.scope = scope
    self.windowDays = windowDays
    if let windowDays {
      let start = history.asOf.timeIntervalSince1970 - windowDays * 86_400
      var counts = [Int32](repeating: 0, count: history.productCount)
      var lastCustomer = [Int32](repeating: -1, count: history.productCount)
      for customer in 0..<history.customerCount {
        for basket in history.baskets(ofCustomerNumber: customer) where history.basketTimes[Int(basket)] >= start {
          for product in history.products(ofBasket: Int(basket)) where lastCustomer[Int(product)] != Int32(customer) {
            lastCustomer[Int(product)] = Int32(customer)
            counts[Int(product)] += 1
          }
        }
      }
      buyers = counts
    } else {
      buyers = history.productCustomerCounts
    }
    let counts = buyers
    var all: [Int32] = (0..<Int32(history.productCount)).filter { counts[Int($0)] > 0 }
    all.sort { (a: Int32, b: Int32) -> Bool in
      let left = counts[Int(a)], right = counts[Int(b)]
      return left != right ? left > right : a < b
    }
    ranked = Array(all.prefix(candidateCount ?? all.count))
  }

  /// The number of distinct customers who bought a product (within the window).
  ///
  /// - Parameter product: A product of the history.
  public func buyerCount(of product: ProductNumber) -> Int { Int(buyers[product.rawValue]) }

  /// `popularity`, `popularity (per category)`, with `(last 90 days)` for a window.
  public var description: String {
    let base = scope == .global ? "popularity" : "popularity (per category)"
    return windowDays.map { base + " (last \(formatted($0)) days)" } ?? base
  }

  /// Each product's buyer count, weighted by the customer's category shares per category, with
  /// the evidence ``Evidence/popular(buyers:isRecent:category:)``.
  ///
  /// - Complexity: O(*c*), where *c* is the number of candidates.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    var weights: [Double]? = nil
    if scope == .customerCategories, let customer, !history.categories.isEmpty {
      var shares = [Double](repeating: 0, count: history.categories.count)
      var total = 0.0
      for product in history.products(ofCustomerNumber: customer) {
        let category = history.productCategories[Int(product)]
        if category >= 0 {
          shares[Int(category)] += 1
          total += 1
        }
      }
      if total > 0 { weights = shares.map { $0 / total } }
    }
    for product in ranked {
      let index = Int(product)
      if let weights {
        let category = history.productCategories[index]
        guard category >= 0, weights[Int(category)] > 0 else { continue }
        scores.add(Double(buyers[index]) * weights[Int(category)], to: index)
      } else {
        scores.add(Double(buyers[index]), to: index)
      }
    }
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    .popular(
      buyers: Int(buyers[product]), isRecent: windowDays != nil,
      category: scope == .customerCategories ? history.products[product].category : nil)
  }
}
