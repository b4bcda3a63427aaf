public import Foundation

/// When each customer runs out of what, when to remind them, and when to hand over to win-back.
///
/// Only products that customers rebuy are planned: ``ReplenishmentExclusions`` (default
/// ``ReplenishmentExclusions/standard``) leaves out postage, fees, gift cards, products too few
/// customers bought twice, products bought again no more often than by chance and products
/// without a stable interval, each with a reason (``excluded``).
///
/// For every customer and product kept (REFERENCES.md, "Replenishment"): the
/// interval per unit is the customer's own median once they have `minimumOwnIntervals`
/// intervals of the product, otherwise the product's median; the expected run-out is the last
/// purchase day plus that interval times the quantity last bought; the reminder goes at
/// ``ReminderTiming/fraction(_:)`` of the interval (default 0.75) or a number of days before
/// the run-out; past the last purchase plus the product's 75th percentile times the quantity
/// (or the customer's own interval, if longer), and at the latest one interval after the
/// reminder date, the customer is handed over to win-back: a run-out long past is not a reminder.
///
/// ```swift
/// let plan = ReplenishmentPlan(log, asOf: today)
/// for reminder in plan.reminders where reminder.status == .due {
///   print(reminder.customerID, reminder.productID, reminder.runOutDate)
/// }
/// ```
public struct ReplenishmentPlan: Sendable {
  /// When the reminder goes out.
  public enum ReminderTiming: Sendable, Hashable {
    /// At this fraction (`0...1`) of the expected interval after the last purchase.
    case fraction(Double)
    /// This many days before the expected run-out (never before the last purchase day).
    case daysBeforeRunOut(Double)
  }

  /// Where a customer stands with a product on the plan's day.
  public enum Status: String, Sendable, Hashable, Codable {
    /// The reminder date lies ahead.
    case upcoming
    /// The reminder date has come and the customer is not yet past the hand-over (so the
    /// reminder date is less than one interval in the past).
    case due
    /// Past the 75th percentile, or one interval past the reminder: the customer is lapsing;
    /// win-back takes over.
    case handOverToWinBack
  }

  /// One customer's replenishment of one product.
  public struct Reminder: Sendable, Hashable, Codable {
    /// The customer id.
    public var customerID: String
    /// The product id.
    public var productID: String
    /// The product's name.
    public var productName: String?
    /// The start of the last purchase day.
    public var lastPurchase: Date
    /// The quantity bought that day.
    public var quantity: Double
    /// The expected days until the customer runs out (interval per unit × quantity).
    public var expectedDays: Double
    /// Whether the interval is the customer's own median (else the product's).
    public var usesOwnInterval: Bool
    /// The expected run-out date.
    public var runOutDate: Date
    /// When to remind.
    public var reminderDate: Date
    /// When to hand over to win-back.
    public var winBackDate: Date
    /// The status on the plan's day.
    public var status: Status
    /// Why, in words.
    public var reason: String
  }

  /// The plan's day.
  public let asOf: Date
  /// The intervals the plan is built on.
  public let intervals: RepurchaseIntervals
  /// Every customer-product pair of a product kept, by reminder date, then customer and product.
  public let reminders: [Reminder]
  /// The rules that chose the products.
  public let exclusions: ReplenishmentExclusions
  /// Every product of the log that gets no reminders on the plan's day, with the rule and
  /// reason of each (``ReplenishmentExclusions/excludedProducts(_:)``), by product id.
  public let excluded: [ReplenishmentExclusions.ExcludedProduct]

  /// Plans the reminders.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - asOf: The plan's day (orders after it are ignored).
  ///   - timing: When to remind (default 0.75 of the interval).
  ///   - exclusions: The products left out (default ``ReplenishmentExclusions/standard``;
  ///     ``ReplenishmentExclusions/none`` plans every product with a distribution).
  ///   - options: The interval options.
  /// - Complexity: O(*l* + *s* log *s*), where *l* is the number of lines and *s* the intervals.
  public init(
    _ log: OrderLog, asOf: Date, timing: ReminderTiming = .fraction(0.75),
    exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = RepurchaseIntervals.Options()
  ) {
    self.init(log, asOf: asOf, timing: timing, exclusions: exclusions, options: options, keeping: nil)
  }

  /// The timing of a reminder, before its strings are built: what ``init(_:asOf:timing:exclusions:options:keeping:)``
  /// asks about each customer-product pair.
  package struct Timing {
    /// The reminder's ``Reminder/lastPurchase``.
    package var lastPurchase: Date
    /// The reminder's ``Reminder/expectedDays``.
    package var expectedDays: Double
    /// The reminder's ``Reminder/reminderDate``.
    package var reminderDate: Date
    /// The reminder's ``Reminder/status``.
    package var status: Status
  }

  /// Plans only the reminders a caller keeps: `keeping` sees each pair's timing before the
  /// reminder's strings are built (a daily run needs the few due in its window, not a reason
  /// for each of a million pairs); `nil` keeps every reminder, as the public initializer.
  ///
  /// - Complexity: O(*l* + *s* + *k* log *k*), where *l* is the number of lines, *s* the
  ///   intervals and *k* the reminders kept.
  package init(
    _ log: OrderLog, asOf: Date, timing: ReminderTiming, exclusions: ReplenishmentExclusions,
    options: RepurchaseIntervals.Options, keeping: ((Timing) -> Bool)?
  ) {
    if case .fraction(let value) = timing { precondition((0...1).contains(value), "the fraction is in 0...1") }
    if case .daysBeforeRunOut(let value) = timing { precondition(value >= 0, "days before run-out are not negative") }
    self.asOf = asOf
    let intervals = RepurchaseIntervals(log, asOf: asOf, options: options)
    self.intervals = intervals
    self.exclusions = exclusions
    let excluded = exclusions.excludedProducts(intervals)
    self.excluded = excluded
    let excludedIDs = Set(excluded.map(\.productID))
    let isExcluded = intervals.products.map { excludedIDs.contains($0.id) }
    let clock = options.clock
    let today = clock.day(of: asOf)
    var reminders: [Reminder] = []
    for track in intervals.tracks where !isExcluded[Int(track.product)] {
      guard let distribution = intervals.distributions[Int(track.product)], let lastDay = track.days.last,
        let quantity = track.quantities.last
      else { continue }
      let own = RepurchaseIntervals.normalisedIntervals(track)
      let usesOwn = own.count >= options.minimumOwnIntervals
      let perUnit = usesOwn ? percentile(own.sorted(), 0.5) : distribution.median
      let expected = perUnit * quantity
      let remindAfter: Double
      switch timing {
      case .fraction(let value): remindAfter = value * expected
      case .daysBeforeRunOut(let days): remindAfter = Swift.max(0, expected - days)
      }
      let handOver = Swift.max(distribution.upperQuartile * quantity, expected)
      func date(after days: Double) -> Date {
        clock.startOfDay(lastDay + Int(days.rounded(.up)))
      }
      let reminderDay = lastDay + Int(remindAfter.rounded(.up))
      let winBackDay = Swift.min(lastDay + Int(handOver.rounded(.up)), reminderDay + Int(expected.rounded(.up)))
      let status: Status = today >= winBackDay ? .handOverToWinBack : (today >= reminderDay ? .due : .upcoming)
      if let keeping,
        !keeping(
          Timing(
            lastPurchase: clock.startOfDay(lastDay), expectedDays: expected,
            reminderDate: clock.startOfDay(reminderDay),
            status: status))
      {
        continue
      }
      let product = intervals.products[Int(track.product)]
      let source =
        usesOwn
        ? "your own median of \(own.count) intervals" : "the median of \(distribution.sampleSize) customers' intervals"
      reminders.append(
        Reminder(
          customerID: intervals.customerIDs[Int(track.customer)], productID: product.id, productName: product.name,
          lastPurchase: clock.startOfDay(lastDay), quantity: quantity, expectedDays: expected, usesOwnInterval: usesOwn,
          runOutDate: date(after: expected), reminderDate: clock.startOfDay(reminderDay),
          winBackDate: clock.startOfDay(winBackDay), status: status,
          reason:
            "\(formatted(quantity)) × \(formatted(perUnit)) days per unit (\(source)): runs out about \(isoDay(date(after: expected)))"
        ))
    }
    reminders.sort {
      if $0.reminderDate != $1.reminderDate { return $0.reminderDate < $1.reminderDate }
      if $0.customerID != $1.customerID { return $0.customerID < $1.customerID }
      return $0.productID < $1.productID
    }
    self.reminders = reminders
  }

  /// The reminders due on the plan's day (reminder date reached, not yet handed over).
  public var due: [Reminder] { reminders.filter { $0.status == .due } }
}
