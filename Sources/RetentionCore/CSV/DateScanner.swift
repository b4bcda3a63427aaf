import _RetentionSupport

/// A cursor over the bytes of a date field, without its leading and trailing spaces.
struct DateScanner {
  let bytes: ByteView
  var index = 0

  init(_ field: ByteView) {
    var end = field.count
    while end > 0 && field[end - 1] == 0x20 { end -= 1 }
    var start = 0
    while start < end && field[start] == 0x20 { start += 1 }
    bytes = field.extracting(start..<end)
  }

  var isAtEnd: Bool { index >= bytes.count }
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// The text from the cursor to the end.
  var rest: String { bytes.extracting(index..<bytes.count).string }

  /// Whether the field holds a byte anywhere.
  func contains(_ byte: UInt8) -> Bool { bytes.indices.contains { bytes[$0] == byte } }

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
