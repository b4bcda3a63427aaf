/// The products a recommender scores for one customer: a score per product and the evidence of
/// its strongest contribution.
///
/// A ``Recommender`` returns one from ``Recommender/scores(for:)``; ranking, filtering and
/// explaining are done by the protocol's extension. Write your own by adding contributions:
///
/// ```swift
/// var scores = ProductScores()
/// scores.add(2.5, to: 17, evidence: .text("on sale this week"))
/// scores.add(1, to: 17)  // 3.5 in total, still "on sale this week"
/// ```
public struct ProductScores: Sendable, Hashable {
  private struct Entry: Hashable, Sendable {
    var score: Double
    var strongest: Double
    var evidence: Evidence?
  }

  private var entries: [ProductNumber: Entry] = [:]
  /// The scored products, in the order first scored.
  public private(set) var products: [ProductNumber] = []

  /// No scores.
  public init() {}

  /// The number of scored products.
  public var count: Int { products.count }

  /// Adds a contribution to a product's score.
  ///
  /// - Parameters:
  ///   - amount: The contribution (finite; larger is better).
  ///   - product: The product.
  ///   - evidence: Why, kept when this is the product's strongest contribution so far.
  /// - Complexity: O(1) on average.
  public mutating func add(_ amount: Double, to product: ProductNumber, evidence: Evidence? = nil) {
    if var entry = entries[product] {
      entry.score += amount
      if amount > entry.strongest {
        entry.strongest = amount
        entry.evidence = evidence
      }
      entries[product] = entry
    } else {
      entries[product] = Entry(score: amount, strongest: amount, evidence: evidence)
      products.append(product)
    }
  }

  /// The score of a product, 0 when it was not scored.
  ///
  /// - Parameter product: A product.
  public func score(of product: ProductNumber) -> Double { entries[product]?.score ?? 0 }

  /// The evidence of a product's strongest contribution, or `nil` (not scored, or no evidence
  /// given).
  ///
  /// - Parameter product: A product.
  public func evidence(of product: ProductNumber) -> Evidence? { entries[product]?.evidence }
}
