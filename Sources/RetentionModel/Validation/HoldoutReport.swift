import Foundation

/// How well a model fitted on a calibration period predicts the purchases of the holdout
/// period, customer by customer (Fader, Hardie & Lee 2005, Sec. 6 and Figs. 4-5).
///
/// Each customer's prediction is E[Y(h) | x, t_x, T] for the holdout length h; the report
/// compares it with the purchases actually made:
///
/// ```swift
/// let report = try fit.model.holdoutReport(summaries)
/// print(report.predicted, report.actual, report.correlation)   // CDNOW BG/NBD: correlation 0.626
/// for bin in report.byFrequency { print(bin.label, bin.predicted, bin.actual) }
/// ```
public struct HoldoutReport: Sendable, Hashable, Codable {
  /// Mean predicted and actual holdout purchases of the customers with one calibration
  /// frequency (0 ... 6) or more (7+).
  public struct FrequencyBin: Sendable, Hashable, Codable {
    /// `"0"` ... `"6"` or `"7+"`.
    public var label: String
    /// The smallest calibration frequency x of the bin.
    public var frequency: Int
    /// The number of customers in the bin.
    public var customers: Int
    /// The mean predicted holdout purchases per customer of the bin (0 when empty).
    public var predicted: Double
    /// The mean actual holdout purchases per customer of the bin (0 when empty).
    public var actual: Double
  }

  /// The number of customers compared.
  public var customers: Int
  /// The holdout length, in the unit of the summaries it was computed from.
  public var holdoutLength: TimeSpan
  /// The total predicted holdout purchases.
  public var predicted: Double
  /// The total actual holdout purchases.
  public var actual: Double
  /// The Pearson correlation of predicted and actual purchases across customers, or `nil` when
  /// it is undefined: fewer than two customers, or predictions or outcomes that do not vary (an
  /// empty holdout, in which nobody bought). JSON writes `nil` as `null`.
  public var correlation: Double?
  /// The mean absolute difference between predicted and actual purchases per customer.
  public var meanAbsoluteError: Double
  /// The comparison per calibration frequency: 0, 1, ..., 6 and 7+.
  public var byFrequency: [FrequencyBin]

  /// Compares predictions with outcomes.
  ///
  /// - Parameters:
  ///   - predicted: The predicted holdout purchases per customer.
  ///   - actual: The actual holdout purchases per customer.
  ///   - frequency: The calibration frequency x per customer (for the bins).
  ///   - holdoutLength: The holdout length.
  /// - Precondition: The arrays have equal lengths.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public init(predicted: [Double], actual: [Double], frequency: [Double], holdoutLength: TimeSpan) {
    precondition(predicted.count == actual.count && actual.count == frequency.count, "columns must have equal lengths")
    let n = predicted.count
    customers = n
    self.holdoutLength = holdoutLength
    self.predicted = predicted.reduce(0, +)
    self.actual = actual.reduce(0, +)
    var absolute = 0.0
    for index in 0..<n { absolute += abs(predicted[index] - actual[index]) }
    meanAbsoluteError = n > 0 ? absolute / Double(n) : 0
    correlation = pearsonCorrelation(predicted, actual)
    var counts = [Int](repeating: 0, count: 8)
    var predictedSums = [Double](repeating: 0, count: 8)
    var actualSums = [Double](repeating: 0, count: 8)
    for index in 0..<n {
      let bin = Swift.min(7, Swift.max(0, Int(frequency[index].rounded(.down))))
      counts[bin] += 1
      predictedSums[bin] += predicted[index]
      actualSums[bin] += actual[index]
    }
    byFrequency = (0..<8).map { bin in
      let size = counts[bin]
      return FrequencyBin(
        label: bin == 7 ? "7+" : "\(bin)", frequency: bin, customers: size,
        predicted: size > 0 ? predictedSums[bin] / Double(size) : 0,
        actual: size > 0 ? actualSums[bin] / Double(size) : 0)
    }
  }

  private enum CodingKeys: String, CodingKey {
    case customers, holdoutLength, predicted, actual, correlation, meanAbsoluteError, byFrequency
  }

  /// Encodes the report; an undefined correlation is written as `null`, not left out.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(customers, forKey: .customers)
    try container.encode(holdoutLength, forKey: .holdoutLength)
    try container.encode(predicted, forKey: .predicted)
    try container.encode(actual, forKey: .actual)
    if let correlation {
      try container.encode(correlation, forKey: .correlation)
    } else {
      try container.encodeNil(forKey: .correlation)
    }
    try container.encode(meanAbsoluteError, forKey: .meanAbsoluteError)
    try container.encode(byFrequency, forKey: .byFrequency)
  }
}

extension RepeatPurchaseModel {
  /// The calibration/holdout report of this model on summaries with a holdout period.
  ///
  /// The prediction for each customer is E[Y(h) | x, t_x, T] for the holdout length h, in the
  /// model's ``unit``; summaries in another unit are converted once.
  ///
  /// - Parameters:
  ///   - summaries: Summaries computed with a calibration end, in any unit.
  ///   - isParallel: Whether to score in parallel; `true` by default.
  /// - Returns: Predicted against actual holdout purchases, in total and per frequency bin.
  /// - Throws: ``RetentionModelError`` `.missingHoldout` when the summaries have no holdout.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func holdoutReport(_ summaries: CustomerSummaries, isParallel: Bool = true) throws -> HoldoutReport {
    guard summaries.hasHoldout, summaries.holdoutFrequency.count == summaries.count else {
      throw RetentionModelError(.missingHoldout, reason: "the summaries have no holdout period; set a calibration end")
    }
    let scores = self.scores(summaries, within: summaries.holdoutLength, isParallel: isParallel)
    return HoldoutReport(
      predicted: scores.expectedPurchases, actual: summaries.holdoutFrequency, frequency: summaries.frequency,
      holdoutLength: summaries.holdoutLength)
  }
}
