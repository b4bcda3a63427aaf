import _RetentionSupport

/// Numbers distinct byte strings in order of first appearance: an open-addressing table whose
/// slots hold 32 bits of the hash beside the number (so probing touches one array and compares
/// bytes only on a hash match), the bytes kept in one arena and turned into `String`s only on
/// request.
///
/// For hot paths that see millions of short values of which they need few as strings (identity
/// resolution numbers every normalised email but spells out only the ones it reports).
package struct ByteInterner: Sendable {
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Empty slots are 0; a full one holds the high 32 bits of the hash and 1 + the number.
  private var slots: [UInt64]

  /// Creates an empty interner with room for about `capacity` values before it grows.
  package init(capacity: Int = 512) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
    hashes.reserveCapacity(capacity)
    starts.reserveCapacity(capacity + 1)
  }

  /// The 64-bit hash the interner uses (a full avalanche over the bytes), for code that numbers
  /// values its own way.
  package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(bytes) }

  /// The number of distinct values (their numbers are `0..<count`).
  package var count: Int { hashes.count }

  /// The number of some bytes, added if new.
  package mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = ByteHash.hash(bytes)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let content = slots[slot]
      if content == 0 { break }
      if content & 0xFFFF_FFFF_0000_0000 == tag {
        let entry = Int(content & 0xFFFF_FFFF) - 1
        if matches(entry, bytes) { return Int32(entry) }
      }
      slot = (slot + 1) & mask
    }
    let entry = hashes.count
    hashes.append(hash)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    slots[slot] = tag | UInt64(entry + 1)
    if hashes.count * 2 > slots.count { grow() }
    return Int32(entry)
  }

  /// The number of a string's UTF-8 bytes, added if new.
  package mutating func intern(_ string: String) -> Int32 {
    var string = string
    return string.withUTF8 { intern($0) }
  }

  /// The value with a number, as a string.
  package func string(_ entry: Int32) -> String {
    arena.withUnsafeBufferPointer { stored in
      String(decoding: UnsafeBufferPointer(rebasing: stored[starts[Int(entry)]..<starts[Int(entry) + 1]]), as: UTF8.self)
    }
  }

  private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[entry], length = starts[entry + 1] - start
    guard length == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { stored in
      var index = 0
      while index < length {
        if stored[start + index] != bytes[index] { return false }
        index += 1
      }
      return true
    }
  }

  private mutating func grow() {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while bigger[slot] != 0 { slot = (slot + 1) & mask }
      bigger[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
    }
    slots = bigger
  }
}
