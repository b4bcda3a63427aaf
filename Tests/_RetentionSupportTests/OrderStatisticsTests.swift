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

  @Test(arguments: 0..<10 as Range<UInt64>)
  func radixSortEqualsASort(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = 200 + Int(generator.next() % 5_000)
    let scale = [1e-3, 1, 1e6][Int(seed % 3)]
    var values = (0..<n).map { _ in (Double(generator.next() >> 11) / Double(1 << 53) - 0.3) * scale }
    values += [0, -0.0, 0, 1, 1, -1, .infinity, -.infinity, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]
    #expect(radixSorted(values) == values.sorted())
    let constant = [Double](repeating: 3.25, count: n)
    #expect(radixSorted(constant) == constant)
    #expect(radixSorted([2, 1]) == [1, 2])
  }
}
