import Foundation

extension ModelComparison {
  /// Fits every candidate to the same customers and picks one by ``choiceRule``.
  ///
  /// Each candidate is fitted on the compressed (x, t_x, T) triples of `summaries` (the BG/BB on
  /// their daily calendar), checked on the holdout when the summaries have one, and tracked
  /// period by period (in the summaries' unit, from the day of the earliest first purchase to
  /// the observation end) when `log` is given. A model that cannot be fitted or does not apply
  /// stays in ``entries`` with the reason.
  ///
  /// ```swift
  /// let summaries = log.summaries(SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks))
  /// let comparison = try ModelComparison(summaries, log: log)
  /// print(comparison.choice ?? "none", comparison.reason)
  /// ```
  ///
  /// - Parameters:
  ///   - summaries: The customers, computed with a calibration end for the holdout check.
  ///   - log: The order log the summaries were computed from, for the tracking error; `nil` to
  ///     skip it.
  ///   - candidates: The models to fit; ``ModelCandidate/all`` by default.
  ///   - options: The fit options of every model.
  /// - Throws: ``RetentionModelError`` `.emptyData` when there are no customers.
  /// - Complexity: The sum of the candidates' fits, plus O(*n* + *o*) per candidate for the
  ///   holdout and tracking of *n* customers with *o* orders.
  public init(
    _ summaries: CustomerSummaries, log: OrderLog? = nil, candidates: [ModelCandidate] = ModelCandidate.all,
    options: FitOptions = FitOptions()
  ) throws {
    guard !summaries.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customers to compare models on") }
    var tracking: (origin: Date, periods: Int)?
    if log != nil, let firstSeconds = summaries.firstOrderTimes.min() {
      let clock = summaries.options.clock
      let originDay = clock.day(ofSeconds: firstSeconds)
      let length = Int(summaries.options.unit.days)
      let periods = (clock.day(of: summaries.options.observationEnd) - originDay + 1) / length
      if periods >= 1 { tracking = (clock.startOfDay(originDay), periods) }
    }
    let context = ComparisonContext(
      summaries: summaries, triples: summaries.compressed(), log: log, tracking: tracking, options: options)
    let entries = candidates.map { $0.evaluate(context) }
    self.init(
      unit: summaries.options.unit, customers: summaries.count,
      holdoutLength: summaries.hasHoldout ? summaries.holdoutLength : nil, entries: entries)
  }
}
