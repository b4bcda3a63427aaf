import Foundation
import RetentionModel
import _CommandLineSupport

/// The covariate options of `secondsale fit`.
let fitCovariateOptions: Set<String> = ["covariates", "first-order-covariates"]

/// Their lines in `secondsale fit --help`.
let fitCovariateHelp = """
    --covariates FILE     static covariates (bgnbd, paretonbd): a CSV with a customer column
                          and numeric columns, one row per customer; every fitted customer
                          needs a row (rows of other customers are counted, not used)
    --first-order-covariates A,B
                          dummies from each customer's first purchase: source, category,
                          country, marketing, multipleItems, discount (levels of fewer
                          than 30 customers pooled into "other"; the most frequent level
                          is the reference, except discount: "discount=yes" is 1 when the
                          first order used a discount code, as Shopify's Discount Code
                          column records)
  """

/// The JSON printed by `secondsale fit --covariates ... --json`.
struct CovariateFitOutput: Encodable {
  /// A block of columns with its reference level and likelihood-ratio test.
  struct Block: Encodable {
    var name: String
    var referenceLevel: String?
    var test: LikelihoodRatioTest?
  }

  var model: String
  /// The parameters of a customer whose covariates are all zero.
  var parameters: [String: Double]
  var standardErrors: [String: Double]
  var covariates: [CovariateEffect]
  var logLikelihood: Double
  var logLikelihoodWithoutCovariates: Double
  var overallTest: LikelihoodRatioTest
  var blocks: [Block]
  var customers: Double
  var profiles: Int
  var uniqueRows: Int
  var unmatchedCovariateRows: Int
  var converged: Bool
  var iterations: Int
  var calibrationEnd: String?
  var unit: String
  var identity: String
  var notes: [String]
}

/// Runs `secondsale fit` with covariates when `--covariates` or `--first-order-covariates` is
/// given; returns `false` (and does nothing) otherwise.
func runCovariateFit(
  _ arguments: Arguments, model: String, options: DataOptions, log: OrderLog, summaries: CustomerSummaries
) throws -> Bool {
  let file = arguments.value("covariates")
  let firstOrder = arguments.value("first-order-covariates")
  guard file != nil || firstOrder != nil else { return false }
  guard file == nil || firstOrder == nil else {
    throw CommandLineError("--covariates and --first-order-covariates: give one of them")
  }
  guard model == "bgnbd" || model == "paretonbd" else {
    throw CommandLineError("--model \(model): only bgnbd and paretonbd take covariates")
  }
  let covariates: StaticCovariates
  if let file {
    let url = URL(fileURLWithPath: file)
    do {
      covariates = try StaticCovariates(csvContentsOf: url)
    } catch {
      throw CommandLineError("--covariates: " + readFailureMessage(error, file: url))
    }
  } else {
    var attributes: [StaticCovariates.FirstOrderAttribute] = []
    for name in (firstOrder ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      guard let attribute = StaticCovariates.FirstOrderAttribute(rawValue: name) else {
        let known = StaticCovariates.FirstOrderAttribute.allCases.map(\.rawValue).joined(separator: ", ")
        throw CommandLineError("--first-order-covariates: unknown attribute '\(name)' (use \(known))")
      }
      attributes.append(attribute)
    }
    do {
      covariates = try StaticCovariates.firstOrder(of: log, attributes: attributes)
    } catch {
      throw CommandLineError("--first-order-covariates: \(error)")
    }
  }
  let data: CovariateData
  do {
    data = try CovariateData(summaries, covariates: covariates)
  } catch {
    throw CommandLineError("covariates: \(error)")
  }
  let output =
    model == "paretonbd"
    ? covariateOutput(try ParetoNBDModel.fit(data), data: data, options: options)
    : covariateOutput(try BGNBDModel.fit(data), data: data, options: options)
  if options.json {
    print(try jsonText(output))
  } else {
    printCovariateFit(output)
  }
  return true
}

func covariateOutput<Model: CovariateModel>(
  _ fit: CovariateFit<Model>, data: CovariateData, options: DataOptions
) -> CovariateFitOutput {
  let tests = Dictionary(fit.blockTests.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
  return CovariateFitOutput(
    model: fit.model, parameters: Dictionary(uniqueKeysWithValues: zip(Model.Parameters.names, fit.baseline.values)),
    standardErrors: fit.baselineStandardErrors, covariates: fit.covariates, logLikelihood: fit.logLikelihood,
    logLikelihoodWithoutCovariates: fit.logLikelihoodWithoutCovariates, overallTest: fit.overallTest,
    blocks: data.blocks.map {
      CovariateFitOutput.Block(name: $0.name, referenceLevel: $0.referenceLevel, test: tests[$0.name])
    },
    customers: fit.customers, profiles: fit.profiles, uniqueRows: fit.uniqueRows,
    unmatchedCovariateRows: data.unmatchedCovariateRows, converged: fit.converged, iterations: fit.iterations,
    calibrationEnd: options.calibrationEnd.map(formatDay), unit: "\(fit.unit)", identity: options.identity.rawValue,
    notes: fit.notes)
}

func printCovariateFit(_ output: CovariateFitOutput) {
  let who = output.identity == "people" ? "people" : "customers"
  print(
    "\(output.model) with covariates on \(Int(output.customers)) \(who) (\(output.profiles) covariate profiles, \(output.uniqueRows) unique rows, \(output.unit))"
  )
  if output.unmatchedCovariateRows > 0 {
    print("  \(output.unmatchedCovariateRows) covariate rows name customers outside the fit (not used)")
  }
  func formatted(_ value: Double, _ error: Double?) -> String {
    String(format: "%9.4f", value) + (error.map { String(format: " (SE %.4f)", $0) } ?? " (no SE)")
  }
  print("  baseline (every covariate 0):")
  for name in output.parameters.keys.sorted() {
    print(
      "    " + name.padding(toLength: 6, withPad: " ", startingAt: 0)
        + formatted(output.parameters[name] ?? .nan, output.standardErrors[name]))
  }
  let width = max(10, output.covariates.map(\.name.count).max() ?? 0)
  print("  " + "covariate".padding(toLength: width, withPad: " ", startingAt: 0) + "   purchase               dropout")
  for effect in output.covariates {
    print(
      "  " + effect.name.padding(toLength: width, withPad: " ", startingAt: 0) + " "
        + formatted(effect.purchase, effect.purchaseSE) + "  " + formatted(effect.dropout, effect.dropoutSE))
  }
  print(
    String(
      format: "  log-likelihood %.3f (without covariates %.3f), %@ after %d iterations", output.logLikelihood,
      output.logLikelihoodWithoutCovariates, output.converged ? "converged" : "NOT converged", output.iterations))
  func line(_ test: LikelihoodRatioTest, reference: String?) -> String {
    let against = reference.map { " (against \($0))" } ?? ""
    return
      "    \(test.name)\(against): chi-square \(String(format: "%.2f", test.statistic)) on \(test.degreesOfFreedom) df, p = \(String(format: "%.3g", test.pValue))"
  }
  print("  likelihood-ratio tests:")
  print(line(output.overallTest, reference: nil))
  for block in output.blocks { if let test = block.test { print(line(test, reference: block.referenceLevel)) } }
  for note in output.notes { print("  note: \(note)") }
}
