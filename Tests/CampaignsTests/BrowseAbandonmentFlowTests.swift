import Foundation
import Testing
import Campaigns

/// The browse-abandonment flow: 24 hours after two or more views of one product, identified
/// people only.
struct BrowseAbandonmentFlowTests {
  let flow = Flow.browseAbandonment().withoutControlGroup

  @Test func twoViewsOfOneProductMakeAnEntry() throws {
    let events =
      Shop.optIn(["a", "b", "c", "d", "e"]) + [
        // a: two views of p3 at 1 and 5: the reminder at 29, featuring p3.
        Shop.event("a", 1, .productViewed(productID: "p3")), Shop.event("a", 5, .productViewed(productID: "p3")),
        // b: one view each of two products: no entry.
        Shop.event("b", 1, .productViewed(productID: "p3")), Shop.event("b", 2, .productViewed(productID: "p4")),
        // c: two views, then the product in the cart: the flow exits.
        Shop.event("c", 1, .productViewed(productID: "p3")), Shop.event("c", 3, .productViewed(productID: "p3")),
        Shop.event("c", 4, .addedToCart(productID: "p3")),
        // An anonymous visitor's views never enter.
        Shop.event(nil, 1, .productViewed(productID: "p3")), Shop.event(nil, 2, .productViewed(productID: "p3")),
        // d bought 5 days before: left alone (quiet period of 10 days).
        Shop.event("d", 1, .productViewed(productID: "p3")), Shop.event("d", 2, .productViewed(productID: "p3")),
        // e: two views 8 days apart are not close enough (7 days).
        Shop.event("e", 1, .productViewed(productID: "p3")),
        Shop.event("e", 8 * 24 + 1, .productViewed(productID: "p3")),
      ]
    let orders = [Shop.order("o1", "d", hours: -5 * 24)]
    let (messages, skipped) = try Shop.simulate([flow], events: events, orders: orders, from: 0, to: 300, every: 1)
    #expect(messages.map(\.person) == ["a"])
    #expect(messages.map(\.sendAt) == [Shop.at(29)])
    #expect(messages.map(\.products) == [["p3"]])
    #expect(messages.first?.reason == "viewed p3 2 times by 2024-03-01 05:00 UTC without adding it to the cart")
    #expect(skipped.map(\.person) == ["c"])
    #expect(skipped.map(\.reason) == ["exited: added_to_cart on 2024-03-01 04:00 UTC"])
    // Not before its time.
    let planner = CampaignPlanner(flows: [flow], policy: Shop.anyTime, catchUp: 0)
    #expect(planner.plan(try Shop.context(events, orders: orders, from: 5, to: 28.9)).messages.isEmpty)
  }
}
