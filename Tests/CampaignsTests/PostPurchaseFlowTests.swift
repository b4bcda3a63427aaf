import Foundation
import Testing
import Campaigns

/// The order notices (transactional) and the post-purchase flow: a review request 7 days and
/// related products 14 days after delivery.
struct PostPurchaseFlowTests {
  let flows = [
    Flow.orderUpdate(.shipped), .orderUpdate(.delayed), .orderUpdate(.delivered),
    Flow.postPurchase().withoutControlGroup,
  ]

  static func orderEvents(_ person: String, order: String = "o1") -> [CustomerEvent] {
    [
      Shop.event(person, 20, .shipped(orderID: order)), Shop.event(person, 30, .delayed(orderID: order)),
      Shop.event(person, 50, .delivered(orderID: order)),
    ]
  }

  @Test func noticesGoAtTheEventWithoutConsentAndTheMarketingStepsNeedIt() throws {
    let events = [Shop.event("a", -1_000, .unsubscribed(channel: .email))] + Self.orderEvents("a")
    let orders = [Shop.order("o1", "a", hours: 1, products: ["p1", "p2"])]
    let (messages, skipped) = try Shop.simulate(flows, events: events, orders: orders, from: 0, to: 400)
    #expect(messages.map(\.flow) == ["order-shipped", "order-delayed", "order-delivered"])
    #expect(messages.map(\.content) == ["shipping-notice", "delay-notice", "delivery-notice"])
    #expect(messages.map(\.sendAt) == [Shop.at(20), Shop.at(30), Shop.at(50)])
    #expect(messages.allSatisfy { $0.isTransactional && $0.group == .treatment && $0.products == ["p1", "p2"] })
    #expect(
      messages.map(\.reason) == [
        "order o1 was shipped (2024-03-01 20:00 UTC)", "order o1 is delayed (2024-03-02 06:00 UTC)",
        "order o1 was delivered (2024-03-03 02:00 UTC)",
      ])
    // The review request (50 + 168 h) and related products (50 + 336 h) are marketing: no consent.
    #expect(skipped.map(\.step) == [1, 2])
    #expect(skipped.allSatisfy { $0.flow == "post-purchase" && $0.reason == "no marketing consent on email" })
  }

  @Test func reviewRequestAfterSevenDaysAndRelatedProductsAfterFourteen() throws {
    let events = Shop.optIn(["b"]) + Self.orderEvents("b")
    let orders = [
      Shop.order("o1", "b", hours: 1, products: ["p1"]), Shop.order("x1", "x", hours: 2, products: ["p1", "p3"]),
      Shop.order("x2", "y", hours: 3, products: ["p1", "p3", "p4"]),
    ]
    let recommender = PopularityRecommender(PurchaseHistory(try OrderLog(orders)))
    let (messages, _) = try Shop.simulate(
      flows, events: events, orders: orders, from: 0, to: 400, policy: ContactPolicy(), recommender: recommender)
    let marketing = messages.filter { $0.flow == "post-purchase" }
    // Delivered 2024-03-03 02:00 UTC: the review request is due 03-10 02:00 and waits for 09:00
    // (sending hours); related products 03-17 02:00, also at 09:00.
    #expect(marketing.map(\.content) == ["review-request", "related-products"])
    #expect(marketing.map(\.sendAt) == [Shop.at(50 + 168 + 7), Shop.at(50 + 336 + 7)])
    #expect(marketing[0].products == ["p1"])
    let picks = recommender.recommendations(
      forCustomer: "b", count: 3, filter: RecommendationFilter(excludesPurchasedDurables: true)
    ).map(\.productID)
    #expect(!picks.isEmpty)
    #expect(marketing[1].products == picks)
  }

  @Test func anotherOrderAfterDeliveryStopsTheMarketingSteps() throws {
    let events = Shop.optIn(["c"]) + Self.orderEvents("c")
    let orders = [Shop.order("o1", "c", hours: 1), Shop.order("o2", "c", hours: 100)]
    let (messages, skipped) = try Shop.simulate(flows, events: events, orders: orders, from: 0, to: 400)
    #expect(messages.allSatisfy { $0.isTransactional })
    #expect(skipped.map(\.reason) == Array(repeating: "exited: ordered on 2024-03-05 04:00 UTC", count: 2))
  }

  @Test func noticesAreNeverHeldOutAndRepeatedEventsCountOnce() throws {
    var notice = Flow.orderUpdate(.shipped)
    notice.controlShare = 1
    let events = [Shop.event("d", 20, .shipped(orderID: "o1")), Shop.event("d", 21, .shipped(orderID: "o1"))]
    let (messages, _) = try Shop.simulate([notice], events: events, from: 0, to: 30)
    #expect(messages.map(\.group) == [.treatment])
    #expect(messages.map(\.sendAt) == [Shop.at(20)])
    // Without the order in the log, the products are unknown.
    #expect(messages.map(\.products) == [[]])
  }
}
