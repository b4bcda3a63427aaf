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
    usage: secondsale fit FILE [--model bgnbd|mbgnbd|paretonbd|nbd|bgbb] [options]

    Fits a repeat-purchase model by maximum likelihood on the compressed (x, t_x, T) triples of
    the calibration period and prints its parameters (named as in the papers), log-likelihood
    and standard errors.

    options:
      --model M             bgnbd (default) | mbgnbd | paretonbd | nbd | bgbb
                            (bgbb reads a frequency,recency,periods,weights file)
    \(DataOptions.help)
    """,
  run: { arguments in
    let model = arguments.value("model") ?? "bgnbd"
    let output: FitOutput
    var json = arguments.flag("json")
    if model == "bgbb" {
      // BG/BB reads (x, t_x, n, weight) patterns, not orders (Fader, Hardie & Shang 2010).
      guard let path = arguments.positionals.first else { throw CommandLineError("missing FILE argument (see --help)") }
      let data: FrequencyRecencyData
      do {
        data = try BGBBModel.patterns(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw CommandLineError("\(URL(fileURLWithPath: path).lastPathComponent): \(error)")
      }
      var bgbb = fitOutput(try BGBBModel.fit(data), calibrationEnd: nil, unit: .days)
      bgbb.unit = "opportunities"
      output = bgbb
    } else {
      let options = try DataOptions(arguments)
      json = options.json
      let log = try options.load()
      let summaries = log.summaries(options.summaryOptions(for: log))
      let data = summaries.compressed()
      let calibrationEnd = options.calibrationEnd
      switch model {
      case "bgnbd": output = fitOutput(try BGNBDModel.fit(data), calibrationEnd: calibrationEnd, unit: options.unit)
      case "mbgnbd": output = fitOutput(try MBGNBDModel.fit(data), calibrationEnd: calibrationEnd, unit: options.unit)
      case "paretonbd": output = fitOutput(try ParetoNBDModel.fit(data), calibrationEnd: calibrationEnd, unit: options.unit)
      case "nbd": output = fitOutput(try NBDModel.fit(data), calibrationEnd: calibrationEnd, unit: options.unit)
      case let other:
        throw CommandLineError("--model: unknown model '\(other)' (use bgnbd, mbgnbd, paretonbd, nbd or bgbb)")
      }
    }
    if json {
      print(try jsonText(output))
      return
    }
    print("\(output.model) on \(Int(output.customers)) customers (\(output.uniqueTriples) unique patterns, \(output.unit))")
    for name in output.parameters.keys.sorted() {
      let se = output.standardErrors?[name].map { String(format: " (SE %.4f)", $0) } ?? ""
      print("  " + name.padding(toLength: 6, withPad: " ", startingAt: 0) + String(format: " %.4f", output.parameters[name] ?? .nan) + se)
    }
    print(String(format: "  log-likelihood %.3f, ", output.logLikelihood) + (output.converged ? "converged" : "NOT converged") + " after \(output.iterations) iterations")
  })
