import Campaigns
import Foundation
import Testing
import _TestSupport

@testable import RetentionReport

/// The section "What your messages earned" on the small log of ``ShopReportTests``.
///
/// Hand-made message events, days from 2024-01-01 00:00 UTC:
///
/// | customer | events | orders |
/// |---|---|---|
/// | A | nudge sent day 39, opened an hour later | 30 on day 40 (credited; converts) |
/// | B | held out of the nudge on day 4.9 | 60 on day 5 (converts) |
/// | C | promotion-winter sent day 49 (no control group), never opened | 20 on day 50 |
struct ShopReportEarningsTests {
  static func at(_ day: Double) -> Date {
    Date(timeIntervalSince1970: ShopReportTests.start + day * ShopReportTests.day)
  }

  static func earnings() throws -> CampaignEarnings {
    let nudgeA = MessageReference(id: "n-A", flow: "nudge", step: 1, channel: .email)
    let nudgeB = MessageReference(id: "n-B", flow: "nudge", step: 1, channel: .email)
    let promotion = MessageReference(id: "p-C", flow: "promotion-winter", step: 1, channel: .email)
    let events = EventLog([
      CustomerEvent(customerID: "B", time: at(4.9), kind: .heldOut(nudgeB)),
      CustomerEvent(customerID: "A", time: at(39), kind: .messageSent(nudgeA)),
      CustomerEvent(customerID: "A", time: at(39 + 1.0 / 24), kind: .opened(nudgeA, isMachineOpen: false)),
      CustomerEvent(customerID: "C", time: at(49), kind: .messageSent(promotion)),
    ])
    var generator = SeededRandomNumberGenerator(seed: 1)
    return CampaignEarnings(
      orders: try ShopReportTests.smallLog(), events: events, period: at(0)..<at(200),
      settings: CampaignEarnings.Settings(resamples: 200), using: &generator)
  }

  static func reports() throws -> (without: ShopReport, with: ShopReport) {
    let options = ShopReportOptions(title: "Earnings", resolvesIdentities: false)
    let without = ShopReport(log: try ShopReportTests.smallLog(), options: options)
    var with = without
    with.campaignEarnings = try earnings()
    return (without, with)
  }

  @Test func withoutEventsTheReportHasNoSectionAndIsUnchanged() throws {
    let (without, with) = try Self.reports()
    #expect(!without.markdown().contains("What your messages earned"))
    #expect(!without.html().contains(ShopReport.earningsIdentifier))
    let json = try #require(try JSONSerialization.jsonObject(with: without.json()) as? [String: Any])
    #expect(json["campaignEarnings"] == nil)
    // With the section, the rest of the Markdown is the same text.
    let markdown = with.markdown()
    let start = try #require(markdown.range(of: "## What your messages earned"))
    let end = try #require(markdown.range(of: "## Segments"))
    var rest = markdown
    rest.removeSubrange(start.lowerBound..<end.lowerBound)
    #expect(rest == without.markdown())
  }

  @Test func markdownShowsSharesBenchmarksAndBothRevenuesSideBySide() throws {
    let markdown = try Self.reports().with.markdown()
    // Revenue 10 + 30 + 60 + 60 + 100 + 50 = 310, of which A's 30 is credited: 9.7 %.
    #expect(markdown.contains("Email brought 9.7 % of your revenue, below the benchmark of at least 20 %."))
    #expect(markdown.contains("| email | 9.7 % | at least 20 % |"))
    #expect(markdown.contains("| email flows | 9.7 % | about 18 % |"))
    #expect(markdown.contains("| email campaigns | 0 % | about 12 % |"))
    #expect(
      markdown.contains(
        "| Flow | Sent | Opened | Clicked | Attributed revenue | Incremental revenue (95 %) | Conversion uplift (95 %) |"
      ))
    // The nudge: A (treated) converts with 30, B (held out) with 60: incremental (30 − 60) × 1.
    #expect(markdown.contains("| nudge | 1 | 100 % | 0 % | 30.00 | -30.00 ("))
    #expect(markdown.contains("| +0.0 pt ("))
    #expect(markdown.contains("| promotion-winter | 1 | 0 % | 0 % | 0.00 | no control group | no control group |"))
    #expect(markdown.contains("No survey answers in the period."))
    #expect(markdown.contains("Messages sent 2024-01-01 to 2024-07-18."))
  }

  /// The days of the period are the shop's calendar days, as every other day of the report:
  /// with a clock five hours ahead of UTC, events from 2024-01-04 21:00 UTC (02:00 on the shop's
  /// 2024-01-05) to 2024-02-19 00:00 UTC span the shop's 2024-01-05 to 2024-02-19. The period
  /// starts at the shop's midnight, 2024-01-04 19:00 UTC, which a UTC calendar prints as 2024-01-04.
  @Test func theEarningsNotePrintsTheShopsDays() throws {
    let clock = DayClock(timeZone: try #require(TimeZone(secondsFromGMT: 5 * 3_600)))
    let events = EventLog([
      CustomerEvent(
        customerID: "B", time: Self.at(3 + 21.0 / 24),
        kind: .heldOut(MessageReference(id: "n-B", flow: "nudge", step: 1, channel: .email))),
      CustomerEvent(
        customerID: "A", time: Self.at(49),
        kind: .messageSent(MessageReference(id: "n-A", flow: "nudge", step: 1, channel: .email))),
    ])
    let period = try #require(CampaignEarnings.days(of: events, clock: clock))
    #expect(period.lowerBound == Self.at(3 + 19.0 / 24))
    var generator = SeededRandomNumberGenerator(seed: 1)
    var report = ShopReport(
      log: try ShopReportTests.smallLog(),
      options: ShopReportOptions(title: "Earnings", clock: clock, resolvesIdentities: false))
    report.campaignEarnings = CampaignEarnings(
      orders: try ShopReportTests.smallLog(), events: events, period: period,
      settings: CampaignEarnings.Settings(resamples: 100), using: &generator)
    #expect(report.timeZone == "GMT+0500")
    #expect(report.markdown().contains("Messages sent 2024-01-05 to 2024-02-19."))
    #expect(report.html().contains("Messages sent 2024-01-05 to 2024-02-19."))
    let json = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
    #expect(json["timeZone"] as? String == "GMT+0500")
  }

  @Test func htmlSectionIsWellFormedWithItsTables() throws {
    let html = try Self.reports().with.html()
    let (scanner, error) = PageScanner.scan(html)
    #expect(error == nil)
    #expect(scanner.ids.contains(ShopReport.earningsIdentifier))
    let section = try #require(html.range(of: "<section id=\"message-earnings\""))
    let sectionEnd = try #require(html.range(of: "</section>", range: section.upperBound..<html.endIndex))
    let text = html[section.lowerBound..<sectionEnd.upperBound]
    #expect(text.contains("<h2>What your messages earned</h2>"))
    #expect(text.components(separatedBy: "<table>").count - 1 == 2)  // shares, flows (no answers)
    #expect(text.contains("<td>nudge</td>") && text.contains("<td class=\"number\">-30.00 ("))
    #expect(text.contains("at least 20 %"))
    ShopReportTests.assertNoNonFiniteText(String(text))
  }

  @Test func jsonCarriesTheEarnings() throws {
    let data = try Self.reports().with.json()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let earnings = try #require(object["campaignEarnings"] as? [String: Any])
    let flows = try #require(earnings["flows"] as? [[String: Any]])
    #expect(flows.map { $0["flow"] as? String } == ["nudge", "promotion-winter"])
    #expect(flows[1]["control"] is NSNull)
    #expect(try JSONDecoder().decode(ShopReport.self, from: data) == (try Self.reports().with))
  }
}
