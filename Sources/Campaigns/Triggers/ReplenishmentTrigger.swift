public import Foundation

/// Finds the people about to run out of a product, for the replenishment flow
/// (``Flow/replenishment(leadDays:exclusions:options:channel:controlShare:)``).
///
/// Built on ``ReplenishmentPlan`` (REFERENCES.md, "Replenishment"): for every customer and
/// product with a known repurchase interval, the run-out is the last purchase day plus the
/// interval per unit times the quantity last bought. The reminder goes ``leadDays`` before the
/// run-out, but never earlier than ``earliestFraction`` of the interval after the purchase (a
/// product that lasts five days is not reminded of on the day it was bought). A person enters
/// on the reminder day with the product, unless
/// - the product is one customers do not rebuy (``exclusions``: postage, fees, gift cards,
///   durable goods, products without a stable interval; the one rule set of
///   ``ReplenishmentExclusions``, shared with ``ReplenishmentPlan`` and `secondsale replenish`),
/// - the person is past the hand-over to win-back, or
/// - the reminder day lies outside the window: only reminders due in the window, or at most
///   ``catchUp`` before it, are returned, so that a reminder long past is never sent late.
///
/// Buying the product again moves the last purchase, and with it the reminder (the entry's key
/// is the product and the day of the last purchase, `beans:2024-01-31`); run the planner daily
/// over one-day windows so that each reminder day falls in one window.
///
/// ```swift
/// let trigger = ReplenishmentTrigger(leadDays: 5)
/// for entry in trigger.entries(in: context) { print(entry.person, entry.products, entry.time) }
/// ```
public struct ReplenishmentTrigger: CampaignTrigger {
  /// How many days before the expected run-out to remind.
  public var leadDays: Double
  /// The earliest reminder, as a fraction (`0...1`) of the expected interval after the purchase.
  public var earliestFraction: Double
  /// The products never reminded of.
  public var exclusions: ReplenishmentExclusions
  /// The interval options (minimum samples, subscription tag, calendar).
  public var options: RepurchaseIntervals.Options
  /// How long before the window a reminder may have been due and still be returned, in seconds
  /// (keep it equal to the planner's catch-up).
  public var catchUp: TimeInterval

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - leadDays: Days before the run-out (default 7).
  ///   - earliestFraction: The earliest reminder as a fraction of the interval (default 0.5).
  ///   - exclusions: The products never reminded of (default ``ReplenishmentExclusions/standard``).
  ///   - options: The interval options.
  ///   - catchUp: How late a reminder may still be returned, in seconds (default 1 hour).
  public init(
    leadDays: Double = 7, earliestFraction: Double = 0.5, exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = .init(), catchUp: TimeInterval = 3_600
  ) {
    precondition(leadDays >= 0, "the lead time must not be negative")
    precondition((0...1).contains(earliestFraction), "the earliest fraction lies in 0...1")
    precondition(catchUp >= 0, "the catch-up must not be negative")
    self.leadDays = leadDays
    self.earliestFraction = earliestFraction
    self.exclusions = exclusions
    self.options = options
    self.catchUp = catchUp
  }

  /// `replenishment`.
  public var name: String { "replenishment" }

  /// One entry per person and product whose reminder day falls in the window (or within the
  /// catch-up before it).
  ///
  /// - Parameter context: The orders and window.
  /// - Returns: The entries, by reminder day, then person and product.
  /// - Complexity: That of ``ReplenishmentPlan/init(_:asOf:timing:exclusions:options:)``.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    let earliest = context.window.lowerBound.addingTimeInterval(-catchUp)
    let window = context.window
    // Only the reminders due in the window are spelled out (their reasons, their order).
    let plan = ReplenishmentPlan(
      context.orders, asOf: context.asOf, timing: .daysBeforeRunOut(leadDays), exclusions: exclusions,
      options: options,
      keeping: { [self] timing in
        guard timing.status != .handOverToWinBack else { return false }
        let remindAt = remindAt(
          lastPurchase: timing.lastPurchase, expectedDays: timing.expectedDays, reminderDate: timing.reminderDate)
        return remindAt >= earliest && remindAt < window.upperBound
      })
    let clock = options.clock
    let entries = plan.reminders.compactMap { reminder -> FlowEntry? in
      guard reminder.status != .handOverToWinBack else { return nil }
      let remindAt = remindAt(
        lastPurchase: reminder.lastPurchase, expectedDays: reminder.expectedDays, reminderDate: reminder.reminderDate)
      guard remindAt >= earliest, remindAt < window.upperBound else { return nil }
      return FlowEntry(
        person: reminder.customerID, time: remindAt,
        key: "\(reminder.productID):\(clock.isoDate(of: reminder.lastPurchase))",
        products: [reminder.productID], reason: reminder.reason)
    }
    return entries.sorted { ($0.time, $0.person, $0.key) < ($1.time, $1.person, $1.key) }
  }

  /// When a reminder goes: its reminder date, but not before ``earliestFraction`` of the
  /// expected interval after the last purchase.
  private func remindAt(lastPurchase: Date, expectedDays: Double, reminderDate: Date) -> Date {
    let clock = options.clock
    let lastDay = clock.day(of: lastPurchase)
    let floor = clock.startOfDay(lastDay + Int((earliestFraction * expectedDays).rounded(.up)))
    return Swift.max(reminderDate, floor)
  }

  /// The products of a log that get no reminder, with the reason of each.
  ///
  /// - Parameter log: The order log.
  /// - Returns: Product id → reason (`name has "postage"`, `bought on two or more days by 1 customer(s); 2 needed`).
  /// - Complexity: That of ``RepurchaseIntervals/init(_:asOf:options:)`` plus
  ///   ``ReplenishmentExclusions/excludedProducts(_:quantityElasticity:)``.
  public func excludedProducts(in log: OrderLog) -> [String: String] {
    let intervals = RepurchaseIntervals(log, options: options)
    return Dictionary(
      exclusions.excludedProducts(intervals).map { ($0.productID, $0.reason) }, uniquingKeysWith: { first, _ in first })
  }
}
