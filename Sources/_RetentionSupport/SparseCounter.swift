/// Counts of small non-negative integer keys (product numbers, say) in a dense array, with the
/// keys touched since the last drain, so that clearing costs O(touched) rather than O(keys).
///
/// Co-occurrence counting adds the products of every transaction of a product, then reads and
/// clears the few products touched:
///
/// ```swift
/// var counter = SparseCounter(keyCount: 5)
/// counter.add([3, 1, 3][...])
/// counter.drain { key, count in print(key, count) }  // 3 2, then 1 1
/// ```
///
/// Public (in a module that is not a product) so that ``add(_:)`` and ``drain(_:)`` inline into the loops of other
/// modules, which an `@inlinable package` member does not.
public struct SparseCounter: Sendable {
  @usableFromInline var counts: [Int32]
  @usableFromInline var touched: [Int32] = []

  /// A counter of the keys `0..<keyCount`, all at zero.
  ///
  /// - Parameter keyCount: The number of keys.
  public init(keyCount: Int) { counts = Array(repeating: 0, count: keyCount) }

  /// Adds 1 to the count of each key (a key may repeat).
  ///
  /// - Parameter keys: Keys in `0..<keyCount`.
  /// - Complexity: O(*k*), where *k* is the number of keys given.
  @inlinable public mutating func add(_ keys: ArraySlice<Int32>) {
    counts.withUnsafeMutableBufferPointer { counts in
      keys.withUnsafeBufferPointer { keys in
        for key in keys {
          let slot = Int(key)
          precondition(slot >= 0 && slot < counts.count, "a key of the counter")
          let count = counts[slot]
          if count == 0 { touched.append(key) }
          counts[slot] = count &+ 1
        }
      }
    }
  }

  /// Visits every key counted since the last drain, in the order first counted, with its count,
  /// and sets the counts back to zero.
  ///
  /// - Complexity: O(*t*), where *t* is the number of keys touched.
  @inlinable public mutating func drain(_ body: (_ key: Int32, _ count: Int32) -> Void) {
    counts.withUnsafeMutableBufferPointer { counts in
      for key in touched {
        body(key, counts[Int(key)])
        counts[Int(key)] = 0
      }
    }
    touched.removeAll(keepingCapacity: true)
  }
}
