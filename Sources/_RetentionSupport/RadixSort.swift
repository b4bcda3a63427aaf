/// Sorting of 64-bit keys by least-significant-digit radix sort: the SDK's one radix sort, used
/// for the orders by time (``permutation(sortingTimes:)``), the check that order ids are distinct
/// (``areDistinct(_:)``) and sorted columns of doubles (``sorted(_:)``).
///
/// The keys are distributed by one digit at a time, lowest first; every pass is stable, and a
/// digit that all keys share (the high bytes of times within a few years) costs no pass. On
/// millions of keys this is several times faster than a comparison sort.
///
/// ```swift
/// var keys: [UInt64] = [5, 1, 5, 0]
/// var values: [Int32] = [0, 1, 2, 3]
/// RadixSort.sort(&keys, carrying: &values)  // keys [0, 1, 5, 5], values [3, 1, 0, 2]
/// ```
package enum RadixSort {
  /// Sorts keys ascending, moving `values` (empty, or one per key) with them; equal keys keep
  /// their order.
  ///
  /// - Parameters:
  ///   - keys: The keys.
  ///   - values: Empty, or one value per key.
  ///   - digitBits: The bits of one digit, in `1...16`: 8 needs the fewest counters, 16 the
  ///     fewest passes over keys whose every byte differs.
  /// - Complexity: O(*n*), where *n* is the number of keys.
  package static func sort(_ keys: inout [UInt64], carrying values: inout [Int32], digitBits: Int = 8) {
    precondition(values.isEmpty || values.count == keys.count, "one value per key, or none")
    precondition((1...16).contains(digitBits), "a digit has 1 to 16 bits")
    let count = keys.count
    guard count > 1 else { return }
    let radix = 1 << digitBits
    let passes = (64 + digitBits - 1) / digitBits
    let digitMask = UInt64(radix - 1)
    // How many keys have each value of each digit, all digits in one read of the keys.
    var counts = [Int](repeating: 0, count: passes * radix)
    counts.withUnsafeMutableBufferPointer { counts in
      keys.withUnsafeBufferPointer { keys in
        for key in keys {
          for pass in 0..<passes { counts[pass * radix + Int((key >> UInt64(pass * digitBits)) & digitMask)] += 1 }
        }
      }
    }
    let carries = !values.isEmpty
    var keysBuffer = [UInt64](repeating: 0, count: count)
    var valuesBuffer = [Int32](repeating: 0, count: values.count)
    var next = [Int](repeating: 0, count: radix)
    for pass in 0..<passes {
      let base = pass * radix
      let shift = UInt64(pass * digitBits)
      if counts[base + Int((keys[0] >> shift) & digitMask)] == count { continue }  // one digit for all
      var total = 0
      for digit in 0..<radix {
        next[digit] = total
        total += counts[base + digit]
      }
      // Every place is written once: `next` runs through the start of each digit's run.
      next.withUnsafeMutableBufferPointer { next in
        keys.withUnsafeBufferPointer { source in
          keysBuffer.withUnsafeMutableBufferPointer { target in
            values.withUnsafeBufferPointer { sourceValues in
              valuesBuffer.withUnsafeMutableBufferPointer { targetValues in
                for index in 0..<count {
                  let digit = Int((source[index] >> shift) & digitMask)
                  let place = next[digit]
                  next[digit] = place + 1
                  target[place] = source[index]
                  if carries { targetValues[place] = sourceValues[index] }
                }
              }
            }
          }
        }
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
  package static func permutation(sortingTimes times: [Double]) -> [Int32] {
    var keys = times.map { key($0 + 0) }  // -0.0 + 0.0 is 0.0
    var order = Array(0..<Int32(times.count))
    sort(&keys, carrying: &order)
    return order
  }

  /// The values in ascending order, as `sorted()` orders them: negative values and −0.0 before
  /// positive ones, NaNs at the ends.
  ///
  /// - Complexity: O(*n*), where *n* is the number of values.
  package static func sorted(_ values: [Double]) -> [Double] {
    guard values.count > 256 else { return values.sorted() }
    var keys = values.map(key)
    var none: [Int32] = []
    sort(&keys, carrying: &none, digitBits: 16)
    return keys.map(value)
  }

  /// Whether no string occurs twice: sorts the strings' 64-bit hashes and compares neighbours;
  /// strings are compared (in a hash table) only when two hashes are equal.
  ///
  /// - Complexity: O(*n*), where *n* is the number of strings.
  package static func areDistinct(_ strings: [String]) -> Bool {
    var hashes = strings.map(StringNumbering.hash)
    var none: [Int32] = []
    sort(&hashes, carrying: &none)
    guard zip(hashes, hashes.dropFirst()).contains(where: ==) else { return true }
    var seen = StringNumbering(capacity: strings.count)
    return strings.allSatisfy { seen.insert($0).isNew }
  }

  /// A key whose unsigned order is the order of the values: every bit of a negative value
  /// flipped, only the sign bit of the others (so −0.0 comes just before 0.0; NaNs go to the
  /// ends).
  package static func key(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  /// The value of a ``key(_:)``.
  package static func value(_ key: UInt64) -> Double {
    Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
  }
}
