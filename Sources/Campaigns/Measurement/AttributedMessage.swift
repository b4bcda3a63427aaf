public import Foundation

/// One sent message and what became of it: delivered, opened by a human, clicked, bounced, and
/// the orders credited to it.
public struct AttributedMessage: Sendable, Hashable, Codable {
  /// An order credited to a message.
  public struct CreditedOrder: Sendable, Hashable, Codable {
    /// The order id.
    public var orderID: String
    /// When it was placed.
    public var placedAt: Date
    /// Its net amount, in the log's currency.
    public var revenue: Double
  }

  /// The person (a customer id of the person-keyed log, or the event's customer).
  public var person: String
  /// The message.
  public var message: MessageReference
  /// When it was sent.
  public var sentAt: Date
  /// Whether it reached the person: a `message_delivered` event, an open or a click; when the
  /// events hold no delivery event at all, every message that did not bounce.
  public var isDelivered: Bool
  /// Whether a human opened it (machine opens do not count).
  public var isOpened: Bool
  /// Whether it was clicked.
  public var isClicked: Bool
  /// Whether it bounced.
  public var isBounced: Bool
  /// The orders credited to it (see ``AttributionSettings``).
  public var orders: [CreditedOrder]

  /// Whether at least one order was credited to it.
  public var isConverted: Bool { !orders.isEmpty }
  /// The revenue of its credited orders.
  public var revenue: Double { orders.reduce(0) { $0 + $1.revenue } }
}
