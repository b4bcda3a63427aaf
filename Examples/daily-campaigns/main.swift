import Campaigns
import Foundation
import Segmentation
import _CommandLineSupport

// daily-campaigns: one day of a shop's campaigns, and what the messages earned.
//
//   swift run daily-campaigns [ORDERS] [--events EVENTS] [--as-of T] [--out plan.csv]
//   swift run daily-campaigns --simulate DIR [--seed N]
//
// 1. Import the orders and the events (default: a simulated shop committed in
//    Tests/Data/campaigns, made by `--simulate` with seed 2026), and resolve both to people.
// 2. Plan the day: every built-in flow's steps due in the 24 hours up to T, with consent,
//    sending hours, frequency caps and 10 % control groups.
// 3. Write the plan as CSV for the email and call tools.
// 4. Measure the event file's period: the revenue credited to messages, and for each flow with a
//    control group what it added (conversion and revenue against the held-out people).

let program = ExampleProgram(
  name: "daily-campaigns",
  abstract: """
    Plans one day of the shop's campaigns from an orders export and an event file (every
    built-in flow; consent, sending hours, caps and control groups applied), writes the messages
    as CSV, and measures the event file's period: revenue credited to messages and, per flow, the
    conversion of the people who got it against its control group, with 95 % intervals. Without
    ORDERS it reads the simulated shop committed in Tests/Data/campaigns; --simulate DIR writes a
    new one (orders.csv and events.csv).
    """,
  options: [
    .value("events", "FILE", "the event file (default: the bundled simulated shop's events.csv)"),
    .value("as-of", "T", "the planning instant, ISO 8601 or a day (default: the day after the last event)"),
    .value("out", "FILE", "where to write the plan (default: daily-campaigns.csv)"),
    .value("simulate", "DIR", "write a new simulated shop (orders.csv, events.csv) into DIR and stop"),
    .value("seed", "N", "the simulation's seed (default 2026)"),
  ],
  data: [.fileFormat, .timeZone],
  defaultFile: bundledDataFile("campaigns/orders.csv"), defaultFormat: SimulatedShop.orderFileFormat)

/// The simulated shop of the bundled data: 1,000 customers over a year, three flows.
func simulatedShop(seed: UInt64) -> SimulatedShop {
  var simulator = ShopSimulator(customers: 1_000)
  simulator.flows = [
    SimulatedFlow(
      name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.1,
      causedPurchaseProbability: 0.05),
    SimulatedFlow(
      name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 1), controlShare: 0.1,
      causedPurchaseProbability: 0.1),
  ]
  var generator = SeededRandomNumberGenerator(seed: seed)
  return simulator.run(using: &generator)
}

program.run { arguments, data in
  if let directory = arguments.value("simulate") {
    let seed = UInt64(arguments.value("seed") ?? "2026") ?? 2026
    let shop = simulatedShop(seed: seed)
    let folder = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try shop.writeOrders(to: folder.appendingPathComponent("orders.csv"))
    try shop.writeEvents(to: folder.appendingPathComponent("events.csv"))
    print("wrote \(shop.orders.count) orders and \(shop.events.count) events (seed \(seed)) to \(directory)")
    return
  }

  // 1. Orders and events, both keyed by person.
  let orders = try data.load()
  let resolution = DeterministicIdentityResolver().resolve(orders)
  let people = orders.keyed(by: resolution)
  guard
    let eventsURL = arguments.value("events").map({ URL(fileURLWithPath: $0) })
      ?? bundledDataFile("campaigns/events.csv")
  else { throw CommandLineError("no event file: give --events FILE") }
  let imported = try EventLog(contentsOf: eventsURL, options: ImportOptions(mode: data.mode, timeZone: data.timeZone))
  print(imported.report.accountingLines(source: eventsURL.lastPathComponent).joined(separator: "\n"))
  let events = imported.keyed(by: resolution, orders: orders)
  print("\(people.customerCount) people from \(orders.customerCount) customer ids; \(events.count) events")

  // 2. The day's plan: the 24 hours up to T.
  let lastEvent = events.lastEventDate ?? orders.lastOrderDate ?? Date(timeIntervalSince1970: 0)
  let asOf = try arguments.value("as-of").map { text in
    guard let date = parseInstant(text) else { throw CommandLineError("--as-of: not ISO 8601 or a day: \(text)") }
    return date
  } ?? DayClock().startOfDay(DayClock().day(of: lastEvent) + 1)
  let day = asOf.addingTimeInterval(-86_400)..<asOf
  let recommender = ItemToItemRecommender(PurchaseHistory(people, before: asOf))
  let context = CampaignContext(
    events: events, orders: people, window: day, asOf: asOf, defaultTimeZone: data.timeZone, recommender: recommender)
  let planner = CampaignPlanner(flows: Flow.standardFlows())
  let plan = planner.plan(context)
  print("plan for the 24 hours up to \(isoInstant(asOf)): \(plan.messages.count) messages, \(plan.skipped.count) skipped")
  for flow in planner.flows.map(\.name) {
    let messages = plan.messages.filter { $0.flow == flow }
    guard !messages.isEmpty else { continue }
    let control = messages.count { $0.group == .control }
    print("  \(flow.padding(toLength: 24, withPad: " ", startingAt: 0)) \(messages.count - control) to send, \(control) held out")
  }
  for message in plan.messages.prefix(5) {
    print("  e.g. \(message.email ?? message.person) \(message.flow)/\(message.step): \(message.reason)")
  }

  // 3. The plan for the sending tools.
  let out = arguments.value("out") ?? "daily-campaigns.csv"
  try writeTextFile(plan.csv, to: out)
  print("wrote \(out)")

  // 4. What the messages of the event file's period earned.
  let month = (events.firstEventDate ?? asOf)..<asOf
  let attribution = Attribution(orders: people, events: events, period: month)
  let currency = people.currency ?? ""
  print("since \(isoInstant(month.lowerBound)): \(attribution.total.sent) messages, revenue credited \(String(format: "%.2f", attribution.total.revenue)) \(currency) of \(String(format: "%.2f", attribution.shopRevenue)) \(currency)")
  var generator = SeededRandomNumberGenerator(seed: 1)
  for flow in attribution.totalsByFlow {
    let comparison = ControlGroupComparison(
      flow: flow.group, orders: people, events: events, period: month, using: &generator)
    let uplift = comparison.conversion
    guard let difference = uplift.difference, let low = uplift.low, let high = uplift.high else {
      print("  \(flow.group): \(flow.sent) sent, no control group in the period")
      continue
    }
    print(String(
      format: "  %@: %d sent, open rate %.1f %%; conversion %d/%d against %d/%d held out: %+.1f points (95 %% %+.1f to %+.1f)",
      flow.group, flow.sent, (flow.openRate.rate ?? 0) * 100, uplift.treatment.successes, uplift.treatment.trials,
      uplift.control.successes, uplift.control.trials, difference * 100, low * 100, high * 100))
  }
}
