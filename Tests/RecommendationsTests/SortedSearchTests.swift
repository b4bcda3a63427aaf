import Testing

@testable import Recommendations

@Suite struct SortedSearchTests {
  @Test func findsEveryValueOfASliceAndNothingElse() {
    let column: [Int32] = [9, 1, 3, 3, 7, 12, 0]
    let slice = column[1..<6]  // 1, 3, 3, 7, 12: indices 1...5 of the column
    #expect(slice.sortedIndex(of: 1) == 1)
    #expect(slice.sortedIndex(of: 3) == 2)  // the first of equal values
    #expect(slice.sortedIndex(of: 12) == 5)
    for absent: Int32 in [0, 2, 9, 13] {
      #expect(slice.sortedIndex(of: absent) == nil)
      #expect(!slice.sortedContains(absent))
    }
    #expect(column[3..<3].sortedIndex(of: 3) == nil)
  }

  @Test func partitionIndexIsTheFirstElementNotBefore() {
    let times: [Double] = [1, 2, 2, 5]
    #expect(times.partitionIndex { $0 < 0 } == 0)
    #expect(times.partitionIndex { $0 < 2 } == 1)
    #expect(times.partitionIndex { $0 < 3 } == 3)
    #expect(times.partitionIndex { $0 < 6 } == 4)
    #expect([Double]().partitionIndex { $0 < 1 } == 0)
  }
}
