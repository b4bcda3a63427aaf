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
