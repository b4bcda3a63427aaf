import Campaigns
import Foundation
import Testing
import _TestSupport

/// `secondsale attribute` on the simulated shop committed in Tests/Data/campaigns (written by
/// `daily-campaigns --simulate`, seed 2026): the JSON's every key, its figures against an
/// independent computation from the files and against the simulator's known truth, the period
/// options, and its errors.
struct AttributeCommandTests {
  static let shopFiles = Result { try SimulatedShopFiles() }

  static func attribute(_ extra: [String]) throws -> ExampleProgramTests.Run {
    let orders = try TestData.url("campaigns/orders.csv").path
    let events = try TestData.url("campaigns/events.csv").path
    return try ExampleProgramTests.run(
      "secondsale", ["attribute", orders, "--events", events] + SimulatedShopFiles.orderFormatArguments + extra)
  }

  static func json(_ extra: [String]) throws -> [String: Any] {
    let run = try attribute(["--json"] + extra)
    #expect(run.status == 0, "\(run.error)")
    return try ExampleProgramTests.json(run.output)
  }

  static func isoDate(_ text: Any?) throws -> Date {
    let string = try #require(text as? String)
    return try #require(ISO8601DateFormatter().date(from: string))
  }

  static func number(_ value: Any?) throws -> Double { try #require((value as? NSNumber)?.doubleValue) }

  static func object(_ value: Any?) throws -> [String: Any] { try #require(value as? [String: Any]) }

  @Test func jsonHasEveryKeyOfTheIssueAndTheHouseRules() throws {
    let output = try Self.json([])
    #expect(
      Set(output.keys) == [
        "identity", "period", "observationEnd", "currency", "unit", "settings", "revenue", "attributedRevenue",
        "emailRevenueShare", "emailFlowRevenueShare", "emailCampaignRevenueShare", "benchmarks", "flows",
        "satisfaction", "leftOut",
      ])
    #expect(output["identity"] as? String == "people")
    #expect(output["currency"] as? String == "EUR")
    #expect(output["unit"] as? String == "days")
    #expect(Set(try Self.object(output["period"]).keys) == ["start", "end"])
    let benchmarks = try Self.object(output["benchmarks"])
    #expect(try Self.number(benchmarks["email"]) == 0.2)
    #expect(try Self.number(benchmarks["flows"]) == 0.18)
    #expect(try Self.number(benchmarks["campaigns"]) == 0.12)
    let flows = try #require(output["flows"] as? [[String: Any]])
    #expect(flows.map { $0["flow"] as? String } == ["abandoned-checkout", "second-purchase-nudge"])
    for flow in flows {
      #expect(
        Set(flow.keys) == [
          "flow", "sent", "delivered", "openRate", "clickRate", "conversions", "revenue", "control", "treatment",
          "uplift", "incrementalRevenue",
        ])
      #expect(Set(try Self.object(flow["control"]).keys) == ["people", "conversionRate"])
      #expect(Set(try Self.object(flow["treatment"]).keys) == ["people", "conversionRate"])
      #expect(Set(try Self.object(flow["uplift"]).keys) == ["conversionRate", "low", "high"])
      #expect(Set(try Self.object(flow["incrementalRevenue"]).keys) == ["value", "low", "high"])
    }
    let satisfaction = try Self.object(output["satisfaction"])
    #expect(Set(satisfaction.keys) == ["responses", "nps", "npsLow", "npsHigh", "groups"])
    let groups = try #require(satisfaction["groups"] as? [[String: Any]])
    #expect(groups.map { $0["group"] as? String } == ["promoter", "passive", "detractor"])
    for group in groups {
      #expect(Set(group.keys) == ["group", "people", "repeatRate", "repeatRateLow", "repeatRateHigh"])
    }
    #expect(
      Set(try Self.object(output["leftOut"]).keys) == [
        "messageEventsWithoutSend", "peopleInBothGroups", "surveyAnswersOutsideScale",
      ])
    let settings = try Self.object(output["settings"])
    #expect(try Self.number(settings["openWindow"]) == 5 && settings["touch"] as? String == "last")
  }

  @Test func figuresMatchAnIndependentComputationFromTheFiles() throws {
    let files = try Self.shopFiles.get()
    let output = try Self.json([])
    // The default period: the day of the first event to the end of the day of the last.
    let period =
      try Self.isoDate(Self.object(output["period"])["start"])..<Self.isoDate(Self.object(output["period"])["end"])
    #expect(try Self.object(output["period"])["start"] as? String == "2024-01-01T00:00:00Z")
    #expect(try Self.object(output["period"])["end"] as? String == "2024-12-31T00:00:00Z")
    let revenue = files.revenue(in: period)
    // Sums of cents: equal up to floating-point summation order.
    #expect(try Self.number(output["revenue"]).isApproximatelyEqual(to: revenue, relativeTolerance: 1e-9))

    let credited = files.creditedRevenue()
    let sentMessages = files.events.filter { $0.event == "message_sent" && period.contains($0.time) }
    var emailRevenue = 0.0
    for message in sentMessages where message.channel == "email" {
      emailRevenue += (credited[message.message] ?? []).filter { period.contains($0.time) }.reduce(0) { $0 + $1.amount }
    }
    #expect(
      try Self.number(output["emailRevenueShare"]).isApproximatelyEqual(
        to: emailRevenue / revenue, relativeTolerance: 1e-9))
    // The simulated flows are not campaigns (no name starts with "promotion").
    #expect(try Self.number(output["emailCampaignRevenueShare"]) == 0)

    for flow in try #require(output["flows"] as? [[String: Any]]) {
      let name = try #require(flow["flow"] as? String)
      let counts = files.messageCounts(flow: name, in: period)
      #expect(flow["sent"] as? Int == counts.sent)
      #expect(flow["delivered"] as? Int == counts.delivered)
      #expect(
        try Self.number(flow["openRate"]).isApproximatelyEqual(
          to: Double(counts.opened) / Double(counts.delivered), relativeTolerance: 1e-12))
      #expect(
        try Self.number(flow["clickRate"]).isApproximatelyEqual(
          to: Double(counts.clicked) / Double(counts.delivered), relativeTolerance: 1e-12))
      let flowCredits = sentMessages.filter { $0.flow == name }.compactMap { credited[$0.message] }
      #expect(flow["conversions"] as? Int == flowCredits.count)
      let flowRevenue = flowCredits.joined().reduce(0) { $0 + $1.amount }
      #expect(try Self.number(flow["revenue"]).isApproximatelyEqual(to: flowRevenue, relativeTolerance: 1e-9))

      let groups = files.groups(flow: name, in: period)
      let treatment = try Self.object(flow["treatment"]), control = try Self.object(flow["control"])
      func rate(_ group: [Double?]) -> Double { Double(group.count { $0 != nil }) / Double(group.count) }
      func mean(_ group: [Double?]) -> Double { group.reduce(0) { $0 + ($1 ?? 0) } / Double(group.count) }
      #expect(treatment["people"] as? Int == groups.treated.count)
      #expect(control["people"] as? Int == groups.control.count)
      #expect(
        try Self.number(treatment["conversionRate"]).isApproximatelyEqual(
          to: rate(groups.treated), relativeTolerance: 1e-12))
      #expect(
        try Self.number(control["conversionRate"]).isApproximatelyEqual(
          to: rate(groups.control), relativeTolerance: 1e-12))
      let uplift = try Self.object(flow["uplift"])
      let difference = try Self.number(uplift["conversionRate"])
      #expect(
        difference.isApproximatelyEqual(to: rate(groups.treated) - rate(groups.control), absoluteTolerance: 1e-12))
      #expect(try Self.number(uplift["low"]) < difference && difference < Self.number(uplift["high"]))
      let incremental = try Self.object(flow["incrementalRevenue"])
      let value = try Self.number(incremental["value"])
      #expect(
        value.isApproximatelyEqual(
          to: (mean(groups.treated) - mean(groups.control)) * Double(groups.treated.count), relativeTolerance: 1e-9))
      #expect(try Self.number(incremental["low"]) <= value && value <= Self.number(incremental["high"]))
    }
  }

  @Test func satisfactionMatchesAnIndependentComputationFromTheFiles() throws {
    let files = try Self.shopFiles.get()
    let output = try Self.json([])
    let period =
      try Self.isoDate(Self.object(output["period"])["start"])..<Self.isoDate(Self.object(output["period"])["end"])
    let answers = files.lastAnswers(in: period)
    let satisfaction = try Self.object(output["satisfaction"])
    #expect(satisfaction["responses"] as? Int == answers.count)
    let promoters = answers.values.count { $0.score >= 9 }, detractors = answers.values.count { $0.score <= 6 }
    let nps = Double(promoters - detractors) / Double(answers.count)
    #expect(try Self.number(satisfaction["nps"]).isApproximatelyEqual(to: nps, absoluteTolerance: 1e-12))
    #expect(try Self.number(satisfaction["npsLow"]) < nps && nps < Self.number(satisfaction["npsHigh"]))

    // The end of the data: the later of the last order and the last event; repeat rates count
    // only answers with the whole 90 days after them, and the first order after the answer.
    let end = max(try #require(files.orders.map(\.time).max()), try #require(files.events.last?.time))
    #expect(try Self.isoDate(output["observationEnd"]) == end)
    let horizon: TimeInterval = 90 * 86_400
    let groups = try #require(satisfaction["groups"] as? [[String: Any]])
    let members: [String: (Double) -> Bool] = [
      "promoter": { $0 >= 9 }, "passive": { $0 >= 7 && $0 < 9 }, "detractor": { $0 < 7 },
    ]
    for group in groups {
      let name = try #require(group["group"] as? String)
      let isMember = try #require(members[name])
      let inGroup = answers.filter { isMember($0.value.score) }
      #expect(group["people"] as? Int == inGroup.count)
      let followed = inGroup.filter { end.timeIntervalSince($0.value.time) >= horizon }
      let repeated = followed.count { customer, answer in
        let next = files.orders.filter { $0.customer == customer && $0.time > answer.time }.map(\.time).min()
        return next.map { $0.timeIntervalSince(answer.time) <= horizon } ?? false
      }
      let rate = Double(repeated) / Double(followed.count)
      #expect(try Self.number(group["repeatRate"]).isApproximatelyEqual(to: rate, absoluteTolerance: 1e-12))
      #expect(try Self.number(group["repeatRateLow"]) < rate && rate < Self.number(group["repeatRateHigh"]))
    }
  }

  /// The committed shop is `daily-campaigns --simulate` with seed 2026: the same simulation
  /// here gives the truth a shop never knows, and the intervals must hold it.
  @Test func intervalsHoldTheSimulatorsKnownTruth() throws {
    var simulator = ShopSimulator(customers: 1_000)
    simulator.flows = [
      SimulatedFlow(
        name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.1,
        causedPurchaseProbability: 0.05),
      SimulatedFlow(
        name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 1), controlShare: 0.1,
        causedPurchaseProbability: 0.1),
    ]
    var generator = SeededRandomNumberGenerator(seed: 2026)
    let shop = simulator.run(using: &generator)
    // The files are this shop (the CSV writer may end lines with CRLF; compare the rows).
    func rows(_ text: String) -> [Substring] { text.split(whereSeparator: \.isNewline) }
    try #require(
      rows(shop.eventsCSV) == rows(try String(contentsOf: TestData.url("campaigns/events.csv"), encoding: .utf8)))
    try #require(
      rows(shop.ordersCSV) == rows(try String(contentsOf: TestData.url("campaigns/orders.csv"), encoding: .utf8)))
    let output = try Self.json([])
    for flow in try #require(output["flows"] as? [[String: Any]]) {
      let name = try #require(flow["flow"] as? String)
      let truth = try #require(shop.truth.flow(named: name))
      let treatment = try Self.object(flow["treatment"]), control = try Self.object(flow["control"])
      #expect(treatment["people"] as? Int == truth.treated)
      #expect(control["people"] as? Int == truth.heldOut)
      let uplift = try Self.object(flow["uplift"])
      #expect(try Self.number(uplift["low"]) <= truth.conversionUplift)
      #expect(truth.conversionUplift <= (try Self.number(uplift["high"])))
      let incremental = try Self.object(flow["incrementalRevenue"])
      #expect(try Self.number(incremental["low"]) <= truth.incrementalRevenue)
      #expect(truth.incrementalRevenue <= (try Self.number(incremental["high"])))
    }
    #expect(
      try Self.number(Self.object(output["satisfaction"])["npsLow"]) <= shop.truth.expectedNetPromoterScore)
    #expect(
      shop.truth.expectedNetPromoterScore <= (try Self.number(Self.object(output["satisfaction"])["npsHigh"])))
  }

  @Test func fromAndToSelectThePeriodInclusiveOfTheLastDay() throws {
    let files = try Self.shopFiles.get()
    let output = try Self.json(["--from", "2024-06-01", "--to", "2024-06-30"])
    let period = try Self.object(output["period"])
    #expect(period["start"] as? String == "2024-06-01T00:00:00Z" && period["end"] as? String == "2024-07-01T00:00:00Z")
    let june = try Self.isoDate("2024-06-01T00:00:00Z")..<Self.isoDate("2024-07-01T00:00:00Z")
    #expect(
      try Self.number(output["revenue"]).isApproximatelyEqual(to: files.revenue(in: june), relativeTolerance: 1e-9))
    let flows = try #require(output["flows"] as? [[String: Any]])
    let sentInJune = files.events.filter { $0.event == "message_sent" && june.contains($0.time) }
    #expect(flows.reduce(0) { $0 + ($1["sent"] as? Int ?? 0) } == sentInJune.count)
    for flow in flows {
      let name = try #require(flow["flow"] as? String)
      #expect(flow["sent"] as? Int == files.messageCounts(flow: name, in: june).sent)
      #expect(try Self.object(flow["control"])["people"] as? Int == files.groups(flow: name, in: june).control.count)
    }
    #expect(
      try Self.object(output["satisfaction"])["responses"] as? Int == files.lastAnswers(in: june).count)
    // A time zone moves the day boundaries; an ISO 8601 time is taken as it is.
    let berlin = try Self.json(["--from", "2024-06-01", "--to", "2024-06-30T12:00:00Z", "--time-zone", "Europe/Berlin"])
    #expect(try Self.object(berlin["period"])["start"] as? String == "2024-05-31T22:00:00Z")
    #expect(try Self.object(berlin["period"])["end"] as? String == "2024-06-30T12:00:00Z")
  }

  @Test func windowAndTouchOptionsReachTheSettings() throws {
    let output = try Self.json([
      "--open-window", "2d", "--click-window", "36h", "--touch", "first", "--conversion-window", "14d",
    ])
    let settings = try Self.object(output["settings"])
    #expect(try Self.number(settings["openWindow"]) == 2)
    #expect(try Self.number(settings["clickWindow"]) == 1.5)
    #expect(try Self.number(settings["conversionWindow"]) == 14)
    #expect(settings["touch"] as? String == "first")
    // Shorter credit windows credit no more revenue than the defaults.
    let defaults = try Self.json([])
    #expect(try Self.number(output["attributedRevenue"]) <= Self.number(defaults["attributedRevenue"]))
  }

  @Test func sameSeedSameOutputAndTextShowsBenchmarksAndBothRevenues() throws {
    let first = try Self.attribute(["--json", "--seed", "7"])
    let second = try Self.attribute(["--json", "--seed", "7"])
    #expect(first.status == 0 && first.output == second.output)
    let text = try Self.attribute([])
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("events.csv: 21,876 rows read: 21,876 imported as events, 0 excluded, 0 rejected"))
    #expect(
      text.output.contains("at least 20 %") && text.output.contains("about 18 %") && text.output.contains("about 12 %"))
    #expect(text.output.contains("attributed revenue") && text.output.contains("incremental revenue (95 %)"))
    let nudge = try #require(text.output.split(separator: "\n").first { $0.hasPrefix("second-purchase-nudge") })
    #expect(nudge.contains("470") && nudge.contains("EUR") && nudge.contains("points"))
    #expect(text.output.contains("satisfaction: 298 people answered; NPS"))
  }

  @Test func flowWithoutControlGroupHasNulls() throws {
    // Only the sends of a period with no hold-out: 2024-01-01 to the day before the first held_out.
    let files = try Self.shopFiles.get()
    let firstHeldOut = try #require(files.events.first { $0.event == "held_out" }?.time)
    let firstSend = try #require(files.events.first { $0.event == "message_sent" }?.time)
    try #require(firstSend < firstHeldOut)
    let to = ISO8601DateFormatter().string(from: firstHeldOut)
    let output = try Self.json(["--to", to])
    let flows = try #require(output["flows"] as? [[String: Any]])
    try #require(!flows.isEmpty)
    for flow in flows {
      #expect(flow["control"] is NSNull && flow["uplift"] is NSNull && flow["incrementalRevenue"] is NSNull)
      #expect(try Self.object(flow["treatment"])["people"] as? Int ?? 0 > 0)
    }
  }

  @Test func unknownOptionsMissingAndBadInputAreErrors() throws {
    let window = try Self.attribute(["--window", "2d"])
    #expect(window.status != 0 && window.error.contains("unknown option --window"))
    let orders = try TestData.url("campaigns/orders.csv").path
    let noEvents = try ExampleProgramTests.run(
      "secondsale", ["attribute", orders] + SimulatedShopFiles.orderFormatArguments)
    #expect(noEvents.status != 0 && noEvents.error.contains("--events FILE is required"))
    let missing = try ExampleProgramTests.run(
      "secondsale",
      ["attribute", orders, "--events", "/nonexistent/no-events.csv"] + SimulatedShopFiles.orderFormatArguments)
    #expect(missing.status != 0 && missing.error.contains("no-events.csv"))
    #expect(missing.output.isEmpty || !missing.output.contains("\"flows\""))
    let badDay = try Self.attribute(["--from", "2024-02-30"])
    #expect(badDay.status != 0 && badDay.error.contains("--from"))
    let backwards = try Self.attribute(["--from", "2024-06-30", "--to", "2024-06-01"])
    #expect(backwards.status != 0 && backwards.error.contains("--from must be before --to"))
    let touch = try Self.attribute(["--touch", "middle"])
    #expect(touch.status != 0 && touch.error.contains("--touch"))
    let window0 = try Self.attribute(["--open-window", "5"])
    #expect(window0.status != 0 && window0.error.contains("--open-window"))
  }
}
