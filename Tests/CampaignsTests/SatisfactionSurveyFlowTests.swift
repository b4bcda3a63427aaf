import Foundation
import Testing
import Campaigns

/// The satisfaction survey: 14 days after delivery, at most one per person in 90 days.
struct SatisfactionSurveyFlowTests {
  let flow = Flow.satisfactionSurvey().withoutControlGroup

  @Test func atMostOneSurveyInNinetyDays() throws {
    let events =
      Shop.optIn(["s"]) + [
        Shop.event("s", 0, .delivered(orderID: "o1")), Shop.event("s", 10 * 24, .delivered(orderID: "o2")),
        Shop.event("s", 100 * 24, .delivered(orderID: "o3")),
      ]
    // Daily runs at midnight: the surveys of o1 (day 14) and o3 (day 114) go; o2's (day 24) is
    // 10 days after o1's and is skipped; o3's is 100 days after it.
    let (messages, skipped) = try Shop.simulate([flow], events: events, from: 0, to: 130 * 24, every: 24)
    #expect(messages.map(\.sendAt) == [Shop.at(14 * 24), Shop.at(114 * 24)])
    #expect(messages.allSatisfy { $0.content == "satisfaction-survey" && $0.products.isEmpty })
    #expect(messages.map(\.id) == ["satisfaction-survey/1:s:order:o1", "satisfaction-survey/1:s:order:o3"])
    #expect(
      skipped.map(\.reason) == [
        "re-entered too soon: a message of this flow on 2024-03-15 00:00 UTC, less than 90 days before"
      ])
    #expect(skipped.map(\.person) == ["s"])
  }

  @Test func twoDeliveriesDueInOneRunGiveOneSurvey() throws {
    let events =
      Shop.optIn(["t"]) + [
        Shop.event("t", 0, .delivered(orderID: "o1")), Shop.event("t", 5, .delivered(orderID: "o2")),
      ]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(
      try Shop.context(events, from: 14 * 24, to: 15 * 24))
    #expect(plan.messages.map(\.id) == ["satisfaction-survey/1:t:order:o1"])
    #expect(
      plan.skipped.map(\.reason) == [
        "re-entered too soon: a message of this flow on 2024-03-15 00:00 UTC, less than 90 days before"
      ])
  }

  @Test func aHeldOutSurveyAlsoCounts() throws {
    let survey = PlannedMessage.id(flow: "satisfaction-survey", step: 1, person: "u", key: "order:o1")
    let events =
      Shop.optIn(["u"]) + [
        Shop.event("u", 0, .delivered(orderID: "o1")), Shop.event("u", 30 * 24, .delivered(orderID: "o2")),
        Shop.event("u", 14 * 24, .heldOut(MessageReference(id: survey, flow: "satisfaction-survey", step: 1))),
      ]
    let plan = CampaignPlanner(flows: [flow], policy: Shop.anyTime).plan(
      try Shop.context(events, from: 44 * 24, to: 45 * 24))
    #expect(plan.messages.isEmpty)
    #expect(plan.skipped.count == 1)
  }
}
