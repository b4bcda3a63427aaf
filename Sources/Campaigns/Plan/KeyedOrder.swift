import _RetentionSupport

/// The orders of the plan's lists, found by radix sort on numeric keys instead of by comparing
/// elements: the messages and skipped steps by time and a packed key, the people by their ids.
///
/// Each result is exactly that of the comparison sort it replaces (stable, equal elements in
/// input order); only elements whose keys are all equal are compared one by one.
enum KeyedOrder {
  /// The places of items in increasing order of their time, then their key, then
  /// `areInIncreasingOrder` (for items whose time and key are both equal), stable.
  ///
  /// What `indices.sorted { (times[$0], keys[$0]) < (times[$1], keys[$1]) || equal and
  /// areInIncreasingOrder($0, $1) }` returns, for finite times.
  ///
  /// - Parameters:
  ///   - times: The items' times (seconds), finite.
  ///   - keys: The items' keys (several small numbers packed, most significant first).
  ///   - areInIncreasingOrder: The order of two items (by place) whose time and key are equal.
  /// - Complexity: O(*n*) for *n* items, plus the comparisons of items with equal keys.
  static func permutation(
    times: [Double], keys: [UInt64], areInIncreasingOrder: (Int, Int) -> Bool
  ) -> [Int32] {
    precondition(times.count == keys.count, "one key per time")
    var order = Array(0..<Int32(times.count))
    // Least significant first: by key, then (stable) by time.
    var sortedKeys = keys
    RadixSort.sort(&sortedKeys, carrying: &order)
    var timeKeys = order.map { RadixSort.key(times[Int($0)] + 0) }  // -0.0 + 0.0 is 0.0
    RadixSort.sort(&timeKeys, carrying: &order)
    sortRuns(
      &order, where: { times[Int($0)] == times[Int($1)] && keys[Int($0)] == keys[Int($1)] },
      by: { areInIncreasingOrder(Int($0), Int($1)) })
    return order
  }

  /// The places of strings in increasing order (`String`'s `<`), stable.
  ///
  /// When every string is ASCII (where `<` compares bytes), by radix sort on the 16 bytes after
  /// the prefix all strings share, comparing strings only where those bytes are equal;
  /// otherwise by comparing strings (``ParallelSort``).
  ///
  /// - Parameters:
  ///   - strings: The strings.
  ///   - minimumToShare: Below this many strings that are not all ASCII, one thread sorts them.
  /// - Complexity: O(*n*) for *n* ASCII strings (plus the comparisons of strings equal in those
  ///   bytes); O(*n* log *n*) comparisons otherwise.
  static func permutation(sorting strings: [String], minimumToShare: Int = 4_096) -> [Int32] {
    guard let first = strings.first else { return [] }
    // The length of the prefix every string shares, and whether every byte is ASCII.
    var prefix = Array(first.utf8)
    var isASCII = true
    for string in strings {
      guard string.utf8.allSatisfy({ $0 < 0x80 }) else {
        isASCII = false
        break
      }
      var length = 0
      for byte in string.utf8 {
        guard length < prefix.count && prefix[length] == byte else { break }
        length += 1
      }
      if length < prefix.count { prefix.removeLast(prefix.count - length) }
    }
    guard isASCII else {
      // The strings gathered next to their places: the sort compares neighbours in one array.
      let keyed = strings.indices.map { (string: strings[$0], place: Int32($0)) }
      return ParallelSort.sorted(keyed, minimumToShare: minimumToShare) { $0.string < $1.string }.map(\.place)
    }
    let skip = prefix.count
    // Bytes skip..<skip+8 and skip+8..<skip+16 of each string, big-endian, zero after its end.
    var high = [UInt64](repeating: 0, count: strings.count)
    var low = [UInt64](repeating: 0, count: strings.count)
    for (place, string) in strings.enumerated() {
      var position = 0
      for byte in string.utf8.dropFirst(skip).prefix(16) {
        if position < 8 {
          high[place] |= UInt64(byte) << (56 - 8 * position)
        } else {
          low[place] |= UInt64(byte) << (56 - 8 * (position - 8))
        }
        position += 1
      }
    }
    var order = Array(0..<Int32(strings.count))
    var keys = low
    RadixSort.sort(&keys, carrying: &order)
    keys = order.map { high[Int($0)] }
    RadixSort.sort(&keys, carrying: &order)
    // Equal in those 16 bytes: longer strings, or a zero byte read as the end.
    sortRuns(
      &order, where: { high[Int($0)] == high[Int($1)] && low[Int($0)] == low[Int($1)] },
      by: { strings[Int($0)] < strings[Int($1)] })
    return order
  }

  /// Sorts (stably) each run of neighbours that `areTied` joins.
  private static func sortRuns(
    _ order: inout [Int32], where areTied: (Int32, Int32) -> Bool, by areInIncreasingOrder: (Int32, Int32) -> Bool
  ) {
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && areTied(order[start], order[end]) { end += 1 }
      if end - start > 1 {
        // The standard library's sort is stable.
        let run = order[start..<end].sorted(by: areInIncreasingOrder)
        order.replaceSubrange(start..<end, with: run)
      }
      start = end
    }
  }
}
