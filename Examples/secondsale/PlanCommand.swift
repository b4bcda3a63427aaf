import Campaigns
import Foundation
import Recommendations
import Segmentation
import _CommandLineSupport

/// The JSON printed by `secondsale plan --json`: the plan, and who counts as one person.
struct PlanOutput: Encodable {
  /// `people` (identity resolution) or `customer-id`.
  var identity: String
  /// The planning instant, ISO 8601.
  var asOf: String
  /// The start of the planned window, ISO 8601.
  var windowStart: String
  var messages: [PlannedMessage]
  var skipped: [CampaignPlan.Skipped]
}

/// The data options `secondsale plan` uses.
let planDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .json, .identity]

let planCommand = Command(
  name: "plan",
  abstract: "the day's campaign messages from orders and customer events",
  dataOptions: planDataOptions,
  valueOptions: ["events", "flows", "as-of", "window", "out", "recommender"],
  help: """
    usage: secondsale plan ORDERS --events EVENTS --as-of T [options]

    Plans every flow step due in the 24 hours up to T (a daily run): abandoned checkouts and
    carts, browse reminders, order notices, review requests and surveys, replenishment, the
    second-purchase nudge, guest registration invites, lead nurture, win-back, the VIP call list
    and the promotions of the flow file, with consent, sending hours, frequency caps and control
    groups (planned, marked "control", not to be sent: log a held_out event for each). Events are
    joined to people through the same identity resolution as the orders. The same inputs give
    the same plan.

    options:
      --events FILE       the event file (CSV or JSON Lines: time, customer, event, product, order,
                          message, flow, step, channel, value); required
      --as-of T           the planning instant: an ISO 8601 time (2025-06-30T06:00:00Z) or a day
                          (2025-06-30 = its start, 00:00 UTC); required
      --window D          how far back from T steps are planned: 24h (default), 90m, 2d
      --flows FILE        a JSON flow file: which flows run, their waits, channels, incentives,
                          control groups, caps, sending hours and promotions
      --recommender R     products in the messages: blend (default), popularity, item-to-item, repeat
      --out FILE          write the messages as CSV (for an email or call tool) instead of listing them
    \(DataOptions.help(for: planDataOptions))
    """,
  run: { arguments in
    guard let eventsPath = arguments.value("events") else { throw CommandLineError("--events FILE is required") }
    guard let asOfText = arguments.value("as-of") else { throw CommandLineError("--as-of T is required") }
    guard let asOf = parseInstant(asOfText) else {
      throw CommandLineError("--as-of: not an ISO 8601 time or a day (YYYY-MM-DD): \(asOfText)")
    }
    let window = try parseDuration(arguments.value("window") ?? "24h", option: "window")
    let options = try DataOptions(arguments, features: planDataOptions)
    let keyed = try options.loadKeyed()
    let events = try options.loadEvents(eventsPath, keyedTo: keyed)

    var planner = CampaignPlanner(flows: Flow.standardFlows())
    if let flowsPath = arguments.value("flows") {
      planner = try FlowFile(contentsOf: URL(fileURLWithPath: flowsPath)).planner(configuring: planner)
    }
    let history = PurchaseHistory(keyed.log, before: asOf)
    let recommender = try namedRecommender(arguments.value("recommender") ?? "blend", history: history)
    let context = CampaignContext(
      events: events, orders: keyed.log, window: asOf.addingTimeInterval(-window)..<asOf, asOf: asOf,
      defaultTimeZone: options.timeZone, recommender: recommender)
    let plan = planner.plan(context)

    if let out = arguments.value("out") {
      try writeTextFile(plan.csv, to: out)
      printError("wrote \(plan.messages.count) messages to \(out)")
    }
    if options.json {
      print(
        try jsonText(
          PlanOutput(
            identity: keyed.identity.rawValue, asOf: isoInstant(asOf),
            windowStart: isoInstant(asOf.addingTimeInterval(-window)), messages: plan.messages,
            skipped: plan.skipped)))
      return
    }
    print("plan as of \(isoInstant(asOf)) (steps due since \(isoInstant(asOf.addingTimeInterval(-window)))):")
    let byFlow = Dictionary(grouping: plan.messages, by: \.flow)
    let skippedByFlow = Dictionary(grouping: plan.skipped, by: \.flow)
    for flow in planner.flows.map(\.name) where byFlow[flow] != nil || skippedByFlow[flow] != nil {
      let messages = byFlow[flow] ?? []
      let control = messages.count { $0.group == .control }
      print(
        "  \(flow.padding(toLength: 24, withPad: " ", startingAt: 0)) \(messages.count - control) to send, "
          + "\(control) held out, \(skippedByFlow[flow]?.count ?? 0) skipped")
    }
    print("  \(plan.messages.count) messages, \(plan.skipped.count) skipped")
    guard arguments.value("out") == nil else { return }
    for message in plan.messages.prefix(20) {
      let contact = message.email ?? message.phone ?? message.customer ?? message.person
      print(
        "  \(isoInstant(message.sendAt)) \(message.group == .control ? "[control] " : "")\(message.flow)/\(message.step) "
          + "\(message.channel.rawValue) \(contact): \(message.reason)")
    }
    if plan.messages.count > 20 { print("  ... \(plan.messages.count - 20) more (--out FILE.csv or --json for all)") }
  })

/// A duration such as `24h`, `90m` or `2d`, in seconds.
func parseDuration(_ text: String, option: String) throws -> TimeInterval {
  let units: [Character: Double] = ["m": 60, "h": 3_600, "d": 86_400]
  guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value.isFinite, value > 0
  else { throw CommandLineError("--\(option): not a duration such as 24h, 90m or 2d: \(text)") }
  return value * unit
}
