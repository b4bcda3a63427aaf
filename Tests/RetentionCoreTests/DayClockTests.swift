import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct DayClockTests {
  /// isoDate agrees with Foundation's formatter over four centuries of days (leap years, 1900,
  /// 2000, negative day numbers) in UTC and in a fixed offset.
  @Test func isoDatesMatchISO8601DateFormatter() {
    for offset in [0, -5 * 3_600] {
      let zone = TimeZone(secondsFromGMT: offset)!
      let clock = DayClock(timeZone: zone)
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withFullDate]
      formatter.timeZone = zone
      for day in stride(from: -80_000, to: 80_000, by: 37) {
        let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 43_210)
        #expect(clock.isoDate(of: date) == formatter.string(from: date))
      }
    }
  }
}
