import Foundation
import _RetentionSupport

/// TIFU-KNN: a time-decayed personal frequency vector blended with the mean vector of the
/// customer's nearest neighbours.
///
/// Hu, He, Li, Zhang, Liu & Zhang, "Modeling Personalized Item Frequency Information for
/// Next-basket Recommendation" (SIGIR 2020). The customer's vector **u** weighs each basket by a
/// within-group decay r_b and each group of `groupSize` baskets by an across-group decay r_g
/// (Section 3.2, see ``groupSize``); the prediction is P = α **u** + (1 − α) (1 / K) Σ **u**_n
/// over the *K* nearest neighbours *n* (Section 3.3, Equation 5; a customer who shares products
/// with fewer than *K* others averages those). The personal part ranks repeat
/// purchases, the neighbours add new products. Neighbours are found by cosine similarity of the
/// vectors (the paper uses Euclidean distance). Unknown customers get nothing.
///
/// ```swift
/// let tifu = TIFUKNNRecommender(history, groupSize: 7, withinGroupDecay: 0.9, acrossGroupDecay: 0.7,
///                               neighbourCount: 300, alpha: 0.9)
/// let next = tifu.recommendations(forCustomer: "c-17", count: 10)
/// ```
public struct TIFUKNNRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// The neighbours averaged (*K*, at least 0).
  public let neighbourCount: Int
  /// The weight α (`0...1`) of the customer's own vector.
  public let alpha: Double
  let vectors: TimeDecayedVectors
  /// The sums of each customer's neighbour vectors, shared by recommenders with the same vectors
  /// and neighbour count (they differ in α only), or `nil`.
  let neighbourSums: LockedCache<Int, NeighbourSum>?

  /// Computes the customer vectors and neighbours.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - groupSize: The baskets per group, *m* (at least 1; default 7).
  ///   - withinGroupDecay: r_b in `0...1` (default 0.9): a basket one step older within its group
  ///     weighs this much less.
  ///   - acrossGroupDecay: r_g in `0...1` (default 0.7): a group one step older weighs this much
  ///     less.
  ///   - neighbourCount: *K*, the nearest neighbours averaged (at least 0; default 300).
  ///   - alpha: α in `0...1` (default 0.9), the weight of the customer's own vector.
  /// - Complexity: O(*l* + Σ_p *n_p*²), where *l* is the number of basket lines and *n_p* the
  ///   number of customers who bought product *p*.
  public init(
    _ history: PurchaseHistory, groupSize: Int = 7, withinGroupDecay: Double = 0.9, acrossGroupDecay: Double = 0.7,
    neighbourCount: Int = 300, alpha: Double = 0.9
  ) {
    precondition(groupSize >= 1, "a group holds at least one basket")
    precondition((0...1).contains(withinGroupDecay) && (0...1).contains(acrossGroupDecay), "decays lie in 0...1")
    precondition(neighbourCount >= 0, "the neighbour count must not be negative")
    self.init(
      history,
      vectors: TimeDecayedVectors(
        history, groupSize: groupSize, withinGroupDecay: withinGroupDecay, acrossGroupDecay: acrossGroupDecay,
        neighbourCount: neighbourCount),
      neighbourCount: neighbourCount, alpha: alpha)
  }

  /// Wraps vectors computed on the same history with at least `neighbourCount` neighbours; the
  /// neighbour sums may be shared with recommenders of the same vectors and neighbour count.
  init(
    _ history: PurchaseHistory, vectors: TimeDecayedVectors, neighbourCount: Int, alpha: Double,
    sharing neighbourSums: LockedCache<Int, NeighbourSum>? = nil
  ) {
    precondition((0...1).contains(alpha), "alpha lies in 0...1")
    self.history = history
    self.vectors = vectors
    self.neighbourSums = neighbourSums
    self.neighbourCount = neighbourCount
    self.alpha = alpha
  }

  /// The baskets per group, *m*.
  public var groupSize: Int { vectors.groupSize }
  /// The within-group decay r_b.
  public var withinGroupDecay: Double { vectors.withinGroupDecay }
  /// The across-group decay r_g.
  public var acrossGroupDecay: Double { vectors.acrossGroupDecay }

  /// `TIFU-KNN (m 7, r_b 0.9, r_g 0.7, K 300, alpha 0.9)`.
  public var description: String {
    "TIFU-KNN (m \(groupSize), r_b \(formatted(withinGroupDecay)), r_g \(formatted(acrossGroupDecay)), K \(neighbourCount), alpha \(formatted(alpha)))"
  }

  /// α times the customer's vector plus (1 − α) times the mean of the neighbours' vectors; the
  /// evidence is ``Evidence/boughtBefore(orders:lastOn:)`` for the customer's own products and a
  /// text naming the similar customers for the others.
  ///
  /// - Parameter customer: The customer number, or `nil` (no scores).
  /// - Complexity: O(*m* + *K* *v*), where *m* is the size of the customer's vector and *v* that
  ///   of a neighbour's.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    guard let customer else { return }
    if alpha > 0 {
      for entry in vectors.entries(ofCustomer: customer) {
        scores.add(alpha * vectors.values[entry], to: Int(vectors.products[entry]), evidence: 0)
      }
    }
    let neighbours = vectors.neighbours(ofCustomer: customer).prefix(neighbourCount)
    guard alpha < 1, !neighbours.isEmpty else { return }
    let weight = (1 - alpha) / Double(neighbours.count)
    // (1 − α) / K times the sum of the neighbours' vectors (summed once per customer when shared).
    if let neighbourSums {
      let sum = neighbourSums.value(for: customer) {
        var spare = scores.takeSpare()
        defer { scores.returnSpare(spare) }
        return neighbourSum(neighbours, into: &spare)
      }
      for (position, product) in sum.products.enumerated() {
        scores.add(weight * sum.values[position], to: Int(product), evidence: 1)
      }
    } else {
      var spare = scores.takeSpare()
      for neighbour in neighbours {
        for entry in vectors.entries(ofCustomer: Int(neighbour)) {
          spare.accumulate(vectors.values[entry], to: Int(vectors.products[entry]))
        }
      }
      for product in spare.touched { scores.add(weight * spare.values[Int(product)], to: Int(product), evidence: 1) }
      spare.reset()
      scores.returnSpare(spare)
    }
  }

  /// The sum of the neighbours' vectors, in the order first touched, through a reset buffer
  /// (left reset).
  private func neighbourSum(_ neighbours: ArraySlice<Int32>, into spare: inout ScoreBuffer) -> NeighbourSum {
    for neighbour in neighbours {
      for entry in vectors.entries(ofCustomer: Int(neighbour)) {
        spare.accumulate(vectors.values[entry], to: Int(vectors.products[entry]))
      }
    }
    let sum = NeighbourSum(products: spare.touched, values: spare.touched.map { spare.values[Int($0)] })
    spare.reset()
    return sum
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    guard let customer else { return nil }
    if let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer) {
      return .boughtBefore(
        orders: Int(history.customerProductBaskets[position]),
        lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[position]))
    }
    return .text("bought by customers with baskets like yours")
  }
}

/// The sum of a customer's neighbours' vectors: products in the order first touched, and values.
struct NeighbourSum: Sendable {
  let products: [Int32]
  let values: [Double]
}
