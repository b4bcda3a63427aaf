import Foundation
import Testing
import Campaigns

/// Win-back at 2× and 3× the person's usual gap between purchase days (one-time buyers: 120 and
/// 180 days); exit on an order.
///
/// Fixture (days from 2024-03-01 00:00 UTC, orders at 10:00): `w` buys on days 0, 30 and 60
/// (usual gap 30: steps on days 120 and 150); `o` buys once on day 10 (steps on days 130 and
/// 190); `s` buys twice on day 0 (10:00 and 14:00) and on day 20 (one gap of 20 days: steps on
/// days 60 and 80 at 10:00); `e` buys on days 0, 10 and 40 (gaps 10 and 30: median 20, steps on
/// days 80 and 100).
struct WinBackFlowTests {
  typealias F = OrderFlowFixtures

  static let orders = [
    F.order("w0", "w", day: 0), F.order("w30", "w", day: 30), F.order("w60", "w", day: 60),
    F.order("o10", "o", day: 10),
    F.order("s0", "s", day: 0), F.order("s0b", "s", day: 0, hour: 14), F.order("s20", "s", day: 20),
    F.order("e0", "e", day: 0), F.order("e10", "e", day: 10), F.order("e40", "e", day: 40),
  ]

  static func due(_ orders: [Order] = Self.orders, from start: Double, to end: Double) throws -> [String] {
    FlowSchedule.dueSteps(.winBack(), in: try F.context(orders: orders, from: start, to: end)).map {
      "\($0.person) \($0.step)"
    }
  }

  @Test func stepsAtTwiceAndThriceTheUsualGapAndNotBefore() throws {
    #expect(try Self.due(from: 59, to: 60).isEmpty)
    #expect(try Self.due(from: 60, to: 61) == ["s 1"])
    #expect(try Self.due(from: 80, to: 81) == ["e 1", "s 2"])
    #expect(try Self.due(from: 100, to: 101) == ["e 2"])
    #expect(try Self.due(from: 119, to: 120).isEmpty)
    #expect(try Self.due(from: 120, to: 121) == ["w 1"])
    #expect(try Self.due(from: 130, to: 131) == ["o 1"])
    #expect(try Self.due(from: 150, to: 151) == ["w 2"])
    #expect(try Self.due(from: 190, to: 191) == ["o 2"])
    let flow = Flow.winBack()
    let w = try #require(
      flow.trigger.entries(in: try F.context(orders: Self.orders, from: 120, to: 121)).first { $0.person == "w" })
    #expect(w.stepTimes == [F.at(day: 120, hour: 10), F.at(day: 150, hour: 10)])
    #expect(w.time == F.at(day: 60, hour: 10))
    #expect(w.key == "last-purchase:2024-04-30")
    #expect(
      w.reason == "no purchase since 2024-04-30; usual gap 30 days (median of 2 gaps); steps at 2x, 3x: 60, 90 days")
    let o = try #require(
      flow.trigger.entries(in: try F.context(orders: Self.orders, from: 130, to: 131)).first { $0.person == "o" })
    #expect(o.reason == "no purchase since 2024-03-11; one purchase day only; steps at 120, 180 days")
  }

  @Test func usualGapCountsPurchaseDays() {
    let trigger = WinBackTrigger()
    #expect(trigger.usualGap(ofPurchaseDays: [0]) == nil)
    #expect(trigger.usualGap(ofPurchaseDays: [0, 30, 60]) == 30)
    #expect(trigger.usualGap(ofPurchaseDays: [0, 10, 40]) == 20)
    #expect(trigger.usualGap(ofPurchaseDays: [0, 5, 6, 100]) == 5)
    #expect(trigger.stepDays(forPurchaseDays: [7]) == [120, 180])
    #expect(trigger.stepDays(forPurchaseDays: [0, 30]) == [60, 90])
    #expect(WinBackTrigger(lapseDays: 90...150).stepDays(forPurchaseDays: [0, 30]) == [90, 90])
    #expect(WinBackTrigger(lapseDays: 90...150).stepDays(forPurchaseDays: [0, 70]) == [140, 150])
    #expect(
      WinBackTrigger(multiples: [1.5, 2, 4], singlePurchaseDays: [60, 90, 180]).stepDays(forPurchaseDays: [0, 10])
        == [15, 20, 40])
  }

  @Test func anOrderEndsTheFlow() throws {
    let flow = Flow.winBack()
    #expect(flow.exits == [.ordered, .unsubscribed])
    // w orders on day 125: no second step on day 150; the new last purchase starts over
    // (gaps 30, 30, 65: median 30, steps on days 185 and 215).
    let orders = Self.orders + [F.order("w125", "w", day: 125)]
    #expect(try Self.due(orders, from: 150, to: 151).isEmpty)
    #expect(try Self.due(orders, from: 185, to: 186) == ["w 1"])
    let stale = FlowEntry(
      person: "w", time: F.at(day: 60, hour: 10), key: "last-purchase:2024-04-30", reason: "test",
      stepTimes: [F.at(day: 120, hour: 10), F.at(day: 150, hour: 10)])
    #expect(FlowSchedule.hasExited(stale, flow: flow, in: try F.context(orders: orders, from: 150, to: 151)))
  }

  @Test func entriesOnlyAroundTheirSteps() throws {
    let trigger = WinBackTrigger()
    // w's steps are on days 120 and 150: returned from day 120 to a week after day 150.
    #expect(!trigger.entries(in: try F.context(orders: Self.orders, from: 100, to: 101)).contains { $0.person == "w" })
    #expect(trigger.entries(in: try F.context(orders: Self.orders, from: 157, to: 158)).contains { $0.person == "w" })
    #expect(!trigger.entries(in: try F.context(orders: Self.orders, from: 158, to: 159)).contains { $0.person == "w" })
    // The flow's steps and the trigger's step times agree in number.
    let flow = Flow.winBack(
      multiples: [2, 3, 4], singlePurchaseDays: [90, 120, 180], incentives: [nil, nil, "15% off"])
    #expect(flow.steps.map(\.incentive) == [nil, nil, "15% off"])
    let entry = try #require(
      flow.trigger.entries(in: try F.context(orders: Self.orders, from: 120, to: 121)).first { $0.person == "w" })
    #expect(entry.stepTimes == [120, 150, 180].map { F.at(day: $0, hour: 10) })
    #expect(entry.stepTimes?.count == flow.steps.count)
  }
}
