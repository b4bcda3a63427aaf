import Testing
import _TestSupport

@testable import Campaigns

/// `KeyedOrder` (radix sorts on numbers) against the plain comparison sorts it replaces: the
/// standard library's stable sort with the same comparison.
struct KeyedOrderTests {
  @Test(arguments: [0, 1, 2, 50, 3_000] as [Int], [1, 2, 3] as [UInt64])
  func ordersByTimeKeyThenTieBreakLikeTheComparisonSort(count: Int, seed: UInt64) {
    var random = SplitMix64(seed: seed &+ UInt64(count))
    // Few distinct times (negative, zero, -0.0, fractions) and keys, so that many items tie on
    // both and the tie-break and stability show.
    let timeChoices: [Double] = [-86_400.5, -1, -0.0, 0, 0.25, 1, 3_600, 1_765_000_000, 1_765_000_000.5]
    let times = (0..<count).map { _ in timeChoices[Int(random.next() % UInt64(timeChoices.count))] }
    var keys: [UInt64] = []
    for _ in 0..<count {
      let flow: UInt64 = random.next() % 3, rank: UInt64 = random.next() % 5, step: UInt64 = random.next() % 2
      let top: UInt64 = random.next() % 2
      keys.append(flow << 48 | rank << 16 | step | top << 63)
    }
    let names = (0..<count).map { _ in random.next() % 4 }
    let expected = Array(0..<Int32(count)).sorted { a, b in
      let (i, j) = (Int(a), Int(b))
      if times[i] != times[j] { return times[i] < times[j] }
      if keys[i] != keys[j] { return keys[i] < keys[j] }
      return names[i] < names[j]
    }
    let order = KeyedOrder.permutation(times: times, keys: keys) { names[$0] < names[$1] }
    #expect(order == expected)
  }

  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func ordersStringsLikeTheirComparison(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let shared = ["", "c", "customer-0000", "a-very-long-shared-prefix-of-ids-"][Int(seed % 4)]
    var strings: [String] = []
    for _ in 0..<2_000 {
      let roll = random.next()
      let string: String =
        switch roll % 9 {
        case 0: shared + "\(roll % 100)"
        case 1: shared + "\(roll % 100)\u{0}"  // a zero byte, read like the end by the keys
        case 2: shared + "x\(roll % 7)-" + String(repeating: "9", count: Int(roll % 30))  // longer than 16 bytes
        case 3: shared
        case 4: shared + "Z\(roll % 1_000)"
        default: shared + "\(roll % 1_000_003)"
        }
      strings.append(string)
    }
    let expected = Array(0..<Int32(strings.count)).sorted { strings[Int($0)] < strings[Int($1)] }
    #expect(KeyedOrder.permutation(sorting: strings) == expected)
    // One string that is not ASCII: the comparison sort, on two threads or one.
    let mixed = strings + ["zoë", "zoe\u{308}", "Äpfel"]
    let mixedExpected = Array(0..<Int32(mixed.count)).sorted { mixed[Int($0)] < mixed[Int($1)] }
    for minimum in [1, 4_096] {
      #expect(KeyedOrder.permutation(sorting: mixed, minimumToShare: minimum) == mixedExpected)
    }
    #expect(KeyedOrder.permutation(sorting: []) == [])
  }
}
