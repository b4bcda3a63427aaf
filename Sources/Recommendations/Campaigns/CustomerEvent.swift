public import Foundation

/// Something a customer did, or that happened to their order or messages.
///
/// ```swift
/// let events = EventLog([
///   CustomerEvent(customerID: "c-17", time: t0, kind: .checkoutStarted(productIDs: ["BEANS-250"])),
///   CustomerEvent(customerID: "c-17", time: t1, kind: .opened(messageID: "m-1", isMachineOpen: true)),
/// ])
/// ```
public struct CustomerEvent: Sendable, Hashable, Codable {
  /// What happened.
  public enum Kind: Sendable, Hashable, Codable {
    /// The customer looked at a product page.
    case productViewed(productID: String)
    /// The customer put a product in the cart.
    case addedToCart(productID: String)
    /// The customer began checking out these products.
    case checkoutStarted(productIDs: [String])
    /// The customer placed an order.
    case orderPlaced(orderID: String, productIDs: [String])
    /// The order left the warehouse.
    case shipped(orderID: String)
    /// The order is late.
    case delayed(orderID: String)
    /// The order arrived.
    case delivered(orderID: String)
    /// A message went out.
    case messageSent(messageID: String, kind: MessageKind, channel: Channel)
    /// A message was opened; machine opens (mail privacy proxies, scanners) are flagged.
    case opened(messageID: String, isMachineOpen: Bool)
    /// A link in a message was clicked.
    case clicked(messageID: String)
    /// The customer withdrew marketing consent on a channel.
    case unsubscribed(channel: Channel)
    /// The customer gave marketing consent on a channel.
    case subscribed(channel: Channel)
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

/// The events of a shop, sorted by time (stable for equal times) and grouped by customer.
public struct EventLog: Sendable {
  /// All events, oldest first.
  public let events: [CustomerEvent]
  private let byCustomer: [String: [Int]]

  /// Sorts and indexes events.
  ///
  /// - Parameter events: The events, in any order.
  /// - Complexity: O(*n* log *n*), where *n* is the number of events.
  public init(_ events: some Sequence<CustomerEvent>) {
    let sorted = events.enumerated().sorted {
      $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset
    }.map(\.element)
    self.events = sorted
    var index: [String: [Int]] = [:]
    for (position, event) in sorted.enumerated() {
      if let customer = event.customerID { index[customer, default: []].append(position) }
    }
    byCustomer = index
  }

  /// The events of a customer, oldest first.
  ///
  /// - Parameter customerID: The customer id.
  /// - Complexity: O(*k*), where *k* is the number of the customer's events.
  public func events(ofCustomer customerID: String) -> [CustomerEvent] {
    (byCustomer[customerID] ?? []).map { events[$0] }
  }

  /// The ids of the customers with events, sorted.
  public var customerIDs: [String] { byCustomer.keys.sorted() }
}
