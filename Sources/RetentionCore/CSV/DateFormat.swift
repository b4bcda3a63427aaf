import Foundation
import _RetentionSupport

/// How a date column is written.
///
/// Times without a UTC offset are read in the importer's time zone (UTC by default); times with
/// an offset (`2022-01-04 01:08:35 -0500`, `2022-01-04T01:08:35Z`) are exact instants.
public enum DateFormat: Sendable, Hashable, Codable {
  /// ISO 8601 date with optional time and offset: `yyyy-MM-dd`, `yyyy-MM-dd HH:mm[:ss[.fff]]`,
  /// `yyyy-MM-ddTHH:mm:ssZ`, `... +01:00`, `... -0500`.
  case iso8601
  /// Day first: `dd-MM-yyyy`, `dd/MM/yyyy` or `dd.MM.yyyy`, with optional ` H:mm[:ss]`.
  case dayMonthYear
  /// Month first (US): `MM/dd/yy H:mm`, `M/d/yyyy`, with optional time.
  case monthDayYear
  /// Compact `yyyyMMdd`.
  case compact
  /// Tries ``iso8601``, then ``compact``, then ``monthDayYear`` for slashes and ``dayMonthYear``
  /// for dashes and dots.
  case automatic

  /// Parses a format name as given on a command line: `iso8601`, `yyyy-MM-dd`, `dd-MM-yyyy`,
  /// `MM/dd/yy H:mm`, `MM/dd/yyyy`, `yyyyMMdd`, `auto`.
  ///
  /// - Parameter name: The format name.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an unknown name.
  public init(name: String) throws {
    switch name.trimmingCharacters(in: .whitespaces).lowercased() {
    case "iso8601", "iso", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd hh:mm": self = .iso8601
    case "dd-mm-yyyy", "dd/mm/yyyy", "dd.mm.yyyy", "dmy": self = .dayMonthYear
    case "mm/dd/yy h:mm", "mm/dd/yy", "mm/dd/yyyy", "m/d/yyyy h:mm", "m/d/yy h:mm", "mdy": self = .monthDayYear
    case "yyyymmdd", "compact": self = .compact
    case "auto", "automatic": self = .automatic
    default:
      throw RetentionCoreError(
        .invalidArgument, field: "date-format",
        reason: "unknown date format \"\(name)\"; use iso8601, dd-MM-yyyy, MM/dd/yy H:mm, yyyyMMdd or auto")
    }
  }

  /// Parses a date field into seconds since 1970-01-01 UTC.
  ///
  /// - Parameters:
  ///   - bytes: The field's bytes.
  ///   - utcOffset: The offset in seconds of times written without one.
  /// - Returns: The instant, or `nil` if the text does not match the format or names an
  ///   impossible date (February 30, month 13, hour 25).
  /// - Complexity: O(*n*) for *n* bytes.
  func seconds(_ bytes: ByteView, utcOffset: Int) -> Double? {
    var scanner = DateScanner(bytes)
    switch self {
    case .iso8601: return Self.iso(&scanner, utcOffset: utcOffset)
    case .compact: return Self.compact(&scanner, utcOffset: utcOffset)
    case .dayMonthYear: return Self.separated(&scanner, dayFirst: true, utcOffset: utcOffset)
    case .monthDayYear: return Self.separated(&scanner, dayFirst: false, utcOffset: utcOffset)
    case .automatic:
      if let value = Self.iso(&scanner, utcOffset: utcOffset) { return value }
      scanner.index = 0
      if let value = Self.compact(&scanner, utcOffset: utcOffset) { return value }
      scanner.index = 0
      let slash = scanner.contains(UInt8(ascii: "/"))
      return Self.separated(&scanner, dayFirst: !slash, utcOffset: utcOffset)
    }
  }

  /// Parses a date written as text into seconds since 1970-01-01 UTC, by the same rules.
  func seconds(_ text: String, utcOffset: Int) -> Double? {
    UTF8Bytes.read(text) { seconds($0, utcOffset: utcOffset) }
  }

  private static func assemble(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0, offset: Int
  ) -> Double? {
    guard CivilCalendar.isValid(year: year, month: month, day: day), hour < 24, minute < 60, second < 61 else {
      return nil
    }
    let days = CivilCalendar.day(year: year, month: month, day: day)
    return Double(days * 86_400 + hour * 3_600 + minute * 60 - offset) + second
  }

  private static func time(_ scanner: inout DateScanner) -> (hour: Int, minute: Int, second: Double)? {
    guard let hour = scanner.number(minimum: 1, maximum: 2), scanner.skip(UInt8(ascii: ":")),
      let minute = scanner.number(minimum: 2, maximum: 2)
    else { return nil }
    var second = 0.0
    if scanner.skip(UInt8(ascii: ":")) {
      guard let whole = scanner.number(minimum: 2, maximum: 2) else { return nil }
      second = Double(whole)
      if scanner.skip(UInt8(ascii: ".")) {
        var scale = 0.1
        while let byte = scanner.current, byte >= 0x30 && byte <= 0x39 {
          second += Double(byte - 0x30) * scale
          scale /= 10
          scanner.index += 1
        }
      }
    }
    return (hour, minute, second)
  }

  /// Reads an optional UTC offset: `Z`, `+01:00`, `-0500`, ` +0100`, `+01`, ` UTC`.
  private static func offset(_ scanner: inout DateScanner, default fallback: Int) -> Int? {
    _ = scanner.skip(UInt8(ascii: " "))
    if scanner.isAtEnd { return fallback }
    if scanner.skip(UInt8(ascii: "Z")) { return scanner.isAtEnd ? 0 : nil }
    if scanner.bytes.count - scanner.index == 3, scanner.current == UInt8(ascii: "U") {
      return scanner.rest == "UTC" ? 0 : nil
    }
    guard let sign = scanner.skip(anyOf: [UInt8(ascii: "+"), UInt8(ascii: "-")]),
      let hours = scanner.number(minimum: 2, maximum: 2)
    else { return nil }
    // `+hh`, `+hhmm` or `+hh:mm`: minutes, when written, are two digits.
    var minutes = 0
    if scanner.skip(UInt8(ascii: ":")) || !scanner.isAtEnd {
      guard let written = scanner.number(minimum: 2, maximum: 2) else { return nil }
      minutes = written
    }
    guard scanner.isAtEnd, hours <= 18, minutes < 60 else { return nil }
    let value = hours * 3_600 + minutes * 60
    return sign == UInt8(ascii: "-") ? -value : value
  }

  private static func iso(_ scanner: inout DateScanner, utcOffset: Int) -> Double? {
    guard let year = scanner.number(minimum: 4, maximum: 4), scanner.skip(UInt8(ascii: "-")),
      let month = scanner.number(minimum: 1, maximum: 2), scanner.skip(UInt8(ascii: "-")),
      let day = scanner.number(minimum: 1, maximum: 2)
    else { return nil }
    if scanner.isAtEnd { return assemble(year: year, month: month, day: day, offset: utcOffset) }
    guard scanner.skip(anyOf: [UInt8(ascii: "T"), UInt8(ascii: " ")]) != nil,
      let (hour, minute, second) = time(&scanner),
      let offset = offset(&scanner, default: utcOffset)
    else { return nil }
    return assemble(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
  }

  private static func compact(_ scanner: inout DateScanner, utcOffset: Int) -> Double? {
    guard scanner.bytes.count == 8, let value = scanner.number(minimum: 8, maximum: 8) else { return nil }
    return assemble(year: value / 10_000, month: value / 100 % 100, day: value % 100, offset: utcOffset)
  }

  private static func separated(_ scanner: inout DateScanner, dayFirst: Bool, utcOffset: Int) -> Double? {
    let separators: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")]
    guard let first = scanner.number(minimum: 1, maximum: 2), let separator = scanner.skip(anyOf: separators),
      let second = scanner.number(minimum: 1, maximum: 2), scanner.skip(separator)
    else { return nil }
    let yearStart = scanner.index
    guard var year = scanner.number(minimum: 2, maximum: 4) else { return nil }
    let yearDigits = scanner.index - yearStart
    if yearDigits == 2 {
      year += year < 70 ? 2000 : 1900
    } else if yearDigits != 4 {
      return nil
    }
    let (day, month) = dayFirst ? (first, second) : (second, first)
    if scanner.isAtEnd { return assemble(year: year, month: month, day: day, offset: utcOffset) }
    guard scanner.skip(UInt8(ascii: " ")), let (hour, minute, seconds) = time(&scanner),
      let offset = offset(&scanner, default: utcOffset)
    else { return nil }
    return assemble(year: year, month: month, day: day, hour: hour, minute: minute, second: seconds, offset: offset)
  }
}
