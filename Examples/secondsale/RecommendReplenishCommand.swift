import Foundation
import Recommendations
import _CommandLineSupport

/// The JSON printed by `secondsale replenish --json`.
struct ReplenishOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  var asOf: String
  var products: [RepurchaseIntervals.Distribution]
  var due: [ReplenishmentPlan.Reminder]
  var handOverToWinBack: Int
  var upcoming: Int
}

/// The data options `secondsale replenish` uses.
let replenishDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd, .json, .identity]

let replenishCommand = Command(
  name: "replenish",
  abstract: "repurchase intervals per product and the replenishment reminders due",
  dataOptions: replenishDataOptions,
  valueOptions: ["min-samples", "remind-at", "days-before"],
  help: """
    usage: secondsale replenish FILE [options]

    Measures how long one unit of each product lasts (same-product repurchase intervals divided
    by the quantity, subscription-tagged orders left out; 25th/50th/75th percentiles) and lists
    the customers due a reminder on the observation end.

    options:
      --min-samples N       the fewest intervals for a product (default 5)
      --remind-at F         remind at this fraction of the interval (default 0.75)
      --days-before N       remind N days before the expected run-out instead
    \(DataOptions.help(for: replenishDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: replenishDataOptions)
    let minimum = try arguments.integer("min-samples", default: 5)
    guard minimum >= 1 else { throw CommandLineError("--min-samples must be at least 1") }
    let timing: ReplenishmentPlan.ReminderTiming
    if arguments.value("days-before") != nil {
      let days = try arguments.number("days-before", default: 5)
      guard days >= 0 else { throw CommandLineError("--days-before must not be negative") }
      timing = .daysBeforeRunOut(days)
    } else {
      let fraction = try arguments.number("remind-at", default: 0.75)
      guard (0...1).contains(fraction) else { throw CommandLineError("--remind-at must lie in 0...1") }
      timing = .fraction(fraction)
    }
    let log = try options.loadKeyed().log
    let summary = options.summaryOptions(for: log)
    let asOf = summary.observationEnd.addingTimeInterval(86_399)
    let plan = ReplenishmentPlan(
      log, asOf: asOf, timing: timing, options: .init(minimumSampleSize: minimum, clock: summary.clock))
    let output = ReplenishOutput(
      identity: options.identity.rawValue,
      asOf: formatDay(asOf), products: plan.intervals.measuredProducts, due: plan.due,
      handOverToWinBack: plan.reminders.filter { $0.status == .handOverToWinBack }.count,
      upcoming: plan.reminders.filter { $0.status == .upcoming }.count)
    if options.json {
      print(try jsonText(output))
      return
    }
    print("\(output.products.count) products with at least \(minimum) repurchase intervals (days per unit):")
    for product in output.products.prefix(20) {
      let label = product.name.map { "\(product.productID) \($0)" } ?? product.productID
      print(
        "  " + label.padding(toLength: 44, withPad: " ", startingAt: 0)
          + String(
            format: " n %5d   p25 %7.1f   median %7.1f   p75 %7.1f", product.sampleSize, product.lowerQuartile,
            product.median, product.upperQuartile))
    }
    print(
      "as of \(output.asOf): \(output.due.count) reminders due, \(output.upcoming) upcoming, \(output.handOverToWinBack) handed over to win-back"
    )
    for reminder in output.due.prefix(20) {
      print(
        "  \(reminder.customerID)  \(reminder.productID)  remind \(formatDay(reminder.reminderDate))  runs out \(formatDay(reminder.runOutDate))  \(reminder.reason)"
      )
    }
  })
