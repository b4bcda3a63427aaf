import Foundation
import Testing
import Campaigns

/// Trigger-by-trigger checks on hand-made event logs.
///
/// Times are hours from 2024-03-01 00:00 UTC.
struct CampaignPlannerTests {
  static let t0 = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01 00:00 UTC
  static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3_600) }
  static func event(_ customer: String?, _ hours: Double, _ kind: CustomerEvent.Kind) -> CustomerEvent {
    CustomerEvent(customerID: customer, time: at(hours), kind: kind)
  }
  static func optIn(_ customers: [String], channel: Channel = .email) -> [CustomerEvent] {
    customers.map { event($0, -1_000, .subscribed(channel: channel)) }
  }
  static func context(
    _ events: [CustomerEvent], orders: [Order] = [], from start: Double, to end: Double,
    timeZones: [String: TimeZone] = [:]
  ) throws -> CampaignContext {
    CampaignContext(
      events: EventLog(events), orders: try OrderLog(orders), window: at(start)..<at(end), timeZones: timeZones)
  }
  static func plan(
    _ triggers: [any MessageTrigger], _ context: CampaignContext, hours: Range<Int>? = 9..<20,
    catchUp: TimeInterval = 3_600
  ) -> CampaignPlan {
    CampaignPlanner(triggers: triggers, sendingHours: hours, catchUp: catchUp).plan(context)
  }
  static func order(_ id: String, _ customer: String, hours: Double, amount: Double = 10) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: at(hours),
      lines: [LineItem(productID: "p1", unitPrice: amount)])
  }

  @Test func abandonedCheckoutWaitsAndExitsWhenOrdered() throws {
    let events =
      Self.optIn(["a", "b"]) + [
        Self.event("a", 10, .checkoutStarted(productIDs: ["p1"])),
        Self.event("b", 10, .checkoutStarted(productIDs: ["p2"])),
        Self.event("b", 11, .orderPlaced(orderID: "o1", productIDs: ["p2"])),
        Self.event("c", 10, .checkoutStarted(productIDs: ["p3"])),
      ]
    let plan = Self.plan([AbandonedCheckoutTrigger()], try Self.context(events, from: 12, to: 24))
    // a: 10:00 + 4 h = 14:00. b ordered at 11:00 (exit). c never opted in (skipped).
    #expect(plan.messages.map(\.customer) == ["a"])
    #expect(plan.messages[0].sendAt == Self.at(14))
    #expect(plan.messages[0].products == ["p1"])
    #expect(plan.skipped.map(\.message.customer) == ["c"])
    #expect(plan.skipped[0].reason == "no marketing consent on email")
    // Planned at 14:30, the 14:00 send is late but within the hour of catch-up: it goes at 14:30.
    #expect(
      Self.plan([AbandonedCheckoutTrigger()], try Self.context(events, from: 14.5, to: 24)).messages.map(\.sendAt) == [
        Self.at(14.5)
      ])
    // Planned at 16:00, it is two hours late: the run that covered 14:00 had it.
    #expect(Self.plan([AbandonedCheckoutTrigger()], try Self.context(events, from: 16, to: 24)).messages.isEmpty)
    // Already sent: no repeat.
    let sent = events + [Self.event("a", 14, .messageSent(MessageReference(id: "m1", flow: MessageKind.abandonedCheckout.rawValue, channel: .email)))]
    #expect(
      AbandonedCheckoutTrigger().messages(in: try Self.context(sent, from: 14.5, to: 24)).map(\.customer) == ["c"])
  }

  @Test func abandonedCartGivesWayToCheckout() throws {
    let events =
      Self.optIn(["a", "b"]) + [
        Self.event("a", 9, .addedToCart(productID: "p1")), Self.event("a", 10, .addedToCart(productID: "p2")),
        Self.event("b", 9, .addedToCart(productID: "p1")), Self.event("b", 9.5, .checkoutStarted(productIDs: ["p1"])),
      ]
    let plan = Self.plan([AbandonedCartTrigger()], try Self.context(events, from: 10, to: 48))
    // a: last addition 10:00 + 8 h = 18:00, both products. b checked out: no cart reminder.
    #expect(plan.messages.map(\.customer) == ["a"])
    #expect(plan.messages[0].sendAt == Self.at(18))
    #expect(plan.messages[0].products == ["p1", "p2"])
  }

  @Test func browseAbandonmentOnlyForIdentifiedVisitorsWithoutARecentOrder() throws {
    let events =
      Self.optIn(["a", "b", "c"]) + [
        Self.event("a", 1, .productViewed(productID: "p3")),
        Self.event("b", -5 * 24, .orderPlaced(orderID: "o1", productIDs: ["p1"])),
        Self.event("b", 1, .productViewed(productID: "p3")),
        Self.event("c", 1, .productViewed(productID: "p3")), Self.event("c", 2, .addedToCart(productID: "p3")),
        Self.event(nil, 1, .productViewed(productID: "p3")),
      ]
    let plan = Self.plan([BrowseAbandonmentTrigger()], try Self.context(events, from: 2, to: 48))
    // a: 01:00 + 24 h = 03-02 01:00, moved to 09:00 (sending hours). b ordered 5 days before the view (< 10). c added it to the cart. The
    // anonymous visitor cannot be reached.
    #expect(plan.messages.map(\.customer) == ["a"])
    #expect(plan.messages[0].sendAt == Self.at(33))
  }

  @Test func postPurchaseSeries() throws {
    let events = [
      Self.event("a", -1_000, .unsubscribed(channel: .email)),
      Self.event("a", 1, .orderPlaced(orderID: "o1", productIDs: ["p1"])), Self.event("a", 20, .shipped(orderID: "o1")),
      Self.event("a", 30, .delayed(orderID: "o1")), Self.event("a", 50, .delivered(orderID: "o1")),
      Self.event("a", 51, .messageSent(MessageReference(id: "delivery-update:o1", flow: MessageKind.deliveryUpdate.rawValue, channel: .email))),
    ]
    // Planned at 60 h with a catch-up covering every event: the late notices go at 60 h.
    let context = try Self.context(events, from: 60, to: 60 * 24)
    let plan = Self.plan([PostPurchaseTrigger()], context, catchUp: 60 * 3_600)
    // Transactional messages go although a unsubscribed from marketing; the delivery update
    // went already; the review request (delivered 03-03 02:00 + 7 days = 03-10 02:00 UTC) is
    // marketing: no consent, skipped.
    #expect(plan.messages.map(\.kind) == [.thankYou, .shippingUpdate, .delayNotice])
    #expect(plan.messages.map(\.sendAt) == [Self.at(60), Self.at(60), Self.at(60)])
    // With the default hour of catch-up, only what was due since 59 h: nothing transactional.
    #expect(Self.plan([PostPurchaseTrigger()], context).messages.isEmpty)
    #expect(plan.messages.allSatisfy { !$0.isMarketing && $0.products == ["p1"] })
    #expect(plan.messages.map(\.id) == ["thank-you:o1", "shipping-update:o1", "delay-notice:o1"])
    #expect(plan.skipped.map(\.message.kind) == [.reviewRequest])
    // With consent, the review request moves from 02:00 to 09:00 UTC, the start of sending hours.
    let consenting = try Self.context(Array(events.dropFirst()) + Self.optIn(["a"]), from: 60, to: 60 * 24)
    let review = try #require(
      Self.plan([PostPurchaseTrigger()], consenting).messages.first { $0.kind == .reviewRequest })
    #expect(review.sendAt == Self.at(50 + 7 * 24 + 7))
  }

  @Test func promotionResendsToNonOpenersIgnoringMachineOpens() throws {
    let events =
      Self.optIn(["p", "q", "r"]) + [
        Self.event("p", 10, .messageSent(MessageReference(id: "sale", flow: MessageKind.promotion.rawValue, channel: .email))),
        Self.event("p", 10.1, .opened(MessageReference(id: "sale"), isMachineOpen: true)),
        Self.event("q", 10, .messageSent(MessageReference(id: "sale", flow: MessageKind.promotion.rawValue, channel: .email))),
        Self.event("q", 12, .opened(MessageReference(id: "sale"), isMachineOpen: false)),
      ]
    let sale = PromotionTrigger(id: "sale", sendAt: Self.at(58), audience: ["p", "q", "r"])
    let plan = Self.plan([sale], try Self.context(events, from: 20, to: 72))
    // p: only a machine open, resend 2 days after 10:00; q opened; r not sent yet: first send at 58 h.
    #expect(plan.messages.map(\.customer) == ["p", "r"])
    #expect(plan.messages.map(\.kind) == [.promotionResend, .promotion])
    #expect(plan.messages.map(\.id) == ["sale-resend", "sale"])
    #expect(plan.messages.map(\.sendAt) == [Self.at(58), Self.at(58)])
  }

  @Test func frequencyCapPerChannel() throws {
    let events =
      Self.optIn(["a"]) + Self.optIn(["a"], channel: .sms) + [
        Self.event("a", 8, .messageSent(MessageReference(id: "m0", flow: MessageKind.promotion.rawValue, channel: .email))),
        Self.event("a", 10, .checkoutStarted(productIDs: ["p1"])),
        Self.event("a", 10.5, .addedToCart(productID: "p1")),
      ]
    let context = try Self.context(events, from: 12, to: 48)
    // The checkout reminder at 14:00 comes 6 h after the 08:00 email: capped (16 h).
    let capped = Self.plan([AbandonedCheckoutTrigger()], context)
    #expect(capped.messages.isEmpty)
    #expect(capped.skipped.first?.reason == "frequency cap: a email message went 6 h before (cap 16 h)")
    // By SMS it goes; a second SMS 4.5 h later (the cart added after the checkout, at 18:30) is
    // capped at 24 h.
    let sms = Self.plan([AbandonedCheckoutTrigger(channel: .sms), AbandonedCartTrigger(channel: .sms)], context)
    #expect(sms.messages.map(\.kind) == [.abandonedCheckout])
    #expect(sms.skipped.map(\.message.kind) == [.abandonedCart])
    // Without caps both go.
    let uncapped = CampaignPlanner(
      triggers: [AbandonedCheckoutTrigger(channel: .sms), AbandonedCartTrigger(channel: .sms)], frequencyCaps: [:]
    ).plan(context)
    #expect(uncapped.messages.count == 2)
  }

  @Test func sendingHoursFollowTheCustomersTimeZone() throws {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
    let events =
      Self.optIn(["tokyo", "la", "utc"]) + [
        Self.event("tokyo", 10, .checkoutStarted(productIDs: ["p1"])),
        Self.event("la", 10, .checkoutStarted(productIDs: ["p1"])),
        Self.event("utc", 10, .checkoutStarted(productIDs: ["p1"])),
      ]
    let context = try Self.context(events, from: 12, to: 24, timeZones: ["tokyo": tokyo, "la": losAngeles])
    let plan = Self.plan([AbandonedCheckoutTrigger()], context)
    let sendAt = Dictionary(uniqueKeysWithValues: plan.messages.map { ($0.customer, $0.sendAt) })
    // 14:00 UTC is 23:00 in Tokyo (UTC+9): next day 09:00 JST = 03-02 00:00 UTC. In Los Angeles
    // (UTC-8 before 03-10) it is 06:00: 09:00 PST = 17:00 UTC. In UTC 14:00 stays.
    #expect(sendAt["tokyo"] == Self.at(24))
    #expect(sendAt["la"] == Self.at(17))
    #expect(sendAt["utc"] == Self.at(14))
  }

  @Test func sendingHoursAcrossTheDaylightSavingChange() throws {
    // 2024-03-10 12:00 UTC is 05:00 PDT (UTC-7 since 02:00 local that day): 09:00 PDT = 16:00 UTC.
    let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
    let due = Self.at(9 * 24 + 12)
    #expect(CampaignPlanner(triggers: []).plan(try Self.context([], from: 0, to: 1)).messages.isEmpty)
    let events = Self.optIn(["la"]) + [Self.event("la", 9 * 24 + 8, .checkoutStarted(productIDs: ["p1"]))]
    let context = try Self.context(events, from: 9 * 24 + 9, to: 10 * 24, timeZones: ["la": losAngeles])
    let plan = Self.plan([AbandonedCheckoutTrigger()], context)
    #expect(plan.messages.first?.sendAt == due.addingTimeInterval(4 * 3_600))
  }

  @Test func standardTriggersOnAnEmptyShopPlanNothing() throws {
    let plan = CampaignPlanner(triggers: CampaignPlanner.standardTriggers()).plan(try Self.context([], from: 0, to: 24))
    #expect(plan.messages.isEmpty && plan.skipped.isEmpty)
  }
}
