import Foundation
import _RetentionSupport

/// A learned ranker: candidates from the customer's own products, item-to-item and recent
/// popularity, ranked by a logistic regression trained on the history's last weeks.
///
/// The "candidate generation + ranking" pattern: for every customer the candidates are the
/// products they bought, the products item-to-item (cosine) scores highest for them and the most
/// popular products of the last 90 days; each candidate gets features of personal frequency
/// (basket count, share, time-decayed count, days since bought: the strong personal signal of
/// Li et al., "A Next Basket Recommendation Reality Check", TOIS 2023, and Hu et al., SIGIR 2020),
/// popularity (all time, last 30 and 90 days), the item-to-item score, the product's rebuy rate
/// and the customer's own rebuying habit. A logistic regression learns, from the history itself,
/// how these weigh against each other: the last ``labelDays`` days of the history are the labels
/// (did the customer buy the candidate then?) and the features are computed on the orders before
/// them; the fitted model then scores features recomputed on the whole history. The score is the
/// predicted probability of buying the product in the next ``labelDays`` days, so a product the
/// customer bought once ranks above the shop's bestsellers only when customers like them usually
/// do buy such a product again.
///
/// When the label window has no customer with both outcomes (tiny histories) the ranker falls
/// back to global popularity.
///
/// ```swift
/// let ranker = LearnedRankerRecommender(history, labelDays: 60)
/// let next = ranker.recommendations(forCustomer: "c-17", count: 10)
/// ```
public struct LearnedRankerRecommender: Recommender, BufferedRecommender {
  /// The training history.
  public let history: PurchaseHistory
  /// The label window at the end of the history, in days.
  public let labelDays: Double
  /// The L2 penalty λ of the logistic regression (on standardised features).
  public let l2: Double
  /// The popular candidates per customer.
  public let candidateCount: Int
  /// The item-to-item candidates per customer.
  public let neighbourCandidateCount: Int
  let features: RankerFeatures
  /// The fitted model, or `nil` when the label window could not train one (popularity is used).
  let model: LogisticRegression?

  /// Trains the ranker.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - labelDays: The label window at the end of the history, in days (> 0; default 60).
  ///   - l2: λ ≥ 0 (default 1).
  ///   - candidateCount: The popular candidates per customer (at least 0; default 100).
  ///   - neighbourCandidateCount: The item-to-item candidates per customer (at least 0; default 50).
  /// - Complexity: Two item-similarity computations (on the history and on the part before the
  ///   label window), O(*c* *r*) feature rows for *c* customers with *r* candidates each, and a
  ///   few Newton steps over them. The rows are held in memory while fitting (18 `Double`s, 144
  ///   bytes, per row).
  public init(
    _ history: PurchaseHistory, labelDays: Double = 60, l2: Double = 1, candidateCount: Int = 100,
    neighbourCandidateCount: Int = 50
  ) {
    precondition(labelDays > 0 && labelDays.isFinite, "the label window must be positive")
    precondition(l2 >= 0 && l2.isFinite, "the penalty must not be negative")
    precondition(candidateCount >= 0 && neighbourCandidateCount >= 0, "candidate counts must not be negative")
    let features = RankerFeatures(
      history, candidateCount: candidateCount, neighbourCandidateCount: neighbourCandidateCount,
      similarity: ItemSimilarity(history, measure: .cosine, neighbourCount: RankerFeatures.similarityNeighbours))
    let rows = LearnedRankerRecommender.trainingRows(
      history, labelDays: labelDays, candidateCount: candidateCount, neighbourCandidateCount: neighbourCandidateCount
    ) { ItemSimilarity($0, measure: .cosine, neighbourCount: RankerFeatures.similarityNeighbours) }
    self.init(
      history, features: features, rows: rows, labelDays: labelDays, l2: l2, candidateCount: candidateCount,
      neighbourCandidateCount: neighbourCandidateCount)
  }

  /// Wraps features of `history` and training rows computed once for several penalties.
  init(
    _ history: PurchaseHistory, features: RankerFeatures, rows: RankerTrainingRows, labelDays: Double, l2: Double,
    candidateCount: Int, neighbourCandidateCount: Int
  ) {
    self.history = history
    self.features = features
    self.labelDays = labelDays
    self.l2 = l2
    self.candidateCount = candidateCount
    self.neighbourCandidateCount = neighbourCandidateCount
    let positives = rows.labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    model =
      positives > 0 && positives < rows.labels.count
      ? LogisticRegression(rows: rows.values, labels: rows.labels, featureCount: RankerFeatures.count, l2: l2) : nil
  }

  /// `learned ranker (label window 60 days, L2 1)`.
  public var description: String {
    "learned ranker (label window \(formatted(labelDays)) days, L2 \(formatted(l2)))"
  }

  /// The fitted weights by feature name (on standardised features; `intercept` first), or empty
  /// when the ranker fell back to popularity.
  public var weights: [String: Double] {
    guard let model else { return [:] }
    var result = ["intercept": model.weights[0]]
    for (index, name) in RankerFeatures.names.enumerated() { result[name] = model.weights[index + 1] }
    return result
  }

  /// The predicted probability of each candidate; the evidence is
  /// ``Evidence/boughtBefore(orders:lastOn:)`` for the customer's own products,
  /// ``Evidence/boughtWith(_:support:similarity:measure:scope:)`` for item-to-item candidates and
  /// ``Evidence/popular(buyers:isRecent:category:)`` for the others.
  ///
  /// - Parameter customer: The customer number, or `nil` (popular candidates only).
  /// - Complexity: O(*m* *n* + *c* *d*), where *m* is the number of the customer's products, *n* the
  ///   item neighbours, *c* the candidates and *d* the features.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    var scratch = RankerScratch(
      personal: scores.takeSpare(), grouped: scores.takeSpare(), neighbours: scores.takeSpare(),
      seen: scores.takeSpare())
    var row = [Double](repeating: 0, count: RankerFeatures.count)
    let model = self.model
    let buyers = history.productCustomerCounts
    features.forEachCandidate(ofCustomer: customer, scratch: &scratch, features: &row) {
      product, values, anchor, source in
      let score: Double
      if let model {
        score = Swift.max(model.probability(values), .leastNormalMagnitude)
      } else {
        score = Double(buyers[Int(product)])
      }
      scores.add(score, to: Int(product), evidence: anchor, source: source)
    }
    scratch.seen.reset()
    scores.returnSpare(scratch.personal)
    scores.returnSpare(scratch.grouped)
    scores.returnSpare(scratch.neighbours)
    scores.returnSpare(scratch.seen)
  }

  func evidence(ofProduct product: Int, code anchor: Int32, source: Int8, customer: Int?) -> Evidence? {
    if let customer, let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer) {
      return .boughtBefore(
        orders: Int(history.customerProductBaskets[position]),
        lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[position]))
    }
    if source == 1, anchor >= 0 {
      return features.itemToItem.evidence(ofProduct: product, code: anchor, source: 0, customer: customer)
    }
    return .popular(buyers: Int(features.recentBuyers90[product]), isRecent: true, category: nil)
  }

  /// The feature rows and labels of the label window at the end of a history.
  ///
  /// - Parameter similarity: The cosine similarities of a history (``RankerFeatures/similarityNeighbours``).
  /// - Complexity: One item-similarity computation on the history before the window, and
  ///   O(*c* *r*) rows.
  static func trainingRows(
    _ history: PurchaseHistory, labelDays: Double, candidateCount: Int, neighbourCandidateCount: Int,
    similarity: (PurchaseHistory) -> ItemSimilarity
  ) -> RankerTrainingRows {
    let cutoff = history.asOf.addingTimeInterval(-labelDays * 86_400)
    let before = history.truncated(before: cutoff)
    let features = RankerFeatures(
      before, candidateCount: candidateCount, neighbourCandidateCount: neighbourCandidateCount,
      similarity: similarity(before))
    let firstLabelBasket = before.basketCount
    // Customers with baskets both before and within the window.
    var labelled: [Int32] = []
    for customer in 0..<history.customerCount {
      let baskets = history.baskets(ofCustomerNumber: customer)
      guard let first = baskets.first, let last = baskets.last else { continue }
      if Int(first) < firstLabelBasket && Int(last) >= firstLabelBasket { labelled.append(Int32(customer)) }
    }
    let customers = labelled
    let parts = ParallelWork.map(ParallelWork.chunks(of: customers.count, count: 16, minimumSize: 32)) {
      range -> RankerTrainingRows in
      var part = RankerTrainingRows()
      var scratch = RankerScratch(productCount: history.productCount)
      var row = [Double](repeating: 0, count: RankerFeatures.count)
      var isLabel = [Bool](repeating: false, count: history.productCount)
      var labelled: [Int32] = []
      for position in range {
        let customer = Int(customers[position])
        for basket in history.baskets(ofCustomerNumber: customer) where Int(basket) >= firstLabelBasket {
          for product in history.products(ofBasket: Int(basket)) where !isLabel[Int(product)] {
            isLabel[Int(product)] = true
            labelled.append(product)
          }
        }
        features.forEachCandidate(ofCustomer: customer, scratch: &scratch, features: &row) { product, values, _, _ in
          part.values.append(contentsOf: values)
          part.labels.append(isLabel[Int(product)])
        }
        scratch.seen.reset()
        for product in labelled { isLabel[Int(product)] = false }
        labelled.removeAll(keepingCapacity: true)
      }
      return part
    }
    var rows = RankerTrainingRows()
    for part in parts {
      rows.values.append(contentsOf: part.values)
      rows.labels.append(contentsOf: part.labels)
    }
    return rows
  }
}

/// Feature rows (``RankerFeatures/count`` values each, one row after another) and their labels.
struct RankerTrainingRows: Sendable {
  var values: [Double] = []
  var labels: [Bool] = []
}
