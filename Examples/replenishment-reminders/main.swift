import Foundation
import Recommendations
import _CommandLineSupport

// replenishment-reminders: who runs out of what, and when to remind them.
//
//   swift run replenishment-reminders [FILE] [--out reminders.csv] [--format ...]
//
// 1. Import the orders (default: the Groceries data committed in Tests/Data/groceries).
// 2. Measure how long each product lasts: the same customer's repurchase intervals of the
//    product (subscription orders excluded), and how the quantity bought stretches them:
//    interval = a × (quantity / typical quantity)^b, the elasticity b estimated on the orders.
// 3. Keep only the products customers rebuy (the rules of the campaign replenishment flow,
//    ReplenishmentExclusions.standard): postage, fees, gift cards, products too few customers
//    bought twice, products bought again no more often than by chance and products without a
//    stable interval are left out, each with its reason.
// 4. Plan a reminder 7 days before each run-out: due, upcoming, or past the product's 75th
//    percentile or one interval past the reminder (hand the customer over to win-back).
// 5. Check the reminders on a past window against reminding everyone at the median interval.
// 6. Write the reminders as a CSV for an email tool.

let program = ExampleProgram(
  name: "replenishment-reminders",
  abstract: """
    Prints how the quantity bought stretches the repurchase interval (the elasticity b:
    interval = a × (quantity / typical quantity)^b) and how long the shop's consumables last
    (25th, 50th and 75th percentile of the repurchase interval at the typical quantity, with the
    sample size), and writes a CSV of the reminders: the
    customer, the product, the expected run-out, the reminder day (7 days before the run-out)
    and the status (due, upcoming, or past the 75th percentile or one interval past the
    reminder: hand over to win-back). Only products customers rebuy are planned (the campaign
    flow's rules); the others are counted with their reasons. Then checks the reminders of a past
    window (the 30 days ending 30 days before the last order) against reminding everyone at
    the product's median interval. Without FILE
    it reads the copy committed in Tests/Data/groceries/Groceries_dataset.csv.
    """,
  options: [.value("out", "FILE", "where to write the reminders (default: replenishment-reminders.csv)")],
  data: [.fileFormat, .timeZone, .observationEnd],
  defaultFile: bundledDataFile("groceries/Groceries_dataset.csv"), defaultFormat: .groceries)

program.run { arguments, data in
  // 1. The orders, and the day the plan is made for (the last order's, unless given).
  let log = try data.load()
  let asOf = data.summaryOptions(for: log).observationEnd

  // 2, 3 and 4. How long products last, which ones customers rebuy, and every reminder, on
  // calendar days of the shop's zone.
  var intervalOptions = RepurchaseIntervals.Options()
  intervalOptions.clock = DayClock(timeZone: data.timeZone)
  let plan = ReplenishmentPlan(log, asOf: asOf, timing: .daysBeforeRunOut(7), options: intervalOptions)

  let measured = plan.productIntervals
  print("\(log.customerCount) customers, \(log.products.count) products; \(measured.count) products customers rebuy have enough repurchases to time")
  let byRule = Dictionary(grouping: plan.excluded, by: \.rule)
  let counts = ReplenishmentExclusions.ExcludedProduct.Rule.allCases.compactMap { rule in
    byRule[rule].map { "\($0.count) \(rule.rawValue)" }
  }
  print("\(plan.excluded.count) products left out (\(counts.joined(separator: ", ")))")
  let elasticity = plan.quantityElasticity
  let source = elasticity.estimate == nil ? "no quantity variation: per unit" : "estimated on \(elasticity.sampleSize) intervals"
  print(String(format: "quantity elasticity b = %.3f", elasticity.elasticity) + " (\(source)): a quantity k times the typical lasts k^b times as long")
  print("how long products last (days at the typical quantity: 25th / 50th / 75th percentile, repurchases measured):")
  for product in measured.prefix(10) {
    let name = String((product.name ?? product.productID).prefix(30)).padding(toLength: 30, withPad: " ", startingAt: 0)
    print("  " + name + String(format: " %6.1f %6.1f %6.1f   typical %g   n = %d", product.lowerQuartile, product.median, product.upperQuartile, product.typicalQuantity, product.sampleSize))
  }

  // 4. The reminders, earliest reminder day first (ties in the plan's order).
  let isoDay = ISO8601DateFormatter()
  isoDay.formatOptions = [.withFullDate]
  isoDay.timeZone = data.timeZone
  let reminders = plan.reminders.enumerated()
    .sorted { ($0.element.reminderDate, $0.offset) < ($1.element.reminderDate, $1.offset) }
    .map(\.element)
  var csv = CSVWriter(header: [
    "customer", "product", "product_name", "last_purchase", "run_out", "remind_on", "win_back_from", "status", "reason",
  ])
  for reminder in reminders {
    csv.append([
      .text(reminder.customerID), .text(reminder.productID), .text(reminder.productName ?? ""),
      .text(isoDay.string(from: reminder.lastPurchase)), .text(isoDay.string(from: reminder.runOutDate)),
      .text(isoDay.string(from: reminder.reminderDate)), .text(isoDay.string(from: reminder.winBackDate)),
      .text(reminder.status.rawValue), .text(reminder.reason),
    ])
  }
  let out = arguments.value("out") ?? "replenishment-reminders.csv"
  try writeTextFile(csv.text, to: out)

  let count = Dictionary(grouping: reminders, by: \.status).mapValues(\.count)
  print("as of \(isoDay.string(from: asOf)): \(count[.due] ?? 0) reminders due, \(count[.upcoming] ?? 0) upcoming, \(count[.handOverToWinBack] ?? 0) customers past the hand-over (win-back, not reminders)")

  // 5. The reminders of a past window, planned on the orders before it.
  let evaluation = ReplenishmentEvaluation(
    log, windowStart: ReplenishmentEvaluation.latestWindowStart(observedThrough: asOf, clock: intervalOptions.clock),
    options: intervalOptions)
  print(
    "offline check, reminders from \(isoDay.string(from: evaluation.windowStart)) for 30 days: "
      + String(format: "%.1f %% of %d", 100 * evaluation.plan.conversion, evaluation.plan.reminders)
      + " bought within \(evaluation.responseDays) days; reminding everyone at the median interval: "
      + String(format: "%.1f %% of %d", 100 * evaluation.baseline.conversion, evaluation.baseline.reminders))
  print("wrote \(URL(fileURLWithPath: out).path)")
}
