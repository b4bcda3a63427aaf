import Campaigns
import Foundation
import Testing
import _TestSupport

@testable import RetentionReport

/// The action lists are the day's plan of the order-driven flows under the one contact policy.
///
/// Fixture (EUR, 2024-01-01 + days, UTC; the report ends on day 100, so it plans day 101): five
/// first-time buyers, each with one purchase day on day 80 at 10:00, so that the nudge's first
/// step (21 days) is due on day 101 at 10:00:
/// - `ann` (ann@example.com): Accepts Marketing yes: planned;
/// - `bea`: Accepts Marketing no: withheld for consent;
/// - `cid`: no statement: withheld (no statement, no consent), planned when email is assumed;
/// - `dot`: yes at 09:00, then no at 11:00 on the same day: the latest order says no;
/// - `eli`: no at 09:00, then yes at 11:00: the latest says yes: planned.
/// `old` bought on day 0 and on day 100 (the last day), so the history spans the report.
struct ShopReportActionsTests {
  static let day = 86_400.0
  /// 2024-01-01 00:00 UTC.
  static let start = 1_704_067_200.0

  static func order(_ id: String, _ customer: String, day: Double, hour: Double, marketing: Bool?) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer, email: "\(customer)@example.com"),
      placedAt: Date(timeIntervalSince1970: start + day * Self.day + hour * 3_600),
      lines: [LineItem(productID: "TEA-\(id)", name: "Tea \(id)", quantity: 1, unitPrice: 10)], currency: "EUR",
      acceptsMarketing: marketing)
  }

  static func log(marketing: Bool = true) throws -> OrderLog {
    func flag(_ value: Bool?) -> Bool? { marketing ? value : nil }
    return try OrderLog([
      order("1", "ann", day: 80, hour: 10, marketing: flag(true)),
      order("2", "bea", day: 80, hour: 10, marketing: flag(false)),
      order("3", "cid", day: 80, hour: 10, marketing: nil),
      order("4", "dot", day: 80, hour: 9, marketing: flag(true)),
      order("5", "dot", day: 80, hour: 11, marketing: flag(false)),
      order("6", "eli", day: 80, hour: 9, marketing: flag(false)),
      order("7", "eli", day: 80, hour: 10, marketing: flag(true)),
      order("8", "old", day: 0, hour: 12, marketing: nil),
      order("9", "old", day: 100, hour: 12, marketing: nil),
    ])
  }

  static func nudge(_ report: ShopReport) throws -> ActionList {
    try #require(report.actions.first { $0.kind == .nudgeFirstTimeBuyers })
  }

  /// Person ids as the report's identity resolution names them (by customer id).
  static func person(_ name: String) -> String { "id:\(name)" }

  @Test func theFixturesPeopleAreNotInTheNudgesControlGroup() {
    // The expectations assume that the people planned are not held out; the hash decides
    // (ControlGroup). `dot` is in the control group, but without consent: the planner checks
    // consent for control messages too, so `dot` counts as withheld for consent either way.
    #expect(ControlGroup(share: 0.1).contains(Self.person("dot"), flow: "second-purchase-nudge"))
    for name in ["ann", "bea", "cid", "eli"] {
      #expect(!ControlGroup(share: 0.1).contains(Self.person(name), flow: "second-purchase-nudge"), "\(name)")
    }
  }

  @Test func theEventsOptInsAndOptOutsDecideWithTheOrders() throws {
    // ann unsubscribes on day 90 after her "yes" order; cid, who never said, subscribes on day 85.
    // The report resolves the people and keys the events through the same resolution.
    let events = EventLog([
      CustomerEvent(
        customerID: "ann", time: Date(timeIntervalSince1970: Self.start + 90 * Self.day),
        kind: .unsubscribed(channel: .email)),
      CustomerEvent(
        customerID: "cid@example.com", time: Date(timeIntervalSince1970: Self.start + 85 * Self.day),
        kind: .subscribed(channel: .email)),
    ])
    let report = ShopReport(log: try Self.log(), events: events, options: ShopReportOptions(currency: "EUR"))
    let list = try Self.nudge(report)
    #expect(Set(list.rows.map(\.customerID)) == [Self.person("cid"), Self.person("eli")])
    // bea and dot without consent; ann's unsubscribe is an exit of the flow ("other").
    #expect(list.withheld == ActionList.Withheld(consent: 2, other: 1))
    // Without the events, ann is nudged and cid is not (the test below).
  }

  @Test func onlyPeopleWhoseLatestOrderAcceptsMarketingAreNudged() throws {
    let report = ShopReport(log: try Self.log(), options: ShopReportOptions(currency: "EUR"))
    let list = try Self.nudge(report)
    #expect(list.flow == "second-purchase-nudge")
    // ann (yes) and eli (latest yes); bea (no), cid (no statement), dot (latest no) withheld.
    #expect(Set(list.rows.map(\.customerID)) == [Self.person("ann"), Self.person("eli")])
    #expect(list.totalCount == 2)
    #expect(list.withheld == ActionList.Withheld(consent: 3))
    #expect(list.reading.contains("Withheld: 3 without consent"))
    for row in list.rows {
      let message = try #require(row.message)
      #expect(message.flow == "second-purchase-nudge" && message.step == 1 && message.channel == .email)
      // Due 21 days after the purchase day's last order (day 80 10:00): day 101 10:00 UTC.
      #expect(message.sendAt == Date(timeIntervalSince1970: Self.start + 101 * Self.day + 10 * 3_600))
      #expect(message.group == .treatment)
      #expect(row.contact == message.email)
      #expect(row.detail == message.reason && row.detail.contains("first purchase on 2024-03-21"))
    }
    // Nobody who said no appears anywhere in the lists.
    let everyone = Set(report.actions.flatMap { $0.rows.map(\.customerID) })
    #expect(everyone.isDisjoint(with: [Self.person("bea"), Self.person("dot"), Self.person("cid")]))
  }

  @Test func assumedEmailConsentAddsThoseWithoutAStatementButNeverThoseWhoSaidNo() throws {
    var options = ShopReportOptions(currency: "EUR")
    options.contactPolicy.assumedConsent = [.email]
    let list = try Self.nudge(ShopReport(log: try Self.log(), options: options))
    #expect(Set(list.rows.map(\.customerID)) == [Self.person("ann"), Self.person("cid"), Self.person("eli")])
    #expect(list.withheld?.consent == 2)
  }

  @Test func aFileWithoutConsentSaysWhyNobodyIsEmailed() throws {
    let report = ShopReport(log: try Self.log(marketing: false), options: ShopReportOptions(currency: "EUR"))
    let list = try Self.nudge(report)
    #expect(list.rows.isEmpty && list.totalCount == 0)
    #expect(list.withheld?.consent == 5)
    #expect(report.notes.contains { $0.hasPrefix("No order records marketing consent") && $0.contains("5 messages") })
    // With a file that records consent, no such note.
    #expect(!ShopReport(log: try Self.log()).notes.contains { $0.hasPrefix("No order records marketing consent") })
  }

  @Test func theListsAreTheOrderDrivenFlowsWithTheirPlannedMessagesInEveryFormat() throws {
    let report = ShopReport(log: try Self.log(), options: ShopReportOptions(currency: "EUR"))
    #expect(
      report.actions.map(\.kind) == [
        .nudgeFirstTimeBuyers, .winBack, .replenishmentDue, .guestRegistration, .topCustomers,
      ])
    #expect(
      report.actions.map(\.flow) == [
        "second-purchase-nudge", "win-back", "replenishment", "guest-registration", "vip-outreach",
      ])
    let markdown = report.markdown()
    #expect(markdown.contains("second-purchase-nudge step 1, email, 2024-04-11T10:00:00Z"))
    #expect(markdown.contains("Tea 1"))  // ann's first-day product, by name
    #expect(!markdown.contains("bea@example.com"))
    let html = report.html()
    #expect(PageScanner.scan(html).1 == nil)
    #expect(html.contains("ann@example.com") && !html.contains("bea@example.com"))
    // JSON: each row carries the planned message in the shape of `secondsale plan --json`.
    let json = try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
    let lists = try #require(json?["actions"] as? [[String: Any]])
    let rows = try #require(lists.first?["rows"] as? [[String: Any]])
    let message = try #require(rows.first?["message"] as? [String: Any])
    #expect(message["flow"] as? String == "second-purchase-nudge")
    #expect(message["sendAt"] as? String == "2024-04-11T10:00:00Z")
    #expect((lists.first?["withheld"] as? [String: Any])?["consent"] as? Int == 3)
    #expect(try JSONDecoder().decode(ShopReport.self, from: try report.json()) == report)
  }

  @Test func theRowLimitCutsRowsButNotCounts() throws {
    var options = ShopReportOptions(currency: "EUR", actionRowLimit: 1)
    options.contactPolicy.assumedConsent = [.email]
    let list = try Self.nudge(ShopReport(log: try Self.log(), options: options))
    #expect(list.rows.count == 1 && list.totalCount == 3)
  }

  @Test func skippedReasonsAreSortedIntoConsentCapAndOther() {
    #expect(ShopReport.withheldCategory(of: "no marketing consent on email") == \ActionList.Withheld.consent)
    #expect(
      ShopReport.withheldCategory(of: "frequency cap: another email message 2 h before (cap 16 h)")
        == \ActionList.Withheld.frequencyCap)
    #expect(ShopReport.withheldCategory(of: "exit: ordered") == \ActionList.Withheld.other)
  }
}
