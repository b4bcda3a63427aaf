import Foundation
import Testing
import Campaigns

/// Attribution on hand-made people; times in hours from 2024-03-01 00:00 UTC.
///
/// | person | events | orders |
/// |---|---|---|
/// | a | m1 sent 0, delivered 0, opened 1; m2 sent 24, opened 25 (human), clicked 26 | 30 h: 50 |
/// | b | m1 sent 0, opened 0.1 by a machine only | 10 h: 20 |
/// | c | m1 sent 0, opened 2 | −5 h: 40 (before any message); 200 h: 30 (after the 5-day window) |
/// | d | m2 sent 24, bounced 24.1 | 30 h: 10 |
/// | e | held out of m1 at 0 | 20 h: 15 |
struct AttributionTests {
  static let t0 = Date(timeIntervalSince1970: 1_709_251_200)
  static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3_600) }
  static func event(_ person: String, _ hours: Double, _ kind: CustomerEvent.Kind) -> CustomerEvent {
    CustomerEvent(customerID: person, time: at(hours), kind: kind)
  }
  static let m1 = MessageReference(id: "m1", flow: "nudge", step: 1, channel: .email)
  static let m2 = MessageReference(id: "m2", flow: "promotion-spring", step: 1, channel: .email)

  static var events: EventLog {
    EventLog([
      event("a", 0, .messageSent(m1)), event("a", 0, .messageDelivered(m1)), event("a", 1, .opened(m1, isMachineOpen: false)),
      event("a", 24, .messageSent(m2)), event("a", 25, .opened(m2, isMachineOpen: false)), event("a", 26, .clicked(m2)),
      event("b", 0, .messageSent(m1)), event("b", 0.1, .opened(m1, isMachineOpen: true)),
      event("c", 0, .messageSent(m1)), event("c", 2, .opened(m1, isMachineOpen: false)),
      event("d", 24, .messageSent(m2)), event("d", 24.1, .bounced(m2)),
      event("e", 0, .heldOut(m1)),
      event("x", 3, .opened(MessageReference(id: "never-sent"), isMachineOpen: false)),
    ])
  }

  static func orders() throws -> OrderLog {
    func order(_ id: String, _ person: String, _ hours: Double, _ amount: Double) -> Order {
      Order(
        id: id, customer: CustomerReference(id: person), placedAt: at(hours),
        lines: [LineItem(productID: "p", unitPrice: amount)], currency: "EUR")
    }
    return try OrderLog([
      order("a1", "a", 30, 50), order("b1", "b", 10, 20), order("c0", "c", -5, 40), order("c1", "c", 200, 30),
      order("d1", "d", 30, 10), order("e1", "e", 20, 15),
    ])
  }

  static let period = at(-24)..<at(24 * 30)

  @Test func lastTouchCreditsTheLatestOpenOrClick() throws {
    let attribution = Attribution(orders: try Self.orders(), events: Self.events, period: Self.period)
    // a's order at 30 h follows m1's open (29 h before) and m2's open and click: the last touch is m2's click.
    let credited = attribution.messages.filter(\.isConverted).map { "\($0.person):\($0.message.id)" }
    #expect(credited == ["a:m2"])
    #expect(attribution.messages.first { $0.person == "a" && $0.message.id == "m2" }?.revenue == 50)
    // b: a machine open is no touch; c: the order before the message and the one after the window
    // are not credited; d bounced; e was held out (not a message).
    #expect(attribution.messages.map(\.person).sorted() == ["a", "a", "b", "c", "d"])
    #expect(attribution.eventsWithoutSend == 1)
  }

  @Test func firstTouchCreditsTheEarliestTouchStillInItsWindow() throws {
    let attribution = Attribution(
      orders: try Self.orders(), events: Self.events, period: Self.period, settings: .init(touch: .first))
    #expect(attribution.messages.filter(\.isConverted).map { "\($0.person):\($0.message.id)" } == ["a:m1"])
    // With a 1-day open window m1's open (29 h before) no longer qualifies: m2 again.
    let short = Attribution(
      orders: try Self.orders(), events: Self.events, period: Self.period,
      settings: .init(openWindow: 86_400, touch: .first))
    #expect(short.messages.filter(\.isConverted).map { "\($0.person):\($0.message.id)" } == ["a:m2"])
  }

  @Test func totalsAndRevenueShares() throws {
    let attribution = Attribution(orders: try Self.orders(), events: Self.events, period: Self.period)
    // Deliveries are logged (a's m1), so only that message and the opened or clicked ones count
    // as delivered: a:m1, a:m2, c:m1. b's message has only a machine open: not delivered.
    let total = attribution.total
    #expect(total.sent == 5 && total.delivered == 3 && total.opened == 3 && total.clicked == 1)
    #expect(total.conversions == 1 && total.revenue == 50)
    #expect(total.openRate.rate == 1 && total.conversionRate.rate == 1.0 / 3)
    #expect(attribution.totalsByFlow.map(\.group) == ["nudge", "promotion-spring"])
    #expect(attribution.totalsByStep.map(\.group) == ["nudge/1", "promotion-spring/1"])
    // Shop revenue in the period: 50 + 20 + 40 + 30 + 10 + 15 = 165; credited 50, all to a campaign.
    #expect(attribution.shopRevenue == 165)
    #expect(attribution.emailRevenueShare == 50.0 / 165)
    #expect(attribution.emailCampaignRevenueShare == 50.0 / 165)
    #expect(attribution.emailFlowRevenueShare == 0)
    #expect(attribution.currency == "EUR")
  }

  @Test func withoutDeliveryEventsEveryUnbouncedMessageIsDelivered() throws {
    let events = EventLog(Self.events.events.filter { if case .messageDelivered = $0.kind { false } else { true } })
    let total = Attribution(orders: try Self.orders(), events: events, period: Self.period).total
    #expect(total.sent == 5 && total.delivered == 4)
  }

  @Test func aControlGroupComparisonCountsPeopleNotMessages() throws {
    // nudge step 1: treated a, b, c (starts at 0); control e (start at 0). Within 7 days: a (30 h,
    // 50), b (10 h, 20), not c (200 h is 8.3 days later; c's −5 h order is before the start);
    // e converts (20 h, 15). Conversion 2/3 against 1/1.
    var generator = SeededRandomNumberGenerator(seed: 1)
    let comparison = ControlGroupComparison(
      flow: "nudge", step: 1, orders: try Self.orders(), events: Self.events, period: Self.period, resamples: 200,
      using: &generator)
    #expect(comparison.conversion.treatment.successes == 2 && comparison.conversion.treatment.trials == 3)
    #expect(comparison.conversion.control.successes == 1 && comparison.conversion.control.trials == 1)
    #expect(comparison.revenuePerPerson.treatmentMean == 70.0 / 3)
    #expect(comparison.revenuePerPerson.controlMean == 15)
    #expect(comparison.incrementalRevenue.map { abs($0 - (70.0 / 3 - 15) * 3) < 1e-9 } == true)
    #expect(comparison.peopleInBothGroups == 0)
  }
}
