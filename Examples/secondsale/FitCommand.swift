import Foundation
import RetentionModel
import _CommandLineSupport

/// The JSON printed by `secondsale fit --json`.
struct FitOutput: Encodable {
  /// The `diagnostics` object: boundaries, identification, the Hessian's condition and the
  /// reason for every missing standard error.
  struct Diagnostics: Encodable {
    var atBoundary: [String]
    var dropoutIdentified: Bool
    var purchaseHeterogeneityIdentified: Bool
    var limitingModel: String?
    var hessianCondition: Double?
    var missingStandardErrors: [String: String]
    var notes: [String]
  }

  var model: String
  var parameters: [String: Double]
  var logLikelihood: Double
  /// The standard errors the data determine; the others are in `diagnostics.missingStandardErrors`.
  var standardErrors: [String: Double]?
  var customers: Double
  var uniqueTriples: Int
  var converged: Bool
  var iterations: Int
  var calibrationEnd: String?
  var unit: String
  var holdout: HoldoutReport?
  /// Who counts as one customer (`people` or `customer-id`); absent for BG/BB patterns.
  var identity: String? = nil
  var diagnostics: Diagnostics
}

func fitOutput<Model: ParametricModel>(_ fit: ModelFit<Model>, calibrationEnd: Date?) -> FitOutput
where Model.Unit: RawRepresentable<String> {
  let names = Model.Parameters.names
  let diagnostics = fit.diagnostics
  return FitOutput(
    model: Model.identifier,
    parameters: Dictionary(uniqueKeysWithValues: zip(names, fit.parameters.values)),
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrorsByParameter.isEmpty ? nil : fit.standardErrorsByParameter,
    customers: fit.customers, uniqueTriples: fit.uniqueTriples, converged: fit.converged, iterations: fit.iterations,
    calibrationEnd: calibrationEnd.map(formatDay), unit: fit.unit.rawValue, holdout: nil,
    diagnostics: FitOutput.Diagnostics(
      atBoundary: diagnostics.atBoundary, dropoutIdentified: diagnostics.dropoutIdentified,
      purchaseHeterogeneityIdentified: diagnostics.purchaseHeterogeneityIdentified,
      limitingModel: diagnostics.limitingModel,
      hessianCondition: diagnostics.hessianCondition.flatMap { $0.isFinite ? $0 : nil },
      missingStandardErrors: diagnostics.missingStandardErrors, notes: diagnostics.notes))
}

/// Fits a model and, when the summaries have a holdout period, adds its holdout report.
func fitWithHoldout<Model: ParametricModel & RepeatPurchaseModel>(
  _ fit: (FrequencyRecencyData) throws -> ModelFit<Model>, summaries: CustomerSummaries, calibrationEnd: Date?
) throws -> FitOutput where Model.Unit: RawRepresentable<String> {
  let fitted = try fit(summaries.compressed())
  var output = fitOutput(fitted, calibrationEnd: calibrationEnd)
  if summaries.hasHoldout { output.holdout = try fitted.model.holdoutReport(summaries) }
  return output
}

/// The data options `secondsale fit` uses.
let fitDataOptions: DataOptions.Features = .all

let fitCommand = Command(
  name: "fit",
  abstract: "fit a buy-till-you-die model (BG/NBD, ...) to the customer summaries",
  dataOptions: fitDataOptions,
  valueOptions: fitCovariateOptions.union(["model"]),
  help: """
    usage: secondsale fit FILE [--model bgnbd|mbgnbd|paretonbd|nbd|mbgcnbd|bgcnbd|bgbb|all] [options]

    Fits a repeat-purchase model by maximum likelihood on the compressed (x, t_x, T) triples of
    the calibration period and prints its parameters (named as in the papers), log-likelihood
    and standard errors; with --calibration-end, also the holdout check (predicted against
    actual purchases after the calibration end, in total and by calibration frequency).

    options:
      --model M             bgnbd (default) | mbgnbd | paretonbd | nbd | mbgcnbd | bgcnbd | bgbb
                            (bgbb reads a frequency,recency,periods,weights file; mbgcnbd and
                            bgcnbd have Erlang-k purchase times, k = 1...12 by likelihood)
                            | all: fit every applicable model (BG/BB with one opportunity
                            per day) and compare log-likelihood, AIC, BIC, holdout and
                            tracking errors; names the model it would use and why
    \(fitCovariateHelp)
    \(DataOptions.help(for: fitDataOptions))
    """,
  run: { arguments in
    let model = arguments.value("model") ?? "bgnbd"
    let output: FitOutput
    var json = arguments.flag("json")
    if model == "bgbb" {
      // BG/BB reads (x, t_x, n, weight) patterns, not orders (Fader, Hardie & Shang 2010).
      guard let path = arguments.positionals.first else { throw CommandLineError("missing FILE argument (see --help)") }
      let data: BGBBModel.Patterns
      do {
        data = try BGBBModel.patterns(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw CommandLineError(readFailureMessage(error, file: URL(fileURLWithPath: path)))
      }
      output = fitOutput(try BGBBModel.fit(data), calibrationEnd: nil)
    } else {
      let options = try DataOptions(arguments, features: fitDataOptions)
      if model == "all" {
        if let option = fitCovariateOptions.sorted().first(where: { arguments.value($0) != nil }) {
          throw CommandLineError("--\(option): --model all compares the models without covariates; fit bgnbd or paretonbd with them")
        }
        return try runFitComparison(options)
      }
      json = options.json
      let log = try options.loadKeyed().log
      let summaries = log.summaries(options.summaryOptions(for: log))
      if try runCovariateFit(arguments, model: model, options: options, log: log, summaries: summaries) { return }
      let end = options.calibrationEnd
      var fitted: FitOutput
      switch model {
      case "bgnbd": fitted = try fitWithHoldout({ try BGNBDModel.fit($0) }, summaries: summaries, calibrationEnd: end)
      case "mbgnbd": fitted = try fitWithHoldout({ try MBGNBDModel.fit($0) }, summaries: summaries, calibrationEnd: end)
      case "paretonbd":
        fitted = try fitWithHoldout({ try ParetoNBDModel.fit($0) }, summaries: summaries, calibrationEnd: end)
      case "nbd": fitted = try fitWithHoldout({ try NBDModel.fit($0) }, summaries: summaries, calibrationEnd: end)
      case "mbgcnbd":
        fitted = try fitRegularity({ try MBGCNBDModel.fit($0) }, log: log, summaries: summaries, calibrationEnd: end)
      case "bgcnbd":
        fitted = try fitRegularity({ try BGCNBDModel.fit($0) }, log: log, summaries: summaries, calibrationEnd: end)
      case let other:
        throw CommandLineError("--model: unknown model '\(other)' (use bgnbd, mbgnbd, paretonbd, nbd, mbgcnbd, bgcnbd, bgbb or all)")
      }
      fitted.identity = options.identity.rawValue
      output = fitted
    }
    if json {
      print(try jsonText(output))
      return
    }
    print("\(output.model) on \(Int(output.customers)) \(output.identity == "people" ? "people" : "customers") (\(output.uniqueTriples) unique patterns, \(output.unit))")
    for name in output.parameters.keys.sorted() {
      let se =
        output.standardErrors?[name].map { String(format: " (SE %.4f)", $0) }
        ?? output.diagnostics.missingStandardErrors[name].map { " (no SE: \($0))" } ?? ""
      print("  " + name.padding(toLength: 6, withPad: " ", startingAt: 0) + String(format: " %.4f", output.parameters[name] ?? .nan) + se)
    }
    let state =
      !output.converged
      ? "NOT converged" : output.diagnostics.atBoundary.isEmpty ? "converged" : "converged on a boundary"
    let logLikelihood = String(format: "%.3f", output.logLikelihood)
    print("  log-likelihood \(logLikelihood), \(state) after \(output.iterations) iterations")
    if let limit = output.diagnostics.limitingModel { print("  limiting model: \(limit)") }
    for note in output.diagnostics.notes { print("  note: \(note)") }
    if let holdout = output.holdout {
      let correlation = holdout.correlation.map { String(format: "%.3f", $0) } ?? "n/a"
      print(
        String(
          format: "holdout (%.1f %@): predicted %.1f, actual %.0f purchases; correlation %@, mean absolute error %.3f",
          holdout.holdoutLength.value, holdout.holdoutLength.unit.rawValue, holdout.predicted, holdout.actual,
          correlation, holdout.meanAbsoluteError))
      for bin in holdout.byFrequency {
        print("  x = " + bin.label.padding(toLength: 4, withPad: " ", startingAt: 0) + String(format: " %5d customers: predicted %8.2f, actual %8.2f", bin.customers, bin.predicted, bin.actual))
      }
    }
  })
