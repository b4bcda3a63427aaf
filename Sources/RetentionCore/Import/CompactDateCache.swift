/// The instants of `yyyymmdd` dates already read, by the value of their eight digits: a CDNOW
/// file has a few hundred distinct days over tens of thousands of rows, so most rows find their
/// date here instead of parsing it again.
///
/// A small direct-mapped table: a date's slot is its value modulo the table size, and a date
/// that lands on a taken slot replaces the one there. It holds only what ``DateFormat/compact``
/// returned for the same eight digits, so a date read through it is the date parsed.
struct CompactDateCache: Sendable {
  private static let size = 1_024
  /// The value of the eight digits in each slot, or `UInt64.max` for none.
  private var values = [UInt64](repeating: .max, count: size)
  private var seconds = [Double](repeating: 0, count: size)

  /// The instant of the date whose eight digits have the value `digits`, from the table, or
  /// else parsed by `parse` (and kept when it is a date).
  ///
  /// - Parameters:
  ///   - digits: The value of the field's eight digits (`19970101`).
  ///   - parse: Parses the field as ``DateFormat/compact`` does.
  /// - Returns: The instant, or `nil` when the digits are not a valid date.
  mutating func seconds(ofDigits digits: UInt64, parse: () -> Double?) -> Double? {
    let slot = Int(digits % UInt64(Self.size))
    if values[slot] == digits { return seconds[slot] }
    guard let parsed = parse() else { return nil }
    values[slot] = digits
    seconds[slot] = parsed
    return parsed
  }
}
