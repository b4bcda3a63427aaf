/// Reuses the `String` of a field value seen before, so that repeated ids and names of a file
/// are decoded and allocated once: a ``ByteInterner`` of the values with the `String` of each,
/// plus the last value of each column, since consecutive rows of one order repeat most fields.
///
/// ```swift
/// var strings = StringCache()
/// let entry = UTF8Bytes.read("c-17") { strings.entry($0, column: 0) }
/// strings.value(Int(entry))  // "c-17"
/// ```
///
/// Public (in a module that is not a product) so that its lookups inline into the importers'
/// loops.
public struct StringCache: Sendable {
  @usableFromInline var values = ByteInterner(capacity: 2_048)
  @usableFromInline var strings: [String] = []
  @usableFromInline var lastEntry: [Int32] = []

  /// Values longer than this are not looked up: each gets an entry of its own.
  @inlinable static var longestCachedValue: Int { 96 }

  /// Creates an empty cache.
  public init() {}

  /// The number of entries (they are `0..<count`).
  @inlinable public var count: Int { strings.count }

  /// The string of an entry.
  @inlinable public func value(_ entry: Int) -> String { strings[entry] }

  /// The entry of some bytes (optionally trimmed of spaces and tabs at both ends), added if
  /// new; `column` keys the last-value shortcut.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func entry(_ bytes: ByteView, column: Int, trimming: Bool = false) -> Int32 {
    entry(bytes.buffer, column: column, trimming: trimming)
  }

  /// The cached string of some bytes; `column` keys the last-value shortcut.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func string(_ bytes: ByteView, column: Int) -> String { strings[Int(entry(bytes, column: column))] }

  /// The cached string of some bytes in memory; `column` keys the last-value shortcut.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
    strings[Int(entry(bytes, column: column))]
  }

  /// The entry of some bytes in memory (optionally trimmed of spaces and tabs at both ends),
  /// added if new; `column` keys the last-value shortcut.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func entry(_ raw: UnsafeBufferPointer<UInt8>, column: Int, trimming: Bool = false) -> Int32 {
    var bytes = raw
    if trimming {
      var start = 0, end = raw.count
      while start < end && (raw[start] == 0x20 || raw[start] == 0x09) { start += 1 }
      while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0x09) { end -= 1 }
      bytes = UnsafeBufferPointer(rebasing: raw[start..<end])
    }
    if bytes.count > Self.longestCachedValue {
      strings.append(String(decoding: bytes, as: UTF8.self))
      return values.appendWithoutIndex(UnsafeBufferPointer(start: nil, count: 0))
    }
    while lastEntry.count <= column { lastEntry.append(-1) }
    let last = lastEntry[column]
    if last >= 0 && values.matches(Int(last), bytes) { return last }
    let entry = values.intern(bytes)
    if Int(entry) == strings.count { strings.append(String(decoding: bytes, as: UTF8.self)) }
    lastEntry[column] = entry
    return entry
  }
}
