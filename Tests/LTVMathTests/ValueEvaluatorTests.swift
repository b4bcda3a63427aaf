import Foundation
import Testing
import _TestSupport
@testable import LTVMath

/// The interval's percentiles by selection equal the type-7 percentiles of the sorted values
/// (the readable definition), on random values with ties.
struct ValueEvaluatorTests {
  /// Type 7 (Hyndman & Fan 1996) on sorted values.
  static func sortedPercentile(_ sorted: [Double], _ p: Double) -> Double {
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    guard lower + 1 < sorted.count else { return sorted[lower] }
    return sorted[lower] + (position - Double(lower)) * (sorted[lower + 1] - sorted[lower])
  }

  @Test(arguments: 0..<100 as Range<UInt64>)
  func selectionEqualsSorting(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let count = 1 + Int(generator.next() % 300)
    // Few distinct values in some runs, so that ties are common.
    let distinct = seed % 3 == 0 ? 5 : 1_000_000
    let values = (0..<count).map { _ in Double(generator.next() % UInt64(distinct)) / 7 }
    let sorted = values.sorted()
    for level in [0.5, 0.8, 0.9, 0.95] {
      var scratch = values
      let lowP = (1 - level) / 2, highP = (1 + level) / 2
      let low = ValueEvaluator<BGNBDModel>.percentile(&scratch, lowP, from: 0)
      let start = Int((lowP * Double(count - 1)).rounded(.down))
      let high = ValueEvaluator<BGNBDModel>.percentile(&scratch, highP, from: start)
      #expect(low == Self.sortedPercentile(sorted, lowP), "seed \(seed), level \(level)")
      #expect(high == Self.sortedPercentile(sorted, highP), "seed \(seed), level \(level)")
      #expect(scratch.sorted() == sorted)
    }
  }
}
