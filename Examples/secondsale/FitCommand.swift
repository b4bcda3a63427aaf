import Foundation
import RetentionModel
import _CommandLineSupport

/// The JSON printed by `secondsale fit --json`.
struct FitOutput: Encodable {
  var model: String
  var parameters: [String: Double]
  var logLikelihood: Double
  var standardErrors: [String: Double]?
  var customers: Double
  var uniqueTriples: Int
  var converged: Bool
  var iterations: Int
  var calibrationEnd: String?
  var unit: String
}

func fitOutput<Model: ParametricModel>(_ fit: ModelFit<Model>, calibrationEnd: Date?, unit: TimeUnit) -> FitOutput {
  let names = Model.Parameters.names
  return FitOutput(
    model: Model.identifier,
    parameters: Dictionary(uniqueKeysWithValues: zip(names, fit.parameters.values)),
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors.map { Dictionary(uniqueKeysWithValues: zip(names, $0.values)) },
    customers: fit.customers, uniqueTriples: fit.uniqueTriples, converged: fit.converged, iterations: fit.iterations,
    calibrationEnd: calibrationEnd.map(formatDay), unit: unit.rawValue)
}

let fitCommand = Command(
  name: "fit",
  abstract: "fit a buy-till-you-die model (BG/NBD, ...) to the customer summaries",
  valueOptions: ["model"],
  help: """
    usage: secondsale fit FILE --model bgnbd [options]

    Fits a repeat-purchase model by maximum likelihood on the compressed (x, t_x, T) triples of
    the calibration period and prints its parameters (named as in the papers), log-likelihood
    and standard errors.

    options:
      --model M             bgnbd (default) | paretonbd
    \(DataOptions.help)
    """,
  run: { arguments in
    let options = try DataOptions(arguments)
    let log = try options.load()
    let summaries = log.summaries(options.summaryOptions(for: log))
    let data = summaries.compressed()
    let output: FitOutput
    switch arguments.value("model") ?? "bgnbd" {
    case "bgnbd":
      output = fitOutput(try BGNBDModel.fit(data), calibrationEnd: options.calibrationEnd, unit: options.unit)
    case "paretonbd":
      output = fitOutput(try ParetoNBDModel.fit(data), calibrationEnd: options.calibrationEnd, unit: options.unit)
    case let other:
      throw CommandLineError("--model: unknown or not yet available model '\(other)' (available: bgnbd, paretonbd)")
    }
    if options.json {
      print(try jsonText(output))
      return
    }
    print("\(output.model) on \(Int(output.customers)) customers (\(output.uniqueTriples) unique triples, \(output.unit))")
    for name in output.parameters.keys.sorted() {
      let se = output.standardErrors?[name].map { String(format: " (SE %.4f)", $0) } ?? ""
      print(String(format: "  %-6@ %.4f", name, output.parameters[name] ?? .nan) + se)
    }
    print(String(format: "  log-likelihood %.3f, %@ after %d iterations", output.logLikelihood, output.converged ? "converged" : "NOT converged", output.iterations))
  })
