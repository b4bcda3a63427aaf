import Foundation
import Recommendations
import _CommandLineSupport

// replenishment-reminders: who runs out of what, and when to remind them. Reads an orders
// file (default: the Groceries data beside the project), measures how long each product lasts
// (same-product repurchase intervals, normalised by quantity, subscription orders excluded),
// and writes the reminders due today and the customers to hand over to win-back.
//
//   swift run replenishment-reminders [FILE] [--format ...] [--out reminders.csv]

/// The data options this program uses.
let dataFeatures: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd]

let help = """
  usage: replenishment-reminders [FILE] [--out FILE] [options]

  Prints how long the shop's consumables last (25th, 50th and 75th percentile of the
  repurchase interval per unit, with the sample size) and writes a CSV of the reminders: the
  customer, the product, the expected run-out, the reminder day (at 0.75 of the interval) and
  the status (due, upcoming, or past the 75th percentile: hand over to win-back). Without FILE
  it reads the copy committed in Tests/Data/groceries/Groceries_dataset.csv.

  options:
    --out FILE   where to write the reminders (default: replenishment-reminders.csv)
  \(DataOptions.help(for: dataFeatures))
  """

do {
  let arguments = try Arguments(
    Array(CommandLine.arguments.dropFirst()), valueOptions: DataOptions.valueOptions(for: dataFeatures).union(["out"]),
    flags: DataOptions.flags(for: dataFeatures), helpHint: "replenishment-reminders --help")
  if arguments.flag("help") {
    print(help)
    exit(0)
  }
  let options = try DataOptions(arguments, features: dataFeatures, defaultFile: bundledDataFile("groceries/Groceries_dataset.csv"), defaultFormat: .groceries)
  let log = try options.load()
  let asOf = options.summaryOptions(for: log).observationEnd
  var intervalOptions = RepurchaseIntervals.Options()
  intervalOptions.clock = DayClock(timeZone: options.timeZone)
  let plan = ReplenishmentPlan(log, asOf: asOf, options: intervalOptions)

  let measured = plan.intervals.measuredProducts.sorted { ($0.sampleSize, $1.productID) > ($1.sampleSize, $0.productID) }
  print("\(log.customerCount) customers, \(log.products.count) products; \(measured.count) products have enough repurchases to time")
  print("how long products last (days per unit: 25th / 50th / 75th percentile, repurchases measured):")
  for distribution in measured.prefix(10) {
    let name = String((distribution.name ?? distribution.productID).prefix(30)).padding(toLength: 30, withPad: " ", startingAt: 0)
    print("  " + name + String(format: " %6.1f %6.1f %6.1f   n = %d", distribution.lowerQuartile, distribution.median, distribution.upperQuartile, distribution.sampleSize))
  }

  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withFullDate]
  formatter.timeZone = options.timeZone
  var writer = CSVWriter(header: [
    "customer", "product", "product_name", "last_purchase", "run_out", "remind_on", "win_back_from", "status", "reason",
  ])
  let reminders = plan.reminders.indices.sorted {
    (plan.reminders[$0].reminderDate, $0) < (plan.reminders[$1].reminderDate, $1)
  }
  var counts: [ReplenishmentPlan.Status: Int] = [:]
  for index in reminders {
    let reminder = plan.reminders[index]
    counts[reminder.status, default: 0] += 1
    let fields = [
      reminder.customerID, reminder.productID, reminder.productName ?? "", formatter.string(from: reminder.lastPurchase),
      formatter.string(from: reminder.runOutDate), formatter.string(from: reminder.reminderDate),
      formatter.string(from: reminder.winBackDate), reminder.status.rawValue, reminder.reason,
    ]
    writer.append(fields.map(CSVCell.text))
  }
  let out = URL(fileURLWithPath: arguments.value("out") ?? "replenishment-reminders.csv")
  try writeTextFile(writer.text, to: out.path)
  print("as of \(formatter.string(from: asOf)): \(counts[.due] ?? 0) reminders due, \(counts[.upcoming] ?? 0) upcoming, \(counts[.handOverToWinBack] ?? 0) customers past the 75th percentile (win-back)")
  print("wrote \(out.path)")
} catch {
  printError("replenishment-reminders: \(error)")
  exit(1)
}
