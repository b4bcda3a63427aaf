import Foundation

/// The customer's own basket frequency shrunk toward recent popularity: an empirical-Bayes
/// estimate of the chance that the customer's next basket holds a product.
///
/// Each customer *c* and product *i* has a chance θ_ci that a basket of *c* contains *i*, drawn
/// from a beta prior with mean p_i (the share of recent baskets that contain *i*) and strength β
/// (the prior counts as β baskets). After x_ci of the customer's n_c baskets contained *i*, the
/// posterior mean is
///
///   score(c, i) = (x_ci + β p_i) / (n_c + β)
///
/// (the beta-binomial posterior mean; Casella, "An Introduction to Empirical Bayes Data
/// Analysis", The American Statistician 39(2), 1985; the same form is Dirichlet-prior smoothing
/// of a language model, Zhai & Lafferty, "A Study of Smoothing Methods for Language Models
/// Applied to Information Retrieval", ACM TOIS 22(2), 2004, Section 3). A customer with few
/// baskets gets nearly the popularity list, one with many gets nearly their own frequencies
/// (Li et al., "A Next Basket Recommendation Reality Check", TOIS 2023: personal frequency is
/// the strong baseline). With a half-life *h*, a basket of age *a* days counts 2^(−*a*/*h*) in
/// both x_ci and n_c. β and the window are chosen on a validation window
/// (``TunableRecommender/shrunkFrequency``).
///
/// Scored: the customer's own products and the `candidateCount` products with the largest p_i.
/// An unknown customer (n = 0) gets the popularity list p_i.
///
/// ```swift
/// let shrunk = ShrunkFrequencyRecommender(history, prior: 4, popularityWindowDays: 90)
/// let next = shrunk.recommendations(forCustomer: "c-17", count: 10)
/// ```
public struct ShrunkFrequencyRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// β (> 0): the strength of the popularity prior, in baskets.
  public let prior: Double
  /// The window of the popularity prior in days before ``PurchaseHistory/asOf``, or `nil` for
  /// the whole history.
  public let popularityWindowDays: Double?
  /// The half-life of a basket's weight in days, or `nil` for no decay.
  public let halfLifeDays: Double?
  let popularity: RecentBasketShares

  /// Counts the popularity prior.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - prior: β, the prior's strength in baskets (> 0; default 4).
  ///   - popularityWindowDays: The window of the prior in days (> 0; default 90), or `nil` for
  ///     every basket. A window without baskets falls back to every basket.
  ///   - halfLifeDays: The half-life of a basket's weight in days (> 0), or `nil` (default) for
  ///     plain counts.
  ///   - candidateCount: How many of the most popular products to score besides the customer's
  ///     own (at least 1; default 100).
  /// - Complexity: O(*l* + *p* log *p*), where *l* is the number of basket lines and *p* the
  ///   number of products.
  public init(
    _ history: PurchaseHistory, prior: Double = 4, popularityWindowDays: Double? = 90, halfLifeDays: Double? = nil,
    candidateCount: Int = 100
  ) {
    precondition(prior > 0 && prior.isFinite, "the prior's strength must be positive")
    precondition(popularityWindowDays.map { $0 > 0 } ?? true, "the window must be positive")
    precondition(halfLifeDays.map { $0 > 0 } ?? true, "the half-life must be positive")
    precondition(candidateCount >= 1, "score at least one candidate")
    self.init(
      history, prior: prior, halfLifeDays: halfLifeDays,
      popularity: RecentBasketShares(history, windowDays: popularityWindowDays, candidateCount: candidateCount),
      windowDays: popularityWindowDays)
  }

  /// Wraps a prior counted on the same history (shared by recommenders that differ in β or the
  /// half-life).
  init(
    _ history: PurchaseHistory, prior: Double, halfLifeDays: Double?, popularity: RecentBasketShares,
    windowDays: Double?
  ) {
    self.history = history
    self.prior = prior
    self.halfLifeDays = halfLifeDays
    self.popularity = popularity
    popularityWindowDays = windowDays
  }

  /// `shrunk frequency (prior 4 baskets, popularity 90 days)`, with the half-life when there is one.
  public var description: String {
    var text = "shrunk frequency (prior \(formatted(prior)) baskets, popularity "
    text += popularityWindowDays.map { "\(formatted($0)) days" } ?? "all time"
    if let halfLifeDays { text += ", half-life \(formatted(halfLifeDays)) days" }
    return text + ")"
  }

  /// (x_ci + β p_i) / (n_c + β) for the customer's products and the popular candidates, with
  /// the evidence ``Evidence/boughtBefore(orders:lastOn:)`` for the customer's own products and
  /// ``Evidence/popular(buyers:isRecent:category:)`` for the others.
  ///
  /// - Parameter customer: The customer number, or `nil` (the popularity list).
  /// - Complexity: O(*l* + *c*), where *l* is the number of lines of the customer's baskets (of
  ///   their distinct products without a half-life) and *c* the number of candidates.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    var baskets = 0.0
    if let customer {
      if let halfLifeDays {
        let now = history.asOf.timeIntervalSince1970
        let rate = -M_LN2 / (halfLifeDays * 86_400)
        let own = history.baskets(ofCustomerNumber: customer)
        for basket in own { baskets += exp(rate * Swift.max(0, now - history.basketTimes[Int(basket)])) }
        let scale = 1 / (baskets + prior)
        for basket in own {
          let weight = exp(rate * Swift.max(0, now - history.basketTimes[Int(basket)])) * scale
          for product in history.products(ofBasket: Int(basket)) { scores.add(weight, to: Int(product)) }
        }
      } else {
        baskets = Double(history.baskets(ofCustomerNumber: customer).count)
        let scale = 1 / (baskets + prior)
        for slot in history.productRange(ofCustomerNumber: customer) {
          scores.add(Double(history.customerProductBaskets[slot]) * scale, to: Int(history.customerProducts[slot]))
        }
      }
    }
    let weight = prior / (baskets + prior)
    let shares = popularity.shares
    for product in popularity.ranked { scores.add(weight * shares[Int(product)], to: Int(product)) }
    // The customer's own products outside the candidates get their prior term too.
    if let customer {
      for product in history.products(ofCustomerNumber: customer) where shares[Int(product)] > 0 {
        if !popularity.isCandidate(product) { scores.add(weight * shares[Int(product)], to: Int(product)) }
      }
    }
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    popularity.evidence(ofProduct: product, customer: customer, in: history)
  }
}
