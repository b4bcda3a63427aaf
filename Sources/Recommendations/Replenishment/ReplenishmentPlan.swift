public import Foundation

/// When each customer runs out of what, when to remind them, and when to hand over to win-back.
///
/// Only products that customers rebuy are planned: ``ReplenishmentExclusions`` (default
/// ``ReplenishmentExclusions/standard``) leaves out postage, fees, gift cards, products too few
/// customers bought twice, products bought again no more often than by chance and products
/// without a stable interval, each with a reason (``excluded``).
///
/// For every customer and product kept (REFERENCES.md, "Replenishment"), the quantity
/// stretches the interval by its ``QuantityElasticity`` *b*, estimated on the orders the plan is
/// made on (one pooled slope of log interval on log quantity, in `0...1`): the interval at the
/// product's typical quantity *q̃* is the customer's own median once they have
/// `minimumOwnIntervals` intervals of the product, otherwise the product's median (each
/// interval scaled to *q̃* first, days × (*q̃* / quantity)^*b*); the expected run-out is the last
/// purchase day plus that interval × (quantity last bought / *q̃*)^*b*. With *b* = 1 this is the
/// per-unit model (interval per unit × quantity), with *b* = 0 the quantity is ignored. The
/// reminder goes at ``ReminderTiming/fraction(_:)`` of the interval (default 0.75) or a number
/// of days before the run-out; past the last purchase plus the product's 75th percentile,
/// scaled the same way (or the customer's own interval, if longer), and at the latest one
/// interval after the reminder date, the customer is handed over to win-back: a run-out long
/// past is not a reminder.
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
    /// The product's typical quantity (the median bought on the days its intervals start).
    public var typicalQuantity: Double
    /// The interval at the typical quantity, in days (the customer's own median or the product's).
    public var typicalDays: Double
    /// The expected days until the customer runs out: ``typicalDays`` × (``quantity`` /
    /// ``typicalQuantity``)^*b*, *b* the plan's ``ReplenishmentPlan/quantityElasticity``.
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
  /// How the quantity bought stretches the interval, estimated on the planned products'
  /// intervals (or as given).
  public let quantityElasticity: QuantityElasticity
  /// The planned products' intervals at their typical quantity, by descending sample size.
  public let productIntervals: [QuantityElasticity.ProductIntervals]
  /// Every customer-product pair of a product kept, by reminder date, then customer and product.
  public let reminders: [Reminder]
  /// The rules that chose the products.
  public let exclusions: ReplenishmentExclusions
  /// Every product of the log that gets no reminders on the plan's day, with the rule and
  /// reason of each (``ReplenishmentExclusions/excludedProducts(_:quantityElasticity:)``), by product id.
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
  ///   - quantityElasticity: The elasticity *b* in `0...1` (1: the per-unit model; 0: the
  ///     quantity is ignored), or `nil` (the default) to estimate it from the orders before `asOf`.
  /// - Complexity: O(*l* + *s* log *s*), where *l* is the number of lines and *s* the intervals.
  public init(
    _ log: OrderLog, asOf: Date, timing: ReminderTiming = .fraction(0.75),
    exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = RepurchaseIntervals.Options(), quantityElasticity: Double? = nil
  ) {
    self.init(
      log, asOf: asOf, timing: timing, exclusions: exclusions, options: options,
      quantityElasticity: quantityElasticity, keeping: nil)
  }

  /// The timing of a reminder, before its strings are built: what ``init(_:asOf:timing:exclusions:options:quantityElasticity:keeping:)``
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
    options: RepurchaseIntervals.Options, quantityElasticity: Double? = nil, keeping: ((Timing) -> Bool)?
  ) {
    if case .fraction(let value) = timing { precondition((0...1).contains(value), "the fraction is in 0...1") }
    if case .daysBeforeRunOut(let value) = timing { precondition(value >= 0, "days before run-out are not negative") }
    self.asOf = asOf
    let intervals = RepurchaseIntervals(log, asOf: asOf, options: options)
    self.intervals = intervals
    self.exclusions = exclusions
    // The stability rule judges the intervals the plan times run-outs with (scaled by the
    // elasticity), and the elasticity is estimated on the products the other rules keep.
    let (excluded, elasticity, scaled) = exclusions.exclusionsAndElasticity(
      intervals, quantityElasticity: quantityElasticity)
    self.quantityElasticity = elasticity
    self.excluded = excluded
    let excludedIDs = Set(excluded.map(\.productID))
    let isExcluded = intervals.products.map { excludedIDs.contains($0.id) }
    productIntervals = elasticity.productIntervals(intervals, scaled).enumerated()
      .compactMap { number, product in isExcluded[number] ? nil : product }.sortedBySampleSize()
    let clock = options.clock
    let today = clock.day(of: asOf)
    var reminders: [Reminder] = []
    for track in intervals.tracks where !isExcluded[Int(track.product)] {
      guard let distribution = scaled[Int(track.product)], let lastDay = track.days.last,
        let quantity = track.quantities.last
      else { continue }
      let own = elasticity.scaledIntervals(track)
      let usesOwn = own.count >= options.minimumOwnIntervals
      let perFactor = usesOwn ? percentile(own.sorted(), 0.5) : distribution.median
      let factor = elasticity.factor(forQuantity: quantity)
      let expected = perFactor * factor
      let remindAfter: Double
      switch timing {
      case .fraction(let value): remindAfter = value * expected
      case .daysBeforeRunOut(let days): remindAfter = Swift.max(0, expected - days)
      }
      let handOver = Swift.max(distribution.upperQuartile * factor, expected)
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
      let typicalQuantity = distribution.typicalQuantity
      let typicalDays = perFactor * elasticity.factor(forQuantity: typicalQuantity)
      let scaling = "(\(formatted(quantity))/\(formatted(typicalQuantity)))^\(formatted(elasticity.elasticity))"
      let runOut = date(after: expected)
      let reason =
        "\(formatted(quantity)) bought: \(formatted(typicalDays)) days at the typical \(formatted(typicalQuantity)) (\(source))"
        + " × \(scaling) = \(formatted(expected)) days: runs out about \(isoDay(runOut))"
      reminders.append(
        Reminder(
          customerID: intervals.customerIDs[Int(track.customer)], productID: product.id, productName: product.name,
          lastPurchase: clock.startOfDay(lastDay), quantity: quantity, typicalQuantity: typicalQuantity,
          typicalDays: typicalDays, expectedDays: expected, usesOwnInterval: usesOwn,
          runOutDate: runOut, reminderDate: clock.startOfDay(reminderDay),
          winBackDate: clock.startOfDay(winBackDay), status: status, reason: reason))
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
