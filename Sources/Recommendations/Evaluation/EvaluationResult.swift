/// The offline accuracy of one recommender: mean metrics over the evaluated customers.
///
/// Besides the totals, ``repeatItems`` and ``newItems`` measure the same lists against the
/// products the customer had bought before the split and against the others.
public struct EvaluationResult: Sendable, Hashable, Codable {
  /// The recommender's name.
  public var name: String
  /// The number of evaluated customers.
  public var customers: Int
  /// The cut-off *k*.
  public var k: Int
  /// Mean precision@k.
  public var precisionAtK: Double
  /// Mean recall@k.
  public var recallAtK: Double
  /// Mean hit rate@k: the share of customers with at least one hit.
  public var hitRateAtK: Double
  /// MAP@k.
  public var mapAtK: Double
  /// Mean NDCG@k.
  public var ndcgAtK: Double
  /// The share (`0...1`) of the training catalogue recommended to at least one customer.
  public var coverage: Double
  /// The wall-clock seconds spent ranking and scoring.
  public var seconds: Double
  /// The accuracy on the targets the customer had bought before the split.
  public var repeatItems: EvaluationSlice
  /// The accuracy on the targets the customer had not bought before the split.
  public var newItems: EvaluationSlice

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - repeatItems: The repeat-item accuracy (empty by default).
  ///   - newItems: The new-item accuracy (empty by default).
  public init(
    name: String, customers: Int, k: Int, precisionAtK: Double, recallAtK: Double, hitRateAtK: Double,
    mapAtK: Double, ndcgAtK: Double, coverage: Double, seconds: Double, repeatItems: EvaluationSlice = .init(),
    newItems: EvaluationSlice = .init()
  ) {
    self.name = name
    self.customers = customers
    self.k = k
    self.precisionAtK = precisionAtK
    self.recallAtK = recallAtK
    self.hitRateAtK = hitRateAtK
    self.mapAtK = mapAtK
    self.ndcgAtK = ndcgAtK
    self.coverage = coverage
    self.seconds = seconds
    self.repeatItems = repeatItems
    self.newItems = newItems
  }
}

/// The accuracy of the top-*k* lists on one kind of target: repeat items (bought before the
/// split) or new items.
///
/// Following Li et al., "A Next Basket Recommendation Reality Check" (TOIS 2023), the whole
/// list is compared with only this kind of target (a new item in the list is a miss for the
/// repeat slice), and the means run over the customers who have at least one such target.
///
/// ```swift
/// let result = evaluation.evaluate(PersonalTopFrequencyRecommender(evaluation.training))
/// print(result.repeatItems.ndcgAtK, result.newItems.ndcgAtK)
/// ```
public struct EvaluationSlice: Sendable, Hashable, Codable {
  /// The number of evaluated customers with at least one target of this kind.
  public var customers: Int
  /// Mean hit rate@k over those customers.
  public var hitRateAtK: Double
  /// Mean recall@k over those customers.
  public var recallAtK: Double
  /// Mean NDCG@k over those customers.
  public var ndcgAtK: Double

  /// Creates a slice (all zero by default: no customer).
  ///
  /// - Parameters:
  ///   - customers: The customers with a target of this kind (at least 0).
  ///   - hitRateAtK: Mean hit rate@k (`0...1`).
  ///   - recallAtK: Mean recall@k (`0...1`).
  ///   - ndcgAtK: Mean NDCG@k (`0...1`).
  public init(customers: Int = 0, hitRateAtK: Double = 0, recallAtK: Double = 0, ndcgAtK: Double = 0) {
    self.customers = customers
    self.hitRateAtK = hitRateAtK
    self.recallAtK = recallAtK
    self.ndcgAtK = ndcgAtK
  }

  /// The means of summed hit rate, recall and NDCG.
  init(customers: Int, sums: ArraySlice<Double>) {
    let count = Double(Swift.max(customers, 1))
    let values = Array(sums)
    self.init(
      customers: customers, hitRateAtK: values[0] / count, recallAtK: values[1] / count, ndcgAtK: values[2] / count)
  }
}
