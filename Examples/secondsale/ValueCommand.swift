import Foundation
import LTVMath
import _CommandLineSupport

/// The JSON printed by `secondsale value --json`.
/// A Gamma-Gamma spend fit as `value` and `score` print it in JSON.
struct SpendModelOutput: Encodable {
  var p: Double
  var q: Double
  var gamma: Double
  var logLikelihood: Double
  var customers: Int
  var warnings: [String]

  init(_ fit: SpendModelFit<GammaGammaModel>) {
    p = fit.model.p
    q = fit.model.q
    gamma = fit.model.gamma
    logLikelihood = fit.logLikelihood
    customers = fit.customers
    warnings = fit.warnings
  }
}

struct ValueOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  struct Band: Encodable {
    var lower: Double
    var upper: Double?
    var customerShare: Double
    var revenueShare: Double
  }
  struct Customer: Encodable {
    var id: String
    var expectedPurchases: Double
    var expectedSpend: Double
    var lifetimeValue: Double
  }
  var currency: String?
  /// The last day of the orders valued: the calibration end when given, else the observation end.
  var asOf: String
  /// Which orders the revenue and order-value figures include.
  var includes: String
  var guestOrders: Int
  var customers: Int
  var topDecileShare: Double
  var topQuintileShare: Double
  var gini: Double
  var repeatCustomerShare: Double
  var repeatRevenueShare: Double
  var medianOrderValue: Double
  var meanOrderValue: Double
  var aovBands: [Band]
  var purchaseModel: FitOutput
  var spendModel: SpendModelOutput
  var horizonMonths: Int
  var margin: Double
  var annualDiscountRate: Double
  var totalExpectedValue: Double
  var newCustomerValue: Double
  var whatIf: [WhatIfOutcome]
  var economics: AcquisitionRetentionComparison?
  var customersByValue: [Customer]

  enum CodingKeys: String, CodingKey {
    case identity, currency, asOf, includes, guestOrders, topDecileShare, topQuintileShare, gini, repeatCustomerShare, repeatRevenueShare
    case medianOrderValue, meanOrderValue, aovBands, purchaseModel, spendModel, horizonMonths, margin
    case annualDiscountRate, totalExpectedValue, newCustomerValue, whatIf, economics
    case customers = "customerCount"
    case customersByValue = "customers"
  }
}

/// The data options `secondsale value` uses.
let valueDataOptions: DataOptions.Features = .all

let valueCommand = Command(
  name: "value",
  abstract: "revenue concentration, AOV bands and customer lifetime value",
  dataOptions: valueDataOptions,
  valueOptions: ["horizon-months", "margin", "annual-discount-rate", "bands", "what-if", "acquisition-cost", "retention-cost"],
  help: """
    usage: secondsale value FILE [options]

    Prints where the revenue comes from (top 10 % / 20 % share, Gini, repeat buyers, AOV bands)
    and what customers are worth: a BG/NBD model of repeat purchases and a Gamma-Gamma model of
    spend, combined into a discounted lifetime value over the horizon. All figures count
    customers' orders only (guest orders have no customer to value; their number is printed).

    With --calibration-end D, everything is as of D: the models are fitted on the orders up to
    D, the customers valued from D, and the purchase forecast is checked against what the
    customers bought after D (up to the observation end).

    options:
      --horizon-months N        horizon of the lifetime value (default 12)
      --margin M                profit margin on revenue, 0...1 (default 0.3)
      --annual-discount-rate D  effective annual discount rate (default 0.1)
      --bands B1,B2,...         AOV band boundaries (default: quintiles)
      --what-if F               what-if scenarios: F more first-time buyers make a second
                                purchase, dropout falls by F (default 0.1)
      --acquisition-cost C      cost of acquiring a customer: prints payback and returns
      --retention-cost C        cost of winning one more second purchase (default: C / 5)
    \(DataOptions.help(for: valueDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: valueDataOptions)
    let horizon = try arguments.integer("horizon-months", default: 12)
    let margin = try arguments.number("margin", default: 0.3)
    let rate = try arguments.number("annual-discount-rate", default: 0.1)
    guard horizon >= 0 else { throw CommandLineError("--horizon-months must not be negative") }
    guard (0...1).contains(margin) else { throw CommandLineError("--margin must be in 0...1") }
    guard rate >= 0 else { throw CommandLineError("--annual-discount-rate must not be negative") }
    let bands = try arguments.value("bands").map { text in
      try text.split(separator: ",").map { part -> Double in
        guard let value = Double(part), value > 0 else { throw CommandLineError("--bands: not a positive number: \(part)") }
        return value
      }
    }
    let whatIf = try arguments.number("what-if", default: 0.1)
    guard whatIf >= 0 && whatIf < 1 else { throw CommandLineError("--what-if must be in 0..<1") }
    let acquisitionCost = try arguments.value("acquisition-cost").map { _ in try arguments.number("acquisition-cost", default: 0) }
    let retentionCost = try arguments.value("retention-cost").map { _ in try arguments.number("retention-cost", default: 0) }
    guard (acquisitionCost ?? 0) >= 0 && (retentionCost ?? 0) >= 0 else { throw CommandLineError("costs must not be negative") }
    let log = try options.loadKeyed().log
    let summaryOptions = options.summaryOptions(for: log)
    let summaries = log.summaries(summaryOptions)
    // Revenue structure over the same window and orders as the summaries: customers' purchases
    // up to the calibration end (when given) or the observation end.
    let clock = summaryOptions.clock
    let valuedThrough = summaryOptions.calibrationEnd ?? summaryOptions.observationEnd
    let valuedOrders = log.orders(placedIn: .distantPast..<clock.startOfDay(clock.day(of: valuedThrough) + 1))
    let orderValues = valuedOrders.filter { $0.isPurchase && !$0.customer.isGuest }.map(\.netAmount)
    let totals = log.purchaseTotals(through: valuedThrough, clock: clock)
    let structure = RevenueStructure(
      customerRevenue: summaries.revenue, customerOrders: summaries.orderCounts.map(Int.init), orderValues: orderValues,
      bandBoundaries: bands)
    let purchaseFit = try BGNBDModel.fit(summaries.compressed())
    let spendFit = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let discount = DiscountRate(annual: rate)
    let values = LifetimeValue.modelBased(
      purchases: purchaseFit.model, spend: spendFit.model, summaries: summaries, horizonMonths: horizon, margin: margin,
      discount: discount)
    let newCustomer = LifetimeValue.newCustomer(
      purchases: purchaseFit.model, spend: spendFit.model, horizonMonths: horizon,
      margin: margin, discount: discount)
    let scenarios = [
      RetentionEconomics.convertingMoreFirstTimeBuyers(
        by: whatIf, purchases: purchaseFit.model, spend: spendFit.model, summaries: summaries, horizonMonths: horizon,
        margin: margin, discount: discount),
      RetentionEconomics.reducingDropout(
        by: whatIf, purchases: purchaseFit.model, spend: spendFit.model, summaries: summaries, horizonMonths: horizon,
        margin: margin, discount: discount),
    ]
    let economics = acquisitionCost.map { cost in
      RetentionEconomics.compare(
        acquisitionCost: cost, retentionCost: retentionCost ?? cost / 5, purchases: purchaseFit.model,
        spend: spendFit.model, summaries: summaries, horizonMonths: horizon, margin: margin, discount: discount)
    }
    var purchaseOutput = fitOutput(purchaseFit, calibrationEnd: summaryOptions.calibrationEnd)
    if summaries.hasHoldout { purchaseOutput.holdout = try purchaseFit.model.holdoutReport(summaries) }
    let output = ValueOutput(
      identity: options.identity.rawValue,
      currency: log.currency, asOf: formatDay(valuedThrough), includes: totals.inclusionNote(currency: log.currency),
      guestOrders: totals.guestOrders, customers: structure.customers, topDecileShare: structure.topDecileShare,
      topQuintileShare: structure.topQuintileShare, gini: structure.gini,
      repeatCustomerShare: structure.repeatCustomerShare, repeatRevenueShare: structure.repeatRevenueShare,
      medianOrderValue: structure.medianOrderValue, meanOrderValue: structure.meanOrderValue,
      aovBands: structure.averageOrderValueBands.map {
        .init(lower: $0.lower, upper: $0.upper.isFinite ? $0.upper : nil, customerShare: $0.customerShare, revenueShare: $0.revenueShare)
      },
      purchaseModel: purchaseOutput,
      spendModel: SpendModelOutput(spendFit),
      horizonMonths: horizon, margin: margin, annualDiscountRate: rate, totalExpectedValue: values.total,
      newCustomerValue: newCustomer, whatIf: scenarios, economics: economics,
      customersByValue: values.rankedPositions().prefix(20).map {
        .init(
          id: values.customerIDs[$0], expectedPurchases: values.expectedPurchases[$0],
          expectedSpend: values.expectedSpend[$0], lifetimeValue: values.lifetimeValue[$0])
      })
    if options.json {
      print(try jsonText(output))
      return
    }
    let currency = log.currency.map { " \($0)" } ?? ""
    func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
    print("\(output.customers) customers, orders up to \(output.asOf) (\(output.includes))")
    print("  top 10 % bring \(percent(output.topDecileShare)) of revenue, top 20 % bring \(percent(output.topQuintileShare)); Gini \(String(format: "%.2f", output.gini))")
    print("  \(percent(output.repeatCustomerShare)) are repeat buyers and bring \(percent(output.repeatRevenueShare)) of revenue")
    print(String(format: "  median order %.2f%@, mean order %.2f%@ (customers' orders only)", output.medianOrderValue, currency, output.meanOrderValue, currency))
    print("  average order value bands:")
    for band in output.aovBands {
      let range = String(format: "%10.2f ", band.lower) + (band.upper.map { String(format: "to %-10.2f", $0) } ?? "and more     ")
      print("    " + range + String(format: " %6.1f %% of customers, %6.1f %% of revenue", band.customerShare * 100, band.revenueShare * 100))
    }
    if let holdout = output.purchaseModel.holdout {
      print(
        String(
          format: "purchase forecast after %@ (%.1f %@): predicted %.1f, actual %.0f purchases; correlation %@",
          output.asOf, holdout.holdoutLength.value, holdout.holdoutLength.unit.rawValue, holdout.predicted,
          holdout.actual, holdout.correlation.map { String(format: "%.3f", $0) } ?? "n/a"))
    }
    print(String(format: "spend model (Gamma-Gamma on %d repeat buyers): p %.4f, q %.4f, gamma %.4f, log-likelihood %.3f", output.spendModel.customers, output.spendModel.p, output.spendModel.q, output.spendModel.gamma, output.spendModel.logLikelihood))
    for warning in output.spendModel.warnings { print("  warning: \(warning)") }
    print(String(format: "expected margin over %d months (%.0f %% margin, %.1f %% a year discount): %.2f%@ in total; a new customer is worth %.2f%@", horizon, margin * 100, rate * 100, output.totalExpectedValue, currency, output.newCustomerValue, currency))
    for scenario in output.whatIf {
      print(String(format: "what if %@: %+.1f purchases, %+.2f%@ revenue, %+.2f%@ margin", scenario.scenario, scenario.change.expectedPurchases, scenario.change.expectedRevenue, currency, scenario.change.lifetimeValue, currency))
    }
    if let economics = output.economics {
      let payback = economics.paybackMonths.map { "pays back in \($0) months" } ?? "does not pay back within \(horizon) months"
      print(String(format: "acquisition at %.2f%@ returns %.2f per unit (%@); a second purchase at %.2f%@ returns %.2f per unit", economics.acquisitionCost, currency, economics.acquisitionReturn, payback, economics.retentionCost, currency, economics.retentionReturn))
    }
    print("most valuable customers:")
    for customer in output.customersByValue.prefix(10) {
      let id = customer.id.padding(toLength: Swift.max(20, customer.id.count), withPad: " ", startingAt: 0)
      print("  " + id + String(format: " %6.2f purchases x %8.2f = %10.2f", customer.expectedPurchases, customer.expectedSpend, customer.lifetimeValue) + currency)
    }
  })
