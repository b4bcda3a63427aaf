public import Foundation

/// Finds subscribers who never bought, for the lead nurture flow
/// (``Flow/leadNurture(waits:channel:productCount:controlShare:)``).
///
/// A person enters at their latest `subscribed` event on ``channel`` (email by default) in the
/// last ``maximumAge`` up to the planning instant, unless by then they
/// - have a purchase (an order of the log, or an `order_placed` event), before or after
///   subscribing: they are customers, not leads, or
/// - unsubscribed on that channel after it.
///
/// Leads often exist only in the events: the person is the event's customer (a customer id or
/// an email), whether or not the order log knows them. The key is the subscription instant
/// (`subscribed:1709251200`), so that a new subscription starts the flow anew. The flow exits
/// on an order or an unsubscribe, which the planner checks for the steps to come.
///
/// ```swift
/// let trigger = LeadNurtureTrigger(maximumAge: 30 * 86_400)
/// ```
public struct LeadNurtureTrigger: CampaignTrigger {
  /// The channel whose subscription makes a lead.
  public var channel: Channel
  /// The oldest subscription still returned, in seconds before the planning instant.
  public var maximumAge: TimeInterval

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - channel: The subscription channel (default email).
  ///   - maximumAge: The oldest subscription returned, in seconds (default 17 days: the default
  ///     last step at 10 days plus a week).
  public init(channel: Channel = .email, maximumAge: TimeInterval = 17 * 86_400) {
    precondition(maximumAge >= 0, "the maximum age must not be negative")
    self.channel = channel
    self.maximumAge = maximumAge
  }

  /// `lead-nurture`.
  public var name: String { "lead-nurture" }

  /// One entry per recent subscriber without a purchase.
  ///
  /// - Parameter context: The orders, events and window.
  /// - Returns: The entries, by person.
  /// - Complexity: O(log *e* + *k* log *k*), where *e* is the number of events and *k* the
  ///   `subscribed` and `unsubscribed` events in the last ``maximumAge``.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    // Only the subscription events are read (by kind), in log order.
    let events = context.events
    let start = context.asOf.addingTimeInterval(-maximumAge)
    let end = CampaignContext.through(context.asOf).upperBound
    guard end > start else { return [] }
    let positions = (events.positions(named: .subscribed, in: start..<end)
      + events.positions(named: .unsubscribed, in: start..<end)).sorted()
    var latest: [String: Date] = [:]
    var optedOut: [String: Date] = [:]  // at equal times an opt-out wins, in any event order
    for position in positions {
      let event = events[Int(position)]
      guard let person = event.customerID else { continue }
      switch event.kind {
      case .subscribed(let subscribed) where subscribed == channel && optedOut[person] != event.time:
        latest[person] = event.time
      case .unsubscribed(let unsubscribed) where unsubscribed == channel:
        latest[person] = nil
        optedOut[person] = event.time
      default: break
      }
    }
    return latest.keys.sorted().compactMap { person in
      guard let time = latest[person], context.purchaseTimes(ofCustomer: person).isEmpty else { return nil }
      return FlowEntry(
        person: person, time: time, key: "subscribed:\(Int(time.timeIntervalSince1970))",
        reason: "subscribed on \(channel.rawValue) on \(isoTime(time)), no purchase yet")
    }
  }
}
