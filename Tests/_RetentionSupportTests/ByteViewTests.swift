import Testing
import _RetentionSupport

/// `ByteScratch`, `ByteView` and `UTF8Bytes`: bytes written and read back as written.
struct ByteViewTests {
  @Test func scratchGrowsAndViewsReadWhatWasWritten() {
    var scratch = ByteScratch(capacity: 2)
    let written = scratch.write(capacity: 5) { bytes in
      for (index, byte) in "hello".utf8.enumerated() { bytes[index] = byte }
      return 5
    }
    #expect(scratch.read(count: written) { $0.string } == "hello")
    #expect(scratch.read(count: 5) { $0.extracting(1..<3).array } == Array("el".utf8))
    #expect(UTF8Bytes.read("héllo") { ($0.count, $0.isASCII) } == (6, false))
    #expect(UTF8Bytes.read("hello") { $0.isASCII && $0.elementsEqual(Array("hello".utf8)) })
  }
}
