import Foundation
import Testing
import Campaigns

/// Lead nurture: subscribers without an order, 1, 4 and 10 days after subscribing; exit on an
/// order or an unsubscribe.
///
/// Fixture (days from 2024-03-01 00:00 UTC): `lead@example.com` subscribes by email on day 0 at
/// 09:00 and exists only in the events; `buyer` subscribes on day 0 and orders on day 2;
/// `customer` ordered on day -5 and subscribes on day 0; `quitter` subscribes on day 0 and
/// unsubscribes on day 3; `texter` subscribes to SMS only; `back` subscribed on day -30,
/// unsubscribed on day -20 and subscribes again on day 0 at 12:00.
struct LeadNurtureFlowTests {
  typealias F = OrderFlowFixtures

  static let orders = [F.order("b1", "buyer", day: 2), F.order("c1", "customer", day: -5)]
  static let events = [
    F.event("lead@example.com", day: 0, hour: 9, .subscribed(channel: .email)),
    F.event("buyer", day: 0, hour: 9, .subscribed(channel: .email)),
    F.event("customer", day: 0, hour: 9, .subscribed(channel: .email)),
    F.event("quitter", day: 0, hour: 9, .subscribed(channel: .email)),
    F.event("quitter", day: 3, .unsubscribed(channel: .email)),
    F.event("texter", day: 0, hour: 9, .subscribed(channel: .sms)),
    F.event("back", day: -30, .subscribed(channel: .email)), F.event("back", day: -20, .unsubscribed(channel: .email)),
    F.event("back", day: 0, hour: 12, .subscribed(channel: .email)),
  ]

  static func due(from start: Double, to end: Double) throws -> [String] {
    FlowSchedule.dueSteps(
      .leadNurture(), in: try F.context(orders: Self.orders, events: Self.events, from: start, to: end)
    )
    .map { "\($0.person) \($0.step) \($0.content)" }
  }

  @Test func stepsAtOneFourAndTenDaysAndNotBefore() throws {
    #expect(try Self.due(from: 0, to: 1).isEmpty)
    #expect(
      try Self.due(from: 1, to: 2) == [
        "buyer 1 lead-nurture-1", "lead@example.com 1 lead-nurture-1", "quitter 1 lead-nurture-1",
        "back 1 lead-nurture-1",
      ])
    #expect(try Self.due(from: 2, to: 4).isEmpty)
    // Day 4: buyer ordered (day 2), quitter unsubscribed (day 3).
    #expect(try Self.due(from: 4, to: 5) == ["lead@example.com 2 lead-nurture-2", "back 2 lead-nurture-2"])
    #expect(try Self.due(from: 10, to: 11) == ["lead@example.com 3 lead-nurture-3", "back 3 lead-nurture-3"])
    let flow = Flow.leadNurture()
    let context = try F.context(orders: Self.orders, events: Self.events, from: 10, to: 11)
    #expect(
      FlowSchedule.dueSteps(flow, in: context).first?.due == F.at(day: 10, hour: 9))
    #expect(flow.steps.map(\.wait) == [1, 4, 10].map { $0 * F.day })
  }

  @Test func anOrderOrAnUnsubscribeEndsTheFlow() throws {
    let flow = Flow.leadNurture()
    #expect(flow.exits == [.ordered, .unsubscribed])
    let day4 = try F.context(orders: Self.orders, events: Self.events, from: 4, to: 5)
    let people = flow.trigger.entries(in: day4).map(\.person)
    #expect(people == ["back", "lead@example.com"])
    // The planner's exit check stops the same entries the trigger leaves out.
    let buyer = FlowEntry(person: "buyer", time: F.at(day: 0, hour: 9), key: "k", reason: "test")
    let quitter = FlowEntry(person: "quitter", time: F.at(day: 0, hour: 9), key: "k", reason: "test")
    #expect(FlowSchedule.hasExited(buyer, flow: flow, in: day4))
    #expect(FlowSchedule.hasExited(quitter, flow: flow, in: day4))
  }

  @Test func leadsExistOnlyInTheEvents() throws {
    let context = try F.context(orders: Self.orders, events: Self.events, from: 1, to: 2)
    let lead = try #require(LeadNurtureTrigger().entries(in: context).first { $0.person == "lead@example.com" })
    #expect(context.orders.customerNumber(of: "lead@example.com") == nil)
    #expect(lead.time == F.at(day: 0, hour: 9))
    #expect(lead.key == "subscribed:\(Int(F.at(day: 0, hour: 9).timeIntervalSince1970))")
    #expect(lead.reason == "subscribed on email on 2024-03-01 09:00 UTC, no purchase yet")
    // The resubscriber enters at the new subscription.
    let back = try #require(LeadNurtureTrigger().entries(in: context).first { $0.person == "back" })
    #expect(back.time == F.at(day: 0, hour: 12))
    // An SMS subscription makes an SMS lead only.
    #expect(LeadNurtureTrigger(channel: .sms).entries(in: context).map(\.person) == ["texter"])
    // Entries are kept 10 + 7 days.
    #expect(
      Flow.leadNurture().trigger.entries(in: try F.context(orders: [], events: Self.events, from: 17, to: 18)).count
        == 4)
    #expect(
      Flow.leadNurture().trigger.entries(in: try F.context(orders: [], events: Self.events, from: 18, to: 19)).isEmpty)
  }
}
