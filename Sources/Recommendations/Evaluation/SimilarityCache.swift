import _RetentionSupport

/// The cosine item similarities of the histories a set of recommender families is trained on,
/// computed once per history and shared (the item-kNN baseline, the item-to-item blend and the
/// learned ranker of ``TunableRecommender/standard`` all need them).
///
/// A history is recognised by ``PurchaseHistory/fingerprint`` (its baskets, customers and times);
/// the similarities are computed with ``widest`` neighbours and narrowed with
/// ``ItemSimilarity/keepingNeighbours(_:)``, which equals computing them narrow.
struct SimilarityCache: Sendable {
  /// The neighbours computed per product.
  static let widest = 100
  private let storage = LockedCache<UInt64, ItemSimilarity>()

  /// The cosine similarities (customers, minimum support 2) of a history with `neighbourCount`
  /// neighbours per product.
  ///
  /// - Complexity: That of ``ItemSimilarity/init(_:measure:scope:minimumSupport:neighbourCount:maximumTransactionSize:)``
  ///   on first use for a history, O(*l*) for the fingerprint, plus O(*n*) to narrow.
  func cosine(_ history: PurchaseHistory, neighbourCount: Int) -> ItemSimilarity {
    guard neighbourCount <= Self.widest else {
      return ItemSimilarity(history, measure: .cosine, neighbourCount: neighbourCount)
    }
    let wide = storage.value(for: history.fingerprint) {
      ItemSimilarity(history, measure: .cosine, neighbourCount: Self.widest)
    }
    return neighbourCount == Self.widest ? wide : wide.keepingNeighbours(neighbourCount)
  }
}
