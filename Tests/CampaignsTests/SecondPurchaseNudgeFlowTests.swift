import Foundation
import Testing
import Campaigns

/// The second-purchase nudge: 21 days after a first purchase, an incentive at 45 days, exit on
/// an order.
///
/// Fixture (days from 2024-03-01 00:00 UTC): `n` buys beans and filters on day 0 at 10:00;
/// `m` buys on day 0 and day 5; `d` buys twice on day 0 (10:00 and 15:00: one purchase day).
struct SecondPurchaseNudgeFlowTests {
  typealias F = OrderFlowFixtures

  static let orders = [
    F.order("n1", "n", day: 0, products: ["beans", "filters"]),
    F.order("m1", "m", day: 0), F.order("m2", "m", day: 5),
    F.order("d1", "d", day: 0, hour: 10), F.order("d2", "d", day: 0, hour: 15, products: ["mug"]),
  ]

  @Test func firstStepAt21DaysAndNotBefore() throws {
    let flow = Flow.secondPurchaseNudge()
    let due = FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, from: 21, to: 22))
    // n: day 0 10:00 + 21 days; d: from the last order of the one purchase day, 15:00. m bought twice.
    #expect(
      due == [
        DueStep(
          person: "n", step: 1, due: F.at(day: 21, hour: 10), key: "first-purchase:2024-03-01",
          content: "second-purchase-nudge"),
        DueStep(
          person: "d", step: 1, due: F.at(day: 21, hour: 15), key: "first-purchase:2024-03-01",
          content: "second-purchase-nudge"),
      ])
    #expect(FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, from: 20, to: 21)).isEmpty)
    // The window ending at 21 days 10:00 exactly does not hold n's step yet.
    let justBefore = CampaignContext(
      events: EventLog([]), orders: try OrderLog(Self.orders), window: F.at(day: 20, hour: 10)..<F.at(day: 21, hour: 10)
    )
    #expect(FlowSchedule.dueSteps(flow, in: justBefore).isEmpty)
  }

  @Test func secondStepCarriesTheIncentiveAt45Days() throws {
    let due = FlowSchedule.dueSteps(.secondPurchaseNudge(), in: try F.context(orders: Self.orders, from: 45, to: 46))
    #expect(due.map(\.person) == ["n", "d"])
    #expect(due.allSatisfy { $0.step == 2 && $0.content == "second-purchase-incentive" })
    #expect(due.allSatisfy { $0.incentive == "10% off your second order" })
    #expect(due[0].due == F.at(day: 45, hour: 10))
    let custom = Flow.secondPurchaseNudge(
      firstWait: 14 * F.day, secondWait: 30 * F.day, incentive: "free shipping on your second order")
    let customDue = FlowSchedule.dueSteps(custom, in: try F.context(orders: Self.orders, from: 30, to: 31))
    #expect(customDue.map(\.incentive) == ["free shipping on your second order", "free shipping on your second order"])
    #expect(custom.steps.map(\.incentive) == [nil, "free shipping on your second order"])
  }

  @Test func anOrderOrAnUnsubscribeEndsTheFlow() throws {
    let flow = Flow.secondPurchaseNudge()
    #expect(flow.exits == [.ordered, .unsubscribed])
    // n orders again on day 30: no second step at 45 days; d unsubscribes on day 40.
    let orders = Self.orders + [F.order("n2", "n", day: 30)]
    let events = [F.event("d", day: 40, .unsubscribed(channel: .email))]
    let context = try F.context(orders: orders, events: events, from: 45, to: 46)
    #expect(!flow.trigger.entries(in: context).contains { $0.person == "n" })
    #expect(FlowSchedule.dueSteps(flow, in: context).isEmpty)
    // Before the second order, n's first step was due.
    #expect(
      FlowSchedule.dueSteps(flow, in: try F.context(orders: orders, from: 21, to: 22)).map(\.person) == ["n", "d"])
  }

  @Test func entriesNameTheFirstPurchaseAndAgeOut() throws {
    let entries = SecondPurchaseNudgeTrigger().entries(in: try F.context(orders: Self.orders, from: 21, to: 22))
    let n = try #require(entries.first { $0.person == "n" })
    #expect(n.time == F.at(day: 0, hour: 10))
    #expect(n.products == ["beans", "filters"])
    #expect(n.reason == "first purchase on 2024-03-01, none since")
    let d = try #require(entries.first { $0.person == "d" })
    #expect(d.products == ["p1", "mug"])
    // The default flow's trigger keeps entries for 45 + 7 days.
    #expect(
      Flow.secondPurchaseNudge().trigger.entries(in: try F.context(orders: Self.orders, from: 52, to: 53)).count == 2)
    #expect(
      Flow.secondPurchaseNudge().trigger.entries(in: try F.context(orders: Self.orders, from: 53, to: 54)).isEmpty)
    // Orders after the planning instant are not known yet.
    #expect(SecondPurchaseNudgeTrigger().entries(in: try F.context(orders: Self.orders, from: -1, to: 0)).isEmpty)
  }
}
