import Testing
import _RetentionSupport
import _TestSupport

/// `InvertedIndex` against grouping with dictionaries, with one part and with two.
struct InvertedIndexTests {
  @Test(arguments: 0..<6 as Range<UInt64>)
  func listsEachKeysItemsInOrder(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let keyCount = 1 + Int(generator.next() % 50), width = 1 + Int(generator.next() % 3)
    let groups = 1 + Int(generator.next() % 40), items = Int(generator.next() % 500)
    let keys = (0..<(groups * width)).map { _ in
      generator.next() % 3 == 0 ? Int32(-1) : Int32(generator.next() % UInt64(keyCount))
    }
    let groupOfItem = (0..<items).map { _ in Int32(generator.next() % UInt64(groups)) }
    let parts = seed % 2 == 0 ? [0..<items] : [0..<(items / 2), (items / 2)..<items]
    let index = InvertedIndex(keyCount: keyCount, keys: keys, width: width, groupOfItem: groupOfItem, parts: parts)
    var expected = [[Int32]](repeating: [], count: keyCount)
    for item in 0..<items {
      let group = Int(groupOfItem[item])
      for key in keys[(group * width)..<((group + 1) * width)] where key >= 0 { expected[Int(key)].append(Int32(item)) }
    }
    #expect(index.keyCount == keyCount)
    for key in 0..<keyCount {
      #expect(Array(index.items(ofKey: key)) == expected[key])
      #expect(index.count(ofKey: key) == expected[key].count)
    }
  }
}
