public import Foundation

/// Something a customer did, or that happened to their order or messages.
///
/// ```swift
/// let events = EventLog([
///   CustomerEvent(customerID: "c-17", time: t0, kind: .checkoutStarted(productIDs: ["BEANS-250"])),
///   CustomerEvent(customerID: "c-17", time: t1, kind: .opened(MessageReference(id: "m-1"), isMachineOpen: true)),
/// ])
/// ```
public struct CustomerEvent: Sendable, Hashable, Codable {
  /// What happened.
  ///
  /// The file names of the kinds (``name``) are the `event` column of an event file.
  public enum Kind: Sendable, Hashable, Codable {
    /// The customer looked at a product page (`product_viewed`).
    case productViewed(productID: String)
    /// The customer put a product in the cart (`added_to_cart`).
    case addedToCart(productID: String)
    /// The customer began checking out these products (`checkout_started`).
    case checkoutStarted(productIDs: [String])
    /// The customer placed an order (`order_placed`), for apps that stream orders as events;
    /// an order file is the usual source of orders.
    case orderPlaced(orderID: String, productIDs: [String])
    /// The order left the warehouse (`shipped`).
    case shipped(orderID: String)
    /// The order is late (`delayed`).
    case delayed(orderID: String)
    /// The order arrived (`delivered`).
    case delivered(orderID: String)
    /// A message went out (`message_sent`).
    case messageSent(MessageReference)
    /// The provider delivered a message (`message_delivered`).
    case messageDelivered(MessageReference)
    /// A message was opened (`opened`); machine opens (mail privacy proxies, scanners) are
    /// flagged (`value` = `machine` in a file).
    case opened(MessageReference, isMachineOpen: Bool)
    /// A link in a message was clicked (`clicked`).
    case clicked(MessageReference)
    /// A message could not be delivered (`bounced`).
    case bounced(MessageReference)
    /// A planned message was withheld because the person is in the step's control group
    /// (`held_out`); the sending pipeline logs it from the plan.
    case heldOut(MessageReference)
    /// The customer gave marketing consent on a channel (`subscribed`).
    case subscribed(channel: Channel)
    /// The customer withdrew marketing consent on a channel (`unsubscribed`).
    case unsubscribed(channel: Channel)
    /// The customer created an account (`account_created`).
    case accountCreated
    /// The customer answered a satisfaction survey with a score (`survey_answered`).
    case surveyAnswered(score: Double)

    /// The name of the kind in an event file, for example `checkout_started` (the raw value of
    /// ``eventName``).
    public var name: String { eventName.rawValue }

    /// The message the event is about, for the message events (sent, delivered, opened,
    /// clicked, bounced, held out); `nil` for the others.
    public var message: MessageReference? {
      switch self {
      case .messageSent(let message), .messageDelivered(let message), .opened(let message, _), .clicked(let message),
        .bounced(let message), .heldOut(let message):
        message
      default: nil
      }
    }
  }

  /// The customer id, or `nil` for an anonymous visitor.
  public var customerID: String?
  /// When it happened.
  public var time: Date
  /// What happened.
  public var kind: Kind

  /// Creates an event.
  ///
  /// - Parameters:
  ///   - customerID: The customer id, or `nil` for an anonymous visitor.
  ///   - time: When it happened.
  ///   - kind: What happened.
  public init(customerID: String?, time: Date, kind: Kind) {
    self.customerID = customerID
    self.time = time
    self.kind = kind
  }
}
