import Foundation
import Testing
import Campaigns

/// The abandoned-checkout flow: 1, 24 and 72 hours after `checkout_started`, until an order.
struct AbandonedCheckoutFlowTests {
  let flow = Flow.abandonedCheckout().withoutControlGroup

  @Test func eachStepIsPlannedAtItsTimeAndNotBefore() throws {
    let events = Shop.optIn(["a"]) + [Shop.event("a", 10, .checkoutStarted(productIDs: ["p1", "p2"]))]
    // Hourly runs from hour 0 to 100: the steps go at 11, 34 and 82, each in the run whose
    // window holds it, and no run before plans them.
    let (messages, skipped) = try Shop.simulate([flow], events: events, from: 0, to: 100, every: 1)
    #expect(messages.map(\.sendAt) == [Shop.at(11), Shop.at(34), Shop.at(82)])
    #expect(messages.map(\.step) == [1, 2, 3])
    #expect(messages.allSatisfy { $0.flow == "abandoned-checkout" && $0.products == ["p1", "p2"] })
    #expect(messages.allSatisfy { $0.content == "checkout-reminder" && $0.group == .treatment && !$0.isTransactional })
    #expect(skipped.isEmpty)
    let key = "checkout:\(Int(Shop.at(10).timeIntervalSince1970))"
    #expect(
      messages.map(\.id)
        == (1...3).map { PlannedMessage.id(flow: "abandoned-checkout", step: $0, person: "a", key: key) })
    #expect(messages[0].id == "abandoned-checkout/1:a:checkout:1709287200")
    // A window that ends just before a step's time does not plan it.
    let planner = CampaignPlanner(flows: [flow], policy: Shop.anyTime, catchUp: 0)
    #expect(planner.plan(try Shop.context(events, from: 10, to: 10.99)).messages.isEmpty)
    #expect(planner.plan(try Shop.context(events, from: 10, to: 11.01)).messages.map(\.step) == [1])
  }

  @Test func anOrderStopsTheFlow() throws {
    let events = Shop.optIn(["b"]) + [Shop.event("b", 10, .checkoutStarted(productIDs: ["p1"]))]
    let orders = [Shop.order("o1", "b", hours: 20)]
    let (messages, skipped) = try Shop.simulate([flow], events: events, orders: orders, from: 0, to: 100)
    // Step 1 went at 11, before the order at 20; steps 2 and 3 are skipped.
    #expect(messages.map(\.step) == [1])
    #expect(skipped.map(\.step) == [2, 3])
    #expect(skipped.allSatisfy { $0.reason == "exited: ordered on 2024-03-01 20:00 UTC" })
    // An order placed as an event exits the same way.
    let streamed = events + [Shop.event("b", 20, .orderPlaced(orderID: "o1", productIDs: ["p1"]))]
    #expect(try Shop.simulate([flow], events: streamed, from: 0, to: 100).messages.map(\.step) == [1])
  }

  @Test func aNewerCheckoutRestartsTheFlow() throws {
    let events =
      Shop.optIn(["c"]) + [
        Shop.event("c", 10, .checkoutStarted(productIDs: ["p1"])),
        Shop.event("c", 30, .checkoutStarted(productIDs: ["p1", "p2"])),
      ]
    let (messages, skipped) = try Shop.simulate(
      [flow], events: events, from: 0, to: 200, policy: ContactPolicy(frequencyCaps: [:], sendingHours: nil))
    // The first checkout's step 1 at 11; its steps 2 and 3 exit; the second's go at 31, 54, 102.
    #expect(messages.map(\.sendAt) == [Shop.at(11), Shop.at(31), Shop.at(54), Shop.at(102)])
    #expect(messages.suffix(3).allSatisfy { $0.products == ["p1", "p2"] })
    #expect(skipped.map(\.reason) == Array(repeating: "exited: started a checkout on 2024-03-02 06:00 UTC", count: 2))
  }

  @Test func unsubscribingStopsTheFlowAndAnonymousVisitorsNeverEnter() throws {
    let events =
      Shop.optIn(["d"]) + [
        Shop.event("d", 10, .checkoutStarted(productIDs: ["p1"])), Shop.event("d", 12, .unsubscribed(channel: .email)),
        Shop.event(nil, 10, .checkoutStarted(productIDs: ["p1"])),
      ]
    let (messages, skipped) = try Shop.simulate([flow], events: events, from: 0, to: 100)
    #expect(messages.map(\.step) == [1])
    #expect(
      skipped.map(\.reason) == Array(repeating: "exited: unsubscribed from email on 2024-03-01 12:00 UTC", count: 2))
  }

  @Test func withoutConsentEveryStepIsSkippedWithTheReason() throws {
    let events = [Shop.event("e", 10, .checkoutStarted(productIDs: ["p1"]))]
    let (messages, skipped) = try Shop.simulate([flow], events: events, from: 0, to: 100)
    #expect(messages.isEmpty)
    #expect(skipped.map(\.step) == [1, 2, 3])
    #expect(skipped.allSatisfy { $0.person == "e" && $0.flow == "abandoned-checkout" })
    #expect(skipped.allSatisfy { $0.reason == "no marketing consent on email" })
  }
}
