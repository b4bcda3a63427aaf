import Foundation
import _RetentionSupport

/// The parser of number fields straight from bytes, without `NumberFormatter` in the hot path.
///
/// The rule: an optional sign, decimal digits with at most one point, or an exponent form;
/// surrounding spaces and tabs are ignored; `nan`, `inf` and `infinity` (any case, with a sign)
/// are returned as such, for the caller to reject with a clear reason; anything else (hex,
/// thousands separators, a decimal comma) is not a number. The value is the correctly rounded
/// double of the text, as `Double(String)` gives it (checked by `NumberParsingTests`).
enum FieldParsing {
  /// Parses a decimal number (`-12.50`, `3`, `1e-3`, ` 7 `), or returns `nil`.
  ///
  /// - Complexity: O(*n*) for *n* bytes.
  static func double(_ field: ByteView) -> Double? {
    let bytes = trimmingSpacesAndTabs(field)
    guard !bytes.isEmpty else { return nil }
    return fastDouble(bytes) ?? slowDouble(bytes)
  }

  /// Parses a decimal number written as text, by the same rule.
  static func double(_ text: String) -> Double? {
    UTF8Bytes.read(text) { double($0) }
  }

  /// The field without leading and trailing spaces and tabs.
  static func trimmingSpacesAndTabs(_ bytes: ByteView) -> ByteView {
    var start = 0, end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return bytes.extracting(start..<end)
  }

  /// The common case, a sign and up to 18 digits with at most one point, as one exact division;
  /// `nil` hands anything else to `slowDouble` (which also says when it is not a number).
  private static func fastDouble(_ bytes: ByteView) -> Double? {
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0, fractionDigits = 0
    var sawPoint = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        guard digits < 18 else { return nil }
        mantissa = mantissa * 10 + UInt64(byte - 0x30)
        digits += 1
        if sawPoint { fractionDigits += 1 }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        return nil
      }
      index += 1
    }
    // One division of two exact doubles is correctly rounded: the mantissa must be exact (at most
    // 2^53) and the power of ten too (at most 1e22). Longer numbers take the slow, exact path.
    guard digits > 0, mantissa <= 1 << 53 else { return nil }
    var value = Double(mantissa)
    if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  private static func slowDouble(_ bytes: ByteView) -> Double? {
    let text = bytes.string
    let lowered = text.lowercased()
    if lowered == "nan" || lowered == "-nan" { return .nan }
    if lowered == "inf" || lowered == "infinity" || lowered == "+inf" { return .infinity }
    if lowered == "-inf" || lowered == "-infinity" { return -.infinity }
    // Double(String) accepts exactly the decimal and exponent forms, nothing else.
    guard !lowered.contains("x"), let value = Double(text) else { return nil }
    return value
  }
}
