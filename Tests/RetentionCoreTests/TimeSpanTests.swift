import Foundation
import Testing
import _TestSupport
import RetentionCore

struct TimeSpanTests {
  /// A span asked for in its own unit is its value, bit for bit, so typed horizons cannot move a
  /// published number; in the other unit it converts at seven days a week, exactly as the
  /// summaries divide days by 7.
  @Test(arguments: [0, 1, 13, 39, 52, 78, 0.1429, 31.8571, 1e-9, 1e9] as [Double])
  func ownUnitIsExactAndWeeksAreSevenDays(value: Double) {
    #expect(TimeSpan.weeks(value).periods(in: .weeks).bitPattern == value.bitPattern)
    #expect(TimeSpan.days(value).periods(in: .days).bitPattern == value.bitPattern)
    #expect(TimeSpan.days(value).periods(in: .weeks).bitPattern == (value / 7).bitPattern)
    #expect(TimeSpan.weeks(value).periods(in: .days).bitPattern == (value * 7).bitPattern)
    #expect(TimeSpan.weeks(value).days == value * 7)
    #expect(TimeUnit.days.converting(value, to: .weeks) == TimeUnit.weeks.periods(days: value))
  }

  @Test func wholeWeeksOfDaysConvertBothWays() {
    // 273 days are the 39 holdout weeks of CDNOW; 364 days are 52 weeks.
    #expect(TimeSpan.days(273).periods(in: .weeks) == 39)
    #expect(TimeSpan.days(364).converted(to: .weeks) == .weeks(52))
    #expect(TimeSpan.weeks(39).converted(to: .days) == .days(273))
    #expect(TimeSpan.weeks(39).converted(to: .weeks) == .weeks(39))
  }

  /// Equality compares what was written; lengths compare through `days`.
  @Test func equalityIsByValueAndUnit() {
    #expect(TimeSpan.days(7) != TimeSpan.weeks(1))
    #expect(TimeSpan.days(7).days == TimeSpan.weeks(1).days)
    #expect(TimeSpan(30, unit: .days) == .days(30))
    #expect(Set([TimeSpan.days(7), .weeks(1), .days(7)]).count == 2)
  }

  @Test func descriptionNamesTheUnit() {
    #expect(TimeSpan.days(30).description == "30 days")
    #expect(TimeSpan.weeks(4.5).description == "4.5 weeks")
    #expect("\(TimeSpan.weeks(0))" == "0 weeks")
  }

  @Test func codableRoundTripKeepsTheUnit() throws {
    for span in [TimeSpan.days(30), .weeks(39), .weeks(30.0 / 7), .days(0)] {
      let data = try JSONEncoder().encode(span)
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(object["unit"] as? String == span.unit.rawValue)
      #expect(try JSONDecoder().decode(TimeSpan.self, from: data) == span)
    }
  }

  /// Bad JSON is bad data: a thrown `DecodingError`, never a trap or a guessed unit.
  @Test(arguments: [
    #"{"value": 30}"#, #"{"unit": "days"}"#, #"{"value": 30, "unit": "months"}"#,
    #"{"value": -1, "unit": "days"}"#, #"{"value": 1e400, "unit": "weeks"}"#, #"30"#,
  ])
  func decodingRejectsSpansWithoutAValidUnitOrLength(json: String) {
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(TimeSpan.self, from: Data(json.utf8)) }
  }
}
