import Foundation
import Testing
import Campaigns

/// The plan's JSON: the keys the command line prints, ISO 8601 times, every key present.
struct CampaignPlanCodingTests {
  static let plan = CampaignPlan(
    asOf: Shop.at(0),
    messages: [
      PlannedMessage(
        id: "abandoned-checkout/1:p-1:checkout:1709287200", person: "p-1", customer: "c-1", email: "ada@example.com",
        phone: "+49 30 1234567", flow: "abandoned-checkout", step: 1, channel: .email, content: "checkout-reminder",
        sendAt: Shop.at(11), products: ["p1"], reason: "started a checkout", group: .treatment),
      PlannedMessage(
        id: "sale/2:p-2:sale", person: "p-2", flow: "sale", step: 2, channel: .sms, content: "promotion-resend",
        sendAt: Shop.at(57.5), incentive: "20% off", reason: "promotion sale", group: .control),
    ],
    skipped: [CampaignPlan.Skipped(person: "p-3", flow: "sale", step: 1, reason: "no marketing consent on email")])

  @Test func theJSONHasTheDocumentedShape() throws {
    let data = try JSONEncoder().encode(Self.plan)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["asOf", "messages", "skipped"])
    #expect(object["asOf"] as? String == "2024-03-01T00:00:00Z")
    let messages = try #require(object["messages"] as? [[String: Any]])
    #expect(
      Set(messages[0].keys) == [
        "person", "customer", "email", "phone", "flow", "step", "channel", "sendAt", "products", "incentive", "reason",
        "group", "id", "content", "isTransactional",
      ])
    #expect(messages[0]["sendAt"] as? String == "2024-03-01T11:00:00Z")
    #expect(messages[1]["sendAt"] as? String == "2024-03-03T09:30:00Z")
    #expect(messages[0]["group"] as? String == "treatment")
    #expect(messages[1]["group"] as? String == "control")
    #expect(messages[1]["channel"] as? String == "sms")
    #expect(messages[1]["step"] as? Int == 2)
    #expect(messages[1]["customer"] is NSNull && messages[1]["email"] is NSNull && messages[0]["incentive"] is NSNull)
    #expect(messages[1]["incentive"] as? String == "20% off")
    let skipped = try #require(object["skipped"] as? [[String: Any]])
    #expect(Set(skipped[0].keys) == ["person", "flow", "step", "reason"])
    #expect(skipped[0]["step"] as? Int == 1)
  }

  @Test func timesAreISO8601WhateverTheEncodersStrategyAndRoundTrip() throws {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    let data = try encoder.encode(Self.plan)
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(text.contains("\"2024-03-03T09:30:00Z\""))
    #expect(try JSONDecoder().decode(CampaignPlan.self, from: data) == Self.plan)
    // A time with an offset reads as the same instant; a time that is not ISO 8601 fails.
    let shifted = text.replacingOccurrences(of: "2024-03-01T00:00:00Z", with: "2024-03-01T01:00:00+01:00")
    #expect(try JSONDecoder().decode(CampaignPlan.self, from: Data(shifted.utf8)).asOf == Shop.at(0))
    let bad = text.replacingOccurrences(of: "2024-03-01T00:00:00Z", with: "yesterday")
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(CampaignPlan.self, from: Data(bad.utf8)) }
  }

  @Test func theReferenceToLogIsTheMessagesOwn() {
    let message = Self.plan.messages[1]
    #expect(message.reference == MessageReference(id: "sale/2:p-2:sale", flow: "sale", step: 2, channel: .sms))
    #expect(Self.plan.treatment.map(\.person) == ["p-1"])
    #expect(Self.plan.control.map(\.person) == ["p-2"])
  }
}
