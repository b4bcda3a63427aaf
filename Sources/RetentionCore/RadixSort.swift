/// Sorting of 64-bit keys by least-significant-digit radix sort, for the order log's build: the
/// orders by time (``permutation(sortingTimes:)``) and the check that order ids are distinct
/// (``areDistinct(_:)``).
///
/// The keys are distributed by one byte at a time, lowest first; every pass is stable, and a byte
/// that all keys share (the high bytes of times within a few years) costs no pass. On millions
/// of keys this is several times faster than a comparison sort.
enum RadixSort {
  /// Sorts keys ascending, moving `values` (empty, or one per key) with them; equal keys keep
  /// their order.
  ///
  /// - Complexity: O(*n*), where *n* is the number of keys.
  static func sort(_ keys: inout [UInt64], carrying values: inout [Int32]) {
    precondition(values.isEmpty || values.count == keys.count, "one value per key, or none")
    let count = keys.count
    // How many keys have each value of each byte.
    var counts = [Int](repeating: 0, count: 8 * 256)
    for key in keys {
      for byte in 0..<8 { counts[byte * 256 + Int((key >> (8 * UInt64(byte))) & 0xFF)] += 1 }
    }
    var keysBuffer = [UInt64](repeating: 0, count: count)
    var valuesBuffer = [Int32](repeating: 0, count: values.count)
    for byte in 0..<8 {
      let base = byte * 256
      if counts[base..<(base + 256)].contains(count) { continue }
      var next = [Int](repeating: 0, count: 256)
      var total = 0
      for digit in 0..<256 {
        next[digit] = total
        total += counts[base + digit]
      }
      let shift = 8 * UInt64(byte)
      for index in 0..<count {
        let digit = Int((keys[index] >> shift) & 0xFF)
        let place = next[digit]
        next[digit] += 1
        keysBuffer[place] = keys[index]
        if !values.isEmpty { valuesBuffer[place] = values[index] }
      }
      swap(&keys, &keysBuffer)
      swap(&values, &valuesBuffer)
    }
  }

  /// The input indices of the times in ascending order, ties in input order: what
  /// `times.indices.sorted { (times[$0], $0) < (times[$1], $1) }` returns.
  ///
  /// - Parameter times: Finite times.
  /// - Complexity: O(*n*), where *n* is the number of times.
  static func permutation(sortingTimes times: [Double]) -> [Int32] {
    var keys = times.map(key)
    var order = Array(0..<Int32(times.count))
    sort(&keys, carrying: &order)
    return order
  }

  /// Whether no string occurs twice: sorts the strings' 64-bit hashes and compares neighbours;
  /// strings are compared (in a hash table) only when two hashes are equal.
  ///
  /// - Complexity: O(*n*), where *n* is the number of strings.
  static func areDistinct(_ strings: [String]) -> Bool {
    var hashes = strings.map(StringNumbering.hash)
    var none: [Int32] = []
    sort(&hashes, carrying: &none)
    guard zip(hashes, hashes.dropFirst()).contains(where: ==) else { return true }
    var seen = StringNumbering(capacity: strings.count)
    return strings.allSatisfy { seen.insert($0).isNew }
  }

  /// A key whose unsigned order is the order of the time.
  private static func key(_ time: Double) -> UInt64 {
    let bits = (time + 0.0).bitPattern  // -0.0 + 0.0 is 0.0
    return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
  }
}
