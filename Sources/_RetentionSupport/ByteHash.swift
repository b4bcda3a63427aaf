/// A fast 64-bit hash of short byte strings, eight bytes at a time, with a full avalanche at the
/// end (the SplitMix64 finaliser) so that every input bit reaches the low bits a table uses.
///
/// Not for adversarial input: a collision only costs a comparison of bytes.
public enum ByteHash {
  /// The hash of some bytes.
  ///
  /// - Complexity: O(*n*) for *n* bytes.
  @inlinable public static func hash(_ bytes: ByteView) -> UInt64 { hash(bytes.buffer) }

  /// The hash of some bytes in memory (public and inlinable so that the interners of other
  /// modules inline it into their probes).
  @inlinable public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    let count = bytes.count
    guard let base = bytes.baseAddress else { return hash }
    while index + 8 <= count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < count {
      tail |= UInt64(base[index]) << shift
      shift += 8
      index += 1
    }
    hash ^= tail
    hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }
}
