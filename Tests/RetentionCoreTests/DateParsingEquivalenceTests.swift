import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The byte-level date parser (`DateFormat.seconds`) against a plain reference: regular
/// expressions for the layouts and Foundation's Gregorian calendar for the instants, on random
/// and edge-case text.
struct DateParsingEquivalenceTests {
  private static let utc = TimeZone(secondsFromGMT: 0)!

  /// Foundation's calendar, proleptic Gregorian from 1583 on (it switches to the Julian calendar
  /// before October 1582, which the SDK does not: earlier years are checked by
  /// `civilDaysRoundTripOverTenThousandYears`).
  private static func referenceDay(year: Int, month: Int, day: Int) -> Double? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = utc
    guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
    let back = calendar.dateComponents([.year, .month, .day], from: date)
    guard back.year == year, back.month == month, back.day == day else { return nil }
    return date.timeIntervalSince1970
  }

  private static func match(_ expression: NSRegularExpression, _ text: String) -> [String?]? {
    guard let result = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
    return (0..<result.numberOfRanges).map { Range(result.range(at: $0), in: text).map { String(text[$0]) } }
  }

  private static let time = "(?:([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]*))?)?)"
  private static let offset = "(?: ?(Z|UTC|[+-][0-9]{2}(?::?[0-9]{2})?))?"
  private static let isoLayout = try! NSRegularExpression(
    pattern: "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]\(time)\(offset))?$")
  private static let compactLayout = try! NSRegularExpression(pattern: "^[0-9]{8}$")
  private static let separatedLayout = try! NSRegularExpression(
    pattern: "^([0-9]{1,2})([-/.])([0-9]{1,2})\\2([0-9]{2}|[0-9]{4})(?: \(time)\(offset))?$")

  /// The offset in seconds of `Z`, `UTC`, `+hh`, `+hhmm`, `+hh:mm`, or `nil` beyond 18 hours.
  private static func referenceOffset(_ text: String?, default fallback: Int) -> Int? {
    guard let text else { return fallback }
    if text == "Z" || text == "UTC" { return 0 }
    let digits = text.dropFirst().filter { $0 != ":" }
    let hours = Int(digits.prefix(2))!, minutes = digits.count == 4 ? Int(digits.suffix(2))! : 0
    guard hours <= 18, minutes < 60 else { return nil }
    return (text.first == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
  }

  private static func instant(
    year: Int, month: Int, day: Int, groups: ArraySlice<String?>, utcOffset: Int
  ) -> Double? {
    guard let midnight = referenceDay(year: year, month: month, day: day) else { return nil }
    guard let hourText = groups.first ?? nil else { return midnight - Double(utcOffset) }
    let values = Array(groups)
    let hour = Int(hourText)!, minute = Int(values[1]!)!
    let second = values[2].map { Double($0)! + (values[3].map { Double("0." + $0 + "0")! } ?? 0) } ?? 0
    guard hour < 24, minute < 60, second < 61, let offset = referenceOffset(values[4], default: utcOffset) else { return nil }
    return midnight + Double(hour * 3_600 + minute * 60 - offset) + second
  }

  /// The reference parser: the rules of `DateFormat` as regular expressions over the trimmed text.
  static func referenceSeconds(_ raw: String, _ format: DateFormat, utcOffset: Int) -> Double? {
    let text = String(raw.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    func iso() -> Double? {
      guard let groups = match(isoLayout, text) else { return nil }
      return instant(
        year: Int(groups[1]!)!, month: Int(groups[2]!)!, day: Int(groups[3]!)!, groups: groups[4...], utcOffset: utcOffset)
    }
    func compact() -> Double? {
      guard match(compactLayout, text) != nil, let value = Int(text) else { return nil }
      return instant(year: value / 10_000, month: value / 100 % 100, day: value % 100, groups: [nil], utcOffset: utcOffset)
    }
    func separated(dayFirst: Bool) -> Double? {
      guard let groups = match(separatedLayout, text) else { return nil }
      var year = Int(groups[4]!)!
      if groups[4]!.count == 2 { year += year < 70 ? 2000 : 1900 }
      let first = Int(groups[1]!)!, second = Int(groups[3]!)!
      return instant(
        year: year, month: dayFirst ? second : first, day: dayFirst ? first : second, groups: groups[5...],
        utcOffset: utcOffset)
    }
    switch format {
    case .iso8601: return iso()
    case .compact: return compact()
    case .dayMonthYear: return separated(dayFirst: true)
    case .monthDayYear: return separated(dayFirst: false)
    case .automatic: return iso() ?? compact() ?? separated(dayFirst: !text.contains("/"))
    }
  }

  private static func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// A random date text in one of the layouts, from components that are sometimes impossible
  /// (month 13, day 31 of a short month, hour 24, minute 60, an offset beyond 18 hours).
  static func randomText(_ generator: inout SplitMix64) -> String {
    func next(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
    let year = next(1583...9999), month = next(0...13), day = next(0...32)
    var time = ""
    if next(0...2) > 0 {
      time = "\(next(0...1) == 0 ? String(next(0...24)) : padded(next(0...24), 2)):\(padded(next(0...60), 2))"
      if next(0...1) == 0 { time += ":" + padded(next(0...61), 2) }
      if time.count > 5 && next(0...2) == 0 { time += "." + String(next(0...999_999)) }
      switch next(0...7) {
      case 0: time += "Z"
      case 1: time += " UTC"
      case 2: time += (next(0...1) == 0 ? " " : "") + (next(0...1) == 0 ? "+" : "-") + padded(next(0...19), 2) + padded(next(0...60), 2)
      case 3: time += (next(0...1) == 0 ? "+" : "-") + padded(next(0...19), 2) + ":" + padded(next(0...59), 2)
      case 4: time += "+" + padded(next(0...19), 2)
      default: break
      }
    }
    let separator = ["-", "/", "."][next(0...2)]
    let shortYear = padded(year % 100, 2)
    switch next(0...3) {
    case 0: return "\(padded(year, 4))-\(padded(month, next(1...2)))-\(padded(day, next(1...2)))" + (time.isEmpty ? "" : (next(0...1) == 0 ? "T" : " ") + time)
    case 1: return "\(padded(year, 4))\(padded(month, 2))\(padded(day, 2))"
    case 2: return "\(padded(day, next(1...2)))\(separator)\(padded(month, next(1...2)))\(separator)\(next(0...1) == 0 ? shortYear : String(year))" + (time.isEmpty ? "" : " " + time)
    default: return "\(month)\(separator)\(day)\(separator)\(next(0...1) == 0 ? shortYear : String(year))" + (time.isEmpty ? "" : " " + time)
    }
  }

  private static let formats: [DateFormat] = [.iso8601, .compact, .dayMonthYear, .monthDayYear, .automatic]

  private static func agree(_ text: String, utcOffset: Int) -> Bool {
    formats.allSatisfy { format in
      let fast = format.seconds(text, utcOffset: utcOffset)
      let reference = referenceSeconds(text, format, utcOffset: utcOffset)
      guard let fast, let reference else { return fast == nil && reference == nil }
      // Fractions of a second are summed digit by digit in one and parsed whole in the other.
      return abs(fast - reference) <= 1e-6
    }
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func randomDatesAgreeWithTheReference(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var parsed = 0
    for _ in 0..<1_000 {
      let text = Self.randomText(&generator)
      let offset = [0, 3_600, -18_000][Int(generator.next() % 3)]
      #expect(Self.agree(text, utcOffset: offset), "\(text.debugDescription) offset \(offset)")
      if DateFormat.automatic.seconds(text, utcOffset: 0) != nil { parsed += 1 }
    }
    // Both valid and invalid texts were drawn.
    #expect(parsed > 100 && parsed < 900)
  }

  @Test(arguments: [
    "", " ", "2011-12-09", " 2011-12-09 ", "2011-1-9", "2011-12-09T", "2011-12-09 1:05", "2011-12-09 1:5",
    "2011-12-09 12:50:00.", "2011-12-09 12:50:60", "2011-12-09 12:50:61", "2011-12-09 23:59:59.999",
    "2011-12-09 12:50 +0100", "2011-12-09 12:50+01:00", "2011-12-09 12:50 +01", "2011-12-09 12:50 +015",
    "2011-12-09 12:50 +01:", "2011-12-09 12:50 +1900", "2011-12-09 12:50 +1860", "2011-12-09 12:50 Z ",
    "2011-12-09 12:50 UTCX", "2011-12-09 12:50  +0100", "20111-12-09", "0000-01-01", "9999-12-31", "2012-02-29",
    "1900-02-29", "2000-02-29", "20110229", "2011022", "12/9/11 1:05", "12/9/2011", "9.12.2011 13:00",
    "09-12-11", "1/2/201", "1/2/20113", "12-09/2011", "12/9/2011 12:50Z", "13/13/2013", "31.04.2011",
  ])
  func edgeCasesAgreeWithTheReference(_ text: String) {
    #expect(Self.agree(text, utcOffset: 0))
    #expect(Self.agree(text, utcOffset: 7_200))
  }

  /// Day numbers and dates convert both ways over all four-digit years, also before 1583
  /// where Foundation's calendar is Julian: each day is the day after the one before it.
  @Test func civilDaysRoundTripOverTenThousandYears() {
    var expectedDay = CivilCalendar.day(year: 1, month: 1, day: 1)
    var mismatches: [String] = []
    for year in 1...9999 {
      for month in 1...12 {
        for day in 1...31 where CivilCalendar.isValid(year: year, month: month, day: day) {
          let number = CivilCalendar.day(year: year, month: month, day: day)
          let back = CivilCalendar.date(ofDay: number)
          if number != expectedDay || back != (year, month, day) { mismatches.append("\(year)-\(month)-\(day)") }
          expectedDay += 1
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    // 1970-01-01 is day 0; 2000-03-01 is day 11017 (date -u -d 2000-03-01 +%s, divided by 86400).
    #expect(CivilCalendar.day(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilCalendar.day(year: 2000, month: 3, day: 1) == 11_017)
    #expect(isoDay(11_017) == "2000-03-01" && isoDay(-1) == "1969-12-31")
  }
}
