import Foundation
import Testing
import RetentionCore
import Campaigns

/// The guest registration invite: 2 days after a guest order, with the incentive; exit on
/// `account_created`.
///
/// Fixture (days from 2024-03-01 00:00 UTC, orders at 10:00): `g1` is a guest checkout with
/// only an email (` Guest@Example.com `); `a1` is by `acc`, who created an account on day -10;
/// `n1` is by `noacct`, a customer id without an `account_created` event; `r1` is by `reg`,
/// who creates an account on day 1; `x1` is a guest checkout without any email.
struct GuestRegistrationFlowTests {
  typealias F = OrderFlowFixtures

  static let orders = [
    F.order("g1", CustomerReference(email: " Guest@Example.com "), day: 0, products: ["beans"]),
    F.order("a1", "acc", day: 0), F.order("n1", "noacct", day: 0), F.order("r1", "reg", day: 0),
    F.order("x1", CustomerReference(name: "Anonymous"), day: 0),
  ]
  static let events = [
    F.event("acc", day: -10, .accountCreated), F.event("reg", day: 1, .accountCreated),
  ]

  @Test func invitedTwoDaysAfterAGuestOrderWithTheIncentive() throws {
    let flow = Flow.guestRegistration()
    let due = FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, events: Self.events, from: 2, to: 3))
    // reg created an account on day 1 (the flow's goal); acc had one before ordering.
    #expect(
      due == [
        DueStep(
          person: "guest@example.com", step: 1, due: F.at(day: 2, hour: 10), key: "order:g1",
          content: "registration-invite", incentive: "10% off your next order with an account"),
        DueStep(
          person: "noacct", step: 1, due: F.at(day: 2, hour: 10), key: "order:n1", content: "registration-invite",
          incentive: "10% off your next order with an account"),
      ])
    #expect(
      FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, events: Self.events, from: 1, to: 2)).isEmpty)
    #expect(flow.exits == [.event("account_created"), .unsubscribed])
    #expect(flow.reentryInterval == 90 * F.day)
  }

  @Test func accountCreatedEndsTheFlow() throws {
    let flow = Flow.guestRegistration()
    // Before reg's account (planning on day 0 at 12:00), reg's order is a guest order.
    let early = CampaignContext(
      events: EventLog(Self.events), orders: try OrderLog(Self.orders), window: F.at(day: 0, hour: 12)..<F.at(day: 1))
    #expect(flow.trigger.entries(in: early).map(\.person).sorted() == ["guest@example.com", "noacct", "reg"])
    // After it, not; and the flow's exit stops an entry whose person created one since.
    let later = try F.context(orders: Self.orders, events: Self.events, from: 2, to: 3)
    #expect(!flow.trigger.entries(in: later).contains { $0.person == "reg" })
    let entry = FlowEntry(person: "reg", time: F.at(day: 0, hour: 10), key: "order:r1", reason: "test")
    #expect(FlowSchedule.hasExited(entry, flow: flow, in: later))
  }

  @Test func withoutAccountEventsOnlyImporterMarkedGuests() throws {
    // The shop logs no account_created events: only the guest checkout is a guest order.
    let context = try F.context(orders: Self.orders, from: 2, to: 3)
    #expect(GuestRegistrationTrigger().entries(in: context).map(\.person) == ["guest@example.com"])
    // Told not to use account events, the same with them.
    let withEvents = try F.context(orders: Self.orders, events: Self.events, from: 2, to: 3)
    #expect(
      GuestRegistrationTrigger(usesAccountEvents: false).entries(in: withEvents).map(\.person) == ["guest@example.com"])
    let guest = try #require(GuestRegistrationTrigger().entries(in: context).first)
    #expect(guest.products == ["beans"])
    #expect(guest.reason == "guest checkout of order g1 on 2024-03-01")
    #expect(guest.time == F.at(day: 0, hour: 10))
    let noAccount = try #require(GuestRegistrationTrigger().entries(in: withEvents).first { $0.person == "noacct" })
    #expect(noAccount.reason == "order n1 on 2024-03-01 without an account (no account_created event)")
  }

  @Test func aGuestOrderJoinedToAPersonStaysAGuestOrder() throws {
    // Identity resolution put the guest checkout g1 with the customer "p-7"'s account order:
    // the log keyed by person still knows from the imported reference that g1 had no account.
    let orders = [
      F.order("o1", CustomerReference(id: "c-7", email: "guest@example.com"), day: -40),
      F.order("g1", CustomerReference(email: "guest@example.com"), day: 0),
    ]
    let log = try OrderLog(orders)
    let keyed = OrderLog(relabeling: log, customerOfOrder: [0, 0], customerIDs: ["p-7"])
    let context = CampaignContext(events: EventLog([]), orders: keyed, window: F.at(day: 2)..<F.at(day: 3))
    let entries = GuestRegistrationTrigger().entries(in: context)
    #expect(entries.map(\.person) == ["p-7"])
    #expect(entries.map(\.key) == ["order:g1"])
  }

  @Test func entriesAgeOut() throws {
    let trigger = Flow.guestRegistration().trigger
    #expect(trigger.entries(in: try F.context(orders: Self.orders, from: 9, to: 10)).count == 1)
    #expect(trigger.entries(in: try F.context(orders: Self.orders, from: 9.5, to: 10)).isEmpty)
  }
}
