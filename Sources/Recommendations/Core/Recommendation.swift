/// One recommended product for one customer, with its score and the reason a marketer can read.
///
/// ```swift
/// for item in recommender.recommendations(forCustomer: "12347", count: 5) {
///   print(item.productID, item.score, item.reason)  // 22726 1.83 bought with 22727 (cosine 0.61)
/// }
/// ```
public struct Recommendation: Sendable, Hashable, Codable {
  /// The product id.
  public var productID: String
  /// The product's display name, if known.
  public var name: String?
  /// The product in the history.
  public var productNumber: ProductNumber
  /// The recommender's score; only the order within one list is meaningful.
  public var score: Double
  /// Why the product is recommended, in words.
  public var reason: String
  /// What the reason rests on, or `nil` when the recommender named no evidence.
  public var evidence: Evidence?

  /// Creates a recommendation.
  ///
  /// - Parameters:
  ///   - productID: The product id.
  ///   - name: The display name.
  ///   - productNumber: The product number.
  ///   - score: The score.
  ///   - reason: Why the product is recommended.
  ///   - evidence: What the reason rests on.
  public init(
    productID: String, name: String? = nil, productNumber: ProductNumber, score: Double, reason: String,
    evidence: Evidence? = nil
  ) {
    self.productID = productID
    self.name = name
    self.productNumber = productNumber
    self.score = score
    self.reason = reason
    self.evidence = evidence
  }
}
