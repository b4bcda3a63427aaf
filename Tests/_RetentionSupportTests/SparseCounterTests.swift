import Testing
import _TestSupport
import _RetentionSupport

/// `SparseCounter` against counting with a dictionary, and its reset by `drain`.
struct SparseCounterTests {
  @Test(arguments: 0..<20 as Range<UInt64>)
  func countsLikeADictionaryInFirstTouchOrder(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let keyCount = Int.random(in: 1...50, using: &generator)
    var counter = SparseCounter(keyCount: keyCount)
    for _ in 0..<3 {
      var expected: [Int32: Int32] = [:]
      var order: [Int32] = []
      for _ in 0..<Int.random(in: 0...5, using: &generator) {
        let keys = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
          Int32.random(in: 0..<Int32(keyCount), using: &generator)
        }
        for key in keys {
          if expected[key] == nil { order.append(key) }
          expected[key, default: 0] += 1
        }
        counter.add(keys[...])
      }
      var seen: [(Int32, Int32)] = []
      counter.drain { key, count in seen.append((key, count)) }
      #expect(seen.map(\.0) == order)
      #expect(seen.map(\.1) == order.map { expected[$0] ?? 0 })
      // Drained: the next round starts from zero.
      var empty = true
      counter.drain { _, _ in empty = false }
      #expect(empty)
    }
  }
}
