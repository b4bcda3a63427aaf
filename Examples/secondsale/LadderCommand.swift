import Foundation
import RetentionModel
import _CommandLineSupport

/// The JSON printed by `secondsale ladder --json`.
struct LadderOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  var ladder: RepeatLadder
  var timeToSecondPurchase: TimeToSecondPurchase
}

/// The data options `secondsale ladder` uses.
let ladderDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd, .json, .identity]

let ladderCommand = Command(
  name: "ladder",
  abstract: "the repeat ladder P(k+1 orders | k) and the time to a second purchase",
  dataOptions: ladderDataOptions,
  help: """
    usage: secondsale ladder FILE [options]

    Prints the repeat ladder (of the customers with k orders, how many made a k+1st) for
    k = 1...10, and the time from the first to the second purchase as a Kaplan-Meier curve with
    right censoring (customers who have not bought again yet are censored at the observation end).

    options:
    \(DataOptions.help(for: ladderDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: ladderDataOptions)
    let log = try options.loadKeyed().log
    let summaryOptions = options.summaryOptions(for: log)
    let output = LadderOutput(
      identity: options.identity.rawValue,
      ladder: log.repeatLadder(through: summaryOptions.observationEnd, clock: summaryOptions.clock),
      timeToSecondPurchase: log.timeToSecondPurchase(through: summaryOptions.observationEnd, clock: summaryOptions.clock))
    if options.json {
      print(try jsonText(output))
      return
    }
    print("repeat ladder (\(output.ladder.customers) customers):")
    for step in output.ladder.steps {
      print(String(format: "  %2d -> %2d orders: %6d of %6d customers (%5.1f %%)", step.orders, step.orders + 1, step.continuing, step.customers, step.probability * 100))
    }
    let time = output.timeToSecondPurchase
    print("time to second purchase: \(time.secondPurchases) of \(time.customers) customers bought again (\(time.censored) censored); median \(time.medianDays.map { "\($0) days" } ?? "not reached")")
    for milestone in time.milestones {
      print(String(format: "  within %3d days: %5.1f %%", milestone.days, milestone.probability * 100))
    }
  })
