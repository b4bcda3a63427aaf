public import Foundation

/// Reminds a customer of products left in the cart.
///
/// Starts at the customer's latest `addedToCart` event; waits ``wait`` (default 8 hours); exits
/// when the customer started a checkout (the abandoned-checkout flow takes over) or ordered
/// since, or was already reminded. The message features the products added since the last order.
///
/// ```swift
/// let trigger = AbandonedCartTrigger(wait: 12 * 3_600)
/// ```
public struct AbandonedCartTrigger: MessageTrigger {
  /// The wait after the last addition, in seconds.
  public var wait: TimeInterval
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - wait: The wait in seconds (default 8 hours).
  ///   - channel: The channel (default email).
  public init(wait: TimeInterval = 8 * 3_600, channel: Channel = .email) {
    self.wait = wait
    self.channel = channel
  }

  /// `abandoned cart`.
  public var name: String { "abandoned cart" }

  /// One reminder per customer with an abandoned cart.
  ///
  /// - Complexity: O(*e*), where *e* is the number of events.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    var result: [PlannedMessage] = []
    for customer in context.events.customerIDs {
      let events = context.events.events(ofCustomer: customer).filter { $0.time <= context.asOf }
      guard let last = events.last(where: { if case .addedToCart = $0.kind { true } else { false } }) else { continue }
      let movedOn = events.contains { event in
        guard event.time >= last.time else { return false }
        if case .checkoutStarted = event.kind { return true }
        return false
      }
      guard !movedOn, !context.hasOrdered(customer, after: last.time),
        !context.sentMessages(to: customer).contains(where: { $0.kind == .abandonedCart && $0.time >= last.time })
      else { continue }
      let since = context.purchaseTimes(ofCustomer: customer).last ?? .distantPast
      var products: [String] = []
      for event in events where event.time > since {
        if case .addedToCart(let product) = event.kind, !products.contains(product) { products.append(product) }
      }
      result.append(
        PlannedMessage(
          customer: customer, kind: .abandonedCart, channel: channel, sendAt: last.time.addingTimeInterval(wait),
          products: products,
          reason: "left \(products.count) product\(products.count == 1 ? "" : "s") in the cart on \(isoTime(last.time))"
        ))
    }
    return result
  }
}
