/// A small open-addressing hash map from a pair of doubles to a double, for memoising an
/// expensive function of (x, T) while scoring many customers that share those values.
///
/// It stops inserting once ``capacity`` / 2 entries are stored (data without repeats then cost
/// one probe per lookup, not unbounded memory).
struct PairCache {
  private var keys: [UInt64]
  private var seconds: [UInt64]
  private var values: [Double]
  private var used: [Bool]
  private var stored = 0
  private let mask: Int

  /// Creates a cache with a power-of-two number of slots.
  init(capacity: Int = 8_192) {
    var size = 16
    while size < capacity { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    seconds = [UInt64](repeating: 0, count: size)
    values = [Double](repeating: 0, count: size)
    used = [Bool](repeating: false, count: size)
    mask = size - 1
  }

  /// The cached value of (first, second), computing and storing it on a miss.
  mutating func value(_ first: Double, _ second: Double, compute: () -> Double) -> Double {
    let a = first.bitPattern, b = second.bitPattern
    var slot = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> 40) & mask
    while used[slot] {
      if keys[slot] == a && seconds[slot] == b { return values[slot] }
      slot = (slot + 1) & mask
    }
    let computed = compute()
    if stored < (mask + 1) / 2 {
      used[slot] = true
      keys[slot] = a
      seconds[slot] = b
      values[slot] = computed
      stored += 1
    }
    return computed
  }
}
