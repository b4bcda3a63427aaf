import Foundation
import Recommendations
import _CommandLineSupport

/// The JSON printed by `secondsale evaluate --json`.
struct EvaluateOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  /// The first day of the test period.
  var split: String
  /// The first day of the validation window the parameters were chosen on.
  var validationStart: String
  var validationDays: Int
  var validationCustomers: Int
  var k: Int
  /// The families that are baselines, in table order.
  var baselines: [String]
  var seconds: Double
  var recommenders: [TunedEvaluationResult]
  /// What the association rules found in the training baskets (before the split), or why they
  /// found nothing.
  var associationRules: AssociationRuleSummary
}

/// The data options `secondsale evaluate` uses.
let evaluateDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .json, .identity]

let evaluateCommand = Command(
  name: "evaluate",
  abstract: "compare recommenders and baselines offline on a time split, parameters chosen on a validation window",
  dataOptions: evaluateDataOptions,
  valueOptions: ["split", "k", "validation-days"],
  help: """
    usage: secondsale evaluate FILE --split YYYY-MM-DD [options]

    Compares the baselines (personal top-frequency, popularity, recent popularity, item-kNN)
    with the SDK's recommenders (association rules, repeat purchase, blends, the personal
    frequency shrunk toward recent popularity, TIFU-KNN, a learned ranker whose label window
    and penalty are fixed). Every other hyper-parameter (window, neighbours, half-life, blend
    weights, the shrinkage's prior, TIFU-KNN's decays, K and alpha) is chosen
    by NDCG@k on a validation window that ends at the split: trained on the
    orders before the window, scored on the customers who bought before and within it. The
    chosen parameters are refitted on every order before the split and evaluated once on the
    customers who bought both before and after it: precision@k, recall@k, hit rate@k, MAP@k,
    NDCG@k (binary gains, log2 discount), catalogue coverage, and hit rate, recall and NDCG on
    repeat items (bought before the split) and new items separately. A last line says how many
    association rules the training baskets gave (support, confidence and lift thresholds), or
    why none.

    options:
      --split D             the first day of the test period (required)
      --k N                 the list length (default 10)
      --validation-days N   the validation window before the split, in days (default 60)
    \(DataOptions.help(for: evaluateDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: evaluateDataOptions)
    guard let split = try arguments.date("split") else {
      throw CommandLineError("missing --split YYYY-MM-DD (see --help)")
    }
    let k = try arguments.integer("k", default: 10)
    guard k >= 0 else { throw CommandLineError("--k must not be negative") }
    let validationDays = try arguments.integer("validation-days", default: 60)
    guard validationDays > 0 else { throw CommandLineError("--validation-days must be positive") }
    let log = try options.loadKeyed().log
    let clock = ContinuousClock()
    let start = clock.now
    let output: EvaluateOutput
    do {
      let evaluation = try ValidatedEvaluation(log: log, split: split, validationDays: Double(validationDays))
      let results = try evaluation.compare(TunableRecommender.standard, k: k)
      let elapsed = clock.now - start
      output = EvaluateOutput(
        identity: options.identity.rawValue, split: formatDay(split), validationStart: formatDay(evaluation.validationStart),
        validationDays: validationDays, validationCustomers: evaluation.validation.evaluatedCustomerNumbers.count, k: k,
        baselines: TunableRecommender.baselines.map(\.name),
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
        recommenders: results, associationRules: AssociationRuleSummary(evaluation.test.training))
    } catch let error as RecommendationsError {
      throw CommandLineError(error.description)
    }
    if options.json {
      print(try jsonText(output))
      return
    }
    print(
      "split \(output.split): \(output.recommenders.first?.test.customers ?? 0) customers evaluated, k = \(k); parameters chosen on \(output.validationStart)..<\(output.split) (\(output.validationCustomers) customers); \(String(format: "%.3f", output.seconds)) s"
    )
    print(
      "  " + "recommender".padding(toLength: 42, withPad: " ", startingAt: 0)
        + "   P@k     R@k    HR@k   MAP@k  NDCG@k  coverage  NDCG rep  NDCG new  chosen on validation")
    let baselines = Set(output.baselines)
    for result in output.recommenders {
      let test = result.test
      let label = (baselines.contains(result.recommender) ? "baseline: " : "") + result.recommender
      let parameters = result.parameters.keys.sorted().map { "\($0) \(formatParameter(result.parameters[$0] ?? 0))" }
      print(
        "  " + label.padding(toLength: 42, withPad: " ", startingAt: 0)
          + String(
            format: " %6.4f  %6.4f  %6.4f  %6.4f  %6.4f  %8.4f    %6.4f    %6.4f  ", test.precisionAtK, test.recallAtK,
            test.hitRateAtK, test.mapAtK, test.ndcgAtK, test.coverage, test.repeatItems.ndcgAtK, test.newItems.ndcgAtK)
          + (parameters.isEmpty ? "-" : parameters.joined(separator: ", ")))
    }
    print("association rules: \(output.associationRules.explanation)")
  })

/// A parameter value without a needless fraction (`90`, `0.25`).
private func formatParameter(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
