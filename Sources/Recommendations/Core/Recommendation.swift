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
  /// The product number in the history.
  public var productNumber: Int
  /// The recommender's score; only the order within one list is meaningful.
  public var score: Double
  /// Why the product is recommended.
  public var reason: String

  /// Creates a recommendation.
  ///
  /// - Parameters:
  ///   - productID: The product id.
  ///   - name: The display name.
  ///   - productNumber: The product number.
  ///   - score: The score.
  ///   - reason: Why the product is recommended.
  public init(productID: String, name: String? = nil, productNumber: Int, score: Double, reason: String) {
    self.productID = productID
    self.name = name
    self.productNumber = productNumber
    self.score = score
    self.reason = reason
  }
}
