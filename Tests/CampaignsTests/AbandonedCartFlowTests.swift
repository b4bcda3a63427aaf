import Foundation
import Testing
import Campaigns

/// The abandoned-cart flow: 4 and 48 hours after the latest `added_to_cart`, until a checkout
/// or an order.
struct AbandonedCartFlowTests {
  let flow = Flow.abandonedCart().withoutControlGroup

  @Test func stepsWaitFromTheLatestAdditionAndFeatureTheCart() throws {
    let events =
      Shop.optIn(["a"]) + [
        Shop.event("a", 9, .addedToCart(productID: "p1")), Shop.event("a", 10, .addedToCart(productID: "p2")),
        Shop.event("a", 10, .addedToCart(productID: "p1")),
      ]
    let (messages, skipped) = try Shop.simulate([flow], events: events, from: 0, to: 100, every: 1)
    // The 09:00 addition's reminders (13:00, 57:00) exit by the later additions; those of the
    // 10:00 additions (one entry) go at 14:00 and 58:00 with the cart in the order added (p1
    // first, each once).
    #expect(messages.map(\.sendAt) == [Shop.at(14), Shop.at(58)])
    #expect(messages.allSatisfy { $0.products == ["p1", "p2"] && $0.content == "cart-reminder" })
    #expect(skipped.map(\.step) == [1, 2])
    #expect(skipped.allSatisfy { $0.reason == "exited: added_to_cart on 2024-03-01 10:00 UTC" })
    // Not before its time.
    let planner = CampaignPlanner(flows: [flow], policy: Shop.anyTime, catchUp: 0)
    #expect(planner.plan(try Shop.context(events, from: 10, to: 13.9)).messages.isEmpty)
  }

  @Test func aCheckoutOrAnOrderStopsTheFlow() throws {
    let events =
      Shop.optIn(["b", "c"]) + [
        Shop.event("b", 9, .addedToCart(productID: "p1")), Shop.event("b", 9.5, .checkoutStarted(productIDs: ["p1"])),
        Shop.event("c", 9, .addedToCart(productID: "p1")),
      ]
    let orders = [Shop.order("o1", "c", hours: 20)]
    let (messages, skipped) = try Shop.simulate([flow], events: events, orders: orders, from: 0, to: 100)
    // b checked out before the 13:00 reminder; c got it and ordered at 20:00, before the second.
    #expect(messages.map(\.person) == ["c"])
    #expect(messages.map(\.step) == [1])
    #expect(skipped.map(\.person) == ["b", "b", "c"])
    #expect(
      skipped.map(\.reason) == [
        "exited: started a checkout on 2024-03-01 09:30 UTC", "exited: started a checkout on 2024-03-01 09:30 UTC",
        "exited: ordered on 2024-03-01 20:00 UTC",
      ])
  }

  @Test func theCartStartsAfterTheLastOrder() throws {
    let events =
      Shop.optIn(["d"]) + [
        Shop.event("d", 1, .addedToCart(productID: "old")), Shop.event("d", 30, .addedToCart(productID: "new")),
      ]
    let orders = [Shop.order("o1", "d", hours: 5, products: ["old"])]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(
      try Shop.context(events, orders: orders, from: 34, to: 35))
    #expect(plan.messages.map(\.products) == [["new"]])
  }
}
