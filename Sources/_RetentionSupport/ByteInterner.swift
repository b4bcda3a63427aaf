/// Numbers distinct byte strings in order of first appearance, keeping the bytes in one arena
/// and making `String`s of them only on request: the one interner of the SDK.
///
/// For hot paths that see millions of short values of which they need few as strings (identity
/// resolution numbers every normalised email but spells out only the ones it reports;
/// ``StringCache`` numbers the fields of a CSV file). The probe table is ``HashSlots`` with
/// ``ByteHash``, so a lookup reads one array and compares bytes only on a match of 32 bits of
/// the hash.
///
/// ```swift
/// var interner = ByteInterner()
/// interner.intern("ada@example.com")  // 0
/// interner.intern("bob@example.com")  // 1
/// interner.intern("ada@example.com")  // 0
/// interner.string(1)                  // "bob@example.com"
/// ```
///
/// Public (in a module that is not a product) so that lookups inline into the importers' loops.
public struct ByteInterner: Sendable {
  @usableFromInline var arena: [UInt8] = []
  @usableFromInline var starts: [Int] = [0]
  /// The hash of each value, or 0 for one appended without a place in the table.
  @usableFromInline var hashes: [UInt64] = []
  @usableFromInline var slots: HashSlots

  /// Creates an empty interner with room for about `capacity` values before it grows.
  public init(capacity: Int = 512) {
    slots = HashSlots(capacity: capacity)
    hashes.reserveCapacity(capacity)
    starts.reserveCapacity(capacity + 1)
  }

  /// The number of values (their numbers are `0..<count`).
  @inlinable public var count: Int { hashes.count }

  /// The number of some bytes, added if new.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func intern(_ bytes: ByteView) -> Int32 { intern(bytes.buffer) }

  /// The number of a string's UTF-8 bytes, added if new.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  public mutating func intern(_ string: String) -> Int32 {
    var string = string
    return string.withUTF8 { intern($0) }
  }

  /// The number of some bytes in memory, added if new.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = ByteHash.hash(bytes)
    let probe = slots.find(hash: hash) { self.hashes[$0] == hash && self.matches($0, bytes) }
    if let entry = probe.entry { return Int32(entry) }
    let entry = append(bytes, hash: hash)
    let hashes = hashes
    slots.insert(entry, hash: hash, at: probe.slot) { hashes[$0] }
    return Int32(entry)
  }

  /// Appends bytes under a number of their own that lookups never find: for values too long or
  /// too rare to be worth hashing; equal bytes appended twice get two numbers.
  ///
  /// - Complexity: O(*k*) for *k* bytes.
  public mutating func appendWithoutIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    Int32(append(bytes, hash: 0))
  }

  @usableFromInline mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
    hashes.append(hash)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    return hashes.count - 1
  }

  /// Whether a value equals some bytes in memory.
  @inlinable public func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[entry], length = starts[entry + 1] - start
    guard length == bytes.count else { return false }
    guard length > 0, let other = bytes.baseAddress else { return true }
    return arena.withUnsafeBufferPointer { stored in
      let mine = UnsafeRawPointer(stored.baseAddress! + start), theirs = UnsafeRawPointer(other)
      var index = 0
      while index + 8 <= length {
        if mine.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          != theirs.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        {
          return false
        }
        index += 8
      }
      while index < length {
        if mine.load(fromByteOffset: index, as: UInt8.self) != theirs.load(fromByteOffset: index, as: UInt8.self) {
          return false
        }
        index += 1
      }
      return true
    }
  }

  /// Calls `body` with the bytes of a value.
  public func read<Result>(_ entry: Int32, _ body: (ByteView) -> Result) -> Result {
    arena.withUnsafeBufferPointer { stored in
      body(ByteView(UnsafeBufferPointer(rebasing: stored[starts[Int(entry)]..<starts[Int(entry) + 1]])))
    }
  }

  /// The value with a number, as a string.
  public func string(_ entry: Int32) -> String { read(entry) { $0.string } }
}
