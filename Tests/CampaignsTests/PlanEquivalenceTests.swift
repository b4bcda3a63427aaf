import Foundation
import Recommendations
import Testing
import _TestSupport

@testable import Campaigns

/// The planner reads the columnar event log by kind and by each person's stored run; the plain
/// reference (`Reference/`: the triggers, the person history and the planner's run as they were,
/// every event spelled out as a `CustomerEvent`) must give the same entries and the same plan.
struct PlanEquivalenceTests {
  static let day = 86_400.0

  /// A small simulated shop with every kind of input the flows read: the simulator's sessions,
  /// deliveries, accounts, subscriptions, surveys and flow messages (held-out ones included),
  /// plus guest checkouts, phone numbers with and without phone consent, unsubscriptions,
  /// `order_placed` events (of order-log customers and of people only the events know) and
  /// leads who never bought.
  static func shop(seed: UInt64) throws -> (orders: [Order], events: [CustomerEvent], start: Date) {
    var simulator = ShopSimulator(customers: 400, acquisitionDays: 120, historyDays: 200)
    simulator.behaviour = ShopperBehaviour(extraViewsPerOrder: 2, abandonedSessionsPerOrder: 1, accountShare: 0.5)
    simulator.flows = [
      SimulatedFlow(name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), causedPurchaseProbability: 0.1),
      SimulatedFlow(
        name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 1), controlShare: 0.2,
        causedPurchaseProbability: 0.1),
    ]
    var generator = SeededRandomNumberGenerator(seed: seed)
    let shop = simulator.run(using: &generator)
    var random = SplitMix64(seed: seed)
    var orders = shop.orders
    var events = shop.events
    for index in orders.indices {
      let customer = orders[index].customer.id ?? ""
      let roll = Double(random.next() >> 11) / 9_007_199_254_740_992
      if roll < 0.5 { orders[index].customer.phone = "+49 30 \(customer.filter(\.isNumber))" }
      if roll < 0.08 {
        orders[index].customer = CustomerReference(email: "\(customer)@example.com")  // a guest checkout
      } else if roll < 0.12 {
        orders[index].customer.company = "Firm \(customer)"
      }
      if roll > 0.97 {
        events.append(
          CustomerEvent(
            customerID: customer, time: orders[index].placedAt.addingTimeInterval(3_600),
            kind: .orderPlaced(orderID: "extra-\(orders[index].id)", productIDs: orders[index].lines.map(\.productID))))
      }
      if roll > 0.9 && roll < 0.93 {
        events.append(
          CustomerEvent(
            customerID: customer, time: orders[index].placedAt.addingTimeInterval(5 * day),
            kind: .unsubscribed(channel: .email)))
      }
      if roll > 0.8 && roll < 0.85 {
        events.append(
          CustomerEvent(customerID: customer, time: orders[index].placedAt, kind: .subscribed(channel: .phone)))
      }
    }
    for lead in 0..<60 {
      let time = simulator.start.addingTimeInterval(Double(lead) * 3.1 * day)
      events.append(CustomerEvent(customerID: "lead-\(lead)", time: time, kind: .subscribed(channel: .email)))
      if lead % 5 == 0 {
        events.append(
          CustomerEvent(
            customerID: "lead-\(lead)", time: time.addingTimeInterval(2 * day),
            kind: .orderPlaced(orderID: "event-order-\(lead)", productIDs: ["coffee-01"])))
      }
      if lead % 7 == 0 {
        events.append(
          CustomerEvent(
            customerID: "lead-\(lead)", time: time.addingTimeInterval(3 * day), kind: .unsubscribed(channel: .email)))
      }
    }
    return (orders, events, simulator.start)
  }

  /// The plan of the reference run.
  static func referencePlan(_ planner: CampaignPlanner, _ context: CampaignContext) -> CampaignPlan {
    var work = ReferencePlanWork(planner: planner, context: context)
    for index in planner.flows.indices { work.collect(flow: index) }
    return work.finish()
  }

  /// Logs a plan's messages as a sending pipeline does, with what became of them (opens, some by
  /// machines, clicks), decided by a stable hash of the message id.
  static func outcomes(of plan: CampaignPlan) -> [CustomerEvent] {
    plan.messages.flatMap { message -> [CustomerEvent] in
      let reference = MessageReference(id: message.id, flow: message.flow, step: message.step, channel: message.channel)
      guard message.group == .treatment else {
        return [CustomerEvent(customerID: message.person, time: message.sendAt, kind: .heldOut(reference))]
      }
      var logged = [CustomerEvent(customerID: message.person, time: message.sendAt, kind: .messageSent(reference))]
      let roll = ControlGroup.fraction(person: message.id, flow: "outcome")
      if roll < 0.3 {
        logged.append(
          CustomerEvent(
            customerID: message.person, time: message.sendAt.addingTimeInterval(1_800),
            kind: .opened(reference, isMachineOpen: roll < 0.1)))
      }
      if roll < 0.05 {
        logged.append(
          CustomerEvent(customerID: message.person, time: message.sendAt.addingTimeInterval(3_600), kind: .clicked(reference)))
      }
      return logged
    }
  }

  @Test(arguments: [3, 17] as [UInt64])
  func theColumnarPlanEqualsTheReferencePlanDayAfterDay(seed: UInt64) throws {
    let shop = try Self.shop(seed: seed)
    let log = try OrderLog(shop.orders)
    var events = shop.events
    var planned = 0
    var flowsPlanned: Set<String> = []
    // Days in the busy middle of the shop's history, each planned both ways (ahead and behind),
    // the plan's messages then logged as sent, held out, opened and clicked.
    for (offset, dayNumber) in [60, 61, 63, 90, 118, 150].enumerated() {
      let start = shop.start.addingTimeInterval(Double(dayNumber) * Self.day)
      let window = start..<start.addingTimeInterval(Self.day)
      let sale = PromotionTrigger(
        name: "promotion-\(dayNumber)", startsAt: start.addingTimeInterval(10 * 3_600),
        endsAt: start.addingTimeInterval(4 * Self.day), incentive: "10% off", isExtendedByADay: true)
      let planner = CampaignPlanner(flows: Flow.standardFlows(promotions: [sale]))
      let recommender = ItemToItemRecommender(PurchaseHistory(log, before: window.upperBound))
      let eventLog = EventLog(events)
      for asOf in [window.lowerBound, window.upperBound] {
        let context = CampaignContext(
          events: eventLog, orders: log, window: window, asOf: asOf, recommender: recommender)
        let plan = planner.plan(context)
        let reference = Self.referencePlan(planner, context)
        #expect(plan == reference, "seed \(seed), day \(dayNumber), as of \(asOf)")
        // Split into many small parallel chunks (every sort shared by two threads): the same.
        var chunked = PlanWork(planner: planner, context: context, chunkSize: 7)
        for index in planner.flows.indices { chunked.collect(flow: index) }
        #expect(chunked.finish() == reference, "seed \(seed), day \(dayNumber), as of \(asOf), chunks of 7")
        planned += plan.messages.count
        flowsPlanned.formUnion(plan.messages.map(\.flow))
        if asOf == window.upperBound && offset % 2 == 0 { events += Self.outcomes(of: plan) }
      }
    }
    #expect(planned > 100)
    // The comparison saw the event-driven and the order-driven flows plan something.
    for flow in ["abandoned-checkout", "post-purchase", "second-purchase-nudge", "win-back", "lead-nurture"] {
      #expect(flowsPlanned.contains(flow), "\(flow) planned nothing")
    }
  }

  @Test(arguments: [5] as [UInt64])
  func everyBuiltInTriggerFindsTheReferenceEntries(seed: UInt64) throws {
    let shop = try Self.shop(seed: seed)
    let log = try OrderLog(shop.orders)
    let eventLog = EventLog(shop.events)
    let start = shop.start.addingTimeInterval(90 * Self.day)
    let sale = PromotionTrigger(name: "sale", startsAt: start, endsAt: start.addingTimeInterval(3 * Self.day))
    let flows = Flow.standardFlows(promotions: [sale])
    func sorted(_ entries: [FlowEntry]) -> [FlowEntry] {
      entries.sorted { ($0.person, $0.time, $0.key, $0.reason) < ($1.person, $1.time, $1.key, $1.reason) }
    }
    var found = 0
    for asOf in [start, start.addingTimeInterval(Self.day), start.addingTimeInterval(0.5 * Self.day)] {
      for flow in flows {
        var context = CampaignContext(events: eventLog, orders: log, window: start..<start.addingTimeInterval(Self.day), asOf: asOf)
        // As the planner sets them, and everything.
        for entryTimes in [
          PlanWork.entryTimes(
            waits: flow.steps.map(\.wait), due: start.addingTimeInterval(-3_600)..<start.addingTimeInterval(Self.day)),
          [Date.distantPast..<Date.distantFuture],
        ] {
          context.entryTimes = entryTimes
          let entries = sorted(flow.trigger.entries(in: context))
          #expect(entries == sorted(ReferencePlanWork.entries(of: flow.trigger, in: context)), "\(flow.name)")
          found += entries.count
        }
      }
    }
    #expect(found > 1_000)
  }

  @Test(arguments: [4, 11] as [UInt64])
  func purchasedProductsAreTheReferenceProducts(seed: UInt64) throws {
    let shop = try Self.shop(seed: seed)
    let log = try OrderLog(shop.orders)
    let eventLog = EventLog(shop.events)
    let people = Set(shop.events.compactMap(\.customerID)).union(log.customerIDs).sorted() + ["nobody"]
    var found = 0, fromEvents = 0
    for dayNumber in [30.0, 90, 150] {
      let asOf = shop.start.addingTimeInterval(dayNumber * Self.day)
      let context = CampaignContext(events: eventLog, orders: log, window: asOf..<asOf.addingTimeInterval(Self.day))
      for person in people {
        let intervals = [
          asOf.addingTimeInterval(-30 * Self.day)...asOf, shop.start...asOf.addingTimeInterval(10 * Self.day),
        ]
        for interval in intervals {
          let products = context.purchasedProducts(of: person, in: interval)
          let reference = context.referencePurchasedProducts(of: person, in: interval)
          #expect(products == reference, "\(person), day \(dayNumber)")
          found += products.count
          if person.hasPrefix("lead-") { fromEvents += products.count }
        }
      }
    }
    #expect(found > 500)
    #expect(fromEvents > 0)  // products of `order_placed` events of people the order log does not know
  }

  @Test(arguments: [5, 8] as [UInt64])
  func withThePlannersDueStepsWinBackLeavesOutOnlyEntriesWithoutAStepDue(seed: UInt64) throws {
    let shop = try Self.shop(seed: seed)
    let log = try OrderLog(shop.orders)
    let eventLog = EventLog(shop.events)
    let flows = [
      Flow.winBack(),
      Flow.winBack(multiples: [1.5, 2, 4], singlePurchaseDays: [30, 60, 90]),
      // More steps than the trigger sets times for: the third waits from the last purchase.
      Flow(
        name: "win-back-long", trigger: WinBackTrigger(multiples: [1, 2], singlePurchaseDays: [20, 40]),
        steps: [10.0, 30, 150].map { FlowStep(wait: $0 * Self.day, content: "win-back") }),
    ]
    var kept = 0, left = 0
    for dayNumber in [60.0, 100, 140, 170, 199] {
      let start = shop.start.addingTimeInterval(dayNumber * Self.day)
      let window = start..<start.addingTimeInterval(Self.day)
      let context = CampaignContext(events: eventLog, orders: log, window: window)
      for flow in flows {
        let due = window.lowerBound.addingTimeInterval(-3_600)..<window.upperBound
        var hinted = context
        hinted.plannedDue = PlannedDue(times: due, waits: flow.steps.map(\.wait))
        let all = flow.trigger.entries(in: context)
        // The planner's own rule (`PlanWork.dueTime`) decides which entries have a step due.
        let expected = all.filter { entry in
          flow.steps.indices.contains { due.contains(PlanWork.dueTime(of: entry, step: $0, in: flow)) }
        }
        #expect(flow.trigger.entries(in: hinted) == expected, "\(flow.name), day \(dayNumber)")
        kept += expected.count
        left += all.count - expected.count
      }
    }
    #expect(kept > 0)
    #expect(left > kept)  // most entries the trigger returns have no step due that day
  }

  @Test func theCallListIsTheReferenceTopOfTheList() throws {
    let shop = try Self.shop(seed: 9)
    let log = try OrderLog(shop.orders)
    let asOf = shop.start.addingTimeInterval(150 * Self.day)
    let context = CampaignContext(events: EventLog(shop.events), orders: log, window: asOf..<asOf.addingTimeInterval(Self.day))
    for count in [0, 1, 3, 10, 100, 10_000] {
      for businessFirst in [true, false] {
        let trigger = VIPOutreachTrigger(count: count, lookbackDays: 100, businessFirst: businessFirst)
        let list = trigger.callList(in: context)
        #expect(list == trigger.referenceCallList(in: context), "count \(count)")
        #expect(list.count == Swift.min(count, trigger.referenceCallList(in: context).count))
      }
    }
    #expect(VIPOutreachTrigger(count: 10_000).callList(in: context).count > 100)
  }
}
