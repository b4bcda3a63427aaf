import Foundation
import Recommendations
import _CommandLineSupport

/// The JSON printed by `secondsale replenish --json`.
struct ReplenishOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  var asOf: String
  /// The rules that chose the products (the same as the campaign replenishment flow's).
  var rules: Rules
  /// The products that get run-out dates (days per unit).
  var products: [RepurchaseIntervals.Distribution]
  /// How the quantity bought stretches the interval: interval ≈ a × (quantity / typical)^b.
  var quantityElasticity: QuantityElasticity
  /// The same products' intervals at their typical quantity (what the run-out dates use).
  var productIntervals: [QuantityElasticity.ProductIntervals]
  /// The products left out, with the reason of each.
  var excluded: [ReplenishmentExclusions.ExcludedProduct]
  /// How many products each rule left out.
  var excludedByRule: [String: Int]
  var due: [ReplenishmentPlan.Reminder]
  /// Customers past their run-out by more than one interval: win-back, not reminders.
  var handOverToWinBack: Int
  var upcoming: Int
  /// The reminders of a past window against reminding everyone at the product's median interval.
  var evaluation: ReplenishmentEvaluation

  struct Rules: Encodable {
    var minimumRepeatBuyers: Int
    var minimumRebuyLift: Double
    var maximumIntervalVariation: Double
    var minimumIntervals: Int
    var timing: String
  }
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

    Measures how long each product lasts (same-product repurchase intervals, subscription-tagged
    orders left out) and how the quantity bought stretches the interval: interval = a × (quantity
    / typical quantity)^b, the elasticity b (0...1) estimated by a regression of log interval on
    log quantity within products (1: twice the quantity lasts twice as long; 0: the quantity does
    not matter). It prints each product's typical quantity and 25th/50th/75th percentile at it,
    and lists the customers due a reminder on the observation end. Only products customers rebuy get
    run-out dates, by the rules of the campaign replenishment flow: bought on two or more days
    by at least 2 customers, a rebuy lift of at least 1.3 (buyers buy it again more often than
    others buy it at all), at least --min-samples intervals with a coefficient of variation of
    at most 1.5, and not postage, fees or gift cards. A reminder is due from its day until one
    interval after it; a run-out past longer than that is win-back, not a reminder.

    It then checks the reminders offline: the plan made on the orders before a past window
    (the 30 days ending 30 days before the observation end) against reminding everyone at the
    product's median interval, as the share of reminders followed by a purchase of the product
    within 30 days.

    options:
      --min-samples N       the fewest intervals for a product (default 5)
      --days-before N       remind N days before the expected run-out (default 7)
      --remind-at F         remind at this fraction of the interval instead
    \(DataOptions.help(for: replenishDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: replenishDataOptions)
    let minimum = try arguments.integer("min-samples", default: 5)
    guard minimum >= 1 else { throw CommandLineError("--min-samples must be at least 1") }
    let timing: ReplenishmentPlan.ReminderTiming
    if arguments.value("remind-at") != nil {
      guard arguments.value("days-before") == nil else {
        throw CommandLineError("--remind-at and --days-before exclude each other")
      }
      let fraction = try arguments.number("remind-at", default: 0.75)
      guard (0...1).contains(fraction) else { throw CommandLineError("--remind-at must lie in 0...1") }
      timing = .fraction(fraction)
    } else {
      let days = try arguments.number("days-before", default: 7)
      guard days >= 0 else { throw CommandLineError("--days-before must not be negative") }
      timing = .daysBeforeRunOut(days)
    }
    let log = try options.loadKeyed().log
    let summary = options.summaryOptions(for: log)
    let asOf = summary.observationEnd.addingTimeInterval(86_399)
    let intervalOptions = RepurchaseIntervals.Options(minimumSampleSize: minimum, clock: summary.clock)
    let rules = ReplenishmentExclusions.standard
    let plan = ReplenishmentPlan(log, asOf: asOf, timing: timing, exclusions: rules, options: intervalOptions)
    let evaluation = ReplenishmentEvaluation(
      log,
      windowStart: ReplenishmentEvaluation.latestWindowStart(observedThrough: asOf, clock: summary.clock),
      timing: timing, exclusions: rules, options: intervalOptions)
    let excludedIDs = Set(plan.excluded.map(\.productID))
    let timingText: String
    switch timing {
    case .fraction(let value): timingText = String(format: "at %g of the interval", value)
    case .daysBeforeRunOut(let days): timingText = String(format: "%g days before the run-out", days)
    }
    let output = ReplenishOutput(
      identity: options.identity.rawValue, asOf: formatDay(asOf),
      rules: .init(
        minimumRepeatBuyers: rules.minimumRepeatBuyers, minimumRebuyLift: rules.minimumRebuyLift,
        maximumIntervalVariation: rules.maximumIntervalVariation, minimumIntervals: minimum, timing: timingText),
      products: plan.intervals.measuredProducts.filter { !excludedIDs.contains($0.productID) },
      quantityElasticity: plan.quantityElasticity, productIntervals: plan.productIntervals,
      excluded: plan.excluded,
      excludedByRule: Dictionary(grouping: plan.excluded, by: \.rule.rawValue).mapValues(\.count),
      due: plan.due,
      handOverToWinBack: plan.reminders.filter { $0.status == .handOverToWinBack }.count,
      upcoming: plan.reminders.filter { $0.status == .upcoming }.count, evaluation: evaluation)
    if options.json {
      print(try jsonText(output))
      return
    }
    let elasticity = output.quantityElasticity
    print(
      String(format: "quantity elasticity b = %.3f", elasticity.elasticity)
        + (elasticity.estimate.map {
          String(
            format: " (least squares %.3f on %d intervals of %d products, clamped to 0...1)", $0,
            elasticity.sampleSize, elasticity.products)
        } ?? " (no quantity variation: the per-unit model)")
        + ": interval = a × (quantity / typical quantity)^b")
    print(
      "\(output.productIntervals.count) products customers rebuy, with at least \(minimum) repurchase intervals (days at the typical quantity):"
    )
    for product in output.productIntervals.prefix(20) {
      let label = product.name.map { "\(product.productID) \($0)" } ?? product.productID
      print(
        "  " + label.padding(toLength: 44, withPad: " ", startingAt: 0)
          + String(
            format: " n %5d   typical %6g   p25 %7.1f   median %7.1f   p75 %7.1f", product.sampleSize,
            product.typicalQuantity, product.lowerQuartile, product.median, product.upperQuartile))
    }
    let byRule = ReplenishmentExclusions.ExcludedProduct.Rule.allCases.compactMap { rule in
      output.excludedByRule[rule.rawValue].map { "\($0) \(rule.rawValue)" }
    }
    print("\(output.excluded.count) products left out (\(byRule.joined(separator: ", "))), for example:")
    for product in output.excluded.sorted(by: { ($0.rule.rawValue, $0.productID) < ($1.rule.rawValue, $1.productID) })
      .prefix(10)
    {
      let label = product.name.map { "\(product.productID) \($0)" } ?? product.productID
      print("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + " " + product.reason)
    }
    print(
      "as of \(output.asOf): \(output.due.count) reminders due (reminded \(timingText); none more than one interval ago), \(output.upcoming) upcoming; \(output.handOverToWinBack) past their run-out by more than one interval: win-back, not reminders"
    )
    for reminder in output.due.prefix(20) {
      print(
        "  \(reminder.customerID)  \(reminder.productID)  remind \(formatDay(reminder.reminderDate))  runs out \(formatDay(reminder.runOutDate))  \(reminder.reason)"
      )
    }
    let window = "\(formatDay(evaluation.windowStart))..\(formatDay(evaluation.windowEnd.addingTimeInterval(-1)))"
    print(
      "offline check, reminders of \(window) planned on the orders before it: "
        + String(format: "%.1f %% of %d", 100 * evaluation.plan.conversion, evaluation.plan.reminders)
        + String(format: " (b = %.3f on those orders)", evaluation.quantityElasticity.elasticity)
        + " bought the product within \(evaluation.responseDays) days, against "
        + String(format: "%.1f %% of %d", 100 * evaluation.baseline.conversion, evaluation.baseline.reminders)
        + " when everyone is reminded at the product's median interval"
        + (evaluation.beatsBaseline ? "" : " (the plan does not beat the baseline here)"))
  })
