import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Typed horizons and units carried by the data (issue 16, step 4): a model answers in its own
/// unit whatever unit the question is asked in, and data in another unit are converted, never
/// read as if they were in the model's.
struct RepeatPurchaseModelHorizonsTests {
  /// The CDNOW estimates of FHL (2005) and the R BTYD walkthrough, in weeks.
  static let weeklyModels: [any RepeatPurchaseModel] = [
    BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks),
    MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks),
    ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks),
    NBDModel(r: 0.385, alpha: 12.072, unit: .weeks),
  ]

  /// The same models written in days: a rate of λ a week is λ/7 a day, so the gamma scales α
  /// (and the Pareto/NBD's dropout scale β) are seven times larger; the shapes do not change.
  static let dailyTwins: [any RepeatPurchaseModel] = [
    BGNBDModel(r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426, unit: .days),
    MBGNBDModel(r: 0.525, alpha: 6.183 * 7, a: 0.891, b: 1.614, unit: .days),
    ParetoNBDModel(r: 0.553, alpha: 10.578 * 7, s: 0.606, beta: 11.669 * 7, unit: .days),
    NBDModel(r: 0.385, alpha: 12.072 * 7, unit: .days),
  ]

  /// The bug: a weekly model asked for 30 days used to answer for 30 weeks. Now 30 days
  /// are 30/7 weeks, bit for bit, in every question that takes a horizon.
  @Test(arguments: 0..<4)
  func aWeeklyModelAskedForDaysAnswersForThatManyDays(index: Int) {
    let model = Self.weeklyModels[index]
    let days = TimeSpan.days(30), weeks = TimeSpan.weeks(30.0 / 7)
    #expect(model.expectedPurchases(within: days) == model.expectedPurchases(within: weeks))
    #expect(model.expectedPurchases(within: days) == model.expectedPurchases(withinPeriods: 30.0 / 7))
    for n in 0..<4 {
      #expect(model.probabilityOfPurchases(n, within: days) == model.probabilityOfPurchases(n, within: weeks))
    }
    for (x, tx, t) in [(0.0, 0.0, 38.86), (2, 30.43, 38.86), (26, 30.857143, 31)] {
      #expect(
        model.conditionalExpectedPurchases(within: days, frequency: x, recency: tx, age: t)
          == model.conditionalExpectedPurchases(within: weeks, frequency: x, recency: tx, age: t))
      #expect(
        model.probabilityOfNoPurchase(within: days, frequency: x, recency: tx, age: t)
          == model.probabilityOfNoPurchase(within: weeks, frequency: x, recency: tx, age: t))
    }
    #expect(
      model.probabilityOfSecondPurchase(within: days, age: .days(21))
        == model.probabilityOfSecondPurchase(within: weeks, age: .weeks(3)))
    #expect(
      model.expectedRepeatBuyers(among: 1_000, within: days) == model.expectedRepeatBuyers(among: 1_000, within: weeks))
    // The old mistake answered for 30 weeks: seven times the horizon, several times the purchases.
    #expect(model.expectedPurchases(within: .weeks(30)) > 3 * model.expectedPurchases(within: days))
  }

  /// The published CDNOW figures, asked in weeks and in days, agree with each other exactly
  /// and with the references (REFERENCES.md; tolerances as in BGNBDModelTests).
  @Test func publishedCDNOWFiguresAgreeInDaysAndWeeks() {
    let published = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    // A new customer over the 39 holdout weeks (273 days): no repeat purchase with P 0.5737864
    // (R BTYD, 7 decimals).
    for horizon in [TimeSpan.weeks(39), .days(273)] {
      #expect(
        published.probabilityOfPurchases(0, within: horizon).isApproximatelyEqual(
          to: 0.5737864, absoluteTolerance: 5e-8))
    }
    #expect(published.expectedPurchases(within: .days(273)) == published.expectedPurchases(within: .weeks(39)))
    // Customer 1 (x 2, t_x 30.43, T 38.86) over the holdout: 1.226 (Hardie, FHL 2005 Sec. 5).
    let optimum = BGNBDModelTests.summaryOptimum
    for horizon in [TimeSpan.weeks(39), .days(273)] {
      let value = optimum.conditionalExpectedPurchases(within: horizon, frequency: 2, recency: 30.43, age: 38.86)
      #expect(abs(value - 1.226) <= 5e-4)
      #expect(value.isApproximatelyEqual(to: 1.22591048434, relativeTolerance: 1e-10))
    }
    // A new customer over a year of 52 weeks (364 days): 1.444004 (R BTYD walkthrough).
    for horizon in [TimeSpan.weeks(52), .days(364)] {
      #expect(
        BGNBDModelTests.transactionOptimum.expectedPurchases(within: horizon)
          .isApproximatelyEqual(to: 1.444004, relativeTolerance: 1e-4))
    }
  }

  /// A model written in days and the same model in weeks answer every typed question alike.
  @Test(arguments: 0..<4)
  func dailyAndWeeklyTwinsAgree(index: Int) throws {
    let weekly = Self.weeklyModels[index], daily = Self.dailyTwins[index]
    for horizon in [TimeSpan.days(30), .weeks(13), .weeks(52), .days(1)] {
      // 1e-12: α + t in days is 7(α + t) in weeks, rounded once more.
      #expect(
        daily.expectedPurchases(within: horizon)
          .isApproximatelyEqual(to: weekly.expectedPurchases(within: horizon), relativeTolerance: 1e-12))
      #expect(
        daily.probabilityOfSecondPurchase(within: horizon, age: .weeks(4))
          .isApproximatelyEqual(
            to: weekly.probabilityOfSecondPurchase(within: horizon, age: .weeks(4)), relativeTolerance: 1e-12))
    }
    let summaries = try CDNOWFixtures.sampleSummaries()
    let weeklyScores = weekly.scores(summaries, within: .weeks(39))
    let dailyScores = daily.scores(summaries, within: .weeks(39))
    for position in stride(from: 0, to: summaries.count, by: 41) {
      #expect(
        dailyScores.expectedPurchases[position].isApproximatelyEqual(
          to: weeklyScores.expectedPurchases[position], absoluteTolerance: 1e-300, relativeTolerance: 1e-11))
    }
  }

  /// Summaries in days given to a weekly model are converted once: the numbers are those of the
  /// weekly summaries, bit for bit, for scoring, buyers, the holdout and the likelihood.
  @Test func dailySummariesOnAWeeklyModelGiveTheWeeklyNumbers() throws {
    let log = try CDNOWFixtures.sampleLog()
    let weekly = try CDNOWFixtures.sampleSummaries()
    let daily = log.summaries(
      SummaryOptions(
        observationEnd: CDNOWFixtures.date("1998-06-30"), calibrationEnd: CDNOWFixtures.date("1997-09-30"), unit: .days)
    )
    #expect(daily.holdoutLength == .days(273))
    for model in Self.weeklyModels {
      #expect(model.scores(daily, within: .weeks(39)) == model.scores(weekly, within: .weeks(39)))
      #expect(model.expectedBuyers(daily, within: .days(90)) == model.expectedBuyers(weekly, within: .days(90)))
      let fromDays = try model.holdoutReport(daily), fromWeeks = try model.holdoutReport(weekly)
      #expect(fromDays.predicted == fromWeeks.predicted && fromDays.correlation == fromWeeks.correlation)
      #expect(fromDays.holdoutLength == .days(273) && fromWeeks.holdoutLength == .weeks(39))
    }
    let bgnbd = BGNBDModelTests.transactionOptimum
    #expect(try bgnbd.logLikelihood(of: daily.compressed()) == bgnbd.logLikelihood(of: weekly.compressed()))
    // Columns say their unit too.
    let columns = bgnbd.scores(
      frequency: daily.frequency, recency: daily.recency, age: daily.age, unit: .days, within: .weeks(39))
    #expect(columns.expectedPurchases == bgnbd.scores(weekly, within: .weeks(39)).expectedPurchases)
  }

  /// A fit records the unit of its data. On daily summaries the BG/NBD finds the weekly shapes
  /// and seven times the weekly α; its log-likelihood is lower by Σx ln 7 (each repeat purchase
  /// time is a density per day instead of per week, FHL 2005 eq. 6 with α and T scaled by 7);
  /// asked for weeks it predicts what the weekly fit predicts.
  @Test func aFitOnDailyDataIsADailyModelOfTheSameCustomers() throws {
    let orders = try CDNOWFixtures.sampleLog()
    let weeklySummaries = try CDNOWFixtures.sampleSummaries()
    let dailySummaries = orders.summaries(
      SummaryOptions(
        observationEnd: CDNOWFixtures.date("1998-06-30"), calibrationEnd: CDNOWFixtures.date("1997-09-30"), unit: .days)
    )
    let weekly = try BGNBDModel.fit(weeklySummaries.compressed())
    let daily = try BGNBDModel.fit(dailySummaries.compressed())
    #expect(weekly.unit == .weeks && weekly.model.unit == .weeks)
    #expect(daily.unit == .days && daily.model.unit == .days)
    // The optimiser stops at its gradient tolerance: parameters to 1e-4 relative.
    #expect(daily.parameters.alpha.isApproximatelyEqual(to: 7 * weekly.parameters.alpha, relativeTolerance: 1e-4))
    for (d, w) in [
      (daily.parameters.r, weekly.parameters.r), (daily.parameters.a, weekly.parameters.a),
      (daily.parameters.b, weekly.parameters.b),
    ] {
      #expect(d.isApproximatelyEqual(to: w, relativeTolerance: 1e-4))
    }
    // 2,457 calibration repeat purchases (REFERENCES.md).
    #expect(
      daily.logLikelihood.isApproximatelyEqual(to: weekly.logLikelihood - 2_457 * log(7), absoluteTolerance: 1e-3))
    for horizon in [TimeSpan.weeks(39), .days(30)] {
      #expect(
        daily.model.expectedPurchases(within: horizon)
          .isApproximatelyEqual(to: weekly.model.expectedPurchases(within: horizon), relativeTolerance: 1e-4))
    }
    let dailyReport = try daily.model.holdoutReport(dailySummaries)
    let weeklyReport = try weekly.model.holdoutReport(weeklySummaries)
    #expect(dailyReport.predicted.isApproximatelyEqual(to: weeklyReport.predicted, relativeTolerance: 1e-4))
  }

  /// The tracking series counts periods of the summaries' unit and predicts in the model's: a
  /// weekly model tracked day by day gives, at the end of each seventh day, its weekly numbers.
  @Test func trackingDayByDayWithAWeeklyModel() throws {
    let log = try CDNOWFixtures.sampleLog()
    let weeklySummaries = try CDNOWFixtures.sampleSummaries()
    let dailySummaries = weeklySummaries.converted(to: .days)
    let origin = CDNOWFixtures.date("1997-01-01")
    let model = BGNBDModelTests.transactionOptimum
    let weeks = model.trackingSeries(log, summaries: weeklySummaries, origin: origin, periods: 78)
    let days = model.trackingSeries(log, summaries: dailySummaries, origin: origin, periods: 546)
    #expect(weeks.unit == .weeks && days.unit == .days)
    #expect(days.calibrationPeriods == 273 && weeks.calibrationPeriods == 39)
    for week in 1...78 {
      #expect(days.actual?[7 * week - 1] == weeks.actual?[week - 1])
      // 1e-12: τ − s is (7k − 1 − d)/7 in one order of operations and (7k − 1)/7 − d/7 in the other.
      #expect(
        days.predicted[7 * week - 1].isApproximatelyEqual(to: weeks.predicted[week - 1], relativeTolerance: 1e-12))
    }
  }

  /// A simulation design in days draws, from a weekly model, the base its weekly design draws.
  @Test func simulationDesignsConvertToTheModelsUnit() {
    let model = Self.weeklyModels[0]
    var first = SplitMix64(seed: 3), second = SplitMix64(seed: 3)
    let inWeeks = model.simulateCustomerBase(
      SimulationDesign(
        customers: 300, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(39), observationEnd: .weeks(78),
        resolution: .days(1)), using: &first)
    let inDays = model.simulateCustomerBase(
      SimulationDesign(
        customers: 300, acquisitionSpan: .days(84), calibrationEnd: .days(273), observationEnd: .days(546),
        resolution: .days(1)), using: &second)
    #expect(inDays.unit == .weeks && inWeeks.unit == .weeks)
    #expect(inDays.purchaseTimes == inWeeks.purchaseTimes)
    #expect(inDays.compressed() == inWeeks.compressed())
    #expect(inDays.compressed().unit == .weeks)
    let summaries = inDays.customerSummaries(start: Date(timeIntervalSince1970: 0))
    #expect(summaries.options.unit == .weeks && summaries.holdoutLength == .weeks(39))
  }
}
