import Foundation

/// The events of a log as columns, oldest first: one entry per event in each of ``times``,
/// ``codes``, ``customers``, ``subjects`` and ``details``, with the strings, product lists,
/// message details and scores they refer to in tables.
///
/// What ``subjects`` and ``details`` hold depends on the event's code (``EventCode/subject``):
/// a product, product list, order or message number, a channel, a score, or nothing (-1). A
/// message event's detail is its position in ``messageDetails``; an `order_placed` event's
/// detail its product list (or -1).
package struct EventColumns: Sendable {
  /// Seconds since 1970-01-01 00:00 UTC.
  package var times: [Double] = []
  package var codes: [EventCode] = []
  /// The customer number, or -1 for an anonymous visitor.
  package var customers: [Int32] = []
  package var subjects: [Int32] = []
  package var details: [Int32] = []
  package var customerIDs = EventStringTable()
  package var products = EventStringTable()
  package var orders = EventStringTable()
  package var messages = EventStringTable()
  package var flows = EventStringTable()
  package var messageDetails: [MessageDetail] = []
  /// The start of each product list in ``listProducts``, and the count of its entries at the end.
  package var listStarts: [Int32] = [0]
  package var listProducts: [Int32] = []
  package var scores: [Double] = []

  package init() {}

  /// The channels by position (`allCases` builds a new array each time it is read).
  private static let channels = Channel.allCases

  /// The number of events.
  package var count: Int { times.count }

  /// The product numbers of a list.
  package func productNumbers(ofList list: Int32) -> ArraySlice<Int32> {
    listProducts[Int(listStarts[Int(list)])..<Int(listStarts[Int(list) + 1])]
  }

  /// The message reference of a message event.
  package func messageReference(at position: Int) -> MessageReference {
    let detail = messageDetails[Int(details[position])]
    return MessageReference(
      id: messages.string(subjects[position]), flow: detail.flow < 0 ? nil : flows.string(detail.flow),
      step: detail.step < 0 ? nil : Int(detail.step),
      channel: detail.channel < 0 ? nil : Self.channels[Int(detail.channel)])
  }

  /// The event at a position, with its strings spelled out.
  ///
  /// - Parameters:
  ///   - position: A position in the columns.
  ///   - customerID: The event's customer id when the caller knows it (saves spelling it out).
  package func event(at position: Int, customerID: String? = nil) -> CustomerEvent {
    let subject = subjects[position]
    func productIDs(_ list: Int32) -> [String] { productNumbers(ofList: list).map { products.string($0) } }
    let kind: CustomerEvent.Kind
    switch codes[position] {
    case .productViewed: kind = .productViewed(productID: products.string(subject))
    case .addedToCart: kind = .addedToCart(productID: products.string(subject))
    case .checkoutStarted: kind = .checkoutStarted(productIDs: productIDs(subject))
    case .orderPlaced:
      let list = details[position]
      kind = .orderPlaced(orderID: orders.string(subject), productIDs: list < 0 ? [] : productIDs(list))
    case .shipped: kind = .shipped(orderID: orders.string(subject))
    case .delayed: kind = .delayed(orderID: orders.string(subject))
    case .delivered: kind = .delivered(orderID: orders.string(subject))
    case .messageSent: kind = .messageSent(messageReference(at: position))
    case .messageDelivered: kind = .messageDelivered(messageReference(at: position))
    case .opened: kind = .opened(messageReference(at: position), isMachineOpen: false)
    case .openedByMachine: kind = .opened(messageReference(at: position), isMachineOpen: true)
    case .clicked: kind = .clicked(messageReference(at: position))
    case .bounced: kind = .bounced(messageReference(at: position))
    case .heldOut: kind = .heldOut(messageReference(at: position))
    case .subscribed: kind = .subscribed(channel: Self.channels[Int(subject)])
    case .unsubscribed: kind = .unsubscribed(channel: Self.channels[Int(subject)])
    case .accountCreated: kind = .accountCreated
    case .surveyAnswered: kind = .surveyAnswered(score: scores[Int(subject)])
    }
    let customer = customers[position]
    return CustomerEvent(
      customerID: customer < 0 ? nil : customerID ?? customerIDs.string(customer),
      time: Date(timeIntervalSince1970: times[position]),
      kind: kind)
  }
}
