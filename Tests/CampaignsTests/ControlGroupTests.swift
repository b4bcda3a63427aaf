import Foundation
import Testing
import Campaigns

/// The control groups: a stable FNV-1a hash of person and flow holds out about `controlShare`.
struct ControlGroupTests {
  /// FNV-1a 64, written from its definition (http://www.isthe.com/chongo/tech/comp/fnv/).
  static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(14_695_981_039_346_656_037 as UInt64) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
  }

  /// The documented membership: FNV-1a of person, a zero byte and flow; top 53 bits as a fraction.
  static func isHeldOut(_ person: String, flow: String, share: Double) -> Bool {
    let hash = fnv1a(Array(person.utf8) + [0] + Array(flow.utf8))
    return Double(hash >> 11) / 9_007_199_254_740_992 < share
  }

  @Test func theHashIsFNV1aOfPersonZeroAndFlow() {
    // The published FNV-1a 64 test vectors.
    #expect(Self.fnv1a([]) == 0xcbf2_9ce4_8422_2325)
    #expect(Self.fnv1a(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    #expect(Self.fnv1a(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    for (person, flow) in [("p-1", "abandoned-checkout"), ("", ""), ("Müller", "sale"), ("a@b.de", "win-back")] {
      #expect(ControlGroup.hash(person: person, flow: flow) == Self.fnv1a(Array(person.utf8) + [0] + Array(flow.utf8)))
    }
  }

  @Test func aboutTenPercentOfManyPeople() {
    let people = (0..<10_000).map { "p-\($0)" }
    let group = ControlGroup(share: 0.1)
    let held = people.filter { group.contains($0, flow: "abandoned-checkout") }
    #expect(held == people.filter { Self.isHeldOut($0, flow: "abandoned-checkout", share: 0.1) })
    // 1,012 by an independent Python computation of the same hash; the binomial 99.9 % band of
    // n = 10,000, p = 0.1 is 1,000 +- 3.29 x 30 = 902...1,098.
    #expect(held.count == 1_012)
    #expect((902...1_098).contains(held.count))
    for flow in ["abandoned-cart", "satisfaction-survey", "summer-sale"] {
      #expect((902...1_098).contains(people.filter { group.contains($0, flow: flow) }.count))
    }
    #expect(!people.contains { ControlGroup(share: 0).contains($0, flow: "x") })
    #expect(people.allSatisfy { ControlGroup(share: 1).contains($0, flow: "x") })
  }

  @Test func thePlanMarksTheControlGroupStablyAndTheSendingPipelineLogsIt() throws {
    let people = (0..<200).map { "p-\($0)" }
    let events = Shop.optIn(people) + people.map { Shop.event($0, 10, .checkoutStarted(productIDs: ["p1"])) }
    let planner = CampaignPlanner(flows: [Flow.abandonedCheckout()], policy: Shop.anyTime)
    let plan = planner.plan(try Shop.context(events, from: 11, to: 12))
    #expect(plan.messages.count == 200)
    for message in plan.messages {
      #expect((message.group == .control) == Self.isHeldOut(message.person, flow: "abandoned-checkout", share: 0.1))
    }
    #expect(plan.control.count > 0 && plan.control.count < 40)
    #expect(plan.treatment.count + plan.control.count == 200)
    // Held out messages, once logged, are not planned again.
    let logged =
      events
      + plan.control.map { CustomerEvent(customerID: $0.person, time: Shop.at(11), kind: .heldOut($0.reference)) }
    let again = planner.plan(try Shop.context(logged, from: 11.5, to: 12)).messages
    #expect(again.count == plan.treatment.count)
    #expect(again.allSatisfy { $0.group == .treatment })
  }

  @Test func controlMessagesDoNotCountTowardsCaps() throws {
    // A person held out of the checkout flow but not of the cart flow.
    let person = try #require(
      (0..<1_000).map { "p-\($0)" }.first {
        Self.isHeldOut($0, flow: "abandoned-checkout", share: 0.1)
          && !Self.isHeldOut($0, flow: "abandoned-cart", share: 0.1)
      })
    let events =
      Shop.optIn([person]) + [
        Shop.event(person, 10, .checkoutStarted(productIDs: ["p1"])),
        Shop.event(person, 10, .addedToCart(productID: "p2")),
      ]
    // The checkout reminder (11 h, held out) and the cart reminder (14 h) in one plan.
    let plan = CampaignPlanner(flows: [Flow.abandonedCheckout(), Flow.abandonedCart()], policy: Shop.anyTime).plan(
      try Shop.context(events, from: 10.5, to: 15))
    #expect(plan.messages.map(\.flow) == ["abandoned-checkout", "abandoned-cart"])
    #expect(plan.messages.map(\.group) == [.control, .treatment])
    #expect(plan.skipped.isEmpty)
  }
}
