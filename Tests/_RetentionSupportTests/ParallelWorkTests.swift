import Testing
import _RetentionSupport

/// `ParallelWork`: results in task order, and `build` placing each task's part in order.
struct ParallelWorkTests {
  @Test func mapKeepsTaskOrder() {
    #expect(ParallelWork.map(5) { $0 * 10 } == [0, 10, 20, 30, 40])
    #expect(ParallelWork.map(0) { $0 }.isEmpty)
  }

  @Test(arguments: [true, false])
  func bothReturnsEachTasksResult(isParallel: Bool) {
    let (numbers, text) = ParallelWork.both(isParallel: isParallel, { (0..<1_000).map { $0 * 2 } }, { "second" })
    #expect(numbers == (0..<1_000).map { $0 * 2 })
    #expect(text == "second")
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

  @Test func chunksHaveFixedBoundaries() {
    #expect(ParallelWork.chunks(of: 5, size: 2) == [0..<2, 2..<4, 4..<5])
    #expect(ParallelWork.chunks(of: 0, size: 2).isEmpty)
    #expect(ParallelWork.chunks(of: 10, count: 3, minimumSize: 1) == [0..<3, 3..<6, 6..<10])
    // Fewer chunks when they would be smaller than the minimum; one for a short range.
    #expect(ParallelWork.chunks(of: 10, count: 8, minimumSize: 4) == [0..<5, 5..<10])
    #expect(ParallelWork.chunks(of: 3, count: 8, minimumSize: 4) == [0..<3])
  }

  @Test(arguments: [false, true])
  func mapOfChunksKeepsChunkOrder(isParallel: Bool) {
    let chunks = ParallelWork.chunks(of: 1_000, size: 7)
    let sums = ParallelWork.map(chunks, isParallel: isParallel) { chunk in chunk.reduce(0, +) }
    #expect(sums == chunks.map { $0.reduce(0, +) })
    #expect(sums.reduce(0, +) == 999 * 1_000 / 2)
  }

  @Test(arguments: [false, true])
  func buildOfTwoColumnsPlacesEachChunk(isParallel: Bool) {
    let chunks = ParallelWork.chunks(of: 1_001, size: 64)
    let (squares, halves) = ParallelWork.build(chunks, isParallel: isParallel) {
      (chunk, squares: inout PartOutput<Int>, halves: inout PartOutput<Double>) in
      for n in chunk {
        squares.append(n * n)
        halves.append(Double(n) / 2)
      }
    }
    #expect(squares == (0..<1_001).map { $0 * $0 })
    #expect(halves == (0..<1_001).map { Double($0) / 2 })
    let (none, alsoNone) = ParallelWork.build([]) { (_, _: inout PartOutput<Int>, _: inout PartOutput<Int>) in }
    #expect(none.isEmpty && alsoNone.isEmpty)
  }
}
