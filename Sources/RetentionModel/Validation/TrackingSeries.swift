public import Foundation

/// Cumulative repeat purchases of a cohort period by period, predicted and actual: the tracking
/// plot of Fader, Hardie & Lee (2005), Fig. 4.
///
/// The prediction sums E[X(τ - s_i)] over the customers, where s_i is customer i's first
/// purchase and τ the end of the period, so customers acquired at different times each
/// contribute from their own start:
///
/// ```swift
/// let series = try model.trackingSeries(log, summaries: summaries, origin: start, periods: 78)
/// if let predicted = series.predicted.last, let actual = series.actual?.last {
///   print(predicted, actual)  // CDNOW week 78: BG/NBD about 4 % low
/// }
/// ```
public struct TrackingSeries: Sendable, Hashable, Codable {
  /// The length of one period: a day or a week.
  public var unit: TimeUnit
  /// The period numbers 1, 2, ..., n.
  public var periods: [Int]
  /// Expected cumulative repeat purchases by the end of each period.
  public var predicted: [Double]
  /// Actual cumulative repeat purchases by the end of each period, or `nil` when not given.
  public var actual: [Double]?
  /// The last period of the calibration, if known.
  public var calibrationPeriods: Int?

  /// Predicted purchases in each period (differences of ``predicted``).
  public var predictedPerPeriod: [Double] { Self.differences(predicted) }
  /// Actual purchases in each period (differences of ``actual``), or `nil`.
  public var actualPerPeriod: [Double]? { actual.map(Self.differences) }

  /// Creates a series.
  ///
  /// - Parameters:
  ///   - unit: The length of one period.
  ///   - predicted: Cumulative expected repeat purchases per period.
  ///   - actual: Cumulative actual repeat purchases per period, if known (same length).
  ///   - calibrationPeriods: The last calibration period, if known.
  public init(unit: TimeUnit, predicted: [Double], actual: [Double]? = nil, calibrationPeriods: Int? = nil) {
    precondition(actual.map { $0.count == predicted.count } ?? true, "series must have equal lengths")
    self.unit = unit
    periods = predicted.indices.map { $0 + 1 }
    self.predicted = predicted
    self.actual = actual
    self.calibrationPeriods = calibrationPeriods
  }

  private static func differences(_ values: [Double]) -> [Double] {
    values.indices.map { $0 == 0 ? values[0] : values[$0] - values[$0 - 1] }
  }
}

extension RepeatPurchaseModel {
  /// Expected cumulative repeat purchases of customers with given first purchase times:
  /// Σ_i E[X(max(0, τ - s_i))] at each evaluation time τ.
  ///
  /// ```swift
  /// // Two customers starting at days 0 and 3, counted at the end of weeks 1 and 2:
  /// model.expectedCumulativeRepeatPurchases(firstPurchases: [0, 3], at: [7, 14], unit: .days)
  /// ```
  ///
  /// - Parameters:
  ///   - firstPurchases: s_i per customer, in periods of `unit` since a common origin.
  ///   - times: The evaluation times τ, in periods of `unit` since the same origin.
  ///   - unit: The unit of `firstPurchases` and `times`; each τ - s_i is converted to the
  ///     model's ``unit``.
  /// - Returns: One cumulative expectation per time.
  /// - Complexity: O(*n* + *s* · *m*), for *n* customers with *s* distinct first purchase times
  ///   and *m* evaluation times.
  public func expectedCumulativeRepeatPurchases(firstPurchases: [Double], at times: [Double], unit: TimeUnit)
    -> [Double]
  {
    var counts: [Double: Double] = [:]
    for start in firstPurchases { counts[start, default: 0] += 1 }
    let starts = counts.keys.sorted()
    return times.map { time in
      var total = 0.0
      for start in starts where start < time {
        total +=
          counts[start, default: 0] * expectedPurchases(withinPeriods: unit.converting(time - start, to: self.unit))
      }
      return total
    }
  }

  /// The tracking series of the customers of `summaries`, with the actual repeat purchases read
  /// from the log they were computed from.
  ///
  /// Period t covers the calendar days from origin + (t-1) units to origin + t units (exclusive),
  /// in the summaries' clock and unit; the predictions are computed in the model's ``unit``. A customer's repeat purchases are their purchase days
  /// after the first (same-day purchases merge, as in the summaries); the prediction for a
  /// customer whose first purchase day is k at the end of period t is E[X(τ)] with
  /// τ = (last day of period t - k) in the unit, the convention of the summaries' T.
  ///
  /// - Parameters:
  ///   - log: The order log the summaries were computed from.
  ///   - summaries: The customers to track (for example one acquisition cohort).
  ///   - origin: The start of period 1.
  ///   - periods: The number of periods, `>= 1`.
  /// - Returns: Predicted and actual cumulative repeat purchases per period.
  /// - Complexity: O(*n* + *o* + *s* · *periods*), for *n* customers with *o* orders and *s*
  ///   distinct first purchase days.
  public func trackingSeries(_ log: OrderLog, summaries: CustomerSummaries, origin: Date, periods: Int) -> TrackingSeries {
    let unit = summaries.options.unit
    return TrackingSeries.tracking(log, summaries: summaries, origin: origin, periods: periods) { firstPurchases, times in
      expectedCumulativeRepeatPurchases(firstPurchases: firstPurchases, at: times, unit: unit)
    }
  }
}

extension TrackingSeries {
  /// The tracking series of `summaries` with the actual repeat purchases read from `log` and the
  /// prediction computed by `predict(firstPurchases, times)` (both in periods of the summaries'
  /// unit since `origin`), so that models outside ``RepeatPurchaseModel`` (the BG/BB on a daily
  /// calendar) are tracked against the same actuals.
  ///
  /// - Complexity: O(*n* + *o*) plus the cost of `predict`, for *n* customers with *o* orders.
  static func tracking(
    _ log: OrderLog, summaries: CustomerSummaries, origin: Date, periods: Int,
    predict: ([Double], [Double]) -> [Double]
  ) -> TrackingSeries {
    precondition(periods >= 1, "track at least one period")
    let options = summaries.options
    let clock = options.clock
    let length = Int(options.unit.days)
    let originDay = clock.day(of: origin)
    let lastDay = originDay + periods * length - 1
    var firstPurchases: [Double] = []
    firstPurchases.reserveCapacity(summaries.count)
    var repeatsPerPeriod = [Double](repeating: 0, count: periods)
    for index in summaries.indices {
      let firstDay = clock.day(ofSeconds: summaries.firstOrderTimes[index])
      firstPurchases.append(Double(firstDay - originDay) / Double(length))
      var previousDay = firstDay
      for position in log.orderIndices(ofCustomerNumber: Int(summaries.customerNumbers[index])) {
        let order = Int(position)
        guard log.orderIsPurchase[order] else { continue }
        let day = clock.day(ofSeconds: log.orderTimes[order])
        guard day > previousDay else { continue }
        previousDay = day
        guard day >= originDay, day <= lastDay else { continue }
        repeatsPerPeriod[(day - originDay) / length] += 1
      }
    }
    var actual: [Double] = []
    var running = 0.0
    for value in repeatsPerPeriod {
      running += value
      actual.append(running)
    }
    let times = (1...periods).map { Double($0 * length - 1) / Double(length) }
    let predicted = predict(firstPurchases, times)
    var calibrationPeriods: Int?
    if let calibrationEnd = options.calibrationEnd {
      calibrationPeriods = (clock.day(of: calibrationEnd) - originDay + 1) / length
    }
    return TrackingSeries(
      unit: options.unit, predicted: predicted, actual: actual, calibrationPeriods: calibrationPeriods)
  }
}
