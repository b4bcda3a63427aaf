import Testing
import _TestSupport
import _RetentionSupport

/// `InvertedIndex(keyCount:keyOfItem:)` against grouping by filtering, the plain counting sort.
struct InvertedIndexKeyOfItemTests {
  /// Seeds 0-7 make up to 2,000 items (one part); 8-11 make more than
  /// `InvertedIndex.parallelMinimumItems` (two parts, on two threads).
  @Test(arguments: 0..<12 as Range<UInt64>)
  func groupsItemsByKeyInItemOrder(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let keyCount = Int(generator.next() % 50) + 1
    let itemCount =
      seed < 8
      ? Int(generator.next() % 2_000)
      : InvertedIndex.parallelMinimumItems + Int(generator.next() % 40_000)
    // A key in 0..<keyCount, or -1 (no key) for about one item in five.
    let keys = (0..<itemCount).map { _ in
      generator.next() % 5 == 0 ? -1 : Int32(generator.next() % UInt64(keyCount))
    }
    let index = InvertedIndex(keyCount: keyCount, keyOfItem: keys)
    #expect(index.keyCount == keyCount)
    for key in 0..<keyCount {
      #expect(Array(index.items(ofKey: key)) == keys.indices.filter { keys[$0] == Int32(key) }.map { Int32($0) })
    }
    #expect(index.items.count == keys.count(where: { $0 >= 0 }))
  }
}
