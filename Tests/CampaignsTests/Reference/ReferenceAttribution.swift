import Foundation
@testable import Campaigns

/// `Attribution`'s messages and orphan count as computed before the columnar event log was read
/// by position (commit fa41103): each person's events spelled out as `CustomerEvent`s, messages
/// by id. The plain reference of the equivalence test.
func referenceAttribution(
  orders: OrderLog, events: EventLog, period: Range<Date>, settings: AttributionSettings = .init()
) -> (messages: [AttributedMessage], eventsWithoutSend: Int) {
  let logsDeliveries = events.count(of: .messageDelivered) > 0
  var messages: [AttributedMessage] = []
  var orphans = 0
  for person in events.customerIDs {
    let personEvents = events.events(ofCustomer: person)
    var byID: [String: Int] = [:]  // message id -> position in `sent`
    var sent: [AttributedMessage] = []
    var touches: [(time: Date, message: Int, window: TimeInterval)] = []
    for event in personEvents {
      guard let reference = event.kind.message else { continue }
      if case .messageSent = event.kind {
        if byID[reference.id] == nil {
          byID[reference.id] = sent.count
          sent.append(
            AttributedMessage(
              person: person, message: reference, sentAt: event.time, isDelivered: !logsDeliveries,
              isOpened: false, isClicked: false, isBounced: false, orders: []))
        }
        continue
      }
      if case .heldOut = event.kind { continue }
      guard let position = byID[reference.id] else {
        orphans += 1
        continue
      }
      switch event.kind {
      case .messageDelivered: sent[position].isDelivered = true
      case .bounced:
        sent[position].isBounced = true
        sent[position].isDelivered = false
      case .opened(_, let isMachineOpen) where !isMachineOpen:
        sent[position].isOpened = true
        sent[position].isDelivered = true
        touches.append((event.time, position, settings.openWindow))
      case .clicked:
        sent[position].isClicked = true
        sent[position].isDelivered = true
        touches.append((event.time, position, settings.clickWindow))
      default: break
      }
    }
    guard !sent.isEmpty else { continue }
    if !touches.isEmpty, let number = orders.customerNumber(of: person) {
      for index in orders.orderIndices(ofCustomerNumber: number) {
        let order = Int(index)
        guard orders.orderIsPurchase[order] else { continue }
        let placed = orders.date(ofOrder: order)
        let qualifying = touches.filter { $0.time <= placed && placed.timeIntervalSince($0.time) <= $0.window }
        let touch = settings.touch == .last ? qualifying.last : qualifying.first
        guard let touch else { continue }
        sent[touch.message].orders.append(
          .init(orderID: orders.orderIDs[order], placedAt: placed, revenue: orders.orderNetAmounts[order]))
      }
    }
    messages.append(contentsOf: sent.filter { period.contains($0.sentAt) })
  }
  messages.sort {
    ($0.sentAt, $0.person, $0.message.id) < ($1.sentAt, $1.person, $1.message.id)
  }
  return (messages, orphans)
}
