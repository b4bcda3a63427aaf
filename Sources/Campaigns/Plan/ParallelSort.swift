import _RetentionSupport

/// Sorting on two threads: each half sorted on its own, then merged.
///
/// In the planner's module (not in `_RetentionSupport`), so that the compiler specializes it for
/// each element type and comparison: a generic sort called across modules moves every element
/// through the type's value witnesses, several times slower.
enum ParallelSort {
  /// The elements in increasing order by `areInIncreasingOrder`, stable (equal elements keep
  /// their order), the same on any number of cores.
  ///
  /// ```swift
  /// ParallelSort.sorted([3, 1, 2, 1]) { $0 < $1 }  // [1, 1, 2, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - elements: The elements.
  ///   - minimumToShare: Below this many elements, one thread sorts them all.
  ///   - areInIncreasingOrder: A strict weak order.
  /// - Complexity: O(*n* log *n*) comparisons, half of them on each of two threads.
  static func sorted<Element: Sendable>(
    _ elements: [Element], minimumToShare: Int = 4_096,
    by areInIncreasingOrder: @Sendable (Element, Element) -> Bool
  ) -> [Element] {
    let halves = ParallelWork.halves(elements.count, minimum: minimumToShare)
    guard halves.count == 2 else { return elements.sorted(by: areInIncreasingOrder) }
    let parts = ParallelWork.map(halves) { half in elements[half].sorted(by: areInIncreasingOrder) }
    let left = parts[0], right = parts[1]
    var merged: [Element] = []
    merged.reserveCapacity(elements.count)
    var i = 0, j = 0
    while i < left.count && j < right.count {
      // Stable: the left element first unless the right one is strictly smaller.
      if areInIncreasingOrder(right[j], left[i]) {
        merged.append(right[j])
        j += 1
      } else {
        merged.append(left[i])
        i += 1
      }
    }
    merged.append(contentsOf: left[i...])
    merged.append(contentsOf: right[j...])
    return merged
  }
}
