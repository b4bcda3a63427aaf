import Foundation
import LTVMath
import _CommandLineSupport

/// The JSON of `secondsale score --json` (or `--out FILE.json`).
struct ScoreOutput: Encodable {
  /// One customer's row; the interval's ends are `null` when there is no interval.
  struct Customer: Encodable {
    var score: CustomerValueScore

    enum CodingKeys: String, CodingKey {
      case id, x, tx, T, probabilityAlive, expectedPurchases, probabilityOfPurchase, expectedSpend
      case lifetimeValue, lifetimeValueLow, lifetimeValueHigh
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(score.customerID, forKey: .id)
      try container.encode(score.frequency, forKey: .x)
      try container.encode(score.recency, forKey: .tx)
      try container.encode(score.age, forKey: .T)
      try container.encode(score.probabilityAlive, forKey: .probabilityAlive)
      try container.encode(score.expectedPurchases, forKey: .expectedPurchases)
      try container.encode(score.probabilityOfPurchase, forKey: .probabilityOfPurchase)
      try container.encode(score.expectedSpend, forKey: .expectedSpend)
      try container.encode(score.lifetimeValue, forKey: .lifetimeValue)
      try container.encode(score.lifetimeValueLow, forKey: .lifetimeValueLow)
      try container.encode(score.lifetimeValueHigh, forKey: .lifetimeValueHigh)
    }
  }
  struct Interval: Encodable {
    var level: Double
    var draws: Int
    var seed: UInt64
    var method: String
  }

  /// Who `id` is: `people` (identity resolution) or `customer-id`.
  var identity: String
  /// The unit of `tx` and `T`.
  var unit: String
  /// The horizon as given (`90d`) and in the unit.
  var horizon: String
  var horizonPeriods: Double
  /// The day the customers are scored from: the calibration end when given, else the observation end.
  var asOf: String
  var currency: String?
  var margin: Double
  var annualDiscountRate: Double
  var purchaseModel: FitOutput
  var spendModel: SpendModelOutput?
  var lifetimeValueUnavailableReason: String?
  var interval: Interval?
  var intervalUnavailableReason: String?
  var uniqueTriples: Int
  var expectedPurchasesTotal: Double
  var lifetimeValueTotal: Double?
  var customers: [Customer]

  enum CodingKeys: String, CodingKey {
    case identity, unit, horizon, horizonPeriods, asOf, currency, margin, annualDiscountRate, purchaseModel
    case spendModel, lifetimeValueUnavailableReason, interval, intervalUnavailableReason, uniqueTriples
    case expectedPurchasesTotal, lifetimeValueTotal, customers
    case customerCount
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(identity, forKey: .identity)
    try container.encode(unit, forKey: .unit)
    try container.encode(horizon, forKey: .horizon)
    try container.encode(horizonPeriods, forKey: .horizonPeriods)
    try container.encode(asOf, forKey: .asOf)
    try container.encode(currency, forKey: .currency)
    try container.encode(margin, forKey: .margin)
    try container.encode(annualDiscountRate, forKey: .annualDiscountRate)
    try container.encode(purchaseModel, forKey: .purchaseModel)
    try container.encode(spendModel, forKey: .spendModel)
    try container.encode(lifetimeValueUnavailableReason, forKey: .lifetimeValueUnavailableReason)
    try container.encode(interval, forKey: .interval)
    try container.encode(intervalUnavailableReason, forKey: .intervalUnavailableReason)
    try container.encode(uniqueTriples, forKey: .uniqueTriples)
    try container.encode(customers.count, forKey: .customerCount)
    try container.encode(expectedPurchasesTotal, forKey: .expectedPurchasesTotal)
    try container.encode(lifetimeValueTotal, forKey: .lifetimeValueTotal)
    try container.encode(customers, forKey: .customers)
  }
}

/// A horizon such as `90d` or `13w`, with its label for column names.
func parseHorizon(_ text: String) throws -> (span: TimeSpan, label: String) {
  let units: [Character: TimeUnit] = ["d": .days, "w": .weeks]
  guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value.isFinite, value > 0
  else { throw CommandLineError("--horizon: not a horizon such as 90d or 13w: \(text)") }
  let number = value == value.rounded() && value < 1e15 ? String(Int(value)) : String(value)
  return (TimeSpan(value, unit: unit), number + (unit == .days ? "d" : "w"))
}

/// The CSV of the scores: one row per customer, the unit in the names of t_x and T and the
/// horizon in the names of the forecasts.
func scoreCSV(_ scores: CustomerValueScores, idColumn: String, horizonLabel: String) -> String {
  let unit = scores.unit.rawValue
  var writer = CSVWriter(header: [
    idColumn, "x", "t_x_\(unit)", "T_\(unit)", "p_alive", "expected_purchases_\(horizonLabel)",
    "p_purchase_\(horizonLabel)", "expected_spend_per_order", "clv_\(horizonLabel)", "clv_\(horizonLabel)_low",
    "clv_\(horizonLabel)_high",
  ])
  func optional(_ value: Double?, _ digits: Int) -> CSVCell { value.map { .number($0, fractionDigits: digits) } ?? "" }
  for score in scores {
    writer.append([
      .text(score.customerID), .number(score.frequency, fractionDigits: 0), .number(score.recency, fractionDigits: 4),
      .number(score.age, fractionDigits: 4), .number(score.probabilityAlive, fractionDigits: 6),
      .number(score.expectedPurchases, fractionDigits: 6), .number(score.probabilityOfPurchase, fractionDigits: 6),
      optional(score.expectedSpend, 4), optional(score.lifetimeValue, 4), optional(score.lifetimeValueLow, 4),
      optional(score.lifetimeValueHigh, 4),
    ])
  }
  return writer.text
}

/// The data options `secondsale score` uses.
let scoreDataOptions: DataOptions.Features = .all

let scoreCommand = Command(
  name: "score",
  abstract: "P(alive), expected purchases and CLV with its interval for every customer",
  dataOptions: scoreDataOptions,
  valueOptions: ["model", "horizon", "out", "margin", "annual-discount-rate", "draws", "seed"],
  help: """
    usage: secondsale score FILE [--horizon 90d] [--out customers.csv] [options]

    Fits a repeat-purchase model and a Gamma-Gamma spend model on the customers' orders (up to
    the calibration end when given) and scores every customer: x, t_x and T (in the unit),
    P(alive), the expected purchases within the horizon, the probability of at least one
    purchase within it (for a first-time buyer, x = 0: of the second purchase), the expected
    spend per order, the discounted value (CLV) within the horizon and a 90 % interval of it
    from the parameters' uncertainty: a seeded parametric bootstrap that draws the parameters
    from their estimated covariance and re-scores each customer. A fit without standard errors
    (a boundary: no dropout, no repeat purchases) has no interval; the output says why.

    CSV columns: person (or customer), x, t_x_<unit>, T_<unit>, p_alive,
    expected_purchases_<h>, p_purchase_<h>, expected_spend_per_order, clv_<h>, clv_<h>_low,
    clv_<h>_high, where <h> is the horizon as given (90d); empty cells where a figure is missing.

    options:
      --model M                 bgnbd (default) | mbgnbd | paretonbd | nbd
      --horizon H               the horizon after each customer's T: 90d, 13w (default 90d)
      --out FILE                write the scores there (CSV; .json for JSON); default: standard output
      --margin M                profit margin on revenue, 0...1 (default 1: the CLV is revenue)
      --annual-discount-rate D  effective annual discount rate (default 0.1)
      --draws N                 bootstrap draws of the interval (default 200; 0 for no interval)
      --seed S                  seed of the bootstrap (default 1)
    \(DataOptions.help(for: scoreDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: scoreDataOptions)
    let horizon = try parseHorizon(arguments.value("horizon") ?? "90d")
    let margin = try arguments.number("margin", default: 1)
    let rate = try arguments.number("annual-discount-rate", default: 0.1)
    let draws = try arguments.integer("draws", default: 200)
    guard (0...1).contains(margin) else { throw CommandLineError("--margin must be in 0...1") }
    guard rate >= 0 else { throw CommandLineError("--annual-discount-rate must not be negative") }
    guard draws == 0 || (2...100_000).contains(draws) else { throw CommandLineError("--draws must be 0 or in 2...100000") }
    guard let seed = UInt64(arguments.value("seed") ?? "1") else {
      throw CommandLineError("--seed: not a non-negative integer: \(arguments.value("seed") ?? "")")
    }
    let out = arguments.value("out")
    let toStandardOutput = out == nil && !options.json
    let keyed = try options.loadKeyed(accounting: toStandardOutput ? .standardError : .automatic)
    let log = keyed.log
    let summaryOptions = options.summaryOptions(for: log)
    let summaries = log.summaries(summaryOptions)
    guard !summaries.isEmpty else { throw CommandLineError("no customer with a purchase to score") }
    var spendReason: String?
    let spend: SpendModelFit<GammaGammaModel>?
    do {
      spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    } catch {
      spend = nil
      spendReason = "no spend model: \(error)"
    }
    let bootstrap = draws == 0 ? nil : ParameterBootstrap(draws: draws, seed: seed)
    let discount = DiscountRate(annual: rate)
    func scored<Model: ParametricModel & RepeatPurchaseModel>(_ fit: ModelFit<Model>) -> (CustomerValueScores, FitOutput)
    where Model.Unit == TimeUnit {
      let scores = LifetimeValue.scores(
        summaries, purchases: fit, spend: spend, within: horizon.span, margin: margin, discount: discount,
        bootstrap: bootstrap)
      return (scores, fitOutput(fit, calibrationEnd: summaryOptions.calibrationEnd))
    }
    let data = summaries.compressed()
    var (scores, purchaseOutput): (CustomerValueScores, FitOutput)
    switch arguments.value("model") ?? "bgnbd" {
    case "bgnbd": (scores, purchaseOutput) = scored(try BGNBDModel.fit(data))
    case "mbgnbd": (scores, purchaseOutput) = scored(try MBGNBDModel.fit(data))
    case "paretonbd": (scores, purchaseOutput) = scored(try ParetoNBDModel.fit(data))
    case "nbd": (scores, purchaseOutput) = scored(try NBDModel.fit(data))
    case let other: throw CommandLineError("--model: unknown model '\(other)' (use bgnbd, mbgnbd, paretonbd or nbd)")
    }
    purchaseOutput.identity = keyed.identity.rawValue
    if let spendReason {
      scores.lifetimeValueUnavailableReason = spendReason
      if bootstrap != nil { scores.intervalUnavailableReason = spendReason }
    }
    let output = ScoreOutput(
      identity: keyed.identity.rawValue, unit: scores.unit.rawValue, horizon: horizon.label,
      horizonPeriods: horizon.span.periods(in: scores.unit),
      asOf: formatDay(summaryOptions.calibrationEnd ?? summaryOptions.observationEnd), currency: log.currency,
      margin: margin, annualDiscountRate: rate, purchaseModel: purchaseOutput,
      spendModel: spend.map(SpendModelOutput.init),
      lifetimeValueUnavailableReason: scores.lifetimeValueUnavailableReason,
      interval: scores.lifetimeValueInterval.map {
        .init(
          level: $0.bootstrap.level, draws: $0.bootstrap.draws, seed: $0.bootstrap.seed,
          method: "parametric bootstrap: log-parameters drawn from the fits' covariance, percentile interval")
      },
      intervalUnavailableReason: scores.intervalUnavailableReason, uniqueTriples: scores.uniqueTriples,
      expectedPurchasesTotal: scores.expectedPurchases.reduce(0, +),
      lifetimeValueTotal: scores.lifetimeValue?.reduce(0, +), customers: scores.map(ScoreOutput.Customer.init))
    let idColumn = keyed.identity == .people ? "person" : "customer"
    if options.json {
      print(try jsonText(output))
      return
    }
    guard let out else {
      print(scoreCSV(scores, idColumn: idColumn, horizonLabel: horizon.label), terminator: "")
      return
    }
    let text = out.hasSuffix(".json") ? try jsonText(output) : scoreCSV(scores, idColumn: idColumn, horizonLabel: horizon.label)
    try writeTextFile(text, to: out)
    let who = keyed.identity == .people ? "people" : "customers"
    print(
      "scored \(scores.count) \(who) (\(scores.uniqueTriples) distinct (x, t_x, T)) with \(purchaseOutput.model) over \(horizon.label) (\(String(format: "%.4g", output.horizonPeriods)) \(output.unit)) from \(output.asOf)")
    print(String(format: "  expected purchases %.1f", output.expectedPurchasesTotal))
    if let total = output.lifetimeValueTotal {
      print(String(format: "  expected value %.2f%@ (margin %.2f, %.1f %% a year discount)", total, log.currency.map { " " + $0 } ?? "", margin, rate * 100))
    } else if let reason = output.lifetimeValueUnavailableReason {
      print("  no value: \(reason)")
    }
    if let interval = output.interval {
      print("  interval: \(Int(interval.level * 100)) % from \(interval.draws) parameter draws (seed \(interval.seed))")
    } else if let reason = output.intervalUnavailableReason {
      print("  no interval: \(reason)")
    }
    for note in purchaseOutput.diagnostics.notes { print("  note: \(note)") }
    print("wrote \(out)")
  })
