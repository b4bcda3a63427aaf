import Testing
import _TestSupport
import _RetentionSupport

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
