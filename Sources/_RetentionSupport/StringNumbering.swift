/// Numbers distinct strings from 0 up, in order of first appearance.
///
/// The order log's table of order ids, customer ids, products and variants.
///
/// It does what a `[String: Int32]` beside a `[String]` does, faster on millions of short
/// strings: the hash is ``ByteHash`` over the UTF-8 bytes (instead of SipHash with a per-call
/// seed), and the probe table is ``HashSlots``, so a probe reads one array and compares strings
/// only on a match of 32 bits of the hash.
///
/// ```swift
/// var numbering = StringNumbering()
/// numbering.insert("c-1")  // (0, true)
/// numbering.insert("c-2")  // (1, true)
/// numbering.insert("c-1")  // (0, false)
/// numbering["c-2"]         // 1
/// ```
///
/// Public (in a module that is not a product) so that lookups and inserts inline into the order
/// log's builder.
public struct StringNumbering: Sendable {
  @usableFromInline var storedStrings: [String] = []
  @usableFromInline var slots: HashSlots
  /// The number of leading bytes the hash leaves out: 0, or the length of the prefix that a
  /// numbering made by ``prefixed(by:)`` put before every string (so that it keeps the hashes,
  /// and the probe table, of the strings without it).
  @usableFromInline var unhashedPrefixLength = 0

  /// The strings by number.
  @inlinable public var strings: [String] { storedStrings }

  /// Creates an empty numbering with room for about `capacity` strings before it grows.
  public init(capacity: Int = 0) {
    slots = HashSlots(capacity: capacity)
    storedStrings.reserveCapacity(capacity)
  }

  /// The number of distinct strings (their numbers are `0..<count`).
  @inlinable public var count: Int { storedStrings.count }

  /// The number of a string, or `nil` if it was never inserted.
  ///
  /// - Complexity: O(*k*) on average, where *k* is the length of the string.
  @inlinable public subscript(string: String) -> Int32? {
    let hash = Self.hash(string, droppingFirst: unhashedPrefixLength)
    return slots.find(hash: hash) { storedStrings[$0] == string }.entry.map(Int32.init)
  }

  /// The number of a string, numbering it next if it is new.
  ///
  /// - Returns: The number, and whether the string was new.
  /// - Complexity: O(*k*) on average, where *k* is the length of the string.
  @discardableResult
  @inlinable public mutating func insert(_ string: String) -> (number: Int32, isNew: Bool) {
    let hash = Self.hash(string, droppingFirst: unhashedPrefixLength)
    let probe = slots.find(hash: hash) { self.storedStrings[$0] == string }
    if let entry = probe.entry { return (Int32(entry), false) }
    let number = storedStrings.count
    storedStrings.append(string)
    let all = storedStrings
    let dropped = unhashedPrefixLength
    slots.insert(number, hash: hash, at: probe.slot) { Self.hash(all[$0], droppingFirst: dropped) }
    return (Int32(number), true)
  }

  /// The same strings with new numbers: the string numbered `n` here is numbered
  /// `newNumbers[n]` in the result.
  ///
  /// Rewrites the numbers in place of rehashing the strings.
  ///
  /// - Parameter newNumbers: A permutation of `0..<count`.
  /// - Complexity: O(*n*), where *n* is the number of strings.
  public func renumbered(_ newNumbers: [Int32]) -> StringNumbering {
    precondition(newNumbers.count == storedStrings.count, "renumbered needs one new number per string")
    var result = self
    var renumberedStrings = [String](repeating: "", count: storedStrings.count)
    for (number, string) in storedStrings.enumerated() { renumberedStrings[Int(newNumbers[number])] = string }
    result.storedStrings = renumberedStrings
    result.slots = slots.renumbered(newNumbers)
    return result
  }

  /// The same numbers for the strings with a prefix put before each: the string numbered `n`
  /// here is numbered `n` in the result, as `prefix + string`.
  ///
  /// Keeps the probe table (lookups hash the bytes after the prefix) in place of rehashing
  /// the strings: an order log re-keyed from customer ids `c` to `id:c` keeps its numbering.
  ///
  /// ```swift
  /// var numbering = StringNumbering()
  /// numbering.insert("c-1")
  /// let prefixed = numbering.prefixed(by: "id:")
  /// prefixed["id:c-1"]  // 0
  /// prefixed["c-1"]     // nil
  /// ```
  ///
  /// - Parameter prefix: The prefix of every string.
  /// - Complexity: O(*n*), where *n* is the number of strings.
  public func prefixed(by prefix: String) -> StringNumbering {
    var result = self
    result.storedStrings = storedStrings.map { prefix + $0 }
    result.unhashedPrefixLength += prefix.utf8.count
    return result
  }

  /// The ``hash(_:)`` of a string's UTF-8 bytes after the first `count` (of none if it is not
  /// longer).
  @inlinable static func hash(_ string: String, droppingFirst count: Int) -> UInt64 {
    UTF8Bytes.read(string) { bytes in
      ByteHash.hash(UnsafeBufferPointer(rebasing: bytes.buffer[Swift.min(count, bytes.count)...]))
    }
  }

  /// The 64-bit hash of a string's UTF-8 bytes (``ByteHash``, so that equal bytes hash alike in
  /// every table).
  @inlinable public static func hash(_ string: String) -> UInt64 {
    UTF8Bytes.read(string) { ByteHash.hash($0) }
  }
}
