import Testing

@testable import Campaigns

/// `ParallelSort`: the same order as the standard library's stable sort, on one thread or two.
struct ParallelSortTests {
  @Test(arguments: [0, 1, 2, 7, 100, 5_000])
  func sortsLikeTheStandardLibraryAndKeepsEqualElementsInOrder(count: Int) {
    // Pairs of (key, original place): many equal keys, so stability shows in the places.
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15 &* UInt64(count + 1)
    let pairs = (0..<count).map { place -> [Int] in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return [Int(state >> 59), place]
    }
    let expected = pairs.sorted { $0[0] < $1[0] }  // stable in Swift 5 and later
    for minimum in [1, 3, 4_096] {
      let sorted = ParallelSort.sorted(pairs, minimumToShare: minimum) { $0[0] < $1[0] }
      #expect(sorted == expected, "count \(count), minimum \(minimum)")
    }
  }

  @Test func sortsStringsByTheirOrder() {
    let words = ["pear", "apple", "Äpfel", "fig", "apple", "banana", "cherry", "date"]
    #expect(ParallelSort.sorted(words, minimumToShare: 2) { $0 < $1 } == words.sorted())
  }
}
