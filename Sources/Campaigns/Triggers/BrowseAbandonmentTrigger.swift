public import Foundation

/// Follows up on a product an identified visitor looked at without buying.
///
/// Starts at the customer's latest `productViewed` event (anonymous visitors never); waits
/// ``wait`` (default 24 hours); exits when the customer put something in the cart, checked out
/// or ordered since, or was already sent this message. Customers who ordered within
/// ``recentOrderDays`` (default 10) before the view are left alone (REFERENCES.md).
///
/// ```swift
/// let trigger = BrowseAbandonmentTrigger(wait: 6 * 3_600)
/// ```
public struct BrowseAbandonmentTrigger: MessageTrigger {
  /// The wait after the view, in seconds.
  public var wait: TimeInterval
  /// Days before the view in which an order makes the customer ineligible.
  public var recentOrderDays: Double
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - wait: The wait in seconds (default 24 hours).
  ///   - recentOrderDays: The quiet period after an order, in days (default 10).
  ///   - channel: The channel (default email).
  public init(wait: TimeInterval = 24 * 3_600, recentOrderDays: Double = 10, channel: Channel = .email) {
    self.wait = wait
    self.recentOrderDays = recentOrderDays
    self.channel = channel
  }

  /// `browse abandonment`.
  public var name: String { "browse abandonment" }

  /// One follow-up per identified customer whose latest view led nowhere.
  ///
  /// - Complexity: O(*e*), where *e* is the number of events.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    var result: [PlannedMessage] = []
    for customer in context.events.customerIDs {
      let events = context.events.events(ofCustomer: customer).filter { $0.time <= context.asOf }
      guard let view = events.last(where: { if case .productViewed = $0.kind { true } else { false } }),
        case .productViewed(let product) = view.kind
      else { continue }
      let movedOn = events.contains { event in
        guard event.time >= view.time else { return false }
        switch event.kind {
        case .addedToCart, .checkoutStarted: return true
        default: return false
        }
      }
      let recent = view.time.addingTimeInterval(-recentOrderDays * 86_400)
      let orderedRecently = context.purchaseTimes(ofCustomer: customer).contains { $0 > recent && $0 <= view.time }
      guard !movedOn, !orderedRecently, !context.hasOrdered(customer, after: view.time),
        !context.sentMessages(to: customer).contains(where: { $0.kind == .browseAbandonment && $0.time >= view.time })
      else { continue }
      result.append(
        PlannedMessage(
          customer: customer, kind: .browseAbandonment, channel: channel, sendAt: view.time.addingTimeInterval(wait),
          products: [product], reason: "viewed \(product) on \(isoTime(view.time)) without adding it to the cart"))
    }
    return result
  }
}
