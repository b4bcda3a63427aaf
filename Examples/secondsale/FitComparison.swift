import Foundation
import RetentionModel
import _CommandLineSupport

/// The JSON printed by `secondsale fit --model all --json`: the ``ModelComparison`` (`unit`,
/// `customers`, `holdoutLength`, `entries`, `choice`, `reason`, `indistinguishable`, `rule`)
/// with who counts as one customer and the calibration end.
struct FitComparisonOutput: Encodable {
  private enum CodingKeys: String, CodingKey { case identity, calibrationEnd }

  var comparison: ModelComparison
  /// `people` or `customer-id`.
  var identity: String
  var calibrationEnd: String?

  func encode(to encoder: any Encoder) throws {
    try comparison.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(identity, forKey: .identity)
    if let calibrationEnd {
      try container.encode(calibrationEnd, forKey: .calibrationEnd)
    } else {
      try container.encodeNil(forKey: .calibrationEnd)
    }
  }
}

/// `secondsale fit --model all`: fits every applicable model and prints the comparison table
/// and the choice with its reason.
func runFitComparison(_ options: DataOptions) throws {
  let log = try options.loadKeyed().log
  let summaries = log.summaries(options.summaryOptions(for: log))
  let comparison = try ModelComparison(summaries, log: log)
  if options.json {
    print(
      try jsonText(
        FitComparisonOutput(
          comparison: comparison, identity: options.identity.rawValue,
          calibrationEnd: options.calibrationEnd.map(formatDay))))
    return
  }
  let who = options.identity == .people ? "people" : "customers"
  let holdout = comparison.holdoutLength.map { String(format: ", holdout %.1f %@", $0.value, $0.unit.rawValue) } ?? ""
  print("model comparison on \(comparison.customers) \(who) (\(comparison.unit.rawValue)\(holdout))")
  func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
  func cell(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
  print(
    "  " + "model".padding(toLength: 11, withPad: " ", startingAt: 0) + cell("k", 2) + cell("log-lik", 12)
      + cell("AIC", 11) + cell("BIC", 11) + cell("predicted", 11) + cell("actual", 8) + cell("MAE", 8)
      + cell("corr", 7) + cell("MAPE cum", 10) + cell("MAPE inc", 10) + "  identified")
  var footnote = false
  for entry in comparison.entries {
    let name = entry.name.padding(toLength: 11, withPad: " ", startingAt: 0)
    guard entry.logLikelihood != nil else {
      print("  " + name + cell("\(entry.parameterCount)", 2) + "  " + (entry.notes.first ?? "not fitted"))
      continue
    }
    let comparable = entry.isLikelihoodComparable
    if !comparable { footnote = true }
    let mark = comparable ? "" : "*"
    let row =
      "  " + name + cell("\(entry.parameterCount)", 2) + cell(number(entry.logLikelihood, "%.3f") + mark, 12)
      + cell(comparable ? number(entry.akaikeInformationCriterion, "%.2f") : "n/c", 11)
      + cell(comparable ? number(entry.bayesianInformationCriterion, "%.2f") : "n/c", 11)
      + cell(number(entry.holdout?.predicted, "%.1f"), 11) + cell(number(entry.holdout?.actual, "%.0f"), 8)
      + cell(number(entry.holdout?.meanAbsoluteError, "%.4f"), 8) + cell(number(entry.holdout?.correlation, "%.3f"), 7)
      + cell(number(entry.tracking?.cumulativeMeanAbsolutePercentageError.map { $0 * 100 }, "%.1f %%"), 10)
      + cell(number(entry.tracking?.incrementalMeanAbsolutePercentageError.map { $0 * 100 }, "%.1f %%"), 10)
    let identified = entry.unidentifiedReason.map { "no (\($0))" } ?? "yes"
    print(row + "  " + identified)
  }
  if footnote {
    print(
      "  * not comparable with the continuous-time likelihoods (a probability of day patterns); compared on the holdout only"
    )
  }
  if let tracking = comparison.entries.lazy.compactMap(\.tracking).first {
    print(
      "  MAPE: mean absolute percentage error of the cumulative (cum) and per-\(comparison.unit == .days ? "day" : "week") (inc) repeat purchases, \(comparison.unit.rawValue) \(tracking.firstPeriod)-\(tracking.lastPeriod)"
    )
  }
  print("choice: \(comparison.chosenEntry?.name ?? "none")")
  print("  " + comparison.reason)
}
