import Foundation
import Testing
import Campaigns

/// The VIP call list: the top people by 365-day net revenue, business buyers first, each with a
/// phone number; a call at most every 90 days.
///
/// Fixture (EUR; days before the planning instant, 2024-03-01 00:00 UTC):
/// - `acme`: Acme GmbH (Ada Schmidt, +49 30 1234567), 500 on day -10;
/// - `bob`: 400 on day -200 (phone 0151 0000), 300 on day -50 (phone 0151 2345), 200 on day -5
///   (no phone): 900, phone 0151 2345;
/// - `cara`: 1200 on day -3, no phone: not listed;
/// - `dan`: Dan KG (phone 030 999) on day -400, 300 on day -30 without company or phone: a
///   business buyer with 300;
/// - `old`: 5000 on day -400 only: nothing in the last 365 days;
/// - `eve`: 100 on day -1 (phone 0170 1); `fay`: 50 at the planning instant (phone 0170 2).
struct VIPOutreachFlowTests {
  typealias F = OrderFlowFixtures

  static func order(_ id: String, _ customer: CustomerReference, day: Double, amount: Double) -> Order {
    Order(
      id: id, customer: customer, placedAt: F.at(day: day), lines: [LineItem(productID: "p", unitPrice: amount)],
      currency: "EUR")
  }

  static let orders = [
    order(
      "a1", CustomerReference(id: "acme", phone: "+49 30 1234567", name: "Ada Schmidt", company: "Acme GmbH"), day: -10,
      amount: 500),
    order("b1", CustomerReference(id: "bob", phone: "0151 0000", name: "Bob Berg"), day: -200, amount: 400),
    order("b2", CustomerReference(id: "bob", phone: "0151 2345"), day: -50, amount: 300),
    order("b3", CustomerReference(id: "bob", email: "bob@example.com"), day: -5, amount: 200),
    order("c1", CustomerReference(id: "cara", email: "cara@example.com"), day: -3, amount: 1200),
    order("d1", CustomerReference(id: "dan", phone: "030 999", company: "Dan KG"), day: -400, amount: 100),
    order("d2", CustomerReference(id: "dan"), day: -30, amount: 300),
    order("o1", CustomerReference(id: "old", phone: "0160 5"), day: -400, amount: 5000),
    order("e1", CustomerReference(id: "eve", phone: "0170 1"), day: -1, amount: 100),
    order("f1", CustomerReference(id: "fay", phone: "0170 2"), day: 0, amount: 50),
  ]

  static func context() throws -> CampaignContext { try F.context(orders: Self.orders, from: 0, to: 1) }

  @Test func topCustomersWithPhoneNumbersBusinessBuyersFirst() throws {
    let list = VIPOutreachTrigger(count: 3).callList(in: try Self.context())
    // By revenue bob 900, acme 500, dan 300 (cara has no phone); the two business buyers first.
    #expect(list.map(\.person) == ["acme", "dan", "bob"])
    #expect(list.map(\.rank) == [1, 2, 3])
    #expect(list.map(\.phone) == ["+49 30 1234567", "030 999", "0151 2345"])
    #expect(list.map(\.company) == ["Acme GmbH", "Dan KG", nil])
    #expect(list.map(\.revenue) == [500, 300, 900])
    #expect(list.map(\.orderCount) == [1, 1, 3])
    #expect(list[2].name == "Bob Berg" && list[2].email == "bob@example.com")
    #expect(
      VIPOutreachTrigger(count: 3, businessFirst: false).callList(in: try Self.context()).map(\.person) == [
        "bob", "acme", "dan",
      ])
    // Everyone with a phone and revenue in the last 365 days, including an order at the instant.
    #expect(
      VIPOutreachTrigger().callList(in: try Self.context()).map(\.person) == ["acme", "dan", "bob", "eve", "fay"])
    #expect(
      VIPOutreachTrigger(lookbackDays: 7).callList(in: try Self.context()).map(\.person) == ["bob", "eve", "fay"])
  }

  @Test func entriesCarryThePhoneNumberInTheReason() throws {
    let entries = VIPOutreachTrigger(count: 3).entries(in: try Self.context())
    #expect(entries.map(\.person) == ["acme", "dan", "bob"])
    #expect(entries.allSatisfy { $0.time == F.t0 && $0.key == "call:2024-03-01" && $0.products.isEmpty })
    #expect(
      entries[0].reason
        == "number 1 of the call list: Acme GmbH (business buyer), Ada Schmidt, phone +49 30 1234567; net revenue 500 EUR in 1 purchase in the last 365 days"
    )
    #expect(
      entries[2].reason
        == "number 3 of the call list: Bob Berg, phone 0151 2345; net revenue 900 EUR in 3 purchases in the last 365 days"
    )
  }

  @Test func aPhoneFlowAtMostEvery90Days() throws {
    let flow = Flow.vipOutreach(count: 3)
    #expect(flow.name == "vip-outreach")
    #expect(flow.steps == [FlowStep(wait: 0, channel: .phone, content: "vip-call", productCount: 0)])
    #expect(flow.reentryInterval == 90 * F.day)
    #expect(flow.exits == [.unsubscribed])
    let due = FlowSchedule.dueSteps(flow, in: try Self.context())
    #expect(due.map(\.person) == ["acme", "bob", "dan"])
    #expect(due.allSatisfy { $0.due == F.t0 })
    #expect(Flow.vipOutreach(reentryDays: 30).reentryInterval == 30 * F.day)
  }

  @Test func aDailyRunBehindTheDayPlansTheCalls() throws {
    // `secondsale plan` plans the 24 hours up to the instant (window day -1..<0, asOf day 0):
    // the calls are due at the window's start and go at the instant, only with phone consent.
    let context = CampaignContext(
      events: EventLog([]), orders: try OrderLog(Self.orders), window: F.at(day: -1)..<F.at(day: 0),
      asOf: F.at(day: 0))
    let entries = VIPOutreachTrigger(count: 3).entries(in: context)
    #expect(entries.map(\.person) == ["acme", "dan", "bob"])
    #expect(entries.allSatisfy { $0.time == F.at(day: -1) && $0.key == "call:2024-03-01" })
    var policy = ContactPolicy()
    policy.assumedConsent = [.phone]
    let plan = CampaignPlanner(flows: [Flow.vipOutreach(count: 3)], policy: policy).plan(context)
    #expect(Set(plan.messages.map(\.person)) == ["acme", "dan", "bob"])
    #expect(plan.messages.allSatisfy { $0.channel == .phone && $0.phone != nil })
    // Without phone consent nobody is called.
    let withoutConsent = CampaignPlanner(flows: [Flow.vipOutreach(count: 3)]).plan(context)
    #expect(withoutConsent.messages.isEmpty && withoutConsent.skipped.count == 3)
  }

  @Test func anEmptyShopHasAnEmptyList() throws {
    #expect(VIPOutreachTrigger().entries(in: try F.context(orders: [], from: 0, to: 1)).isEmpty)
    #expect(VIPOutreachTrigger(count: 0).callList(in: try Self.context()).isEmpty)
  }
}
