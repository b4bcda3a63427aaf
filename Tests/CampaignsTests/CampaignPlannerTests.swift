import Foundation
import Testing
import Campaigns
import Segmentation

/// The planner's rules that hold for every flow: the window and its catch-up, the planning
/// instant, sent messages, conditions, custom triggers, contact fields and determinism.
struct CampaignPlannerTests {
  /// A trigger with fixed entries.
  struct Fixed: CampaignTrigger {
    var entries: [FlowEntry]
    var name: String { "fixed" }
    func entries(in context: CampaignContext) -> [FlowEntry] { entries }
  }

  static func flow(_ entries: [FlowEntry], steps: [FlowStep], exits: [FlowExit] = []) -> Flow {
    Flow(name: "fixed", trigger: Fixed(entries: entries), steps: steps, exits: exits, controlShare: 0)
  }

  static let entry = FlowEntry(
    person: "a", time: Shop.at(0), key: "k", products: ["p1", "p2", "p3", "p4"], reason: "why")

  @Test func lateStepsGoAtThePlanningInstantWithinTheCatchUp() throws {
    let flow = Self.flow([Self.entry], steps: [FlowStep(wait: 10 * 3_600, content: "x")])
    let events = Shop.optIn(["a"])
    let planner = CampaignPlanner(flows: [flow], policy: Shop.anyTime)
    // Due at 10:00; planned at 10:30 it goes at 10:30; at 11:30 it is too late (catch-up 1 h).
    #expect(planner.plan(try Shop.context(events, from: 10.5, to: 20)).messages.map(\.sendAt) == [Shop.at(10.5)])
    #expect(planner.plan(try Shop.context(events, from: 11.5, to: 20)).messages.isEmpty)
    #expect(
      CampaignPlanner(flows: [flow], policy: Shop.anyTime, catchUp: 2 * 3_600).plan(
        try Shop.context(events, from: 11.5, to: 20)
      ).messages.count == 1)
    // A step with at most three products features the entry's first three.
    #expect(planner.plan(try Shop.context(events, from: 10, to: 11)).messages.map(\.products) == [["p1", "p2", "p3"]])
  }

  @Test func aRunBehindPlansTheDayThatEndedWithWhatIsKnownAtItsEnd() throws {
    // The 24 hours up to 2024-03-02 00:00, planned then: the checkout reminder due at 11:00 goes
    // at 09:00 (sending hours), unless the person ordered by midnight.
    let events =
      Shop.optIn(["a", "b"]) + [
        Shop.event("a", 10, .checkoutStarted(productIDs: ["p1"])),
        Shop.event("b", 10, .checkoutStarted(productIDs: ["p1"])),
      ]
    let orders = [Shop.order("o1", "b", hours: 22)]
    let planner = CampaignPlanner(flows: [Flow.abandonedCheckout().withoutControlGroup], catchUp: 0)
    let plan = planner.plan(try Shop.context(events, orders: orders, from: 0, to: 24, asOf: 24))
    #expect(plan.asOf == Shop.at(24))
    #expect(plan.messages.map(\.person) == ["a"])
    #expect(plan.messages.map(\.sendAt) == [Shop.at(24 + 9)])
    #expect(plan.skipped.map(\.reason) == ["exited: ordered on 2024-03-01 22:00 UTC"])
  }

  @Test func aSentMessageIsNeitherPlannedNorSkipped() throws {
    let flow = Self.flow([Self.entry], steps: [FlowStep(wait: 3_600, content: "x")])
    let id = PlannedMessage.id(flow: "fixed", step: 1, person: "a", key: "k")
    #expect(id == "fixed/1:a:k")
    let events = Shop.optIn(["a"]) + [Shop.event("a", 0.5, .messageSent(MessageReference(id: id)))]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(try Shop.context(events, from: 1, to: 2))
    #expect(plan.messages.isEmpty && plan.skipped.isEmpty)
  }

  @Test func conditionsOnOpensAndClicks() throws {
    let steps = [
      FlowStep(wait: 0, content: "first"),
      FlowStep(wait: 48 * 3_600, content: "no-click", condition: .notClicked(step: 1)),
    ]
    let people = ["clicked", "opened", "ignored", "never-sent"]
    let flow = Self.flow(people.map { FlowEntry(person: $0, time: Shop.at(0), key: "k", reason: "why") }, steps: steps)
    func reference(_ person: String) -> MessageReference {
      MessageReference(id: PlannedMessage.id(flow: "fixed", step: 1, person: person, key: "k"), flow: "fixed", step: 1)
    }
    let events =
      Shop.optIn(people) + people.dropLast().map { Shop.event($0, 0, .messageSent(reference($0))) } + [
        Shop.event("clicked", 2, .clicked(reference("clicked"))),
        Shop.event("opened", 2, .opened(reference("opened"), isMachineOpen: false)),
      ]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(try Shop.context(events, from: 48, to: 49))
    #expect(plan.messages.map(\.person) == ["ignored", "opened"])
    #expect(plan.messages.allSatisfy { $0.reason == "why; did not click step 1" })
    #expect(plan.skipped.map(\.person) == ["clicked", "never-sent"])
    #expect(plan.skipped.map(\.reason) == ["clicked step 1", "step 1 was neither sent nor held out"])
  }

  @Test func aTriggerMaySetTheStepTimes() throws {
    let entry = FlowEntry(
      person: "a", time: Shop.at(0), key: "k", reason: "why", stepTimes: [Shop.at(30), Shop.at(50)])
    let flow = Self.flow([entry], steps: [FlowStep(wait: 0, content: "x"), FlowStep(wait: 0, content: "y")])
    let (messages, _) = try Shop.simulate(
      [flow], events: Shop.optIn(["a"]), from: 0, to: 60, policy: ContactPolicy(frequencyCaps: [:], sendingHours: nil))
    #expect(messages.map(\.sendAt) == [Shop.at(30), Shop.at(50)])
  }

  @Test func eventExitsAndDuplicateEntriesCountOnce() throws {
    let entries = [Self.entry, Self.entry, FlowEntry(person: "b", time: Shop.at(0), key: "k", reason: "why")]
    let flow = Self.flow(entries, steps: [FlowStep(wait: 5 * 3_600, content: "x")], exits: [.event("account_created")])
    let events = Shop.optIn(["a", "b"]) + [Shop.event("b", 1, .accountCreated)]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(try Shop.context(events, from: 5, to: 6))
    #expect(plan.messages.map(\.person) == ["a"])
    #expect(plan.skipped.map(\.reason) == ["exited: account_created on 2024-03-01 01:00 UTC"])
  }

  @Test func theMessageCarriesTheShopsCustomerIdEmailAndPhone() throws {
    let orders = [
      Order(
        id: "1", customer: CustomerReference(id: "c1", email: "ada@example.com", phone: "+49 30 1234567"),
        placedAt: Shop.at(-100)),
      Order(id: "2", customer: CustomerReference(email: "ADA@example.com"), placedAt: Shop.at(-50)),
    ]
    let people = try OrderLog(orders).resolvingIdentities(with: DeterministicIdentityResolver())
    let person = try #require(people.customerID(ofOrder: 0))
    #expect(people.customerID(ofOrder: 1) == person)
    let flow = Self.flow(
      [
        FlowEntry(person: person, time: Shop.at(0), key: "k", reason: "why"),
        FlowEntry(person: "bob@example.com", time: Shop.at(0), key: "k", reason: "why"),
      ],
      steps: [FlowStep(wait: 0, content: "x")])
    let context = CampaignContext(
      events: EventLog(Shop.optIn([person, "bob@example.com"])), orders: people, window: Shop.at(0)..<Shop.at(1))
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(context)
    let ada = try #require(plan.messages.first { $0.person == person })
    // The latest order's email, the latest customer id (the guest order has none), the phone.
    #expect(ada.customer == "c1")
    #expect(ada.email == "ADA@example.com")
    #expect(ada.phone == "+49 30 1234567")
    // A person without orders whose id is an email address.
    let bob = try #require(plan.messages.first { $0.person == "bob@example.com" })
    #expect(bob.email == "bob@example.com" && bob.customer == nil && bob.phone == nil)
  }

  @Test func anEmptyShopPlansNothing() throws {
    let plan = CampaignPlanner(flows: Flow.standardFlows()).plan(try Shop.context([], from: 0, to: 24))
    #expect(plan.messages.isEmpty && plan.skipped.isEmpty)
  }

  /// Every built-in flow and a promotion over a week of a small shop, with events at equal
  /// instants, consent changes and orders at one instant.
  static func week() -> (events: [CustomerEvent], orders: [Order], flows: [Flow]) {
    let sale = PromotionTrigger(name: "sale", startsAt: Shop.at(57), endsAt: Shop.at(57 + 96), products: ["p9"])
    let people = (0..<30).map { "p-\($0)" }
    var events = Shop.optIn(Array(people.prefix(25)))
    for (index, person) in people.enumerated() {
      let hour = Double(index % 7) * 3
      events.append(Shop.event(person, hour, .productViewed(productID: "p\(index % 4)")))
      events.append(Shop.event(person, hour + 1, .productViewed(productID: "p\(index % 4)")))
      if index % 2 == 0 {
        events.append(Shop.event(person, hour + 2, .addedToCart(productID: "p1")))
        events.append(Shop.event(person, hour + 2, .addedToCart(productID: "p2")))
      }
      if index % 3 == 0 { events.append(Shop.event(person, hour + 3, .checkoutStarted(productIDs: ["p1", "p2"]))) }
      if index % 5 == 0 {
        events.append(Shop.event(person, hour + 4, .subscribed(channel: .email)))
        events.append(Shop.event(person, hour + 4, .unsubscribed(channel: .email)))
      }
      if index % 4 == 1 {
        events.append(Shop.event(person, 30, .shipped(orderID: "o-\(index)")))
        events.append(Shop.event(person, 40, .delivered(orderID: "o-\(index)")))
      }
    }
    var orders = people.enumerated().filter { $0.offset % 4 == 1 }.map {
      Shop.order("o-\($0.offset)", $0.element, hours: 5, products: ["p1", "p3"], email: "\($0.element)@example.com")
    }
    orders.append(Shop.order("o-x", "p-3", hours: 60, email: "a@example.com", acceptsMarketing: true))
    orders.append(Shop.order("o-y", "p-3", hours: 60, email: "b@example.com", acceptsMarketing: false))
    return (events, orders, Flow.standardFlows(promotions: [sale]))
  }

  @Test func theSamePlanFromReversedInputs() throws {
    let (events, orders, flows) = Self.week()
    let recommender = PopularityRecommender(PurchaseHistory(try OrderLog(orders)))
    for start in stride(from: 0.0, to: 24 * 20, by: 24) {
      let forward = CampaignPlanner(flows: flows).plan(
        try Shop.context(events, orders: orders, from: start, to: start + 24, recommender: recommender))
      let reversed = CampaignPlanner(flows: flows.reversed().reversed()).plan(
        try Shop.context(
          events.reversed(), orders: orders.reversed(), from: start, to: start + 24, recommender: recommender))
      #expect(forward == reversed)
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      #expect(try encoder.encode(forward) == encoder.encode(reversed))
    }
    // The week plans something of every kind.
    let (messages, skipped) = try Shop.simulate(
      flows, events: events, orders: orders, from: 0, to: 24 * 20, every: 24, behind: true, policy: ContactPolicy(),
      recommender: recommender)
    let flowsPlanned = Set(messages.map(\.flow))
    #expect(
      flowsPlanned.isSuperset(of: [
        "order-shipped", "order-delivered", "abandoned-checkout", "abandoned-cart", "browse-abandonment",
        "post-purchase", "satisfaction-survey", "sale",
      ]))
    #expect(messages.contains { $0.group == .control })
    #expect(!skipped.isEmpty)
  }

  /// A trigger that sees every event: the plain definition of the planner's entry times.
  struct Unbanded: CampaignTrigger {
    var base: any CampaignTrigger
    var name: String { base.name }
    func entries(in context: CampaignContext) -> [FlowEntry] {
      var everything = context
      everything.entryTimes = [Date.distantPast..<Date.distantFuture]
      return base.entries(in: everything)
    }
  }

  @Test func entryTimesLeaveThePlanAsItIs() throws {
    let (events, orders, flows) = Self.week()
    let unbanded = flows.map {
      var flow = $0
      flow.trigger = Unbanded(base: flow.trigger)
      return flow
    }
    var planned = 0
    for start in stride(from: -12.0, to: 24 * 20, by: 7) {
      for asOf in [start, start + 7] {
        let context = try Shop.context(events, orders: orders, from: start, to: start + 7, asOf: asOf)
        let plan = CampaignPlanner(flows: flows).plan(context)
        #expect(plan == CampaignPlanner(flows: unbanded).plan(context))
        planned += plan.messages.count + plan.skipped.count
      }
    }
    #expect(planned > 100)
  }
}
