public import Foundation

/// Finds first-time buyers for the second-purchase nudge (``Flow/secondPurchaseNudge(firstWait:secondWait:incentive:channel:productCount:controlShare:)``).
///
/// A person enters when all their purchases known at the planning instant fall on one
/// calendar day (in ``clock``; several orders on one day are one purchase, as in the customer
/// statistics): the entry time is their last order of that day, so the flow's waits count from
/// it, and the entry is about the products of that day. A second purchase day ends it: such a
/// person no longer enters, and the flow's `.ordered` exit stops a nudge whose person ordered
/// since. Entries older than ``maximumAge`` (all their steps are past) are left out, and so
/// are entries whose time lies outside the context's ``CampaignContext/entryTimes`` (the
/// planner sets them from the flow's waits, so that only entries with a step due remain).
///
/// ```swift
/// let trigger = SecondPurchaseNudgeTrigger(maximumAge: 52 * 86_400)
/// let entries = trigger.entries(in: context)  // one per first-time buyer of the last 52 days
/// ```
public struct SecondPurchaseNudgeTrigger: CampaignTrigger {
  /// The oldest entry still returned, in seconds before the planning instant, or `nil` for all:
  /// the last step's wait plus the planner's catch-up is enough.
  public var maximumAge: TimeInterval?
  /// The calendar in which purchase days are counted.
  public var clock: DayClock

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - maximumAge: The oldest entry returned, in seconds (default 52 days: the default last
  ///     step at 45 days plus a week), or `nil` for all.
  ///   - clock: The calendar of purchase days (UTC by default).
  public init(maximumAge: TimeInterval? = 52 * 86_400, clock: DayClock = DayClock()) {
    precondition(maximumAge.map { $0 >= 0 } ?? true, "the maximum age must not be negative")
    self.maximumAge = maximumAge
    self.clock = clock
  }

  /// `second-purchase-nudge`.
  public var name: String { "second-purchase-nudge" }

  /// One entry per person whose purchases known at the planning instant fall on one day, and
  /// whose last purchase lies in the context's ``CampaignContext/entryTimes``.
  ///
  /// The key is the day of the first purchase (`first-purchase:2024-03-01`), so that each
  /// step goes once per person.
  ///
  /// - Parameter context: The orders, events and window.
  /// - Returns: The entries, by person.
  /// - Complexity: O(*c* + *n*), where *c* is the number of purchasing people and *n* the
  ///   orders of those who enter.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    let oldest = maximumAge.map { context.asOf.addingTimeInterval(-$0) } ?? .distantPast
    return context.purchasingPeople.compactMap { person, orderCustomer in
      // First-time buyers of the last weeks only; the others' purchases are not listed.
      // The entry time is the last purchase: outside the context's entry times no step can be
      // due (the planner sets them from the flow's waits).
      guard let span = context.purchaseSpan(of: person, orderCustomer: orderCustomer),
        span.last >= oldest.timeIntervalSince1970, clock.day(ofSeconds: span.first) == clock.day(ofSeconds: span.last),
        context.isEntryTime(Date(timeIntervalSince1970: span.last))
      else { return nil }
      let times = context.purchaseSeconds(of: person, orderCustomer: orderCustomer)
      guard let firstSeconds = times.first, let lastSeconds = times.last, lastSeconds >= oldest.timeIntervalSince1970,
        clock.day(ofSeconds: firstSeconds) == clock.day(ofSeconds: lastSeconds)
      else { return nil }
      let first = Date(timeIntervalSince1970: firstSeconds), last = Date(timeIntervalSince1970: lastSeconds)
      return FlowEntry(
        person: person, time: last, key: "first-purchase:\(clock.isoDate(of: first))",
        products: context.purchasedProducts(of: person, in: first...last),
        reason: "first purchase on \(clock.isoDate(of: first)), none since")
    }
  }
}
