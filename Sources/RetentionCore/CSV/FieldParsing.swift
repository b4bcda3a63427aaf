import Foundation

/// Parsers of numbers and dates straight from bytes, without `NumberFormatter` or
/// `DateFormatter` in the hot path.
enum FieldParsing {
  /// Parses a decimal number (`-12.50`, `3`, `1e-3`, ` 7 `), or returns `nil`.
  ///
  /// NaN and infinities are returned as such (the caller rejects them with a clear reason).
  static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0, end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    guard start < end else { return nil }
    var index = start
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0, fractionDigits = 0
    var sawPoint = false
    while index < end {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        if digits < 18 {
          mantissa = mantissa * 10 + UInt64(byte - 0x30)
          digits += 1
          if sawPoint { fractionDigits += 1 }
        } else {
          return slowDouble(bytes, start, end)
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        return slowDouble(bytes, start, end)
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    // One division of two exact doubles is correctly rounded: the mantissa must be exact (at most
    // 2^53) and the power of ten too (at most 1e22). Longer numbers take the slow, exact path.
    guard mantissa <= 1 << 53 else { return slowDouble(bytes, start, end) }
    var value = Double(mantissa)
    if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    let lowered = text.lowercased()
    if lowered == "nan" || lowered == "-nan" { return .nan }
    if lowered == "inf" || lowered == "infinity" || lowered == "+inf" { return .infinity }
    if lowered == "-inf" || lowered == "-infinity" { return -.infinity }
    // Double(String) accepts exactly the decimal and exponent forms, nothing else.
    guard !lowered.contains("x"), let value = Double(text) else { return nil }
    return value
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days-from-civil).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1, (1...9999).contains(year) else { return false }
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return day <= (month == 2 && leap ? 29 : lengths[month - 1])
  }
}

/// A cursor over the bytes of a date field.
struct DateScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
    var start = 0
    while start < end && bytes[start] == 0x20 { start += 1 }
    self.bytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  var isAtEnd: Bool { index >= bytes.count }
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Reads between `minimum` and `maximum` digits.
  mutating func number(minimum: Int, maximum: Int) -> Int? {
    var value = 0, count = 0
    while count < maximum, let byte = current, byte >= 0x30 && byte <= 0x39 {
      value = value * 10 + Int(byte - 0x30)
      count += 1
      index += 1
    }
    return count >= minimum ? value : nil
  }

  mutating func skip(_ byte: UInt8) -> Bool {
    if current == byte {
      index += 1
      return true
    }
    return false
  }

  mutating func skip(anyOf set: [UInt8]) -> UInt8? {
    if let byte = current, set.contains(byte) {
      index += 1
      return byte
    }
    return nil
  }
}
