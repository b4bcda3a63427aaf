import Foundation
import LTVMath
import RetentionModel
import _CommandLineSupport

// cdnow-walkthrough: a tutorial that reproduces the published CDNOW results step by step
// (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2);
// their Gamma-Gamma note 025), printing what each step does next to the published figure.
//
//   swift run cdnow-walkthrough [PATH/TO/CDNOW_sample.txt]
//
// Without an argument it reads the copy committed in Tests/Data/cdnow.

func utcDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
  return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
}

func step(_ number: Int, _ title: String, _ explanation: String) {
  print("\n\(number). \(title)")
  print(explanation.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
}

/// One line "name  ours  (published)"; an undefined value prints as "n/a".
func compare(_ name: String, _ value: Double?, _ published: String, digits: Int = 3) {
  let text = value.map { String(format: "%.\(digits)f", $0) } ?? "n/a"
  print("   " + name.padding(toLength: 40, withPad: " ", startingAt: 0) + text.padding(toLength: 14, withPad: " ", startingAt: 0) + "published \(published)")
}

let program = ExampleProgram(
  name: "cdnow-walkthrough",
  abstract: """
    Reproduces the published CDNOW results step by step. Without FILE it reads the copy of
    CDNOW_sample.txt committed in Tests/Data/cdnow.
    """,
  data: [], defaultFile: bundledDataFile("cdnow/CDNOW_sample.txt"), defaultFormat: .cdnow)

program.run { _, data in
  print("CDNOW walkthrough: buy-till-you-die models on the CDNOW 1/10 sample")
  print("data: \(data.file.path)")

  step(
    1, "Import the transactions",
    """
    Each row is customer, sample id, date (yyyymmdd), CDs and dollars. Several rows of one
    customer on one day are one purchase day.
    """)
  let log = try data.load()
  print("   \(log.report.rowsRead) rows, \(log.customerCount) customers (published: 6,919 rows, 2,357 customers)")

  step(
    2, "Summarise each customer: x, t_x, T in weeks",
    """
    Calibration ends 1997-09-30 (39 weeks after the cohort's start), the holdout runs to
    1998-06-30. x counts repeat purchase days in calibration, t_x is the time of the last one
    since the first purchase, T the time from the first purchase to the calibration end.
    """)
  let summaries = log.summaries(
    SummaryOptions(observationEnd: utcDate(1998, 6, 30), calibrationEnd: utcDate(1997, 9, 30), unit: .weeks))
  let repeaters = summaries.frequency.filter { $0 > 0 }.count
  print("   \(repeaters) repeat buyers, \(Int(summaries.frequency.reduce(0, +))) repeat purchases, \(Int(summaries.holdoutFrequency.reduce(0, +))) holdout purchases")
  print("   (published: 946, 2,457 and 1,882)")
  let data = summaries.compressed()
  print("   the models need only the \(data.uniqueCount) unique (x, t_x, T) triples with their counts")

  step(
    3, "Fit the BG/NBD model",
    """
    Purchases follow a Poisson process with a gamma(r, alpha) rate across customers; after each
    purchase a customer drops out with a beta(a, b) probability. Maximum likelihood on the triples.
    """)
  let bgnbd = try BGNBDModel.fit(data)
  let p = bgnbd.model.parameters
  compare("r", p.r, "0.243")
  compare("alpha", p.alpha, "4.414")
  compare("a", p.a, "0.793")
  compare("b", p.b, "2.426")
  compare("log-likelihood", bgnbd.logLikelihood, "-9582.4", digits: 1)

  step(
    4, "Fit the Pareto/NBD model for comparison",
    """
    The same purchase process, with an exponential lifetime whose rate is gamma(s, beta). Its
    beta is poorly determined by these data (standard error about 6).
    """)
  let pareto = try ParetoNBDModel.fit(data)
  let q = pareto.model.parameters
  compare("r", q.r, "0.553")
  compare("alpha", q.alpha, "10.578")
  compare("s", q.s, "0.606")
  compare("beta", q.beta, "11.669")
  compare("log-likelihood", pareto.logLikelihood, "-9595.0", digits: 1)

  step(
    5, "Score customers: P(alive) and expected purchases in the next 52 weeks",
    """
    At the fitted parameters, a customer with 26 repeat purchases, the last at 30.86 weeks,
    observed for 31 weeks, is almost surely alive; the "increasing frequency paradox": at
    t_x = 20, T = 39, the more someone bought before going quiet, the less we expect now.
    """)
  let published = bgnbd.model
  compare("P(alive | 26, 30.86, 31)", published.probabilityAlive(frequency: 26, recency: 30.857143, age: 31), "0.969")
  compare(
    "E[Y(52) | 26, 30.86, 31]",
    published.conditionalExpectedPurchases(within: .weeks(52), frequency: 26, recency: 30.857143, age: 31), "25.76",
    digits: 2)
  for (x, value) in [(10.0, "0.347"), (15, "0.0428"), (20, "0.00416")] {
    compare(
      "E[Y(52) | \(Int(x)), 20, 39]",
      published.conditionalExpectedPurchases(within: .weeks(52), frequency: x, recency: 20, age: 39),
      value, digits: x == 10 ? 3 : 5)
  }
  compare("E[X(52)] of a new customer", published.expectedPurchases(within: .weeks(52)), "1.444")
  compare(
    "P(2nd purchase within 13 weeks), T 4", bgnbd.model.probabilityOfSecondPurchase(within: .weeks(13), age: .weeks(4)),
    "-")

  step(
    6, "Check the forecasts on the holdout period",
    """
    Each customer's expected purchases in the 39 holdout weeks, against what they did.
    """)
  let holdoutBG = try bgnbd.model.holdoutReport(summaries)
  let holdoutPareto = try pareto.model.holdoutReport(summaries)
  compare("BG/NBD predicted holdout purchases", holdoutBG.predicted, "actual \(Int(holdoutBG.actual))", digits: 1)
  compare("BG/NBD correlation", holdoutBG.correlation, "0.626")
  compare("Pareto/NBD correlation", holdoutPareto.correlation, "0.630")
  print("   by calibration frequency (customers, predicted, actual):")
  for bin in holdoutBG.byFrequency {
    print(String(format: "     x = %-3@ %5d %9.1f %7.0f", bin.label, bin.customers, bin.predicted, bin.actual))
  }

  step(
    7, "Spend and lifetime value",
    """
    The Gamma-Gamma model of spend per purchase, fitted on the repeat buyers' mean repeat
    purchase value, then a 12-month value at a 30 % margin and 10 % a year discount.
    """)
  let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
  compare("p", spend.model.p, "6.25", digits: 2)
  compare("q", spend.model.q, "3.74", digits: 2)
  compare("gamma", spend.model.gamma, "15.44", digits: 2)
  compare("population mean spend", spend.model.populationMeanOrderValue, "35.17", digits: 2)
  let values = LifetimeValue.modelBased(
    purchases: bgnbd.model, spend: spend.model, summaries: summaries, horizonMonths: 12, margin: 0.3,
    discount: DiscountRate(annual: 0.1))
  print(String(format: "   expected margin of all %d customers over 12 months: %.0f USD", summaries.count, values.total))
  print("\nEvery number above is checked against its source in the test suite (Tests/RetentionModelTests).")
}
