import Foundation
import Testing
import Campaigns

/// A promotion: the send at its start, a resend to non-openers after 48 h (machine opens do
/// not count), a last-day reminder, "extended by a day", and never to buyers.
struct PromotionFlowTests {
  /// 2024-03-02 09:00 UTC to 2024-03-07 09:00 UTC (five days).
  static let start = 33.0
  static let sale = PromotionTrigger(
    name: "sale", startsAt: Shop.at(start), endsAt: Shop.at(start + 120), products: ["p9"], incentive: "20% off",
    isExtendedByADay: true)

  static func opened(_ person: String, _ hours: Double, machine: Bool) -> CustomerEvent {
    let id = PlannedMessage.id(flow: "sale", step: 1, person: person, key: "sale")
    return Shop.event(person, hours, .opened(MessageReference(id: id, flow: "sale", step: 1), isMachineOpen: machine))
  }

  @Test func theSeriesGoesToNonOpenersAndNeverToBuyers() throws {
    let events =
      Shop.optIn(["p", "q", "r", "s"]) + [
        Self.opened("p", Self.start + 1, machine: true), Self.opened("q", Self.start + 2, machine: false),
      ]
    // r buys 10 hours into the sale; u is a buyer without consent.
    let orders = [Shop.order("o1", "r", hours: Self.start + 10), Shop.order("o0", "u", hours: -100)]
    let flow = Flow.promotion(Self.sale).withoutControlGroup
    #expect(flow.steps.map(\.content) == ["promotion", "promotion-resend", "promotion-last-day", "promotion-extended"])
    #expect(flow.steps.map { $0.wait / 3_600 } == [0, 48, 96, 120])
    let (messages, skipped) = try Shop.simulate(
      [flow], events: events, orders: orders, from: 0, to: Self.start + 130, policy: ContactPolicy())
    func people(_ step: Int) -> [String] { messages.filter { $0.step == step }.map(\.person) }
    #expect(people(1) == ["p", "q", "r", "s"])
    // The resend: p had only a machine open, s none; q opened; r bought.
    #expect(people(2) == ["p", "s"])
    #expect(people(3) == ["p", "q", "s"])
    #expect(people(4) == ["p", "q", "s"])
    #expect(!messages.contains { $0.person == "r" && $0.sendAt > Shop.at(Self.start + 10) })
    #expect(messages.filter { $0.step == 2 }.allSatisfy { $0.sendAt == Shop.at(Self.start + 48) })
    #expect(messages.allSatisfy { $0.incentive == "20% off" && $0.products == ["p9"] })
    #expect(
      messages.first { $0.step == 2 }?.reason
        == "promotion sale from 2024-03-02 09:00 UTC to 2024-03-07 09:00 UTC; did not open step 1")
    let reasons = Dictionary(grouping: skipped, by: \.person).mapValues { $0.map { "\($0.step): \($0.reason)" } }
    #expect(reasons["q"] == ["2: opened step 1"])
    #expect(reasons["r"] == Array([2, 3, 4].map { "\($0): exited: ordered on 2024-03-02 19:00 UTC" }))
    #expect(
      reasons["u"] == [
        "1: no marketing consent on email", "2: step 1 was neither sent nor held out",
        "3: no marketing consent on email", "4: no marketing consent on email",
      ])
  }

  @Test func theSeriesFollowsTheLengthOfThePromotion() {
    func contents(hours: Double, lastDay: Bool = true) -> [String] {
      PromotionTrigger(name: "x", startsAt: Shop.at(0), endsAt: Shop.at(hours), hasLastDayReminder: lastDay).steps.map(
        \.content)
    }
    // A one-day promotion: the send alone; three days: the resend (48 h) would meet the last-day
    // reminder (48 h), so only the reminder; without it, the resend goes.
    #expect(contents(hours: 24) == ["promotion"])
    #expect(contents(hours: 72) == ["promotion", "promotion-last-day"])
    #expect(contents(hours: 72, lastDay: false) == ["promotion", "promotion-resend"])
    #expect(contents(hours: 96) == ["promotion", "promotion-resend", "promotion-last-day"])
  }

  @Test func nothingBeforeTheStart() throws {
    let planner = CampaignPlanner(flows: [Flow.promotion(Self.sale)], policy: Shop.anyTime, catchUp: 0)
    let events = Shop.optIn(["p"])
    #expect(planner.plan(try Shop.context(events, from: 0, to: Self.start)).messages.isEmpty)
    #expect(planner.plan(try Shop.context(events, from: 0, to: Self.start + 1)).messages.count == 1)
  }
}
