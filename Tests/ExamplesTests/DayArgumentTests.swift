import Foundation
import Testing
import _CommandLineSupport
import _TestSupport

/// The programs' `YYYY-MM-DD` arguments (`parseDay`, `formatDay`, read with the SDK's civil
/// calendar) against Foundation's Gregorian calendar in UTC, the plain reference, from the
/// first full year of the Gregorian calendar (1583; Foundation's calendar is Julian before its
/// start) to 9999.
struct DayArgumentTests {
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    return calendar
  }()

  /// Foundation's reading: the start of the day in UTC, or `nil` when the day does not exist.
  static func reference(year: Int, month: Int, day: Int) -> Date? {
    guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
      calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
    else { return nil }
    return date
  }

  static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func daysReadAndWriteAsFoundationsCalendar(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    for _ in 0..<500 {
      let year = Int.random(in: 1583...9999, using: &generator)
      // Days 0 to 32 and months 0 to 13: impossible dates too.
      let month = Int.random(in: 0...13, using: &generator)
      let day = Int.random(in: 0...32, using: &generator)
      let text = Self.text(year, month, day)
      let expected = Self.reference(year: year, month: month, day: day)
      #expect(parseDay(text) == expected, "\(text)")
      if let expected {
        #expect(formatDay(expected) == text)
        // Any time of the day is written as its day.
        #expect(formatDay(expected.addingTimeInterval(86_399.5)) == text)
      }
    }
  }

  @Test func edgeDays() {
    #expect(parseDay("1970-01-01") == Date(timeIntervalSince1970: 0))
    #expect(parseDay("2000-02-29") == Date(timeIntervalSince1970: 951_782_400))  // date -u -d 2000-02-29 +%s
    #expect(parseDay("1900-02-29") == nil)
    #expect(parseDay("97-01-01") == nil)
    #expect(parseDay("1997-1-1") == Self.reference(year: 1997, month: 1, day: 1))
    #expect(parseDay("1997-01-01-") == Self.reference(year: 1997, month: 1, day: 1))  // split drops the empty part
    #expect(parseDay("1997-01") == nil)
    #expect(parseDay("") == nil)
    #expect(formatDay(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    #expect(formatDay(Date(timeIntervalSince1970: 253_402_214_400)) == "9999-12-31")  // date -u -d 9999-12-31 +%s
  }
}
