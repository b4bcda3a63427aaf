import Foundation

/// Starts the abandoned-checkout flow: every `checkout_started` event of an identified person.
///
/// Each checkout is an entry (key `checkout:<seconds since 1970>`) with the checkout's
/// products; the flow's exits end it when the person orders, or starts a newer checkout (which
/// enters the flow itself), after it. Anonymous visitors cannot be reached and never enter.
///
/// ```swift
/// let flow = Flow(
///   name: "abandoned-checkout", trigger: AbandonedCheckoutTrigger(),
///   steps: [FlowStep(wait: 2 * 3_600, content: "checkout-reminder")], exits: [.ordered, .startedCheckout])
/// ```
public struct AbandonedCheckoutTrigger: CampaignTrigger {
  /// Creates the trigger.
  public init() {}

  /// `abandoned-checkout`.
  public var name: String { "abandoned-checkout" }

  /// One entry per checkout started at the context's entry times, by the planning instant.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(log *e* + *r*), where *e* is the number of events and *r* the number of
  ///   checkouts at the entry times.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    context.entryPositions(named: .checkoutStarted).compactMap { position in
      let event = context.events[Int(position)]
      guard case .checkoutStarted(let products) = event.kind, let person = event.customerID else { return nil }
      return FlowEntry(
        person: person, time: event.time, key: "checkout:\(wholeSeconds(event.time))", products: products,
        reason: "started a checkout on \(isoTime(event.time)) and has not ordered since")
    }
  }
}
