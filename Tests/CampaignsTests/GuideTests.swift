import Foundation
import Testing
import _TestSupport
import Campaigns

/// Compiles and runs the code of Documentation/Campaigns.md, in order, so that the guide never
/// rots; the guide's flow file is read from the guide itself.
///
/// Keep the two in step.
struct GuideTests {
  @Test func plannerSnippetsCompileAndRun() throws {
    let day = 86_400.0
    let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
    let log = try OrderLog([
      Order(
        id: "1", customer: CustomerReference(id: "ada", email: "ada@example.com"), placedAt: start,
        lines: [LineItem(productID: "beans", unitPrice: 9), LineItem(productID: "filters", unitPrice: 4)],
        acceptsMarketing: true),
      Order(
        id: "2", customer: CustomerReference(id: "bob"), placedAt: start.addingTimeInterval(5 * day),
        lines: [LineItem(productID: "beans", unitPrice: 9)]),
    ])
    let recommender = PopularityRecommender(PurchaseHistory(log))
    let now = start.addingTimeInterval(75 * day)
    let events = EventLog([
      CustomerEvent(
        customerID: "ada", time: now.addingTimeInterval(-5 * 3_600), kind: .checkoutStarted(productIDs: ["filters"])),
      CustomerEvent(
        customerID: "bob", time: now.addingTimeInterval(-20 * 3_600), kind: .addedToCart(productID: "beans")),
    ])
    let context = CampaignContext(
      events: events, orders: log, window: now.addingTimeInterval(-day)..<now, asOf: now,
      timeZones: ["ada": "Europe/Berlin"].compactMapValues(TimeZone.init(identifier:)), recommender: recommender)
    let planner = CampaignPlanner(flows: Flow.standardFlows())
    let plan = planner.plan(context)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = String(decoding: try encoder.encode(plan), as: UTF8.self)

    // Ada's reminder was due at 2024-03-15 20:00 UTC; planned at 2024-03-16 00:00 UTC (01:00 in
    // Berlin) it waits for 09:00 Berlin = 08:00 UTC. Bob never agreed to marketing email.
    let reminder = try #require(plan.messages.first)
    #expect(plan.messages.count == 1)
    #expect(reminder.flow == "abandoned-checkout" && reminder.step == 1)
    #expect(reminder.sendAt == now.addingTimeInterval(8 * 3_600))
    #expect(reminder.email == "ada@example.com" && reminder.customer == "ada")
    #expect(reminder.products == ["filters"])
    #expect(plan.skipped.map(\.person) == ["bob"])
    #expect(plan.skipped.map(\.reason) == ["no marketing consent on email"])
    #expect(json.contains("\"sendAt\" : \"2024-03-16T08:00:00Z\""))

    var policy = ContactPolicy()
    policy.frequencyCaps[.email] = 24 * 3_600
    policy.transactionalFlows.insert("order-confirmation")
    #expect(policy.hasConsent("ada", on: .email, in: context))
    #expect(!policy.hasConsent("bob", on: .email, in: context))
    let strict = CampaignPlanner(flows: Flow.standardFlows(), policy: policy)
    #expect(strict.plan(context).messages.count == 1)

    var names: [String] = []
    for message in plan.messages {
      let kind: CustomerEvent.Kind =
        message.group == .treatment ? .messageSent(message.reference) : .heldOut(message.reference)
      let logged = CustomerEvent(customerID: message.person, time: message.sendAt, kind: kind)
      names.append(logged.kind.name)
    }
    let heldOut = ControlGroup(share: 0.1).contains("ada", flow: "abandoned-checkout")
    #expect(names == [heldOut ? "held_out" : "message_sent"])

    let text = #"{"flows": {"browse-abandonment": {"enabled": false}}, "frequencyCapsHours": {"email": 24}}"#
    let file = try FlowFile(data: Data(text.utf8))
    let configured = try file.planner(configuring: CampaignPlanner(flows: Flow.standardFlows()))
    #expect(!configured.flows.contains { $0.name == "browse-abandonment" })
    #expect(configured.policy.frequencyCaps[.email] == TimeInterval(24 * 3_600))

    struct BirthdayTrigger: CampaignTrigger {
      var birthdays: [String: Date]
      var name: String { "birthday" }
      func entries(in context: CampaignContext) -> [FlowEntry] {
        birthdays.map { FlowEntry(person: $0.key, time: $0.value, key: "birthday:\($0.value)", reason: "birthday") }
      }
    }
    var checkout = Flow.abandonedCheckout()
    checkout.steps[2].incentive = "10% off"
    let birthday = Flow(
      name: "birthday", trigger: BirthdayTrigger(birthdays: ["ada": now]),
      steps: [FlowStep(wait: 0, content: "birthday", incentive: "a gift", productCount: 0)])
    let mine = CampaignPlanner(
      flows: [checkout, birthday] + Flow.standardFlows().filter { $0.name != "abandoned-checkout" })
    // The birthday is due at `now`, the end of this window: the next run plans it.
    let flows = mine.plan(context)
    #expect(flows.messages.map(\.flow) == ["abandoned-checkout"])
    #expect(flows.skipped.map(\.person) == ["bob"])
    let tomorrow = CampaignContext(
      events: events, orders: log, window: now..<now.addingTimeInterval(day), asOf: now.addingTimeInterval(day))
    // There it meets Ada's second checkout reminder (due 19 hours after `now`) at 09:00 UTC; the
    // checkout flow is listed first, and the cap holds the birthday back.
    let next = mine.plan(tomorrow)
    #expect(next.messages.map(\.flow) == ["abandoned-checkout"])
    #expect(next.messages.map(\.step) == [2])
    #expect(next.skipped.map(\.flow) == ["birthday"])
    #expect(next.skipped.map(\.reason) == ["frequency cap: another email message 0 h before (cap 16 h)"])
  }

  @Test func theGuidesFlowFileIsValid() throws {
    let guide = try String(
      contentsOf: TestData.projectRoot.appendingPathComponent("Documentation/Campaigns.md"), encoding: .utf8)
    let blocks = guide.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    #expect(blocks.count == 1)
    let file = try FlowFile(data: Data(try #require(blocks.first).utf8))
    let flows = try file.flows(configuring: Flow.standardFlows())
    let sale = try #require(flows.last)
    #expect(sale.name == "summer-sale")
    // 2024-06-03 06:00 UTC to 2024-06-07 20:00 UTC: 110 hours; extended by a day.
    #expect(sale.steps.map { $0.wait / 3_600 } == [0, 48, 86, 110])
    #expect(!flows.contains { $0.name == "browse-abandonment" })
    #expect(file.policy(configuring: ContactPolicy()).sendingHours == 8..<21)
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
