/// The kind of an event without its details, named as the `event` column of an event file
/// writes it.
///
/// ```swift
/// EventName(rawValue: "checkout_started")   // .checkoutStarted
/// CustomerEvent.Kind.accountCreated.eventName.rawValue   // "account_created"
/// let checkouts = log.events(named: .checkoutStarted)
/// ```
///
/// The cases are in the order in which events of one instant are sorted (see ``EventLog``).
public enum EventName: String, Sendable, Hashable, Codable, CaseIterable {
  /// A product page was viewed.
  case productViewed = "product_viewed"
  /// A product was put in the cart.
  case addedToCart = "added_to_cart"
  /// A checkout began.
  case checkoutStarted = "checkout_started"
  /// An order was placed (for apps that stream orders as events).
  case orderPlaced = "order_placed"
  /// An order was shipped.
  case shipped
  /// An order is late.
  case delayed
  /// An order arrived.
  case delivered
  /// A message went out.
  case messageSent = "message_sent"
  /// The provider delivered a message.
  case messageDelivered = "message_delivered"
  /// A message was opened.
  case opened
  /// A link in a message was clicked.
  case clicked
  /// A message could not be delivered.
  case bounced
  /// A planned message was withheld for the control group.
  case heldOut = "held_out"
  /// Marketing consent was given on a channel.
  case subscribed
  /// Marketing consent was withdrawn on a channel.
  case unsubscribed
  /// An account was created.
  case accountCreated = "account_created"
  /// A satisfaction survey was answered.
  case surveyAnswered = "survey_answered"

  /// Whether events of this kind are about a message (and carry a ``MessageReference``).
  public var isMessageEvent: Bool {
    switch self {
    case .messageSent, .messageDelivered, .opened, .clicked, .bounced, .heldOut: true
    default: false
    }
  }

  /// Whether events of this kind may come from an anonymous visitor (no customer): product views
  /// and cart additions.
  public var allowsAnonymousCustomer: Bool { self == .productViewed || self == .addedToCart }
}

extension CustomerEvent.Kind {
  /// The kind without its details.
  public var eventName: EventName {
    switch self {
    case .productViewed: .productViewed
    case .addedToCart: .addedToCart
    case .checkoutStarted: .checkoutStarted
    case .orderPlaced: .orderPlaced
    case .shipped: .shipped
    case .delayed: .delayed
    case .delivered: .delivered
    case .messageSent: .messageSent
    case .messageDelivered: .messageDelivered
    case .opened: .opened
    case .clicked: .clicked
    case .bounced: .bounced
    case .heldOut: .heldOut
    case .subscribed: .subscribed
    case .unsubscribed: .unsubscribed
    case .accountCreated: .accountCreated
    case .surveyAnswered: .surveyAnswered
    }
  }
}
