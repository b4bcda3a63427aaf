import Foundation
import Testing
import _RetentionSupport

/// `FileBytes`: what it reads equals what was written, whatever the chunk size, the expected
/// size, or the kind of file; a failed read names the system's error.
struct FileBytesTests {
  /// A temporary file holding `bytes`, opened for reading; removed and closed after `body`.
  static func withFile<Result>(_ bytes: [UInt8], _ body: (Int32) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    return try body(handle.fileDescriptor)
  }

  static let content: [UInt8] = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

  @Test(arguments: [0, 1, 65_536, 200_002, 200_003, 200_004, 1_000_000])
  func readToEndReadsTheWholeFileWhateverSizeWasExpected(expected: Int) throws {
    let bytes = try Self.withFile(Self.content) { try FileBytes.readToEnd(from: $0, expectedCount: expected) }
    #expect(bytes == Self.content)
  }

  @Test(arguments: [1, 2, 3, 200_003])
  func wholeFileInHalvesIsTheFile(length: Int) throws {
    let content = Array(Self.content[..<length])
    let (bytes, rest) = try Self.withFile(content) { descriptor in
      (try FileBytes.readWholeFile(of: descriptor, size: length), try FileBytes.readToEnd(from: descriptor, expectedCount: 0))
    }
    #expect(bytes == content)
    #expect(rest == content, "the file's position has not moved")
  }

  @Test(arguments: [1, 100_000, 200_002, 200_004, 400_000])
  func wholeFileOfAnotherSizeIsNotRead(size: Int) throws {
    // The file holds 200,003 bytes: a size found before it shrank or grew.
    #expect(try Self.withFile(Self.content) { try FileBytes.readWholeFile(of: $0, size: size) } == nil)
  }

  @Test func chunksFollowEachOtherAndEndEmpty() throws {
    let chunks = try Self.withFile(Self.content) { descriptor in
      var chunks: [[UInt8]] = []
      while true {
        let chunk = try FileBytes.read(from: descriptor, upTo: 65_536)
        if chunk.isEmpty { return chunks }
        chunks.append(chunk)
      }
    }
    #expect(chunks.map(\.count) == [65_536, 65_536, 65_536, 3_395])
    #expect(Array(chunks.joined()) == Self.content)
  }

  @Test func prefixDoesNotMoveThePosition() throws {
    let (prefix, whole) = try Self.withFile(Self.content) { descriptor in
      (try FileBytes.readPrefix(of: descriptor, upTo: 100), try FileBytes.readToEnd(from: descriptor, expectedCount: 10))
    }
    #expect(prefix == Array(Self.content[..<100]))
    #expect(whole == Self.content)
    #expect(try Self.withFile([1, 2, 3]) { try FileBytes.readPrefix(of: $0, upTo: 100) } == [1, 2, 3])
  }

  @Test func sizeOfARegularFileOnly() throws {
    #expect(try Self.withFile(Self.content) { FileBytes.regularFileSize(of: $0) } == 200_003)
    #expect(try Self.withFile([]) { FileBytes.regularFileSize(of: $0) } == 0)
    let pipe = Pipe()
    #expect(FileBytes.regularFileSize(of: pipe.fileHandleForReading.fileDescriptor) == nil)
  }

  @Test func pipesAreReadToTheirEnd() throws {
    let pipe = Pipe()
    pipe.fileHandleForWriting.write(Data([7, 8, 9]))
    try pipe.fileHandleForWriting.close()
    #expect(try FileBytes.readToEnd(from: pipe.fileHandleForReading.fileDescriptor, expectedCount: 0) == [7, 8, 9])
  }

  @Test func aClosedDescriptorFailsWithItsErrorNumber() {
    let failure = #expect(throws: FileBytes.Failure.self) { try FileBytes.read(from: -1, upTo: 10) }
    #expect(failure?.errorNumber == EBADF)
  }
}
