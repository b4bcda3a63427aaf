import Foundation
import Recommendations
import RetentionReport
import _CommandLineSupport

// retention-report: the main job. With no arguments it reads the bundled sample of UCI Online
// Retail (Chen, Sain & Guo 2012, CC BY 4.0), writes retention-report.html in the current
// directory and prints its path with the key figures. `retention-report FILE [--format ...]`
// reads your own orders instead.

/// The data options this program uses.
let dataFeatures: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd, .json]

let help = """
  usage: retention-report [FILE] [options]

  Writes a one-page HTML retention report (charts and the customers to contact today) and
  prints its path and the key figures. Without FILE it uses the bundled sample of the UCI
  Online Retail data set (CC BY 4.0).

  options:
    --output PATH         where to write the report (default: retention-report.html)
    --markdown            print the report as Markdown instead of writing HTML
    --title T             the report's title (default: the file's name)
    --rows N              customers per action list (default 10)
  \(DataOptions.help(for: dataFeatures))
  """

do {
  let arguments = try Arguments(
    Array(CommandLine.arguments.dropFirst()),
    valueOptions: DataOptions.valueOptions(for: dataFeatures).union(["output", "title", "rows"]),
    flags: DataOptions.flags(for: dataFeatures).union(["markdown"]), helpHint: "retention-report --help")
  if arguments.flag("help") {
    print(help)
    exit(0)
  }
  let sample = Bundle.module.url(forResource: "online_retail_sample", withExtension: "csv")
  let options = try DataOptions(arguments, features: dataFeatures, defaultFile: sample, defaultFormat: .onlineRetail)
  let rows = try arguments.integer("rows", default: 10)
  guard rows >= 0 else { throw CommandLineError("--rows must not be negative") }
  let progress = ProgressLine(label: "retention-report")
  // Markdown and JSON go to standard output: the accounting then goes to standard error (the
  // report itself carries it too).
  let log = try options.load(
    progress: progress, accounting: options.json || arguments.flag("markdown") ? .standardError : .standardOutput)
  let summaryOptions = options.summaryOptions(for: log)
  let reportOptions = ShopReportOptions(
    title: arguments.value("title") ?? "Retention report: \(options.file.lastPathComponent)", currency: log.currency,
    observationEnd: summaryOptions.observationEnd, clock: summaryOptions.clock, actionRowLimit: rows)
  // Replenishment reminders due today, from the Recommendations module: who runs out first.
  progress.update("replenishment")
  let plan = ReplenishmentPlan(log, asOf: summaryOptions.observationEnd)
  let dayFormatter = ISO8601DateFormatter()
  dayFormatter.formatOptions = [.withFullDate]
  dayFormatter.timeZone = options.timeZone
  var dayTexts: [Int: String] = [:]  // run-out days repeat across reminders: format each once
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
  let due = dueReminders.indices.sorted { (dueReminders[$0].runOutDate, $0) < (dueReminders[$1].runOutDate, $1) }
    .map { index in
      let reminder = dueReminders[index]
      let day = summaryOptions.clock.day(of: reminder.runOutDate)
      let dayText = dayTexts[day] ?? dayFormatter.string(from: reminder.runOutDate)
      dayTexts[day] = dayText
      let interval = "\(reminder.usesOwnInterval ? "own" : "typical") interval \(Int(reminder.expectedDays.rounded())) days"
      return ActionRow(
        customerID: reminder.customerID,
        detail: "\(reminder.productName ?? reminder.productID) runs out about \(dayText) (\(interval))")
    }
  let report = ShopReport(log: log, options: reportOptions, replenishment: due) { progress.update($0) }
  progress.finish()

  if options.json {
    print(String(decoding: try report.json(), as: UTF8.self))
  } else if arguments.flag("markdown") {
    print(report.markdown(), terminator: "")
  } else {
    let path = arguments.value("output") ?? "retention-report.html"
    let url = URL(fileURLWithPath: path)
    try writeTextFile(report.html(), to: path)
    print("wrote \(url.standardizedFileURL.path)")
    print(report.overview.reading)
    print(report.concentration.reading)
    print(report.ladder.reading)
    print(report.secondPurchase.reading)
    if let tracking = report.tracking { print(tracking.reading) }
    for list in report.actions where !list.isPlaceholder {
      print("\(list.title): \(list.totalCount)")
    }
  }
} catch {
  printError("retention-report: \(error)")
  exit(1)
}
