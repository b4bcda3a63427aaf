/// How far a model's period-by-period tracking of repeat purchases is from what happened: the
/// mean absolute percentage error (MAPE) of the cumulative and of the per-period repeat purchases
/// of a ``TrackingSeries`` over the holdout periods.
///
/// Fader, Hardie & Lee (2005, Fig. 4) judge the BG/NBD on CDNOW by its tracking plot of weekly
/// cumulative repeat purchases: about 4 % low at week 78. The error is the same comparison as a
/// number, so that models can be ranked by it:
///
/// ```swift
/// let series = model.trackingSeries(log, summaries: summaries, origin: start, periods: 78)
/// let error = TrackingError(series)
/// print(error.cumulativeMeanAbsolutePercentageError ?? .nan)   // CDNOW BG/NBD: about 0.02
/// ```
///
/// The periods compared are those after the calibration (``TrackingSeries/calibrationPeriods``)
/// when the series has some, otherwise all periods. A percentage error is undefined in a period
/// whose actual value is 0; such periods are left out of the mean (and counted in
/// ``periodsWithoutPurchases``), and a mean over no period is `nil` (`null` in JSON).
public struct TrackingError: Sendable, Hashable, Codable {
  /// The first period compared (1-based).
  public var firstPeriod: Int
  /// The last period compared.
  public var lastPeriod: Int
  /// The mean of |predicted - actual| / actual of the cumulative repeat purchases over the periods
  /// compared, as a fraction (0.02 is 2 %), or `nil` when no period has an actual value above 0.
  public var cumulativeMeanAbsolutePercentageError: Double?
  /// The mean of |predicted - actual| / actual of the repeat purchases in each period (the
  /// increments), as a fraction, or `nil` when no period compared had a purchase.
  public var incrementalMeanAbsolutePercentageError: Double?
  /// (predicted - actual) / actual of the cumulative repeat purchases at ``lastPeriod``: negative
  /// for an under-forecast; `nil` when the actual is 0.
  public var finalCumulativeError: Double?
  /// The periods compared in which nobody made a repeat purchase (left out of the incremental
  /// MAPE).
  public var periodsWithoutPurchases: Int

  /// The error of a series over its holdout periods (or all of them without a calibration end).
  ///
  /// - Parameter series: A series with actual values.
  /// - Returns: `nil` when the series has no actual values.
  /// - Complexity: O(*p*), where *p* is the number of periods.
  public init?(_ series: TrackingSeries) {
    guard let actual = series.actual, let actualPerPeriod = series.actualPerPeriod, !actual.isEmpty else {
      return nil
    }
    let count = actual.count
    var first = 0
    if let calibration = series.calibrationPeriods, calibration >= 0, calibration < count { first = calibration }
    let predictedPerPeriod = series.predictedPerPeriod
    var cumulative: [Double] = [], incremental: [Double] = []
    var empty = 0
    for index in first..<count {
      if actual[index] > 0 { cumulative.append(abs(series.predicted[index] - actual[index]) / actual[index]) }
      if actualPerPeriod[index] > 0 {
        incremental.append(abs(predictedPerPeriod[index] - actualPerPeriod[index]) / actualPerPeriod[index])
      } else {
        empty += 1
      }
    }
    func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
    firstPeriod = first + 1
    lastPeriod = count
    cumulativeMeanAbsolutePercentageError = mean(cumulative)
    incrementalMeanAbsolutePercentageError = mean(incremental)
    let last = count - 1
    finalCumulativeError = actual[last] > 0 ? (series.predicted[last] - actual[last]) / actual[last] : nil
    periodsWithoutPurchases = empty
  }

  private enum CodingKeys: String, CodingKey {
    case firstPeriod, lastPeriod, cumulativeMeanAbsolutePercentageError, incrementalMeanAbsolutePercentageError
    case finalCumulativeError, periodsWithoutPurchases
  }

  /// Encodes the error; an undefined value is written as `null`, not left out.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(firstPeriod, forKey: .firstPeriod)
    try container.encode(lastPeriod, forKey: .lastPeriod)
    try container.encodeNullable(cumulativeMeanAbsolutePercentageError, forKey: .cumulativeMeanAbsolutePercentageError)
    try container.encodeNullable(
      incrementalMeanAbsolutePercentageError, forKey: .incrementalMeanAbsolutePercentageError)
    try container.encodeNullable(finalCumulativeError, forKey: .finalCumulativeError)
    try container.encode(periodsWithoutPurchases, forKey: .periodsWithoutPurchases)
  }
}
