public import Foundation

/// Reminds a customer of a checkout they started and did not finish.
///
/// Starts at the customer's latest `checkoutStarted` event; waits ``wait`` (default 4 hours;
/// Shopify and Klaviyo use 1 to 10 hours); exits when the customer ordered since, or when this
/// reminder was already sent for the checkout.
///
/// ```swift
/// let trigger = AbandonedCheckoutTrigger(wait: 2 * 3_600)
/// ```
public struct AbandonedCheckoutTrigger: MessageTrigger {
  /// The wait after the checkout started, in seconds.
  public var wait: TimeInterval
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - wait: The wait in seconds (default 4 hours).
  ///   - channel: The channel (default email).
  public init(wait: TimeInterval = 4 * 3_600, channel: Channel = .email) {
    self.wait = wait
    self.channel = channel
  }

  /// `abandoned checkout`.
  public var name: String { "abandoned checkout" }

  /// One reminder per customer whose latest checkout is unfinished.
  ///
  /// - Complexity: O(*e*), where *e* is the number of events.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    var latest: [String: CustomerEvent] = [:]
    for event in context.events.events where event.time <= context.asOf {
      if case .checkoutStarted = event.kind, let customer = event.customerID { latest[customer] = event }
    }
    return latest.sorted { $0.key < $1.key }.compactMap { customer, event in
      guard case .checkoutStarted(let products) = event.kind, !context.hasOrdered(customer, after: event.time),
        !context.sentMessages(to: customer).contains(where: { $0.kind == .abandonedCheckout && $0.time >= event.time })
      else { return nil }
      return PlannedMessage(
        customer: customer, kind: .abandonedCheckout, channel: channel, sendAt: event.time.addingTimeInterval(wait),
        products: products, reason: "started a checkout on \(isoTime(event.time)) and has not ordered since")
    }
  }
}
