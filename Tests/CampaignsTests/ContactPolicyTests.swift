import Foundation
import Testing
import _TestSupport
import Campaigns

/// Consent per channel, marketing-only frequency caps and local sending hours.
struct ContactPolicyTests {
  static func consent(
    _ events: [CustomerEvent], orders: [Order] = [], on channel: Channel, policy: ContactPolicy = ContactPolicy()
  ) throws -> Bool {
    policy.hasConsent("a", on: channel, in: try Shop.context(events, orders: orders, from: 100, to: 124))
  }

  @Test func emailConsentFromEventsAndTheLatestOrder() throws {
    #expect(try !Self.consent([], on: .email))
    #expect(try Self.consent(Shop.optIn(["a"]), on: .email))
    // The latest order that records Accepts Marketing decides; an event after it wins.
    let yes = Shop.order("o1", "a", hours: 0, acceptsMarketing: true)
    let no = Shop.order("o2", "a", hours: 10, acceptsMarketing: false)
    let unknown = Shop.order("o3", "a", hours: 20)
    #expect(try Self.consent([], orders: [yes], on: .email))
    #expect(try !Self.consent([], orders: [yes, no, unknown], on: .email))
    #expect(try Self.consent([Shop.event("a", 30, .subscribed(channel: .email))], orders: [yes, no], on: .email))
    #expect(try !Self.consent([Shop.event("a", 5, .subscribed(channel: .email))], orders: [yes, no], on: .email))
    // Orders can be left out of it.
    #expect(try !Self.consent([], orders: [yes], on: .email, policy: ContactPolicy(ordersGiveEmailConsent: false)))
    // What happens after the planning instant (hour 100) is not known.
    #expect(try !Self.consent([Shop.event("a", 101, .subscribed(channel: .email))], on: .email))
  }

  @Test func aLaterOptOutWinsAndAtEqualTimesTheOptOut() throws {
    let optIn = Shop.event("a", 1, .subscribed(channel: .email))
    let optOut = Shop.event("a", 2, .unsubscribed(channel: .email))
    #expect(try !Self.consent([optIn, optOut], on: .email))
    #expect(try !Self.consent([optOut, optIn], on: .email))
    #expect(try Self.consent([Shop.event("a", 3, .subscribed(channel: .email)), optOut], on: .email))
    let tie = [Shop.event("a", 2, .subscribed(channel: .email)), optOut]
    #expect(try !Self.consent(tie, on: .email))
    #expect(try !Self.consent(tie.reversed(), on: .email))
    // An order accepting marketing at the instant of an opt-out does not win either.
    #expect(try !Self.consent([optOut], orders: [Shop.order("o1", "a", hours: 2, acceptsMarketing: true)], on: .email))
  }

  @Test func eachChannelNeedsItsOwnOptInAndPhoneHasNoDefault() throws {
    let order = Shop.order("o1", "a", hours: 0, phone: "+49 30 1234567", acceptsMarketing: true)
    #expect(try !Self.consent([], orders: [order], on: .sms))
    #expect(try !Self.consent([], orders: [order], on: .phone))
    #expect(try !Self.consent([], orders: [order], on: .push))
    for channel in [Channel.sms, .phone, .push] {
      #expect(try Self.consent(Shop.optIn(["a"], channel: channel), on: channel))
      #expect(try !Self.consent(Shop.optIn(["a"], channel: channel), on: .email))
    }
    // A shop may assume consent on a channel (its own legal judgement); an opt-out still wins.
    let assumed = ContactPolicy(assumedConsent: [.phone])
    #expect(try Self.consent([], on: .phone, policy: assumed))
    #expect(try !Self.consent([Shop.event("a", 1, .unsubscribed(channel: .phone))], on: .phone, policy: assumed))
  }

  /// A reminder due at hour 34 after a checkout at 10 (step 2 of the abandoned checkout), with
  /// one logged message 30 minutes before it.
  static func capped(by message: CustomerEvent, policy: ContactPolicy = Shop.anyTime) throws -> CampaignPlan {
    let flows = [Flow.orderUpdate(.shipped), Flow.abandonedCheckout().withoutControlGroup]
    let key = "checkout:\(Int(Shop.at(10).timeIntervalSince1970))"
    let events =
      Shop.optIn(["a"]) + [
        Shop.event("a", 10, .checkoutStarted(productIDs: ["p1"])), message,
        Shop.sent("a", 11, flow: "abandoned-checkout", step: 1, key: key),
      ]
    return CampaignPlanner(flows: flows, policy: policy).plan(try Shop.context(events, from: 34, to: 35))
  }

  @Test func aTransactionalNoticeNeverBlocksMarketing() throws {
    // A shipping notice of the planner's transactional flow went 30 minutes before: no cap.
    let notice = try Self.capped(by: Shop.sent("a", 33.5, flow: "order-shipped", key: "order:o1"))
    #expect(notice.messages.map(\.step) == [2])
    // The shop system's own confirmation, declared transactional: no cap.
    var policy = Shop.anyTime
    policy.transactionalFlows = ["order-confirmation"]
    let confirmation = try Self.capped(by: Shop.sent("a", 33.5, flow: "order-confirmation"), policy: policy)
    #expect(confirmation.messages.map(\.step) == [2])
    // A newsletter of an unknown flow counts as marketing: capped (16 h).
    let newsletter = try Self.capped(by: Shop.sent("a", 33.5, flow: "newsletter"))
    #expect(newsletter.messages.isEmpty)
    #expect(newsletter.skipped.map(\.reason) == ["frequency cap: another email message 0.5 h before (cap 16 h)"])
    // So does the planner's own marketing, and a message without a flow.
    let unnamed = Shop.event("a", 33.5, .messageSent(MessageReference(id: "m-1")))
    #expect(try Self.capped(by: unnamed).messages.isEmpty)
    // Caps are per channel: an SMS does not cap an email.
    #expect(try Self.capped(by: Shop.sent("a", 33.5, flow: "newsletter", channel: .sms)).messages.count == 1)
    // Without a cap on email, the newsletter does not matter.
    #expect(
      try Self.capped(
        by: Shop.sent("a", 33.5, flow: "newsletter"), policy: ContactPolicy(frequencyCaps: [:], sendingHours: nil)
      ).messages.count == 1)
  }

  @Test func whichLoggedMessagesAreTransactional() {
    var policy = ContactPolicy()
    policy.transactionalFlows = ["order-confirmation"]
    let planner = CampaignPlanner(flows: Flow.standardFlows(), policy: policy)
    #expect(planner.isTransactional(MessageReference(id: "m", flow: "order-shipped", step: 1)))
    #expect(planner.isTransactional(MessageReference(id: "m", flow: "order-confirmation")))
    #expect(!planner.isTransactional(MessageReference(id: "m", flow: "abandoned-checkout", step: 1)))
    // A step the flow does not have, an unknown flow, no flow: marketing.
    #expect(!planner.isTransactional(MessageReference(id: "m", flow: "order-shipped", step: 2)))
    #expect(!planner.isTransactional(MessageReference(id: "m", flow: "newsletter", step: 1)))
    #expect(!planner.isTransactional(MessageReference(id: "m")))
  }

  @Test func plannedMarketingCapsLaterMarketingOnTheChannel() throws {
    let events =
      Shop.optIn(["a"]) + [
        Shop.event("a", 10, .checkoutStarted(productIDs: ["p1"])), Shop.event("a", 20, .addedToCart(productID: "p2")),
      ]
    let flows = [Flow.abandonedCheckout().withoutControlGroup, Flow.abandonedCart().withoutControlGroup]
    // Planned at 21 h over the window 10.5..<25 h: the checkout's step 1 (due 11 h) goes late at
    // 21 h; the cart's step 1 (24 h) would go 3 h after it.
    let context = try Shop.context(events, from: 10.5, to: 25, asOf: 21)
    let plan = CampaignPlanner(flows: flows, policy: Shop.anyTime).plan(context)
    #expect(plan.messages.map(\.flow) == ["abandoned-checkout"])
    #expect(plan.messages.map(\.sendAt) == [Shop.at(21)])
    #expect(plan.skipped.map(\.reason) == ["frequency cap: another email message 3 h before (cap 16 h)"])
  }

  @Test func sendingHoursFollowThePersonsTimeZone() throws {
    let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
    let losAngeles = try #require(TimeZone(identifier: "America/Los_Angeles"))
    let events =
      Shop.optIn(["tokyo", "la", "utc"])
      + ["tokyo", "la", "utc"].map { Shop.event($0, 13, .checkoutStarted(productIDs: ["p1"])) }
    let context = try Shop.context(events, from: 13.5, to: 15, timeZones: ["tokyo": tokyo, "la": losAngeles])
    let plan = CampaignPlanner(flows: [Flow.abandonedCheckout().withoutControlGroup]).plan(context)
    let sendAt = Dictionary(uniqueKeysWithValues: plan.messages.map { ($0.person, $0.sendAt) })
    // 14:00 UTC is 23:00 in Tokyo (UTC+9): 09:00 JST next day = 03-02 00:00 UTC. In Los Angeles
    // (UTC-8 before 03-10) it is 06:00: 09:00 PST = 17:00 UTC. In UTC 14:00 stays.
    #expect(sendAt["tokyo"] == Shop.at(24))
    #expect(sendAt["la"] == Shop.at(17))
    #expect(sendAt["utc"] == Shop.at(14))
    // 2024-03-10 12:00 UTC is 05:00 PDT (UTC-7 since that night): 09:00 PDT = 16:00 UTC.
    #expect(ContactPolicy().sendingTime(for: Shop.at(9 * 24 + 12), in: losAngeles) == Shop.at(9 * 24 + 16))
  }

  /// The plain definition: the calendar's hour of the instant, else the next start of the hours.
  static func calendarSendingTime(_ instant: Date, hours: Range<Int>, in zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let hour = calendar.component(.hour, from: instant)
    if hours.contains(hour) { return instant }
    let day = calendar.startOfDay(for: instant)
    let base = hour < hours.lowerBound ? day : calendar.date(byAdding: .day, value: 1, to: day) ?? day
    return calendar.date(bySettingHour: hours.lowerBound, minute: 0, second: 0, of: base) ?? instant
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func sendingTimeEqualsTheCalendarsDefinition(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let zones = [
      "UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata",
      "America/St_Johns", "Pacific/Chatham",
    ].compactMap(TimeZone.init(identifier:))
    #expect(zones.count == 8)
    for _ in 0..<200 {
      let zone = zones[Int(generator.next() % UInt64(zones.count))]
      let start = Int(generator.next() % 24)
      let hours = start..<(start + 1 + Int(generator.next() % UInt64(24 - start)))
      // Instants in 2023-2025, across daylight-saving changes, at whole seconds.
      let instant = Date(timeIntervalSince1970: 1_672_531_200 + Double(generator.next() % (3 * 365 * 86_400)))
      let policy = ContactPolicy(sendingHours: hours)
      #expect(policy.sendingTime(for: instant, in: zone) == Self.calendarSendingTime(instant, hours: hours, in: zone))
    }
  }
}
