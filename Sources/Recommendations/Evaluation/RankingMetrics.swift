import Foundation

/// The accuracy of one ranked list against the products a customer actually bought.
///
/// With the first *k* products of the list, rel_i = 1 when the product at rank *i* was bought
/// (binary gains) and *R* the set of products bought in the test period (REFERENCES.md,
/// "Recommendations"):
///
/// - precision@k = hits / *k* (a list shorter than *k* is not rewarded for its brevity);
/// - recall@k = hits / |*R*|;
/// - hit rate@k = 1 if hits > 0, else 0;
/// - AP@k = (1 / min(*k*, |*R*|)) Σ_{i ≤ k} rel_i · precision@i, whose mean over customers is
///   MAP@k;
/// - NDCG@k = DCG@k / IDCG@k, with DCG@k = Σ_{i ≤ k} rel_i / log2(*i* + 1) and IDCG@k the DCG of
///   a list whose first min(*k*, |*R*|) products were all bought.
///
/// At *k* = 0 or with an empty *R*, every metric is 0. A product repeated in the list counts once.
///
/// ```swift
/// let metrics = RankingMetrics(ranked: [7, 3, 9], relevant: [3, 4], k: 3)
/// // precision 1/3, recall 1/2, hit rate 1, AP 1/4, NDCG (1/log2 3) / (1 + 1/log2 3)
/// ```
public struct RankingMetrics: Sendable, Hashable, Codable {
  /// hits / *k*.
  public var precision: Double
  /// hits / |*R*|.
  public var recall: Double
  /// 1 when at least one of the first *k* products was bought.
  public var hitRate: Double
  /// AP@k.
  public var averagePrecision: Double
  /// NDCG@k with binary gains and a log2 discount.
  public var ndcg: Double

  /// Computes the metrics of one list.
  ///
  /// - Parameters:
  ///   - ranked: The recommended products, best first.
  ///   - relevant: The products bought in the test period.
  ///   - k: The cut-off (at least 0).
  /// - Complexity: O(*k*).
  public init<Product: Hashable>(ranked: some Sequence<Product>, relevant: Set<Product>, k: Int) {
    precondition(k >= 0, "k must not be negative")
    self.init(k: k, relevantCount: relevant.count) { visit in
      var seen = Set<Product>()
      for product in ranked.prefix(k) where seen.insert(product).inserted { visit(relevant.contains(product)) }
    }
  }

  /// Computes the metrics from the hit pattern of the first *k* ranks.
  init(k: Int, relevantCount: Int, hits visitRanks: ((Bool) -> Void) -> Void) {
    precision = 0
    recall = 0
    hitRate = 0
    averagePrecision = 0
    ndcg = 0
    guard k > 0, relevantCount > 0 else { return }
    var hits = 0
    var rank = 0
    var precisionSum = 0.0
    var dcg = 0.0
    visitRanks { isHit in
      rank += 1
      if isHit {
        hits += 1
        precisionSum += Double(hits) / Double(rank)
        dcg += 1 / log2(Double(rank) + 1)
      }
    }
    var ideal = 0.0
    for position in 1...Swift.min(k, relevantCount) { ideal += 1 / log2(Double(position) + 1) }
    precision = Double(hits) / Double(k)
    recall = Double(hits) / Double(relevantCount)
    hitRate = hits > 0 ? 1 : 0
    averagePrecision = precisionSum / Double(Swift.min(k, relevantCount))
    ndcg = dcg / ideal
  }
}
