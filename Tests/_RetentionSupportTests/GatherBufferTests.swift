import Testing
import _TestSupport
import _RetentionSupport

/// `GatherBuffer` against indexing the column directly, over batches that grow and shrink.
struct GatherBufferTests {
  @Test(arguments: 0..<4 as Range<UInt64>)
  func gathersWhatIndexingReads(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let column = (0..<1_000).map { _ in Double(generator.next() % 10_000) / 7 }
    var buffer = GatherBuffer<Double>()
    for _ in 0..<50 {
      let positions = (0..<Int(generator.next() % 300)).map { _ in Int32(generator.next() % 1_000) }
      buffer.gather(column, at: positions[...])
      #expect(buffer.count == positions.count)
      #expect((0..<buffer.count).map { buffer[$0] } == positions.map { column[Int($0)] })
    }
    buffer.gather(column, at: [])
    #expect(buffer.count == 0)
  }
}
