public import Foundation

/// An offline evaluation that chooses every hyper-parameter on a validation window before the
/// test split, then reports the test figures once.
///
/// The validation window is the last ``validationDays`` days before the test split: each point
/// of a ``TunableRecommender``'s grid is trained on the orders before the window and scored
/// (NDCG@k) on the customers who bought before and within it; the best point (the first on a
/// tie; a family with one point is not evaluated there) is refitted on every order before the test split and evaluated there. No test purchase
/// is seen while choosing, so the test figures are not optimistic.
///
/// ```swift
/// let evaluation = try ValidatedEvaluation(log: log, split: splitDate)
/// for result in try evaluation.compare(TunableRecommender.standard, k: 10) {
///   print(result.recommender, result.parameters, result.test.ndcgAtK)
/// }
/// ```
public struct ValidatedEvaluation: Sendable {
  /// The test evaluation: training before the split, targets after it.
  public let test: OfflineEvaluation
  /// The validation evaluation: training before ``validationStart``, targets from it up to the
  /// test split.
  public let validation: OfflineEvaluation
  /// The length of the validation window in days.
  public let validationDays: Double

  /// Splits a log into validation and test evaluations.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - split: The first instant of the test period.
  ///   - validationDays: The validation window before the split, in days (> 0; default 60).
  ///   - end: The end of the test period (excluded), or `nil` for the end of the log.
  /// - Throws: ``RecommendationsError`` (`.insufficientData`) when the test or the validation
  ///   split leaves no training purchases or no customer to evaluate.
  /// - Complexity: O(*n* + *l*), where *n* is the number of orders and *l* the number of lines.
  public init(log: OrderLog, split: Date, validationDays: Double = 60, end: Date? = nil) throws {
    precondition(validationDays > 0 && validationDays.isFinite, "the validation window must be positive")
    self.validationDays = validationDays
    test = try OfflineEvaluation(log: log, split: split, end: end)
    do {
      validation = try OfflineEvaluation(
        log: log, split: split.addingTimeInterval(-validationDays * 86_400), end: split)
    } catch let error as RecommendationsError {
      throw RecommendationsError(.insufficientData, reason: "validation window: \(error.reason)")
    }
  }

  /// The first instant of the validation window.
  public var validationStart: Date { validation.split }

  /// Chooses a family's parameters on the validation window and evaluates them on the test split.
  ///
  /// - Parameters:
  ///   - candidate: The family and its grid.
  ///   - k: The list length and metric cut-off (at least 0).
  ///   - filter: The business rules applied to every list.
  /// - Returns: The chosen parameters, their validation NDCG@k and the test figures.
  /// - Throws: What the family's builder throws.
  /// - Complexity: The training and evaluation of every grid point on the validation split,
  ///   plus one training and evaluation on the test split.
  public func evaluate(_ candidate: TunableRecommender, k: Int = 10, filter: RecommendationFilter = .none) throws
    -> TunedEvaluationResult
  {
    let clock = ContinuousClock()
    let start = clock.now
    var best = 0
    var bestNDCG: Double? = nil
    // With one point there is nothing to choose, and training it on the validation split is wasted.
    if candidate.grid.count > 1 {
      let trained = try candidate.recommenders(trainedOn: validation.training)
      for (index, recommender) in trained.enumerated() {
        let ndcg = validation.evaluate(recommender, k: k, filter: filter).ndcgAtK
        if ndcg > (bestNDCG ?? -.infinity) {
          best = index
          bestNDCG = ndcg
        }
      }
    }
    let chosen = candidate.grid[best]
    let refit = try candidate.recommenders(trainedOn: test.training, points: [chosen])
    let result = test.evaluate(refit[0], k: k, filter: filter)
    let elapsed = clock.now - start
    return TunedEvaluationResult(
      recommender: candidate.name, parameters: chosen, candidatesTried: candidate.grid.count,
      validationStart: isoDay(validationStart), validationEnd: isoDay(test.split),
      validationCustomers: validation.evaluatedCustomerNumbers.count,
      validationNDCGAtK: bestNDCG, test: result,
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }

  /// Evaluates several families side by side, in the given order.
  ///
  /// - Parameters:
  ///   - candidates: The families.
  ///   - k: The list length and metric cut-off.
  ///   - filter: The business rules.
  /// - Returns: One result per family.
  /// - Throws: What a family's builder throws.
  /// - Complexity: The sum of the families' ``evaluate(_:k:filter:)``.
  public func compare(_ candidates: [TunableRecommender], k: Int = 10, filter: RecommendationFilter = .none) throws
    -> [TunedEvaluationResult]
  {
    try candidates.map { try evaluate($0, k: k, filter: filter) }
  }
}

/// A recommender family's parameters chosen on the validation window and its test figures.
public struct TunedEvaluationResult: Sendable, Hashable, Codable {
  /// The family's name.
  public var recommender: String
  /// The chosen parameters (empty for a family without parameters).
  public var parameters: [String: Double]
  /// The number of grid points tried on the validation window.
  public var candidatesTried: Int
  /// The first day of the validation window (`YYYY-MM-DD`, UTC); training for the choice ends
  /// before it.
  public var validationStart: String
  /// The day the validation window ends (excluded) and the test period starts.
  public var validationEnd: String
  /// The customers evaluated on the validation window.
  public var validationCustomers: Int
  /// The chosen point's NDCG@k on the validation window, or `nil` for a family with one point
  /// (nothing to choose, so it is not evaluated there).
  public var validationNDCGAtK: Double?
  /// The test figures of the chosen point, refitted on everything before the test split.
  public var test: EvaluationResult
  /// The seconds spent choosing, refitting and evaluating.
  public var seconds: Double

  /// Creates a result.
  public init(
    recommender: String, parameters: [String: Double], candidatesTried: Int, validationStart: String,
    validationEnd: String, validationCustomers: Int, validationNDCGAtK: Double?, test: EvaluationResult, seconds: Double
  ) {
    self.recommender = recommender
    self.parameters = parameters
    self.candidatesTried = candidatesTried
    self.validationStart = validationStart
    self.validationEnd = validationEnd
    self.validationCustomers = validationCustomers
    self.validationNDCGAtK = validationNDCGAtK
    self.test = test
    self.seconds = seconds
  }
}
