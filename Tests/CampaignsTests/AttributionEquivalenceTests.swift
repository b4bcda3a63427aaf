import Foundation
import Testing
import _TestSupport

@testable import Campaigns

/// `Attribution` reads each person's stored run of the columnar event log by kind and message
/// number; the plain reference (`Reference/ReferenceAttribution.swift`: every event spelled out,
/// messages by id) must credit the same orders to the same messages.
struct AttributionEquivalenceTests {
  /// A simulated shop with three flows, plus the odd events: message events without a send,
  /// a message sent twice, bounces after a delivery, clicks without an open, machine opens,
  /// messages without a flow or channel.
  static func shop(seed: UInt64) -> (orders: OrderLog, events: EventLog, period: Range<Date>)? {
    var simulator = ShopSimulator(customers: 500, acquisitionDays: 120, historyDays: 240)
    simulator.flows = [
      SimulatedFlow(name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), causedPurchaseProbability: 0.2),
      SimulatedFlow(
        name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 4), causedPurchaseProbability: 0.2),
      SimulatedFlow(
        name: "promotion-spring", entry: .campaign(at: simulator.start.addingTimeInterval(100 * 86_400)),
        causedPurchaseProbability: 0.1),
    ]
    var generator = SeededRandomNumberGenerator(seed: seed)
    let shop = simulator.run(using: &generator)
    var events = shop.events
    var random = SplitMix64(seed: seed)
    for (index, event) in shop.events.enumerated() {
      guard let message = event.kind.message, let person = event.customerID else { continue }
      let roll = Double(random.next() >> 11) / 9_007_199_254_740_992
      let later = event.time.addingTimeInterval(3_600 * (1 + roll * 100))
      switch roll {
      case ..<0.05: events.append(CustomerEvent(customerID: person, time: later, kind: .messageSent(message)))
      case ..<0.10: events.append(CustomerEvent(customerID: person, time: later, kind: .bounced(message)))
      case ..<0.15: events.append(CustomerEvent(customerID: person, time: later, kind: .clicked(message)))
      case ..<0.20:
        events.append(CustomerEvent(customerID: person, time: later, kind: .opened(message, isMachineOpen: true)))
      case ..<0.23:
        let orphan = MessageReference(id: "orphan-\(index)", flow: message.flow, step: message.step)
        events.append(CustomerEvent(customerID: person, time: later, kind: .opened(orphan, isMachineOpen: false)))
      case ..<0.26:
        let bare = MessageReference(id: "bare-\(index)")
        events.append(CustomerEvent(customerID: person, time: event.time, kind: .messageSent(bare)))
        events.append(CustomerEvent(customerID: person, time: later, kind: .clicked(bare)))
      default: break
      }
    }
    guard let orders = try? shop.orderLog() else { return nil }
    return (orders, EventLog(events), shop.period)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func theColumnarAttributionEqualsTheReference(seed: UInt64) throws {
    let shop = try #require(Self.shop(seed: seed))
    let half = shop.period.lowerBound..<shop.period.lowerBound.addingTimeInterval(120 * 86_400)
    let settings = [
      AttributionSettings(),
      AttributionSettings(openWindow: 86_400, clickWindow: 3 * 86_400, touch: .first),
    ]
    var credited = 0
    for period in [shop.period, half] {
      for setting in settings {
        let attribution = Attribution(orders: shop.orders, events: shop.events, period: period, settings: setting)
        let reference = referenceAttribution(orders: shop.orders, events: shop.events, period: period, settings: setting)
        #expect(attribution.messages == reference.messages)
        #expect(attribution.eventsWithoutSend == reference.eventsWithoutSend)
        credited += attribution.messages.reduce(0) { $0 + $1.orders.count }
      }
    }
    // The comparison saw credited orders, bounces and orphans.
    #expect(credited > 50)
    #expect(referenceAttribution(orders: shop.orders, events: shop.events, period: shop.period).eventsWithoutSend > 0)
  }
}
