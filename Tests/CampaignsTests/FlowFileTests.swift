import Foundation
import Testing
import Campaigns

/// The flow file: configures the built-in flows, the caps, the sending hours and the
/// promotions; a bad file names the key.
struct FlowFileTests {
  static let example = """
    {
      "frequencyCapsHours": { "email": 24, "sms": 48 },
      "sendingHours": { "from": 8, "to": 21 },
      "transactionalFlows": ["order-confirmation"],
      "flows": {
        "abandoned-checkout": {
          "controlShare": 0.2,
          "steps": [{ "waitHours": 2 }, { "waitHours": 24, "incentive": "free shipping", "channel": "sms" }]
        },
        "abandoned-cart": {
          "steps": [{}, {}, { "waitHours": 96, "content": "cart-last-call", "notOpenedStep": 2 }]
        },
        "browse-abandonment": { "enabled": false },
        "satisfaction-survey": { "reentryDays": 120 }
      },
      "promotions": [{
        "name": "summer-sale", "startsAt": "2024-06-03T08:00:00Z", "endsAt": "2024-06-07T22:00:00+02:00",
        "products": ["BEANS-250"], "incentive": "20% off", "extendedByADay": true, "controlShare": 0.05
      }]
    }
    """

  static func error(_ json: String) -> CampaignsError? {
    do {
      _ = try FlowFile(data: Data(json.utf8)).flows(configuring: Flow.standardFlows())
      return nil
    } catch let error as CampaignsError {
      return error
    } catch {
      return nil
    }
  }

  @Test func theExampleConfiguresTheFlowsAndThePolicy() throws {
    let file = try FlowFile(data: Data(Self.example.utf8))
    let planner = try file.planner(configuring: CampaignPlanner(flows: Flow.standardFlows()))
    let names = planner.flows.map(\.name)
    #expect(!names.contains("browse-abandonment"))
    #expect(names.last == "summer-sale")
    let checkout = try #require(planner.flows.first { $0.name == "abandoned-checkout" })
    // Two steps now: 2 h, then 24 h by SMS with an incentive; the rest as built in.
    #expect(checkout.steps.map { $0.wait / 3_600 } == [2, 24])
    #expect(checkout.steps.map(\.channel) == [.email, .sms])
    #expect(checkout.steps.map(\.incentive) == [nil, "free shipping"])
    #expect(checkout.steps.allSatisfy { $0.content == "checkout-reminder" })
    #expect(checkout.controlShare == 0.2)
    let cart = try #require(planner.flows.first { $0.name == "abandoned-cart" })
    #expect(cart.steps.map { $0.wait / 3_600 } == [4, 48, 96])
    #expect(cart.steps.map(\.content) == ["cart-reminder", "cart-reminder", "cart-last-call"])
    #expect(cart.steps[2].condition == .notOpened(step: 2))
    #expect(planner.flows.first { $0.name == "satisfaction-survey" }?.reentryInterval == TimeInterval(120 * 86_400))
    let sale = try #require(planner.flows.last)
    #expect(sale.controlShare == 0.05)
    // 2024-06-03 08:00 UTC to 2024-06-07 20:00 UTC (22:00 at +02:00): 108 hours.
    #expect(sale.steps.map { $0.wait / 3_600 } == [0, 48, 84, 108])
    #expect(sale.steps.map(\.content) == ["promotion", "promotion-resend", "promotion-last-day", "promotion-extended"])
    #expect(sale.steps.allSatisfy { $0.incentive == "20% off" })
    #expect(planner.policy.frequencyCaps == [.email: 24 * 3_600, .sms: 48 * 3_600])
    #expect(planner.policy.sendingHours == 8..<21)
    #expect(planner.policy.transactionalFlows == ["order-confirmation"])
    // An empty file changes nothing.
    let empty = try FlowFile(data: Data("{}".utf8))
    #expect(try empty.flows(configuring: Flow.standardFlows()).map(\.name) == Flow.standardFlows().map(\.name))
    #expect(empty.policy(configuring: ContactPolicy()) == ContactPolicy())
  }

  @Test func theFileRoundTrips() throws {
    let file = try FlowFile(data: Data(Self.example.utf8))
    let data = try JSONEncoder().encode(file)
    #expect(try FlowFile(data: data) == file)
  }

  @Test(arguments: [
    (
      #"{"flow": {}}"#, "flow",
      "unknown key; the keys here are frequencyCapsHours, sendingHours, transactionalFlows, flows, promotions"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{}, {"waitHours": "two"}]}}}"#,
      "flows.abandoned-cart.steps[1].waitHours", "must be a number"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{"waitHours": -1}]}}}"#, "flows.abandoned-cart.steps[0].waitHours",
      "must be a number of hours, at least 0"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{"wait": 1}]}}}"#, "flows.abandoned-cart.steps[0].wait",
      "unknown key; the keys here are waitHours, channel, content, incentive, productCount, notOpenedStep, notClickedStep"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{"channel": "fax"}]}}}"#, "flows.abandoned-cart.steps[0].channel",
      "unknown channel \"fax\"; use email, sms, phone or push"
    ),
    (
      #"{"flows": {"abandoned-cart": {"controlShare": 1.5}}}"#, "flows.abandoned-cart.controlShare",
      "must be a share in 0...1"
    ),
    (#"{"flows": {"abandoned-cart": {"enabled": "no"}}}"#, "flows.abandoned-cart.enabled", "must be true or false"),
    (
      #"{"flows": {"abandoned-cart": {"steps": []}}}"#, "flows.abandoned-cart.steps",
      "no steps; use \"enabled\": false instead"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{}, {}, {"waitHours": 90}]}}}"#, "flows.abandoned-cart.steps[2]",
      "the flow has 2 built-in steps; a further step needs waitHours and content"
    ),
    (
      #"{"flows": {"abandoned-cart": {"steps": [{"notOpenedStep": 1}]}}}"#, "flows.abandoned-cart.steps[0]",
      "the condition looks at step 1; it must be an earlier step (1...0)"
    ),
    (
      #"{"frequencyCapsHours": {"mail": 3}}"#, "frequencyCapsHours.mail",
      "unknown key; the keys here are email, sms, phone, push"
    ),
    (
      #"{"sendingHours": {"from": 20, "to": 9}}"#, "sendingHours.to",
      "sending hours run from an hour to a later one in 0...24"
    ),
    (
      #"{"promotions": [{"name": "x", "startsAt": "2024-06-03", "endsAt": "2024-06-04T00:00:00Z"}]}"#,
      "promotions[0].startsAt", "\"2024-06-03\" is not an ISO 8601 time with an offset, such as 2024-06-03T08:00:00Z"
    ),
    (
      #"{"promotions": [{"name": "x", "startsAt": "2024-06-03T00:00:00Z", "endsAt": "2024-06-02T00:00:00Z"}]}"#,
      "promotions[0].endsAt", "must be after startsAt"
    ),
    (#"{"promotions": [{"name": "x", "endsAt": "2024-06-02T00:00:00Z"}]}"#, "promotions[0].startsAt", "is required"),
    (
      #"{"promotions": [{"name": "abandoned-cart", "startsAt": "2024-06-03T00:00:00Z", "endsAt": "2024-06-04T00:00:00Z"}]}"#,
      "promotions[0].name", "\"abandoned-cart\" is already the name of a flow"
    ),
  ])
  func aBadFileNamesTheKey(json: String, key: String, reason: String) throws {
    let error = try #require(Self.error(json))
    #expect(error.code == .invalidFlowFile)
    #expect(error.key == key)
    #expect(error.reason == reason)
    #expect(error.description == "invalid flow file: \(key): \(reason)")
  }

  @Test func anUnknownFlowOrNoJSON() throws {
    let unknown = try #require(Self.error(#"{"flows": {"win-bak": {"enabled": false}}}"#))
    #expect(unknown.code == .unknownFlow)
    #expect(unknown.key == "flows.win-bak")
    #expect(unknown.reason.hasPrefix("no flow named \"win-bak\"; the flows are order-shipped, order-delayed, "))
    let broken = try #require(Self.error("{\"flows\": "))
    #expect(broken.code == .invalidFlowFile)
    #expect(broken.key == nil)
    #expect(broken.reason.hasPrefix("not valid JSON"))
    #expect(throws: (any Error).self) { try FlowFile(contentsOf: URL(fileURLWithPath: "/nonexistent/flows.json")) }
  }
}
