import Testing
import _RetentionSupport

/// `ParallelWork`: results in task order, and `build` placing each task's part in order.
struct ParallelWorkTests {
  @Test func mapKeepsTaskOrder() {
    #expect(ParallelWork.map(5) { $0 * 10 } == [0, 10, 20, 30, 40])
    #expect(ParallelWork.map(0) { $0 }.isEmpty)
  }

  @Test func halvesSplitOnlyLargeCounts() {
    #expect(ParallelWork.halves(9, minimum: 10) == [0..<9])
    #expect(ParallelWork.halves(11, minimum: 10) == [0..<5, 5..<11])
  }

  @Test func buildPlacesEachTasksElementsInItsPart() {
    let counts = [3, 0, 4]
    let (elements, results) = ParallelWork.build(counts: counts) { task, output in
      for index in 0..<counts[task] { output.append(task * 100 + index) }
      return counts[task]
    }
    #expect(elements == [0, 1, 2, 200, 201, 202, 203])
    #expect(results == counts)
  }
}
