import Campaigns
import Foundation
import Recommendations
import RetentionReport
import _CommandLineSupport

// retention-report: the main job. With no arguments it reads the bundled sample of UCI Online
// Retail (Chen, Sain & Guo 2012, CC BY 4.0), writes retention-report.html in the current
// directory and prints its path with the key figures. `retention-report FILE [--format ...]`
// reads your own orders instead.
//
// 1. Import the orders, and say what the import did with every row.
// 2. Find the replenishment reminders due today (the Recommendations module), one per customer.
// 3. Compute the report: every figure behind every chart, and the action lists (ShopReport).
// 4. With --events, measure what the messages earned (Campaigns): the section "What your
//    messages earned".
// 5. Write it: HTML with the key figures on the terminal, or Markdown, or JSON.

let program = ExampleProgram(
  name: "retention-report",
  abstract: """
    Writes a one-page HTML retention report (charts and the customers to contact today) and
    prints its path and the key figures. Without FILE it uses the bundled sample of the UCI
    Online Retail data set (CC BY 4.0).
    """,
  options: [
    .value("output", "PATH", "where to write the report (default: retention-report.html)"),
    .flag("markdown", "print the report as Markdown instead of writing HTML"),
    .value("title", "T", "the report's title (default: the file's name)"),
    .value("rows", "N", "customers per action list (default 10)"),
    .value(
      "events", "FILE",
      "an event file (CSV or JSON Lines): adds \"What your messages earned\" for the days it covers"),
  ],
  data: [.fileFormat, .timeZone, .observationEnd, .json, .identity],
  defaultFile: Bundle.module.url(forResource: "online_retail_sample", withExtension: "csv"),
  defaultFormat: .onlineRetail)

program.run { arguments, data in
  let rows = try arguments.integer("rows", default: 10)
  guard rows >= 0 else { throw CommandLineError("--rows must not be negative") }

  // 1. The orders. Markdown and JSON go to standard output, so the accounting then goes to
  //    standard error (the report itself carries it too).
  let progress = ProgressLine(label: "retention-report")
  //    The customers are people unless --identity customer-id says otherwise.
  let accounting: DataOptions.AccountingOutput =
    data.json || arguments.flag("markdown") ? .standardError : .standardOutput
  let keyed = try data.loadKeyed(progress: progress, accounting: accounting)
  let log = keyed.log
  let events = try arguments.value("events").map { try data.loadEvents($0, keyedTo: keyed, accounting: accounting) }
  let summaryOptions = data.summaryOptions(for: log)

  // 2. Replenishment reminders due today: who runs out first.
  progress.update("replenishment")
  let plan = ReplenishmentPlan(log, asOf: summaryOptions.observationEnd)
  let isoDay = ISO8601DateFormatter()
  isoDay.formatOptions = [.withFullDate]
  isoDay.timeZone = data.timeZone
  // One row per customer: the reminder due whose run-out is nearest, leaving out run-outs more
  // than two weeks past (those customers are for win-back, not a reminder).
  let recent = summaryOptions.observationEnd.addingTimeInterval(-14 * 86_400)
  var dueReminders: [ReplenishmentPlan.Reminder] = []
  var rowOfCustomer: [String: Int] = [:]
  for reminder in plan.due where reminder.runOutDate >= recent {
    if let row = rowOfCustomer[reminder.customerID] {
      if reminder.runOutDate < dueReminders[row].runOutDate { dueReminders[row] = reminder }
    } else {
      rowOfCustomer[reminder.customerID] = dueReminders.count
      dueReminders.append(reminder)
    }
  }
  // Nearest run-out first (ties in the plan's order).
  let due = dueReminders.enumerated()
    .sorted { ($0.element.runOutDate, $0.offset) < ($1.element.runOutDate, $1.offset) }
    .map { _, reminder in
      let dayText = isoDay.string(from: reminder.runOutDate)
      let interval = "\(reminder.usesOwnInterval ? "own" : "typical") interval \(Int(reminder.expectedDays.rounded())) days"
      return ActionRow(
        customerID: reminder.customerID,
        detail: "\(reminder.productName ?? reminder.productID) runs out about \(dayText) (\(interval))")
    }

  // 3. The report.
  let reportOptions = ShopReportOptions(
    title: arguments.value("title") ?? "Retention report: \(data.file.lastPathComponent)", currency: log.currency,
    observationEnd: summaryOptions.observationEnd, clock: summaryOptions.clock, actionRowLimit: rows,
    resolvesIdentities: data.identity == .people)
  var report = ShopReport(log: log, options: reportOptions, replenishment: due) { progress.update($0) }

  // 4. What the messages of the days the events cover earned, with the same people.
  if let events, let days = CampaignEarnings.days(of: events, clock: summaryOptions.clock) {
    progress.update("measuring the messages")
    var generator = SeededRandomNumberGenerator(seed: 1)
    report.campaignEarnings = CampaignEarnings(orders: log, events: events, period: days, using: &generator)
  }
  progress.finish()

  // 5. Out.
  if data.json {
    print(String(decoding: try report.json(), as: UTF8.self))
  } else if arguments.flag("markdown") {
    print(report.markdown(), terminator: "")
  } else {
    let path = arguments.value("output") ?? "retention-report.html"
    let url = URL(fileURLWithPath: path)
    try writeTextFile(report.html(), to: path)
    print("wrote \(url.standardizedFileURL.path)")
    print(report.overview.identityReading)
    print(report.overview.reading)
    print(report.concentration.reading)
    print(report.ladder.reading)
    print(report.secondPurchase.reading)
    if let tracking = report.tracking { print(tracking.reading) }
    for list in report.actions where !list.isPlaceholder {
      print("\(list.title): \(list.totalCount)")
    }
  }
}
