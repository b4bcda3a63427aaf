import Foundation
import Testing
import Campaigns
import _TestSupport

/// `CampaignEarnings` on the hand-made people of ``AttributionTests``.
///
/// Times in hours from 2024-03-01 00:00 UTC; survey answers added:
///
/// | person | answers |
/// |---|---|
/// | a | 10 at 0 h (promoter) |
/// | b | 8 at 1 h (passive) |
/// | c | 3 at 2 h, then 9 at 3 h (the last answer counts: promoter) |
/// | d | 11 at 4 h (outside 0...10: left out) |
struct CampaignEarningsTests {
  static var events: EventLog {
    EventLog(
      AttributionTests.events.events + [
        AttributionTests.event("a", 0, .surveyAnswered(score: 10)),
        AttributionTests.event("b", 1, .surveyAnswered(score: 8)),
        AttributionTests.event("c", 2, .surveyAnswered(score: 3)),
        AttributionTests.event("c", 3, .surveyAnswered(score: 9)),
        AttributionTests.event("d", 4, .surveyAnswered(score: 11)),
      ])
  }

  /// A 5-day horizon after the answers, so that the 200 h of orders follow everyone up.
  static let settings = CampaignEarnings.Settings(resamples: 200, satisfactionHorizon: 5)

  static func earnings(_ settings: CampaignEarnings.Settings = settings) throws -> CampaignEarnings {
    var generator = SeededRandomNumberGenerator(seed: 1)
    return CampaignEarnings(
      orders: try AttributionTests.orders(), events: events, period: AttributionTests.period, settings: settings,
      using: &generator)
  }

  @Test func revenueSharesAndFlowsWorkedOutByHand() throws {
    let earnings = try Self.earnings()
    #expect(earnings.identity == "customer-id" && earnings.currency == "EUR")
    // Shop revenue 50 + 20 + 40 + 30 + 10 + 15 = 165; a's 50 is credited to m2, a campaign.
    #expect(earnings.revenue == 165 && earnings.attributedRevenue == 50)
    #expect(earnings.emailRevenueShare == 50.0 / 165 && earnings.emailCampaignRevenueShare == 50.0 / 165)
    #expect(earnings.emailFlowRevenueShare == 0)
    #expect(earnings.messageEventsWithoutSend == 1 && earnings.peopleInBothGroups == 0)
    #expect(earnings.flows.map(\.flow) == ["nudge", "promotion-spring"])

    // nudge: sent to a, b, c; delivered a (logged) and c (opened), b's machine open is no
    // delivery; both opened, none clicked; nothing credited. Treated a, b, c convert 2 of 3
    // within 7 days (c's orders are before the send and 8.3 days after), held-out e 1 of 1.
    let nudge = earnings.flows[0]
    #expect(nudge.sent == 3 && nudge.delivered == 2 && nudge.openRate == 1 && nudge.clickRate == 0)
    #expect(nudge.conversions == 0 && nudge.revenue == 0)
    #expect(nudge.treatment == FlowEarnings.GroupConversion(people: 3, conversionRate: 2.0 / 3))
    #expect(nudge.control == FlowEarnings.GroupConversion(people: 1, conversionRate: 1))
    let uplift = try #require(nudge.uplift)
    #expect(uplift.conversionRate.isApproximatelyEqual(to: 2.0 / 3 - 1, absoluteTolerance: 1e-12))
    #expect(uplift.low < uplift.conversionRate && uplift.conversionRate < uplift.high)
    // Revenue per person (50 + 20 + 0) / 3 against 15, times 3 treated: 25.
    let incremental = try #require(nudge.incrementalRevenue)
    #expect(incremental.value.isApproximatelyEqual(to: 25, absoluteTolerance: 1e-9))
    #expect(incremental.low <= incremental.value && incremental.value <= incremental.high)

    // promotion-spring: sent to a and d (bounced); a opened, clicked and bought 50. Nobody held
    // out: no control group, no uplift, no incremental revenue.
    let promotion = earnings.flows[1]
    #expect(promotion.sent == 2 && promotion.delivered == 1 && promotion.openRate == 1 && promotion.clickRate == 1)
    #expect(promotion.conversions == 1 && promotion.revenue == 50)
    #expect(promotion.treatment == FlowEarnings.GroupConversion(people: 2, conversionRate: 1))
    #expect(promotion.control == nil && promotion.uplift == nil && promotion.incrementalRevenue == nil)
  }

  @Test func satisfactionWorkedOutByHand() throws {
    let earnings = try Self.earnings()
    let satisfaction = earnings.satisfaction
    // Last answers: a 10, b 8, c 9; d's 11 is left out. NPS (2 − 0) / 3 with the Wald interval
    // of a multinomial difference, sqrt((p+ + p− − (p+ − p−)²) / n) = sqrt((2/3 − 4/9) / 3).
    #expect(satisfaction.responses == 3 && earnings.surveyAnswersOutsideScale == 1)
    let nps = try #require(satisfaction.nps)
    #expect(nps.isApproximatelyEqual(to: 2.0 / 3, absoluteTolerance: 1e-12))
    let halfWidth = 1.959963984540054 * ((2.0 / 3 - 4.0 / 9) / 3).squareRoot()
    #expect(try #require(satisfaction.npsLow).isApproximatelyEqual(to: 2.0 / 3 - halfWidth, absoluteTolerance: 1e-9))
    #expect(satisfaction.npsHigh == 1)  // 2/3 + 0.533 clipped to 1
    // Within 5 days (120 h) of the answer: a's next order at 30 h (yes); c's after 3 h is at
    // 200 h (no); b's at 10 h (yes). Nobody is a detractor.
    #expect(satisfaction.groups.map(\.group) == ["promoter", "passive", "detractor"])
    #expect(satisfaction.groups.map(\.people) == [2, 1, 0])
    #expect(satisfaction.groups[0].repeatRate == 0.5 && satisfaction.groups[1].repeatRate == 1)
    #expect(satisfaction.groups[2].repeatRate == nil && satisfaction.groups[2].repeatRateLow == nil)
    // Wilson 95 % for 1 of 2: (0.5 + z²/4 ± z·sqrt(0.125 + z²/16)) / (1 + z²/2).
    let z = 1.959963984540054
    let low = (0.5 + z * z / 4 - z * (0.125 + z * z / 16).squareRoot()) / (1 + z * z / 2)
    #expect(try #require(satisfaction.groups[0].repeatRateLow).isApproximatelyEqual(to: low, absoluteTolerance: 1e-12))
  }

  @Test func aFlowsOwnConversionWindow() throws {
    // 8.5 days for the nudge: c's order 200 h (8.33 days) after the send now converts.
    let settings = CampaignEarnings.Settings(
      conversionWindows: ["nudge": 8.5 * 86_400], resamples: 200, satisfactionHorizon: 5)
    let earnings = try Self.earnings(settings)
    #expect(earnings.flows[0].treatment == FlowEarnings.GroupConversion(people: 3, conversionRate: 1))
    #expect(settings.conversionWindow(of: "promotion-spring") == 7 * 86_400)
  }

  @Test func jsonWritesEveryKeyWithNullsISOTimesAndDays() throws {
    let earnings = try Self.earnings()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(earnings)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let period = try #require(object["period"] as? [String: Any])
    #expect(period["start"] as? String == "2024-02-29T00:00:00Z" && period["end"] as? String == "2024-03-31T00:00:00Z")
    #expect(object["unit"] as? String == "days" && object["currency"] as? String == "EUR")
    let settings = try #require(object["settings"] as? [String: Any])
    #expect(settings["openWindow"] as? Double == 5 && settings["conversionWindow"] as? Double == 7)
    #expect(settings["satisfactionHorizon"] as? Double == 5 && settings["touch"] as? String == "last")
    let flows = try #require(object["flows"] as? [[String: Any]])
    #expect(flows[1]["control"] is NSNull && flows[1]["uplift"] is NSNull && flows[1]["incrementalRevenue"] is NSNull)
    let groups = try #require((object["satisfaction"] as? [String: Any])?["groups"] as? [[String: Any]])
    #expect(groups[2]["repeatRate"] is NSNull && groups[2]["repeatRateHigh"] is NSNull)
    // Read back, it is the same value.
    #expect(try JSONDecoder().decode(CampaignEarnings.self, from: data) == earnings)
  }

  @Test func anEmptyPeriodHasNoSharesNoFlowsAndNoAnswers() throws {
    var generator = SeededRandomNumberGenerator(seed: 1)
    let before = AttributionTests.at(-1_000)..<AttributionTests.at(-900)
    let earnings = CampaignEarnings(
      orders: try AttributionTests.orders(), events: Self.events, period: before, using: &generator)
    #expect(earnings.revenue == 0 && earnings.emailRevenueShare == nil && earnings.flows.isEmpty)
    #expect(earnings.satisfaction.responses == 0 && earnings.satisfaction.nps == nil)
    #expect(earnings.satisfaction.groups.allSatisfy { $0.people == 0 && $0.repeatRate == nil })
  }

  @Test func daysOfAnEventLogAreWholeCalendarDays() throws {
    // Events from 0 h to 26 h after 2024-03-01 00:00 UTC: 1 and 2 March.
    let days = try #require(CampaignEarnings.days(of: AttributionTests.events))
    #expect(days == AttributionTests.at(0)..<AttributionTests.at(48))
    // In Berlin (UTC+1) the first event is at 01:00 on 1 March: the days start an hour earlier.
    let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
    let berlin = try #require(CampaignEarnings.days(of: AttributionTests.events, clock: DayClock(timeZone: zone)))
    #expect(berlin == AttributionTests.at(-1)..<AttributionTests.at(47))
    #expect(CampaignEarnings.days(of: EventLog([])) == nil)
  }

  @Test func sharesStandBesideTheArticlesBenchmarks() throws {
    let rows = try Self.earnings().sharesBesideBenchmarks
    #expect(rows.map(\.name) == ["email", "flows", "campaigns"])
    #expect(rows.map(\.benchmark) == [0.20, 0.18, 0.12])
  }

  /// The snippet of Documentation/Campaigns.md ("The whole picture"), on the people above.
  @Test func guideSnippetRuns() throws {
    let orders = try AttributionTests.orders()
    let events = Self.events
    let march = AttributionTests.period
    var generator = SeededRandomNumberGenerator(seed: 1)
    let earnings = CampaignEarnings(
      orders: orders, events: events, period: march,
      settings: CampaignEarnings.Settings(conversionWindows: ["second-purchase-nudge": 14 * 86_400]),
      using: &generator)
    for flow in earnings.flows {
      print(flow.flow, flow.revenue, flow.incrementalRevenue?.value ?? 0, flow.uplift?.conversionRate ?? 0)
    }
    for row in earnings.sharesBesideBenchmarks { print(row.name, row.share ?? 0, row.benchmark) }
    #expect(earnings.flows.count == 2 && earnings.sharesBesideBenchmarks.count == 3)
  }
}
