public import Foundation

/// How well replenishment reminders would have worked in a past window, against a naive baseline.
///
/// The plan is made on the orders placed before `windowStart` only (its
/// ``ReplenishmentPlan/quantityElasticity`` too). The reminders it would
/// have sent on the days of the window `[windowStart, windowStart + windowDays)` are scored:
/// a reminder *converts* when the customer bought the product on the reminder day or in the
/// `responseDays` after it. A reminder whose customer bought the product in the window before
/// the reminder day is not counted (the daily plan would have moved it). The **baseline**
/// reminds every customer of every product they bought, at the last purchase plus the product's
/// median interval between purchase days (not per unit, no exclusions, no own cadence), scored
/// the same way. The figure to compare is the share of reminders that convert.
///
/// Choose the window so that its response period ends by the end of the data
/// (``latestWindowStart(observedThrough:windowDays:responseDays:clock:)``).
///
/// ```swift
/// let start = ReplenishmentEvaluation.latestWindowStart(observedThrough: lastOrder)
/// let evaluation = ReplenishmentEvaluation(log, windowStart: start)
/// print(evaluation.plan.conversion, evaluation.baseline.conversion)
/// ```
public struct ReplenishmentEvaluation: Sendable, Hashable, Codable {
  /// The reminders of one arm and how many converted.
  public struct Outcome: Sendable, Hashable, Codable {
    /// The reminders sent in the window.
    public var reminders: Int
    /// The reminders followed by a purchase of the product within the response period.
    public var converted: Int
    /// The distinct products reminded of.
    public var products: Int
    /// `converted / reminders` (`0...1`; `0` without reminders).
    public var conversion: Double
  }

  /// The first day of the window (start of day in the options' clock).
  public var windowStart: Date
  /// The end of the window (exclusive).
  public var windowEnd: Date
  /// The days after a reminder in which a purchase counts (the reminder day included).
  public var responseDays: Int
  /// The plan's reminders.
  public var plan: Outcome
  /// The baseline's reminders (everyone, at the product's median interval).
  public var baseline: Outcome
  /// The plan's quantity elasticity, estimated on the orders before the window (or as given).
  public var quantityElasticity: QuantityElasticity

  /// Whether the plan's conversion exceeds the baseline's.
  public var beatsBaseline: Bool { plan.conversion > baseline.conversion }

  /// Scores the reminders of a past window.
  ///
  /// - Parameters:
  ///   - log: The order log, with orders through the end of the response period.
  ///   - windowStart: The first reminder day (its start of day in the clock is used).
  ///   - windowDays: The days of reminders (default 30, at least 1).
  ///   - responseDays: The days after each reminder in which a purchase converts (default 30,
  ///     at least 1).
  ///   - timing: When the plan reminds (default 7 days before the run-out).
  ///   - exclusions: The plan's products (default ``ReplenishmentExclusions/standard``).
  ///   - options: The interval options.
  ///   - quantityElasticity: The plan's elasticity in `0...1`, or `nil` (the default) to
  ///     estimate it from the orders before the window.
  /// - Complexity: O(*l* + *s* log *s*), where *l* is the number of lines and *s* the intervals.
  public init(
    _ log: OrderLog, windowStart: Date, windowDays: Int = 30, responseDays: Int = 30,
    timing: ReplenishmentPlan.ReminderTiming = .daysBeforeRunOut(7), exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = RepurchaseIntervals.Options(), quantityElasticity: Double? = nil
  ) {
    precondition(windowDays >= 1 && responseDays >= 1, "the window and the response period last a day at least")
    let clock = options.clock
    let firstDay = clock.day(of: windowStart)
    let endDay = firstDay + windowDays
    self.windowStart = clock.startOfDay(firstDay)
    self.windowEnd = clock.startOfDay(endDay)
    self.responseDays = responseDays
    let plan = ReplenishmentPlan(
      log, asOf: self.windowStart.addingTimeInterval(-0.001), timing: timing, exclusions: exclusions, options: options,
      quantityElasticity: quantityElasticity)
    self.quantityElasticity = plan.quantityElasticity
    let later = Self.purchaseDays(log, from: firstDay, to: endDay + responseDays, clock: clock)
    let productCount = log.products.count
    func score(_ reminders: [(customer: Int, product: Int, day: Int)]) -> Outcome {
      var sent = 0
      var converted = 0
      var products = Set<Int>()
      for reminder in reminders where (firstDay..<endDay).contains(reminder.day) {
        let days = later[reminder.customer * productCount + reminder.product] ?? []
        if days.contains(where: { $0 < reminder.day }) { continue }
        sent += 1
        products.insert(reminder.product)
        if days.contains(where: { $0 < reminder.day + responseDays }) { converted += 1 }
      }
      return Outcome(
        reminders: sent, converted: converted, products: products.count,
        conversion: sent > 0 ? Double(converted) / Double(sent) : 0)
    }
    let customerNumbers = Dictionary(
      log.customerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let productNumbers = Dictionary(
      log.products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.plan = score(
      plan.reminders.compactMap { reminder in
        guard reminder.reminderDate < reminder.winBackDate, let customer = customerNumbers[reminder.customerID],
          let product = productNumbers[reminder.productID]
        else { return nil }
        return (customer, product, clock.day(of: reminder.reminderDate))
      })
    let medians = Self.medianGaps(plan.intervals.tracks, productCount: productCount, minimum: options.minimumSampleSize)
    self.baseline = score(
      plan.intervals.tracks.compactMap { track in
        guard let median = medians[Int(track.product)], let last = track.days.last else { return nil }
        return (Int(track.customer), Int(track.product), last + Int(median.rounded()))
      })
  }

  /// The latest window whose response period ends on the last observed day.
  ///
  /// - Parameters:
  ///   - end: The last observed instant (the data's end).
  ///   - windowDays: The days of reminders (default 30).
  ///   - responseDays: The response period (default 30).
  ///   - clock: The calendar of days (UTC by default).
  /// - Returns: The start of the window: the day after `end`'s day minus both periods.
  public static func latestWindowStart(
    observedThrough end: Date, windowDays: Int = 30, responseDays: Int = 30, clock: DayClock = DayClock()
  ) -> Date {
    clock.startOfDay(clock.day(of: end) + 1 - windowDays - responseDays)
  }

  /// Purchase days in `from..<to` of every (customer, product), keyed customer × products + product.
  static func purchaseDays(_ log: OrderLog, from: Int, to: Int, clock: DayClock) -> [Int: [Int]] {
    var days: [Int: [Int]] = [:]
    let productCount = log.products.count
    for customer in 0..<log.customerCount {
      for index in log.orderIndices(ofCustomerNumber: customer) {
        let order = Int(index)
        guard log.orderIsPurchase[order] else { continue }
        let day = clock.day(ofSeconds: log.orderTimes[order])
        guard day >= from && day < to else { continue }
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1])
        where log.lineQuantities[line] > 0 {
          days[customer * productCount + Int(log.lineProducts[line]), default: []].append(day)
        }
      }
    }
    return days
  }

  /// The median days between consecutive purchase days of each product (not per unit), for
  /// products with at least `minimum` gaps.
  static func medianGaps(_ tracks: [RepurchaseIntervals.Track], productCount: Int, minimum: Int) -> [Double?] {
    var gaps = [[Double]](repeating: [], count: productCount)
    for track in tracks where track.days.count >= 2 {
      for index in 1..<track.days.count {
        gaps[Int(track.product)].append(Double(track.days[index] - track.days[index - 1]))
      }
    }
    return gaps.map { $0.count >= minimum ? percentile($0.sorted(), 0.5) : nil }
  }
}
