import Testing
import _TestSupport
import _RetentionSupport

/// Quickselect against a full sort: random, tied, sorted, reversed and constant inputs.
struct OrderStatisticsTests {
  @Test(arguments: 0..<20 as Range<UInt64>)
  func selectedValuesEqualThoseOfASort(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = 1 + Int(generator.next() % 3_000)
    let distinct = 1 + generator.next() % 50  // few distinct values: many ties
    let random = (0..<n).map { _ in Double(generator.next() % distinct) * 0.5 }
    let inputs = [random, random.sorted(), random.sorted().reversed(), [Double](repeating: 7, count: n)]
    for input in inputs {
      let sorted = input.sorted()
      let ranks = (0..<6).map { _ in Int(generator.next() % UInt64(n)) } + [0, n - 1, n / 2]
      var scratch = input
      #expect(orderStatistics(&scratch, ranks: ranks) == ranks.map { sorted[$0] })
      #expect(scratch.sorted() == sorted)  // a permutation of the input
    }
  }
}
