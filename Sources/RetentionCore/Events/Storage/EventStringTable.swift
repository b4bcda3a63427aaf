package import _RetentionSupport

/// One kind of string of an event log (customer ids, product ids, order ids, message ids or
/// flows), numbered in the order the sorted events first use them.
///
/// The bytes stay in the interner that read them, numbered in file order; two small arrays map
/// between those entries and the log's numbers, so that numbering the strings in event order
/// costs no rehashing and no `String` per value.
package struct EventStringTable: Sendable {
  package let interner: ByteInterner
  /// The interner entry of each number.
  package let entryOfNumber: [Int32]
  /// The number of each interner entry, or -1 for an entry no event uses.
  package let numberOfEntry: [Int32]

  package init(interner: ByteInterner, entryOfNumber: [Int32]) {
    var numberOfEntry = [Int32](repeating: -1, count: interner.count)
    for (number, entry) in entryOfNumber.enumerated() { numberOfEntry[Int(entry)] = Int32(number) }
    self.interner = interner
    self.entryOfNumber = entryOfNumber
    self.numberOfEntry = numberOfEntry
  }

  /// An empty table.
  package init() {
    self.init(interner: ByteInterner(capacity: 16), entryOfNumber: [])
  }

  /// The number of strings.
  package var count: Int { entryOfNumber.count }

  /// The string with a number.
  package func string(_ number: Int32) -> String { interner.string(entryOfNumber[Int(number)]) }

  /// The number of a string, or `nil` if no event uses it.
  ///
  /// - Complexity: O(*k*) on average for a string of *k* bytes.
  package func number(of string: String) -> Int32? {
    guard let entry = interner.number(of: string) else { return nil }
    let number = numberOfEntry[Int(entry)]
    return number < 0 ? nil : number
  }

  /// -1, 0 or 1 as one string comes before, equals or comes after another.
  ///
  /// The order of strings an event log uses for events of one instant: by the `ByteHash` of
  /// their UTF-8 bytes, and by the bytes when the hashes are equal. It depends on the strings
  /// alone.
  package func compareStrings(_ left: Int32, _ right: Int32) -> Int {
    if left == right { return 0 }
    let leftEntry = entryOfNumber[Int(left)], rightEntry = entryOfNumber[Int(right)]
    let leftHash = interner.hash(of: leftEntry), rightHash = interner.hash(of: rightEntry)
    if leftHash != rightHash { return leftHash < rightHash ? -1 : 1 }
    return interner.read(leftEntry) { left in
      interner.read(rightEntry) { right in
        for index in 0..<Swift.min(left.count, right.count) where left[index] != right[index] {
          return left[index] < right[index] ? -1 : 1
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
      }
    }
  }
}
