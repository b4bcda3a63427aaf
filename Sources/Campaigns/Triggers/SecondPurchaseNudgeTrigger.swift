public import Foundation

/// Nudges a first-time buyer towards a second order.
///
/// For every customer with exactly one purchase known at the planning instant, sends
/// ``wait`` after it (default 21 days) with up to three products from the context's
/// recommender; exits when the customer ordered again (they are no longer first-time buyers).
///
/// ```swift
/// let trigger = SecondPurchaseNudgeTrigger(wait: 14 * 86_400)
/// ```
public struct SecondPurchaseNudgeTrigger: MessageTrigger {
  /// The wait after the first order, in seconds.
  public var wait: TimeInterval
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - wait: The wait in seconds (default 21 days).
  ///   - channel: The channel (default email).
  public init(wait: TimeInterval = 21 * 86_400, channel: Channel = .email) {
    self.wait = wait
    self.channel = channel
  }

  /// `second-purchase nudge`.
  public var name: String { "second-purchase nudge" }

  /// One nudge per first-time buyer not yet nudged.
  ///
  /// - Complexity: O(*c*), where *c* is the number of customers, plus the recommender's work.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    context.purchasingCustomers.compactMap { customer in
      let times = context.purchaseTimes(ofCustomer: customer)
      guard times.count == 1, let first = times.first,
        !context.sentMessages(to: customer).contains(where: { $0.kind == .secondPurchaseNudge })
      else { return nil }
      let sendAt = first.addingTimeInterval(wait)
      // Proposals a week before the window are dropped before picking products (the planner
      // would drop them anyway, unless its catch-up is longer than a week).
      guard sendAt >= context.window.lowerBound.addingTimeInterval(-7 * 86_400), sendAt < context.window.upperBound
      else { return nil }
      return PlannedMessage(
        customer: customer, kind: .secondPurchaseNudge, channel: channel, sendAt: sendAt,
        products: context.recommendedProducts(for: customer), reason: "first order on \(isoDay(first)), none since")
    }
  }
}
