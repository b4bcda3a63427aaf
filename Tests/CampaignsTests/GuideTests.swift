import Foundation
import Testing
import Campaigns

/// Compiles and runs the code of Documentation/Campaigns.md, in order, so that the guide never rots.
///
/// Keep the two in step.
struct GuideTests {
  @Test func guideSnippetsCompileAndRun() throws {
    let day = 86_400.0
    let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
    let log = try OrderLog([
      Order(
        id: "1", customer: CustomerReference(id: "ada"), placedAt: start,
        lines: [LineItem(productID: "beans", unitPrice: 9), LineItem(productID: "filters", unitPrice: 4)]),
      Order(
        id: "2", customer: CustomerReference(id: "bob"), placedAt: start.addingTimeInterval(5 * day),
        lines: [LineItem(productID: "beans", unitPrice: 9)]),
    ])
    let recommender = PopularityRecommender(PurchaseHistory(log))

    let now = start.addingTimeInterval(75 * day)
    let events = EventLog([
      CustomerEvent(customerID: "ada", time: now.addingTimeInterval(-30 * day), kind: .subscribed(channel: .email)),
      CustomerEvent(
        customerID: "ada", time: now.addingTimeInterval(-5 * 3_600), kind: .checkoutStarted(productIDs: ["filters"])),
    ])
    let context = CampaignContext(
      events: events, orders: log, window: now..<now.addingTimeInterval(day),
      timeZones: ["ada": "Europe/Berlin"].compactMapValues(TimeZone.init(identifier:)), recommender: recommender)
    let planner = CampaignPlanner(triggers: CampaignPlanner.standardTriggers())
    let campaign = planner.plan(context)
    for message in campaign.messages {
      print(message.customer, message.kind, message.channel, message.sendAt, message.reason)
    }
    for skipped in campaign.skipped { print("skipped", skipped.message.kind, skipped.reason) }

    // Ada's checkout was 5 hours before `now`: the 4-hour reminder is one hour late, within the
    // catch-up, and goes at `now` (2024-03-16 00:00 UTC = 01:00 in Berlin), moved to 09:00
    // Berlin = 08:00 UTC.
    let reminder = try #require(campaign.messages.first { $0.kind == .abandonedCheckout })
    #expect(reminder.sendAt == now.addingTimeInterval(8 * 3_600))
  }
}

/// Runs the measurement section of Documentation/Campaigns.md; keep the two in step.
struct MeasurementGuideTests {
  @Test func creditedAndIncrementalRevenue() throws {
    let t0 = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01
    let nudge = MessageReference(id: "nudge-1:ada", flow: "second-purchase-nudge", step: 1, channel: .email)
    let held = MessageReference(id: "nudge-1:bob", flow: "second-purchase-nudge", step: 1, channel: .email)
    let events = EventLog([
      CustomerEvent(customerID: "ada", time: t0, kind: .messageSent(nudge)),
      CustomerEvent(customerID: "ada", time: t0.addingTimeInterval(3_600), kind: .opened(nudge, isMachineOpen: false)),
      CustomerEvent(customerID: "bob", time: t0, kind: .heldOut(held)),
    ])
    let orders = try OrderLog([
      Order(
        id: "1001", customer: CustomerReference(id: "ada"), placedAt: t0.addingTimeInterval(86_400),
        lines: [LineItem(productID: "beans", unitPrice: 12)], currency: "EUR")
    ])
    let march = t0..<t0.addingTimeInterval(31 * 86_400)
    let attribution = Attribution(orders: orders, events: events, period: march)
    var generator = SeededRandomNumberGenerator(seed: 1)
    let uplift = ControlGroupComparison(
      flow: "second-purchase-nudge", orders: orders, events: events, period: march, using: &generator)

    // Ada opened and ordered a day later: credited, the whole shop revenue (12 EUR).
    #expect(attribution.totalsByFlow.map(\.group) == ["second-purchase-nudge"])
    #expect(attribution.total.revenue == 12 && attribution.emailRevenueShare == 1)
    // 1 of 1 treated converted, 0 of 1 held out: difference 1, Newcombe's interval from the Wilson
    // intervals of 1/1 (0.2065...1) and 0/1 (0...0.7935): 1 − √(0.7935² + 0.7935²) = −0.1222.
    #expect(uplift.conversion.difference == 1)
    #expect(abs(try #require(uplift.conversion.low) - (1 - (2 * 0.7934506 * 0.7934506).squareRoot())) < 1e-6)
    #expect(uplift.incrementalRevenue == 12)
  }
}
