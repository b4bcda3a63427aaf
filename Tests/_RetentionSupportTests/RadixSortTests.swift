import Testing
import _TestSupport
import _RetentionSupport

/// `RadixSort` against the comparison sorts it replaces.
struct RadixSortTests {
  @Test(arguments: 0..<20 as Range<UInt64>)
  func permutationEqualsAStableComparisonSort(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let count = Int.random(in: 0..<3_000, using: &generator)
    // Times on a coarse grid (many ties), negative and positive, with zeros of both signs and
    // a few extreme values.
    let special: [Double] = [0, -0.0, -1e300, 1e300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1.5, -1.5]
    let times = (0..<count).map { _ -> Double in
      Int.random(in: 0..<10, using: &generator) == 0
        ? special.randomElement(using: &generator) ?? 0
        : Double(Int.random(in: -50..<50, using: &generator)) * 0.25
    }
    let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }.map(Int32.init)
    #expect(RadixSort.permutation(sortingTimes: times) == expected)
  }

  @Test func permutationOfTimesThatShareTheirHighBytes() {
    // Seconds within one year of 2024: the top bytes of every key agree and cost no pass.
    var generator = SplitMix64(seed: 7)
    let times = (0..<5_000).map { _ in 1_704_067_200 + Double(Int.random(in: 0..<31_536_000, using: &generator)) }
    let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }.map(Int32.init)
    #expect(RadixSort.permutation(sortingTimes: times) == expected)
    #expect(RadixSort.permutation(sortingTimes: []) == [])
    #expect(RadixSort.permutation(sortingTimes: [3, 3, 3]) == [0, 1, 2])
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func areDistinctAgreesWithASet(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let count = Int.random(in: 0..<2_000, using: &generator)
    let pool = Int.random(in: 1..<(4 * count + 2), using: &generator)
    // Short and long strings, the empty string, non-ASCII text.
    let strings = (0..<count).map { _ -> String in
      let number = Int.random(in: 0..<pool, using: &generator)
      switch number % 4 {
      case 0: return "\(number)"
      case 1: return "order-\(number)-with-a-longer-identifier-\(number)"
      case 2: return number % 8 == 2 ? "" : "é\(number)ß"
      default: return "#\(number)"
      }
    }
    #expect(RadixSort.areDistinct(strings) == (Set(strings).count == strings.count))
  }

  @Test func sortCarriesValuesWithTheirKeys() {
    var keys: [UInt64] = [5, 1, 5, 0, UInt64.max, 1]
    var values: [Int32] = [0, 1, 2, 3, 4, 5]
    RadixSort.sort(&keys, carrying: &values)
    #expect(keys == [0, 1, 1, 5, 5, UInt64.max])
    #expect(values == [3, 1, 5, 0, 2, 4])
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func sortedDoublesEqualASort(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = 200 + Int(generator.next() % 5_000)
    let scale = [1e-3, 1, 1e6][Int(seed % 3)]
    var values = (0..<n).map { _ in (Double(generator.next() >> 11) / Double(1 << 53) - 0.3) * scale }
    values += [0, -0.0, 0, 1, 1, -1, .infinity, -.infinity, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]
    #expect(RadixSort.sorted(values) == values.sorted())
    let constant = [Double](repeating: 3.25, count: n)
    #expect(RadixSort.sorted(constant) == constant)
    #expect(RadixSort.sorted([2, 1]) == [1, 2])
  }
}
