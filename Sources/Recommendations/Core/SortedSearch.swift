/// Binary search in the ascending columns of the purchase history (a customer's products, the
/// basket times, a basket's products).
extension RandomAccessCollection where Index == Int {
  /// The first index whose element is not before the searched place: the elements for which
  /// `isBefore` holds must all come first.
  ///
  /// - Parameter isBefore: Whether an element lies before the searched place.
  /// - Returns: An index in `startIndex...endIndex`.
  /// - Complexity: O(log *n*).
  func partitionIndex(isBefore: (Element) -> Bool) -> Int {
    var low = startIndex, high = endIndex
    while low < high {
      let mid = (low + high) / 2
      if isBefore(self[mid]) { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

extension RandomAccessCollection where Index == Int, Element: Comparable {
  /// The index of `value` in an ascending collection, or `nil` when it is not there.
  ///
  /// - Complexity: O(log *n*).
  func sortedIndex(of value: Element) -> Int? {
    let index = partitionIndex { $0 < value }
    return index < endIndex && self[index] == value ? index : nil
  }

  /// Whether an ascending collection holds `value`.
  ///
  /// - Complexity: O(log *n*).
  func sortedContains(_ value: Element) -> Bool { sortedIndex(of: value) != nil }
}
