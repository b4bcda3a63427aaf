/// Strings made of one of a set of prefixes, a separator and a decimal number, such as the
/// order id `"4-17"` (customer 4, row 17), each written straight into the string's storage.
///
/// ```swift
/// let ids = NumberedStrings(prefixes: ["4", "12"], separator: UInt8(ascii: "-"))
/// ids.string(prefix: 1, number: 305)  // "12-305"
/// ```
///
/// The same as `prefixes[prefix] + "-" + String(number)`, without the intermediate strings.
package struct NumberedStrings: Sendable {
  /// The prefixes' UTF-8 bytes, one after the other.
  private let bytes: [UInt8]
  /// Where each prefix starts in `bytes`, and the end of the last.
  private let starts: [Int]
  private let separator: UInt8

  /// Keeps the prefixes' bytes.
  ///
  /// - Parameter separator: An ASCII byte.
  package init(prefixes: [String], separator: UInt8) {
    precondition(separator < 0x80, "the separator is an ASCII byte")
    self.separator = separator
    let (bytes, ends) = UTF8Bytes.concatenated(prefixes, eachAfter: "")
    self.bytes = bytes
    starts = [0] + ends
  }

  /// The prefix numbered `prefix`, the separator and the decimal digits of `number`.
  ///
  /// - Precondition: `prefix` is the index of a prefix; `number` is not negative.
  package func string(prefix: Int, number: Int) -> String {
    precondition(number >= 0, "the number is not negative")
    let start = starts[prefix]
    let prefixCount = starts[prefix + 1] - start
    var digitCount = 1
    var power = 10
    while power <= number && digitCount < 19 {
      digitCount += 1
      power &*= 10
    }
    return bytes.withUnsafeBufferPointer { prefixBytes in
      String(unsafeUninitializedCapacity: prefixCount + 1 + digitCount) { buffer in
        for offset in 0..<prefixCount { buffer[offset] = prefixBytes[start + offset] }
        buffer[prefixCount] = separator
        var position = prefixCount + 1 + digitCount
        var rest = number
        repeat {
          position -= 1
          buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
          rest /= 10
        } while rest > 0
        return prefixCount + 1 + digitCount
      }
    }
  }
}
