import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct DateFormatTests {
  private func seconds(_ text: String, _ format: DateFormat, offset: Int = 0) -> Double? {
    format.seconds(text, utcOffset: offset)
  }

  @Test func parsesEveryDocumentedLayout() {
    // 2011-12-09 12:50:00 UTC = 1323435000 (date -u -d '2011-12-09 12:50' +%s).
    #expect(seconds("2011-12-09 12:50:00", .iso8601) == 1_323_435_000)
    #expect(seconds("2011-12-09T12:50:00Z", .iso8601) == 1_323_435_000)
    #expect(seconds("2011-12-09 13:50:00 +0100", .iso8601) == 1_323_435_000)
    #expect(seconds("2011-12-09T07:50:00-05:00", .iso8601) == 1_323_435_000)
    #expect(seconds("12/9/2011 12:50", .monthDayYear) == 1_323_435_000)
    #expect(seconds("12/09/11 12:50", .monthDayYear) == 1_323_435_000)
    #expect(seconds("09-12-2011", .dayMonthYear) == 1_323_388_800)
    #expect(seconds("20111209", .compact) == 1_323_388_800)
    #expect(seconds("2011-12-09", .automatic) == 1_323_388_800)
    #expect(seconds("12/9/2011 12:50", .automatic) == 1_323_435_000)
  }

  @Test func readsLocalTimesInTheGivenOffset() {
    #expect(seconds("2011-12-09 13:50:00", .iso8601, offset: 3_600) == 1_323_435_000)
  }

  @Test(arguments: ["2011-02-30", "2011-13-01", "2011-12-09 25:00", "20110229", "31-04-2011", "yesterday", "", "2011-12-09 12:50 +99"])
  func rejectsImpossibleOrMalformedDates(_ text: String) {
    let format: DateFormat = text.contains("-") && text.first == "3" ? .dayMonthYear : .automatic
    #expect(seconds(text, format) == nil)
  }

  @Test func acceptsLeapDays() {
    #expect(seconds("2012-02-29", .iso8601) != nil)
    #expect(seconds("2000-02-29", .iso8601) != nil)
    #expect(seconds("1900-02-29", .iso8601) == nil)
  }

  @Test func namesFormatsAsOnTheCommandLine() throws {
    #expect(try DateFormat(name: "dd-MM-yyyy") == .dayMonthYear)
    #expect(try DateFormat(name: "MM/dd/yy H:mm") == .monthDayYear)
    #expect(try DateFormat(name: "yyyyMMdd") == .compact)
    #expect(throws: RetentionCoreError.self) { try DateFormat(name: "dd/MMM") }
  }
}
