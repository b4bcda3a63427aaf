extension InvertedIndex {
  /// Groups items by their one key (a stable counting sort): the items of key `k` are
  /// `items(ofKey: k)`, in ascending order; items with a negative key are left out.
  ///
  /// ```swift
  /// let index = InvertedIndex(keyCount: 2, keyOfItem: [1, -1, 0, 1])
  /// index.items(ofKey: 1)  // [0, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - keyCount: The number of keys; every key is in `0..<keyCount` or negative (none).
  ///   - keyOfItem: The key of each item.
  /// From ``parallelMinimumItems`` items on, the two halves of the items are counted and placed
  /// on two threads.
  ///
  /// - Complexity: O(*n* + `keyCount`) for *n* items.
  public init(keyCount: Int, keyOfItem: [Int32]) {
    self.init(
      keyCount: keyCount, keys: keyOfItem, width: 1, groups: nil,
      parts: ParallelWork.halves(keyOfItem.count, minimum: Self.parallelMinimumItems))
  }

  /// The number of items from which ``init(keyCount:keyOfItem:)`` works on two threads.
  public static let parallelMinimumItems = 1 << 15
}
