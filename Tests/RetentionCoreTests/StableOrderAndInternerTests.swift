import Testing
import _TestSupport
import RetentionCore

/// `stableOrder` against a comparison sort (ties by position) and `ByteInterner` against a
/// dictionary, on random inputs covering both code paths of each.
struct StableOrderAndInternerTests {
  @Test(arguments: 0..<24 as Range<UInt64>)
  func stableOrderEqualsAStableComparisonSort(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = seed % 4 == 0 ? Int(generator.next() % 300) : 257 + Int(generator.next() % 5_000)
    let values: [Double] = (0..<n).map { _ in
      switch seed % 3 {
      case 0: Double(Int(generator.next() % 40)) - 10  // integers with ties: the counting sort
      case 1: (Double(generator.next() % 1_000_000) / 997 - 300) * (generator.next() % 7 == 0 ? 0 : 1)  // -0.0/0.0 mixes
      default: Double(generator.next() % 5) * 1e9 + Double(generator.next() % 3) / 3  // wide range, few distinct: the radix sort
      }
    }.map { generator.next() % 11 == 0 ? -0.0 * $0 : $0 }
    let expected = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    #expect(stableOrder(values).map(Int.init) == expected)
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func internerNumbersValuesInOrderOfFirstAppearance(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var interner = ByteInterner(capacity: 4)  // small, so that it grows several times
    var expected: [String: Int32] = [:]
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 24)
      let alphabet = Array("abcäé@.+0123 ")
      let value = String((0..<length).map { _ in alphabet[generator.next() % 2 == 0 ? 0 : Int(generator.next() % 13)] })
      let number = interner.intern(value)
      let known = expected[value] ?? Int32(expected.count)
      expected[value] = known
      #expect(number == known)
    }
    #expect(interner.count == expected.count)
    for (value, number) in expected { #expect(interner.string(number) == value) }
  }
}
