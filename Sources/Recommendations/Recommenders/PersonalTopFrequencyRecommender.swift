import Foundation

/// Recommends each customer the products they bought in the most baskets, ties broken by
/// recency: the personal top-frequency baseline.
///
/// Li, Anwaar, Kraus & Bajaj, "A Next Basket Recommendation Reality Check" (ACM TOIS 41(4),
/// 2023), call it P-TopFreq and find that it beats many neural next-basket models on
/// repeat-heavy data; every personal recommender should be compared with it. A product's score
/// is the number of the customer's baskets that contain it plus a recency fraction in `0..<0.5`
/// (the time of the customer's last basket with it, scaled over the history), so that among
/// products bought equally often the one bought last ranks first. Only products the customer
/// bought are scored: unknown customers get nothing, and a customer with fewer than *k*
/// products gets a shorter list (blend with ``PopularityRecommender`` to fill it).
///
/// ```swift
/// let baseline = PersonalTopFrequencyRecommender(history)
/// let again = baseline.recommendations(forCustomer: "c-17", count: 10)
/// ```
public struct PersonalTopFrequencyRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// The time of the history's oldest basket, in seconds since 1970.
  private let origin: Double
  /// The seconds from the oldest basket to ``PurchaseHistory/asOf``, plus one.
  private let span: Double

  /// Creates the baseline.
  ///
  /// - Parameter history: The training history.
  public init(_ history: PurchaseHistory) {
    self.history = history
    let asOf = history.asOf.timeIntervalSince1970
    origin = history.basketTimes.first ?? asOf
    span = Swift.max(0, asOf - origin) + 1
  }

  /// `personal top-frequency`.
  public var description: String { "personal top-frequency" }

  /// The basket count of every product the customer bought plus the recency fraction, with the
  /// evidence ``Evidence/boughtBefore(orders:lastOn:)``.
  ///
  /// - Parameter customer: The customer number, or `nil` (no scores).
  /// - Complexity: O(*m*), where *m* is the number of the customer's distinct products.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    guard let customer else { return }
    for slot in history.productRange(ofCustomerNumber: customer) {
      let recency = 0.5 * Swift.min(Swift.max(0, history.customerProductLastTimes[slot] - origin) / span, 1)
      scores.add(
        Double(history.customerProductBaskets[slot]) + recency, to: Int(history.customerProducts[slot]),
        evidence: Int32(slot))
    }
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    guard let customer, history.productRange(ofCustomerNumber: customer).contains(Int(code)) else { return nil }
    let slot = Int(code)
    return .boughtBefore(
      orders: Int(history.customerProductBaskets[slot]),
      lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[slot]))
  }
}
