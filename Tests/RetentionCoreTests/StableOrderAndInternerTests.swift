import Testing
import _TestSupport
import RetentionCore
import _RetentionSupport

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

/// `stableRankBands` finds only the cut ranks; it must give every value the band its rank in
/// the stable order has (rank r of n in band ⌊r·bands/n⌋ + 1) and each band's last value.
struct StableRankBandsTests {
  @Test(arguments: 0..<40 as Range<UInt64>)
  func equalsBandsOfTheStableOrder(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = [0, 1, 3, 7, 300, 5_000][Int(seed % 6)]
    let bands = [2, 3, 5, 10][Int(seed / 6 % 4)]
    // Few distinct values (many ties), integers, or spread doubles with signs and zeros.
    let values: [Double] = (0..<n).map { _ in
      switch seed % 3 {
      case 0: return Double(Int.random(in: 0...3, using: &generator))
      case 1:
        let value = Double(Int.random(in: -5...5, using: &generator))
        return value == 0 && Bool.random(using: &generator) ? -0.0 : value
      default: return Double.random(in: -1e6...1e6, using: &generator) * (Int.random(in: 0..<10, using: &generator) == 0 ? 0 : 1)
      }
    }
    for descending in [false, true] {
      // The definition: a stable sort by value (of the negated values when descending).
      let order = values.indices.sorted { a, b in
        let (x, y) = descending ? (-values[a] + 0, -values[b] + 0) : (values[a] + 0, values[b] + 0)
        return x < y || (x == y && a < b)
      }
      var expected = [Int32](repeating: 0, count: n)
      var tops = [Double](repeating: .nan, count: bands)
      for (rank, position) in order.enumerated() {
        let band = rank * bands / n + 1
        expected[position] = Int32(band)
        tops[band - 1] = values[position]
      }
      let result = stableRankBands(values, descending: descending, bands: bands)
      #expect(result.bands == expected)
      #expect(zip(result.tops, tops).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
  }
}
