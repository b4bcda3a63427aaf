import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The BG/BB on a daily calendar: the day patterns of summaries in any unit, the holdout and
/// tracking predictions against plain sums, and data that are not discrete-time.
struct BGBBDailyCalendarTests {
  static let model = BGBBModel(alpha: 0.3, beta: 40, gamma: 0.6, delta: 150)

  @Test func weeksAndDaysGiveTheSamePatterns() throws {
    let log = try CDNOWFixtures.sampleLog()
    let end = CDNOWFixtures.date("1998-06-30"), calibrationEnd = CDNOWFixtures.date("1997-09-30")
    let weeks = log.summaries(SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks))
    let days = log.summaries(SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .days))
    let fromWeeks = try BGBBModel.dailyCalendar(weeks), fromDays = try BGBBModel.dailyCalendar(days)
    #expect(fromWeeks.x == fromDays.x && fromWeeks.tx == fromDays.tx && fromWeeks.n == fromDays.n)
    // Customer 1 of the sample: first purchase 1997-01-01, T = 272 days (REFERENCES.md).
    #expect(fromDays.n.first == 272)
    // REFERENCES.md: 2,457 calibration repeat purchases.
    #expect(fromDays.x.reduce(0, +) == 2_457)
    let patterns = BGBBModel.patterns(of: fromDays)
    #expect(patterns.customerCount == 2_357)
    #expect(
      Set(zip(zip(patterns.frequency, patterns.recency), patterns.opportunities).map { "\($0.0)-\($0.1)-\($1)" }).count
        == patterns.patternCount)
  }

  @Test func holdoutPredictionIsTheConditionalExpectationOfEachCustomer() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    let calendar = try BGBBModel.dailyCalendar(summaries)
    let report = try Self.model.dailyHoldoutReport(summaries, calendar: calendar)
    // Plain sum over customers: 273 holdout days (1997-10-01 ... 1998-06-30).
    var total = 0.0
    for index in calendar.x.indices {
      total += Self.model.conditionalExpectedPurchases(
        withinOpportunities: 273, frequency: calendar.x[index], recency: calendar.tx[index],
        opportunities: calendar.n[index])
    }
    #expect(report.predicted.isApproximatelyEqual(to: total, relativeTolerance: 1e-12))
    #expect(report.actual == 1_882 && report.holdoutLength == .weeks(39))
  }

  @Test func trackingPredictionIsASumOverCustomers() {
    let starts: [Double] = [0, 0, 1.5, 3]
    let times: [Double] = [1, 2, 4]
    let predicted = Self.model.expectedCumulativeRepeatPurchases(firstPurchases: starts, at: times, unit: .weeks)
    for (time, value) in zip(times, predicted) {
      let plain = starts.filter { $0 < time }.reduce(0.0) {
        $0 + Self.model.expectedPurchases(withinOpportunities: Int(((time - $1) * 7).rounded()))
      }
      #expect(value.isApproximatelyEqual(to: plain, relativeTolerance: 1e-12))
    }
  }

  @Test func summariesOffTheDayGridAreNotDiscreteTime() throws {
    // Summaries from elsewhere with t_x = 1.3 weeks (9.1 days).
    let options = SummaryOptions(observationEnd: Date(timeIntervalSince1970: 100 * 86_400), unit: .weeks)
    let csv = """
      customer_id,frequency,recency,age,monetary_value,orders,revenue,first_order,last_order
      a,1,1.3,5,10,2,20,0,786240
      b,0,0,4,0,1,5,0,0
      """
    let summaries = try CustomerSummaries(sqlResultCSV: Array(csv.utf8), options: options)
    let error = #expect(throws: RetentionModelError.self) { try BGBBModel.dailyCalendar(summaries) }
    #expect(error?.code == .invalidData && error?.row == 0)
    #expect(error?.reason.contains("customer a: t_x = 1.3 weeks is not a whole number of days") == true)
    // In a comparison the BG/BB says why it does not apply; the continuous models are fitted.
    let comparison = try ModelComparison(summaries, candidates: [.nbd, .bgbb])
    let bgbb = try #require(comparison.entries.last)
    #expect(bgbb.logLikelihood == nil && !bgbb.isIdentified && bgbb.unidentifiedReason == "not fitted")
    #expect(bgbb.notes.first?.hasPrefix("not applicable: customer a: t_x = 1.3 weeks") == true)
    #expect(comparison.entries.first?.logLikelihood != nil)
  }
}
