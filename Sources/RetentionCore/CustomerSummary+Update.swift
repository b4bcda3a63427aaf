public import Foundation

extension CustomerSummary {
  /// What ``CustomerSummary/record(purchaseAt:amount:options:)`` did with an order.
  public enum UpdateOutcome: String, Sendable, Hashable, Codable {
    /// The order fell on the first or the last purchase day: it adds to orders and revenue (and,
    /// on a repeat day, to z̄) but not to x.
    case sameDay
    /// The order is the first on a day after the last purchase day: x grows by one, t_x moves.
    case newRepeatDay
    /// The order is before the first purchase day: it becomes the first purchase, the old first
    /// day becomes a repeat day, T and t_x grow.
    case newFirstDay
    /// The order is after the observation end; the summary is unchanged.
    case afterObservationEnd
    /// The order cannot be placed in O(1): it falls strictly between the first and the last
    /// purchase day (whether that day already has a purchase is not in the summary), or in the
    /// holdout period (whose purchase days are not kept). The summary is unchanged; recompute
    /// the customer from their orders.
    case needsRecomputation
  }

  /// The summary of a customer with one purchase, to be kept current with
  /// ``record(purchaseAt:amount:options:)``.
  ///
  /// ```swift
  /// var summary = try CustomerSummary(customerID: "c-17", firstPurchaseAt: date, amount: 25, options: options)
  /// let outcome = try summary.record(purchaseAt: later, amount: 40, options: options)   // .newRepeatDay
  /// ```
  ///
  /// - Parameters:
  ///   - customerID: The customer id.
  ///   - time: When the purchase was placed.
  ///   - amount: Its net value.
  ///   - options: The summary options (observation end, calibration end, unit, clock).
  /// - Throws: ``RetentionCoreError``: `.invalidArgument` if the purchase is after the end of the
  ///   calibration period (such a customer is not summarised), `.notFinite` or `.negativeValue`
  ///   for a bad amount or time.
  public init(customerID: String, firstPurchaseAt time: Date, amount: Double, options: SummaryOptions) throws {
    try Self.check(time: time, amount: amount)
    let cut = SummaryCut(options)
    var definition = CustomerSummary.Definition()
    _ = definition.read(purchaseAt: time.timeIntervalSince1970, amount: amount, cut: cut)
    guard definition.hasSummary else {
      throw RetentionCoreError(
        .invalidArgument, field: "placedAt",
        reason:
          "a first purchase after the calibration end (day \(cut.clock.day(of: time)) > \(cut.calibrationDay)) is not summarised")
    }
    let unit = options.unit.days
    let hasHoldout = options.calibrationEnd != nil
    self.init(
      customerID: customerID, frequency: definition.frequency, recency: definition.recency(daysPerPeriod: unit),
      age: definition.age(calibrationDay: cut.calibrationDay, daysPerPeriod: unit),
      monetaryValue: definition.monetaryValue, orders: definition.orders, revenue: definition.revenue,
      firstOrder: time, lastOrder: time, holdoutFrequency: hasHoldout ? Double(definition.holdoutDays) : nil,
      holdoutRevenue: hasHoldout ? definition.holdoutRevenue : nil)
  }

  /// Adds one purchase order to the summary in O(1), with the conventions of
  /// ``OrderLog/summaries(_:)``, so a shop backend can keep summaries current without
  /// recomputing.
  ///
  /// The rules are those of the one definition of a summary (`CustomerSummary.Definition` in
  /// `CustomerSummary+Definition.swift`), applied to the one new purchase; the cases below are
  /// what they come to when only the summary, not the order history, is known.
  ///
  /// With `d` the order's calendar day (in the options' clock), `first` and `last` the days of
  /// ``firstOrder`` and ``lastOrder``, and `C`/`E` the calibration and observation end days:
  /// - `d > E`: ignored, ``UpdateOutcome/afterObservationEnd``;
  /// - `C < d <= E` (holdout): ``UpdateOutcome/needsRecomputation``, unchanged;
  /// - `d == first` or `d == last`: a same-day purchase merges into that day: orders and revenue
  ///   grow, and on a repeat day z̄ = (x z̄ + amount) / x; x, t_x and T stay;
  /// - `d > last`: a new repeat day: x + 1, t_x = (d − first) / unit, z̄ = (x z̄ + amount) / (x + 1);
  /// - `d < first`: a new first day: the old first day becomes a repeat day, so x + 1,
  ///   z̄ = old revenue / (x + 1), t_x and T are measured from `d`;
  /// - `first < d < last`: ``UpdateOutcome/needsRecomputation``, unchanged.
  ///
  /// Counts, days and times are exact; z̄ and revenue agree with a recomputation to rounding
  /// (z̄ is stored as a mean, so x z̄ restores the repeat value to within an ulp or so).
  ///
  /// - Parameters:
  ///   - time: When the order was placed.
  ///   - amount: Its net value (a purchase; cancelled orders are not recorded).
  ///   - options: The options the summary was computed with.
  /// - Returns: What happened to the order.
  /// - Throws: ``RetentionCoreError``: `.notFinite` or `.negativeValue` for a bad amount or
  ///   time, `.invalidArgument` if the summary does not fit the options (its first purchase is
  ///   after their calibration end).
  /// - Complexity: O(1).
  @discardableResult
  public mutating func record(purchaseAt time: Date, amount: Double, options: SummaryOptions) throws -> UpdateOutcome {
    try Self.check(time: time, amount: amount)
    let cut = SummaryCut(options)
    let unit = options.unit.days
    let day = cut.clock.day(of: time)
    let firstDay = cut.clock.day(of: firstOrder)
    let lastDay = cut.clock.day(of: lastOrder)
    guard firstDay <= cut.calibrationDay else {
      throw RetentionCoreError(
        .invalidArgument, field: "firstOrder",
        reason: "customer \(customerID): the first purchase is after the calibration end of these options")
    }
    if day > cut.observationDay { return .afterObservationEnd }
    if day > cut.calibrationDay { return .needsRecomputation }
    if day == firstDay || day == lastDay {
      if day != firstDay { monetaryValue = (monetaryValue * frequency + amount) / frequency }
      if time < firstOrder { firstOrder = time }
      if time > lastOrder { lastOrder = time }
      orders += 1
      revenue += amount
      return .sameDay
    }
    if day > lastDay {
      monetaryValue = (monetaryValue * frequency + amount) / (frequency + 1)
      frequency += 1
      recency = Double(day - firstDay) / unit
      lastOrder = time
      orders += 1
      revenue += amount
      return .newRepeatDay
    }
    if day < firstDay {
      // Every earlier purchase is now on a repeat day: the old first day and the old repeats.
      frequency += 1
      monetaryValue = revenue / frequency
      recency = Double(lastDay - day) / unit
      age = Double(cut.calibrationDay - day) / unit
      firstOrder = time
      orders += 1
      revenue += amount
      return .newFirstDay
    }
    return .needsRecomputation
  }

  private static func check(time: Date, amount: Double) throws {
    guard time.timeIntervalSince1970.isFinite else {
      throw RetentionCoreError(.notFinite, field: "placedAt", reason: "the order time is not finite")
    }
    guard amount.isFinite else {
      throw RetentionCoreError(.notFinite, field: "amount", reason: "the amount is \(amount)")
    }
    guard amount >= 0 else {
      throw RetentionCoreError(.negativeValue, field: "amount", reason: "the amount \(amount) is negative")
    }
  }
}
