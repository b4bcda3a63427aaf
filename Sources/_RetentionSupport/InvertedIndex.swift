/// The items of each key, in item order: `items[starts[key]..<starts[key + 1]]`.
///
/// Built by a counting sort over contiguous parts of the items in parallel (an earlier part's
/// items of a key placed before a later part's), for items that each carry a few keys through a
/// group: item `i` has the keys `keys[g * width ..< (g + 1) * width]` that are not negative,
/// where `g = groupOfItem[i]` (orders carry the keys of their customer reference).
///
/// ```swift
/// // Two groups of keys, three items.
/// let index = InvertedIndex(keyCount: 3, keys: [0, 2, 1, -1], width: 2, groupOfItem: [0, 1, 0], parts: [0..<3])
/// index.items(ofKey: 0)  // [0, 2]
/// ```
///
/// Public (in a module that is not a product) so that its `@inlinable` accessors inline into the
/// loops of other modules, which `@inlinable package` members do not.
public struct InvertedIndex: Sendable {
  /// The first position of each key's items in ``items``, and the count of items at the end.
  public let starts: [Int32]
  /// The items, key by key, each key's in ascending order.
  public let items: [Int32]

  /// The number of keys.
  @inlinable public var keyCount: Int { starts.count - 1 }

  /// The positions in ``items`` of a key's items.
  @inlinable public func range(ofKey key: Int) -> Range<Int> { Int(starts[key])..<Int(starts[key + 1]) }

  /// The items of a key, in ascending order.
  @inlinable public func items(ofKey key: Int) -> ArraySlice<Int32> { items[range(ofKey: key)] }

  /// The number of items of a key.
  @inlinable public func count(ofKey key: Int) -> Int { Int(starts[key + 1] - starts[key]) }

  /// Groups items by key.
  ///
  /// - Parameters:
  ///   - keyCount: The number of keys; every key is in `0..<keyCount` or negative (none).
  ///   - keys: `width` keys per group.
  ///   - width: The number of keys per group.
  ///   - groupOfItem: The group of each item.
  ///   - parts: One or two contiguous ranges of items, in order, covering all of them.
  /// - Complexity: O(*n* · `width` + `keyCount`) for *n* items.
  public init(keyCount: Int, keys: [Int32], width: Int, groupOfItem: [Int32], parts: [Range<Int>]) {
    self.init(keyCount: keyCount, keys: keys, width: width, groups: groupOfItem, parts: parts)
  }

  /// Groups items by key, as ``init(keyCount:keys:width:groupOfItem:parts:)``; `nil` groups
  /// make item `i` its own group `i`.
  init(keyCount: Int, keys: [Int32], width: Int, groups groupOfItem: [Int32]?, parts: [Range<Int>]) {
    precondition(parts.count <= 2, "two parts at most")
    var partStarts = ParallelWork.map(parts.count) { part in
      var counts = [Int32](repeating: 0, count: keyCount)
      for item in parts[part] {
        let base = (groupOfItem.map { Int($0[item]) } ?? item) * width
        for slot in base..<(base + width) where keys[slot] >= 0 { counts[Int(keys[slot])] += 1 }
      }
      return counts
    }
    // Each part's counts become its first position per key, in place.
    var starts = [Int32](repeating: 0, count: keyCount + 1)
    var first = partStarts[0], second = partStarts.count > 1 ? partStarts[1] : []
    partStarts = []
    first.withUnsafeMutableBufferPointer { first in
      second.withUnsafeMutableBufferPointer { second in
        var running: Int32 = 0
        for key in 0..<keyCount {
          starts[key] = running
          let firstCount = first[key]
          first[key] = running
          running += firstCount
          if !second.isEmpty {
            let secondCount = second[key]
            second[key] = running
            running += secondCount
          }
        }
        starts[keyCount] = running
      }
    }
    partStarts = second.isEmpty ? [first] : [first, second]
    var items = [Int32](repeating: 0, count: Int(starts[keyCount]))
    items.withUnsafeMutableBufferPointer { buffer in
      let output = UnsafeSendable(value: buffer)
      _ = ParallelWork.map(parts.count) { [partStarts] part in
        var next = partStarts[part]
        for item in parts[part] {
          let base = (groupOfItem.map { Int($0[item]) } ?? item) * width
          for slot in base..<(base + width) where keys[slot] >= 0 {
            let key = Int(keys[slot])
            output.value[Int(next[key])] = Int32(item)
            next[key] += 1
          }
        }
      }
    }
    self.starts = starts
    self.items = items
  }
}
