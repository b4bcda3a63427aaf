import Foundation
import Recommendations
import _CommandLineSupport

/// The JSON printed by `secondsale evaluate --json`.
struct EvaluateOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  var split: String
  var k: Int
  var trainingSeconds: Double
  var recommenders: [EvaluationResult]
  /// What the association rules found in the training baskets, or why they found nothing.
  var associationRules: AssociationRuleSummary
}

/// The data options `secondsale evaluate` uses.
let evaluateDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .json, .identity]

let evaluateCommand = Command(
  name: "evaluate",
  abstract: "compare recommenders offline on a time split (precision, recall, hit rate, MAP, NDCG, coverage)",
  dataOptions: evaluateDataOptions,
  valueOptions: ["split", "k"],
  help: """
    usage: secondsale evaluate FILE --split YYYY-MM-DD [options]

    Trains the standard recommenders on the orders before the split and ranks k products for
    every customer who bought both before and after it; reports precision@k, recall@k, hit
    rate@k, MAP@k, NDCG@k (binary gains, log2 discount), catalogue coverage and the seconds
    spent ranking. The blend weights were tuned on Groceries and UCI Online Retail. A last line
    says how many association rules the training baskets gave (support, confidence and lift
    thresholds), or why none.

    options:
      --split D             the first day of the test period (required)
      --k N                 the list length (default 10)
    \(DataOptions.help(for: evaluateDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: evaluateDataOptions)
    guard let split = try arguments.date("split") else {
      throw CommandLineError("missing --split YYYY-MM-DD (see --help)")
    }
    let k = try arguments.integer("k", default: 10)
    guard k >= 0 else { throw CommandLineError("--k must not be negative") }
    let log = try options.loadKeyed().log
    let evaluation: OfflineEvaluation
    do {
      evaluation = try OfflineEvaluation(log: log, split: split)
    } catch let error as RecommendationsError {
      throw CommandLineError(error.description)
    }
    let clock = ContinuousClock()
    let start = clock.now
    let recommenders = evaluation.training.standardRecommenders()
    let elapsed = clock.now - start
    let output = EvaluateOutput(
      identity: options.identity.rawValue,
      split: formatDay(split), k: k,
      trainingSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
      recommenders: evaluation.compare(recommenders, k: k),
      associationRules: AssociationRuleSummary(evaluation.training))
    if options.json {
      print(try jsonText(output))
      return
    }
    print(
      "split \(output.split): \(output.recommenders.first?.customers ?? 0) customers evaluated, k = \(k), trained in \(String(format: "%.3f", output.trainingSeconds)) s"
    )
    print(
      "  " + "recommender".padding(toLength: 44, withPad: " ", startingAt: 0)
        + "   P@k     R@k    HR@k   MAP@k  NDCG@k  coverage  seconds")
    for result in output.recommenders {
      print(
        "  " + result.name.padding(toLength: 44, withPad: " ", startingAt: 0)
          + String(
            format: " %6.4f  %6.4f  %6.4f  %6.4f  %6.4f  %8.4f  %7.3f", result.precisionAtK, result.recallAtK,
            result.hitRateAtK, result.mapAtK, result.ndcgAtK, result.coverage, result.seconds))
    }
    print("association rules: \(output.associationRules.explanation)")
  })
