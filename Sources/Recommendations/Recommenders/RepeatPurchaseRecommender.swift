package import Foundation

/// Recommends what the customer buys again: purchase frequency with an exponential time decay.
///
/// For next-basket prediction the customer's own repeat purchases carry most of the accuracy
/// (Hu et al. 2020, TIFU-KNN); this is that personal baseline. A product's score for a customer
/// is Σ over the customer's baskets *b* containing it of 2^(−age_b / *h*), where age_b is the time
/// from the basket to ``PurchaseHistory/asOf`` in days and *h* the half-life in days (`nil`: no
/// decay, the plain basket count). Durable goods should be removed with
/// ``RecommendationFilter/excludesPurchasedDurables``.
///
/// ```swift
/// let personal = RepeatPurchaseRecommender(history, halfLifeDays: 90)
/// let again = personal.recommendations(forCustomer: "c-17", count: 5, filter: .init(excludesPurchasedDurables: true))
/// ```
public struct RepeatPurchaseRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// The half-life of a purchase's weight, in days, or `nil` for no decay.
  public let halfLifeDays: Double?

  /// Creates the scorer.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - halfLifeDays: The half-life in days (> 0; default 90), or `nil` for no decay.
  public init(_ history: PurchaseHistory, halfLifeDays: Double? = 90) {
    precondition(halfLifeDays.map { $0 > 0 } ?? true, "the half-life must be positive")
    self.history = history
    self.halfLifeDays = halfLifeDays
  }

  /// `repeat purchase (half-life 90 days)`.
  public var description: String {
    halfLifeDays.map { "repeat purchase (half-life \(formatted($0)) days)" } ?? "repeat purchase"
  }

  /// The decayed basket count of every product the customer bought, with the evidence
  /// ``Evidence/boughtBefore(orders:lastOn:)``.
  ///
  /// - Complexity: O(*l*), where *l* is the number of lines of the customer's baskets.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    guard let customer else { return }
    let now = history.asOf.timeIntervalSince1970
    let rate = halfLifeDays.map { -M_LN2 / ($0 * 86_400) } ?? 0
    for basket in history.baskets(ofCustomerNumber: customer) {
      let age = Swift.max(0, now - history.basketTimes[Int(basket)])
      let weight = rate == 0 ? 1 : exp(rate * age)
      for product in history.products(ofBasket: Int(basket)) {
        scores.add(weight, to: Int(product), evidence: product)
      }
    }
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    guard let customer else { return nil }
    guard let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer) else { return nil }
    return .boughtBefore(
      orders: Int(history.customerProductBaskets[position]),
      lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[position]))
  }
}

package func isoDay(_ date: Date) -> String {
  DayClock().isoDate(of: date)  // the UTC calendar day, without Calendar in loops over reminders
}
