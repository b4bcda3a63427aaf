import Foundation
import Testing
import _TestSupport
import RetentionCore

struct CustomerSummariesUnitsTests {
  /// Summaries computed in days and converted to weeks equal the summaries computed in weeks,
  /// field by field and bit for bit (whole days divided by 7 both ways); the holdout length is
  /// a typed span in the summaries' unit.
  @Test(arguments: 0..<5 as Range<UInt64>)
  func dailySummariesConvertToTheWeeklyOnes(seed: UInt64) throws {
    let daily = try FrequencyRecencyDataTests.summaries(seed: seed, unit: .days)
    let weekly = try FrequencyRecencyDataTests.summaries(seed: seed, unit: .weeks)
    #expect(daily.holdoutLength == .days(30))
    #expect(weekly.holdoutLength == .weeks(30.0 / 7))
    let converted = daily.converted(to: .weeks)
    #expect(converted.options == weekly.options)
    #expect(Array(converted) == Array(weekly))
    #expect(converted.holdoutLength == weekly.holdoutLength)
    #expect(converted.compressed() == weekly.compressed())
    #expect(weekly.converted(to: .weeks).options == weekly.options)
  }

  /// Columns built by hand take their holdout length in any unit and store it in theirs.
  @Test func holdoutLengthIsStoredInTheSummariesUnit() {
    let summaries = CustomerSummaries(
      options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks), customerIDs: ["a"],
      frequency: [0], recency: [0], age: [3], monetaryValue: [0], orderCounts: [1], revenue: [5],
      firstOrderTimes: [0], lastOrderTimes: [0], holdoutFrequency: [1], holdoutRevenue: [5], holdoutLength: .days(14))
    #expect(summaries.holdoutLength == .weeks(2))
  }
}
