import Foundation

/// The share of a history's recent baskets that contain each product: the prior mean of a
/// shrinkage recommender (``ShrunkFrequencyRecommender``).
///
/// p_i = (baskets of the window that contain *i*) / (baskets of the window), where the window is
/// the last `windowDays` days before ``PurchaseHistory/asOf`` (every basket when `nil`, or when
/// the window holds no basket or every basket). Also counts each product's distinct buyers in the
/// window, for the evidence, and ranks the `candidateCount` products with the largest share.
struct RecentBasketShares: Sendable {
  /// p_i per product number (0 for products not bought in the window).
  let shares: [Double]
  /// The distinct customers who bought each product in the window.
  let buyers: [Int32]
  /// The products with the largest share, largest first (ties: lower product number first).
  let ranked: [Int32]
  /// Whether each product is one of ``ranked``.
  private let isRanked: [Bool]
  /// Whether the shares were counted over a window (not the whole history).
  let isRecent: Bool

  /// Counts the shares.
  ///
  /// - Complexity: O(*l* + *p* log *p*), where *l* is the number of lines of the window's
  ///   baskets and *p* the number of products.
  init(_ history: PurchaseHistory, windowDays: Double?, candidateCount: Int) {
    let times = history.basketTimes
    var first = 0
    if let windowDays {
      let start = history.asOf.timeIntervalSince1970 - windowDays * 86_400
      // Baskets are in time order: the window is a suffix.
      first = times.partitionIndex { $0 < start }
      if first == times.count { first = 0 }
    }
    isRecent = first > 0
    var counts = [Int32](repeating: 0, count: history.productCount)
    for basket in first..<times.count {
      for product in history.products(ofBasket: basket) { counts[Int(product)] += 1 }
    }
    let basketTotal = Double(times.count - first)
    shares = counts.map { basketTotal > 0 ? Double($0) / basketTotal : 0 }
    buyers = Self.distinctBuyers(history, fromBasket: first)
    var all = (0..<Int32(history.productCount)).filter { counts[Int($0)] > 0 }
    all.sort { counts[Int($0)] != counts[Int($1)] ? counts[Int($0)] > counts[Int($1)] : $0 < $1 }
    ranked = Array(all.prefix(candidateCount))
    var isRanked = [Bool](repeating: false, count: history.productCount)
    for product in ranked { isRanked[Int(product)] = true }
    self.isRanked = isRanked
  }

  /// Whether a product is one of ``ranked``.
  func isCandidate(_ product: Int32) -> Bool { isRanked[Int(product)] }

  /// The evidence of a product scored with this prior: bought before by the customer, else
  /// popular in the prior's window.
  func evidence(ofProduct product: Int, customer: Int?, in history: PurchaseHistory) -> Evidence {
    if let customer, let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer) {
      return .boughtBefore(
        orders: Int(history.customerProductBaskets[position]),
        lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[position]))
    }
    return .popular(buyers: Int(buyers[product]), isRecent: isRecent, category: nil)
  }

  /// The distinct customers who bought each product in baskets `first...`.
  private static func distinctBuyers(_ history: PurchaseHistory, fromBasket first: Int) -> [Int32] {
    var counts = [Int32](repeating: 0, count: history.productCount)
    var lastCustomer = [Int32](repeating: -1, count: history.productCount)
    for customer in 0..<history.customerCount {
      for basket in history.baskets(ofCustomerNumber: customer) where Int(basket) >= first {
        for product in history.products(ofBasket: Int(basket)) where lastCustomer[Int(product)] != Int32(customer) {
          lastCustomer[Int(product)] = Int32(customer)
          counts[Int(product)] += 1
        }
      }
    }
    return counts
  }
}
