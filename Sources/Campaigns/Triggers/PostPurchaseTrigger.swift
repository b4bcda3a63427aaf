import Foundation

/// Starts the flows that follow an order: its `shipped`, `delayed` or `delivered` event.
///
/// Each order with the event is one entry (key `order:<order id>`; the event repeated for an
/// order counts once, at its first time) featuring the order's products (from the order log, or
/// from an `order_placed` event). The built-in flows use it three ways: the transactional
/// shipping, delay and delivery notices (``Flow/orderUpdate(_:)``), the review request and
/// related products after delivery (``Flow/postPurchase()``), and the satisfaction survey
/// (``Flow/satisfactionSurvey()``).
///
/// ```swift
/// let flow = Flow(
///   name: "review-request", trigger: PostPurchaseTrigger(on: .delivered),
///   steps: [FlowStep(wait: 10 * 86_400, content: "review-request")])
/// ```
public struct PostPurchaseTrigger: CampaignTrigger {
  /// What happened to an order.
  public enum OrderUpdate: String, Sendable, Hashable, Codable, CaseIterable {
    /// The order left the warehouse (`shipped`).
    case shipped
    /// The order is late (`delayed`).
    case delayed
    /// The order arrived (`delivered`).
    case delivered
  }

  /// The event that starts the flow.
  public var update: OrderUpdate

  /// Creates the trigger.
  ///
  /// - Parameter update: The event that starts the flow.
  public init(on update: OrderUpdate) {
    self.update = update
  }

  /// `order-shipped`, `order-delayed` or `order-delivered`.
  public var name: String { "order-\(update.rawValue)" }

  /// One entry per order with the event at the context's entry times, by the planning instant.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(log *e* + *r* + *m*), where *e* is the number of events, *r* the number of
  ///   these order events at the entry times and *m* the orders and events of the people with one.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    var result: [FlowEntry] = []
    let name: EventName =
      switch update {
      case .shipped: .shipped
      case .delayed: .delayed
      case .delivered: .delivered
      }
    for position in context.entryPositions(named: name) {
      let event = context.events[Int(position)]
      guard let person = event.customerID else { continue }
      let order: String
      switch (event.kind, update) {
      case (.shipped(let id), .shipped), (.delayed(let id), .delayed), (.delivered(let id), .delivered): order = id
      default: continue
      }
      let verb = update == .delayed ? "is delayed" : "was \(update.rawValue)"
      result.append(
        FlowEntry(
          person: person, time: event.time, key: "order:\(order)",
          products: products(ofOrder: order, person: person, in: context),
          reason: "order \(order) \(verb) (\(isoTime(event.time)))"))
    }
    return result
  }

  private func products(ofOrder order: String, person: String, in context: CampaignContext) -> [String] {
    let orders = context.orders
    if let index = orders.orderIndices(ofCustomer: person).first(where: { orders.orderIDs[$0] == order }) {
      var products: [String] = []
      for line in orders.lines(ofOrder: index) where !products.contains(line.productID) {
        products.append(line.productID)
      }
      return products
    }
    for event in context.knownEvents(of: person) {
      if case .orderPlaced(let id, let products) = event.kind, id == order { return products }
    }
    return []
  }
}
