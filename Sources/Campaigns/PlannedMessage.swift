public import Foundation

/// What a message is for: an open set of names, so that custom triggers can add their own.
public struct MessageKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The name, for example `abandoned-checkout`.
  public var rawValue: String

  /// Creates a kind.
  ///
  /// - Parameter rawValue: The name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The name.
  public var description: String { rawValue }

  /// A checkout was started but not finished.
  public static let abandonedCheckout = MessageKind(rawValue: "abandoned-checkout")
  /// Products were put in the cart but no checkout followed.
  public static let abandonedCart = MessageKind(rawValue: "abandoned-cart")
  /// A product was looked at, nothing more.
  public static let browseAbandonment = MessageKind(rawValue: "browse-abandonment")
  /// Thanks for the order (transactional).
  public static let thankYou = MessageKind(rawValue: "thank-you")
  /// The order shipped (transactional).
  public static let shippingUpdate = MessageKind(rawValue: "shipping-update")
  /// The order is late (transactional).
  public static let delayNotice = MessageKind(rawValue: "delay-notice")
  /// The order arrived (transactional).
  public static let deliveryUpdate = MessageKind(rawValue: "delivery-update")
  /// Asks for a review or feedback after delivery.
  public static let reviewRequest = MessageKind(rawValue: "review-request")
  /// Products that go with the order.
  public static let relatedProducts = MessageKind(rawValue: "related-products")
  /// Nudges a first-time buyer towards the second order.
  public static let secondPurchaseNudge = MessageKind(rawValue: "second-purchase-nudge")
  /// The customer is about to run out.
  public static let replenishment = MessageKind(rawValue: "replenishment")
  /// The customer has lapsed.
  public static let winBack = MessageKind(rawValue: "win-back")
  /// A call to a top customer.
  public static let vipOutreach = MessageKind(rawValue: "vip-outreach")
  /// A promotion.
  public static let promotion = MessageKind(rawValue: "promotion")
  /// The promotion again, to those who did not open it.
  public static let promotionResend = MessageKind(rawValue: "promotion-resend")
}

/// A message the planner proposes to send.
public struct PlannedMessage: Sendable, Hashable, Codable {
  /// The message id to log with the `messageSent` event once sent, so that the triggers do not
  /// propose it again (for example `thank-you:#1001`, `sale-resend`, `replenishment:beans:19800`).
  public var id: String
  /// The customer id.
  public var customer: String
  /// What the message is for.
  public var kind: MessageKind
  /// How it reaches the customer.
  public var channel: Channel
  /// When to send it.
  public var sendAt: Date
  /// The product ids it features.
  public var products: [String]
  /// Why, in words.
  public var reason: String
  /// Whether it is marketing (needs consent, counts against the frequency cap) rather than a
  /// transactional notice.
  public var isMarketing: Bool

  /// Creates a message.
  ///
  /// - Parameters:
  ///   - customer: The customer id.
  ///   - kind: What it is for.
  ///   - channel: The channel.
  ///   - sendAt: When to send it.
  ///   - products: The featured product ids.
  ///   - reason: Why.
  ///   - isMarketing: Whether it is marketing (default `true`).
  ///   - id: The message id, or `nil` for `<kind>:<customer>:<send time in whole seconds since 1970>`.
  public init(
    customer: String, kind: MessageKind, channel: Channel, sendAt: Date, products: [String] = [], reason: String,
    isMarketing: Bool = true, id: String? = nil
  ) {
    self.id = id ?? "\(kind.rawValue):\(customer):\(Int(sendAt.timeIntervalSince1970.rounded(.down)))"
    self.customer = customer
    self.kind = kind
    self.channel = channel
    self.sendAt = sendAt
    self.products = products
    self.reason = reason
    self.isMarketing = isMarketing
  }
}
