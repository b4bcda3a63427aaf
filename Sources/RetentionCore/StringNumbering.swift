import _RetentionSupport

/// Numbers distinct strings from 0 up, in order of first appearance.
///
/// The order log's table of order ids, customer ids, products and variants.
///
/// It does what a `[String: Int32]` beside a `[String]` does, faster on millions of short
/// strings: the hash is a few multiplications over the UTF-8 bytes eight at a time (instead of
/// SipHash with a per-call seed), and each slot holds 32 bits of the hash beside the number, so
/// a probe reads one array and compares strings only on a hash match. The hash is not keyed, so
/// crafted input can make probing slow but never wrong; the order log's input is a shop's own
/// data.
///
/// The only file of the builder's fast paths that reads bytes through a pointer, and only to
/// hash them (``hash(_:)``).
package struct StringNumbering: Sendable {
  /// The strings by number.
  package private(set) var strings: [String] = []
  /// Open addressing with linear probing, at most half full.
  ///
  /// An empty slot is 0; a full one holds the high 32 bits of the string's hash and 1 + its
  /// number.
  private var slots: [UInt64]

  /// Creates an empty numbering with room for about `capacity` strings before it grows.
  package init(capacity: Int = 0) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
    strings.reserveCapacity(capacity)
  }

  /// The number of distinct strings (their numbers are `0..<count`).
  package var count: Int { strings.count }

  /// The number of a string, or `nil` if it was never inserted.
  ///
  /// - Complexity: O(*k*) on average, where *k* is the length of the string.
  package subscript(string: String) -> Int32? {
    let hash = Self.hash(string)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let content = slots[slot]
      if content == 0 { return nil }
      if content & 0xFFFF_FFFF_0000_0000 == tag {
        let number = Int(content & 0xFFFF_FFFF) - 1
        if strings[number] == string { return Int32(number) }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The number of a string, numbering it next if it is new.
  ///
  /// - Returns: The number, and whether the string was new.
  /// - Complexity: O(*k*) on average, where *k* is the length of the string.
  @discardableResult
  package mutating func insert(_ string: String) -> (number: Int32, isNew: Bool) {
    let hash = Self.hash(string)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let content = slots[slot]
      if content == 0 { break }
      if content & 0xFFFF_FFFF_0000_0000 == tag {
        let number = Int(content & 0xFFFF_FFFF) - 1
        if strings[number] == string { return (Int32(number), false) }
      }
      slot = (slot + 1) & mask
    }
    let number = strings.count
    strings.append(string)
    slots[slot] = tag | UInt64(number + 1)
    if strings.count * 2 > slots.count { grow() }
    return (Int32(number), true)
  }

  /// The same strings with new numbers: the string numbered `n` here is numbered
  /// `newNumbers[n]` in the result.
  ///
  /// Rewrites the numbers in place of rehashing the strings.
  ///
  /// - Parameter newNumbers: A permutation of `0..<count`.
  /// - Complexity: O(*n*), where *n* is the number of strings.
  package func renumbered(_ newNumbers: [Int32]) -> StringNumbering {
    precondition(newNumbers.count == strings.count, "renumbered needs one new number per string")
    var result = self
    var renumberedStrings = [String](repeating: "", count: strings.count)
    for (number, string) in strings.enumerated() { renumberedStrings[Int(newNumbers[number])] = string }
    result.strings = renumberedStrings
    for (slot, content) in slots.enumerated() where content != 0 {
      let number = Int(content & 0xFFFF_FFFF) - 1
      result.slots[slot] = (content & 0xFFFF_FFFF_0000_0000) | UInt64(newNumbers[number] + 1)
    }
    return result
  }

  private mutating func grow() {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    for (number, string) in strings.enumerated() {
      let hash = Self.hash(string)
      var slot = Int(truncatingIfNeeded: hash) & mask
      while bigger[slot] != 0 { slot = (slot + 1) & mask }
      bigger[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(number + 1)
    }
    slots = bigger
  }

  /// The 64-bit hash of a string's UTF-8 bytes (the hash of ``StringCache``, so that equal bytes
  /// hash alike everywhere in the module).
  static func hash(_ string: String) -> UInt64 {
    if let hash = string.utf8.withContiguousStorageIfAvailable(ByteHash.hash) { return hash }
    return Array(string.utf8).withUnsafeBufferPointer(ByteHash.hash)
  }
}
