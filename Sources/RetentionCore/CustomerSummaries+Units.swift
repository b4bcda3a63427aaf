extension CustomerSummaries {
  /// The same summaries with t_x, T and the holdout length in another unit (seven days per
  /// week); the calendar cut, the counts, the money and the dates are unchanged.
  ///
  /// Models convert summaries in another unit than their own with this, once per call, so a
  /// weekly model scoring daily summaries gives the numbers of the weekly summaries:
  ///
  /// ```swift
  /// let daily = log.summaries(SummaryOptions(observationEnd: end, unit: .days))
  /// let weekly = daily.converted(to: .weeks)   // recency and age divided by 7
  /// ```
  ///
  /// - Parameter unit: The unit to express the time columns in.
  /// - Returns: The summaries themselves when `unit` is their own, otherwise the converted
  ///   summaries with ``SummaryOptions/unit`` set to `unit`.
  /// - Complexity: O(1) when the unit is the same, otherwise O(*n*), where *n* is the number of
  ///   customers.
  public func converted(to unit: TimeUnit) -> CustomerSummaries {
    let from = options.unit
    guard unit != from else { return self }
    var options = options
    options.unit = unit
    return CustomerSummaries(
      options: options, customerIDs: customerIDs, customerNumbers: customerNumbers, frequency: frequency,
      recency: recency.map { from.converting($0, to: unit) }, age: age.map { from.converting($0, to: unit) },
      monetaryValue: monetaryValue, orderCounts: orderCounts, revenue: revenue, firstOrderTimes: firstOrderTimes,
      lastOrderTimes: lastOrderTimes, holdoutFrequency: holdoutFrequency, holdoutRevenue: holdoutRevenue,
      holdoutLength: holdoutLength.converted(to: unit))
  }
}
