import Campaigns
import Foundation
import Campaigns
import RetentionReport
import _CommandLineSupport

// retention-report: the main job. With no arguments it reads the bundled sample of UCI Online
// Retail (Chen, Sain & Guo 2012, CC BY 4.0), writes retention-report.html in the current
// directory and prints its path with the key figures. `retention-report FILE [--format ...]`
// reads your own orders instead.
//
// 1. Import the orders, and say what the import did with every row.
// 2. Decide whom the day's plan may contact (the Campaigns contact policy).
// 3. Compute the report: every figure behind every chart, and the action lists: the day's plan
//    of the order-driven flows (ShopReport, planned with Campaigns).
// 4. With --events, measure what the messages earned (Campaigns): the section "What your
//    messages earned".
// 5. Write it: HTML with the key figures on the terminal, or Markdown, or JSON.

let program = ExampleProgram(
  name: "retention-report",
  abstract: """
    Writes a one-page HTML retention report (charts, and the day's plan: whom to contact
    tomorrow, in which flow, with which products and why, under the consent rules) and
    prints its path and the key figures. Without FILE it uses the bundled sample of the UCI
    Online Retail data set (CC BY 4.0).
    """,
  options: [
    .value("output", "PATH", "where to write the report (default: retention-report.html)"),
    .flag("markdown", "print the report as Markdown instead of writing HTML"),
    .value("title", "T", "the report's title (default: the file's name)"),
    .value("rows", "N", "messages shown per action list (default 10)"),
    .value(
      "assume-consent", "CHANNELS",
      "channels on which people without a recorded statement consent (email, sms, phone, push; default none, email for the bundled sample)"),
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

  // 2. Whom the day's plan may contact: consent from the orders' Accepts Marketing flag, phone
  //    calls only with a recorded opt-in, unless --assume-consent names channels. The bundled
  //    sample (UCI Online Retail) records no consent at all: for it, and only for it, the demo
  //    assumes email consent, and says so.
  var policy = ContactPolicy()
  let isBundledSample = arguments.value("assume-consent") == nil && data.file == program.defaultFile
  for name in (arguments.value("assume-consent") ?? (isBundledSample ? "email" : "")).split(separator: ",") {
    guard let channel = Channel(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
      throw CommandLineError("--assume-consent: expected email, sms, phone or push (comma-separated), got \(name)")
    }
    policy.assumedConsent.insert(channel)
  }

  // 3. The report.
  var reportOptions = ShopReportOptions(
    title: arguments.value("title") ?? "Retention report: \(data.file.lastPathComponent)", currency: log.currency,
    observationEnd: summaryOptions.observationEnd, clock: summaryOptions.clock, actionRowLimit: rows,
    resolvesIdentities: data.identity == .people)
  reportOptions.contactPolicy = policy
  var report = ShopReport(log: log, events: events, options: reportOptions) { progress.update($0) }
  if isBundledSample {
    report.notes.append(
      "The bundled sample records no marketing consent; this demo assumes email consent (--assume-consent email). For your own file, consent comes from its Accepts Marketing column unless you pass --assume-consent."
    )
  }

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
      let withheld = list.withheld.map {
        " (withheld: \($0.consent) without consent, \($0.frequencyCap) by the cap, \($0.other) other; \($0.controlGroup) held out)"
      }
      print("\(list.title): \(list.totalCount) to send\(withheld ?? "")")
    }
    if isBundledSample { print("(the bundled sample records no consent: email consent assumed for the demo)") }
  }
}
