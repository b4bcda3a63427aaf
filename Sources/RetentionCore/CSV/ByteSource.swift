import Foundation
import _RetentionSupport

/// Reads a file in chunks, or hands out bytes in memory (at once, or in chunks for tests).
///
/// A file's first chunk is small, so that a reader that wants only the first line (a format
/// guess, a header check) reads little; the later ones are large.
struct ByteSource {
  private var handle: FileHandle?
  private let url: URL?
  private var bytes: [UInt8]?
  private var offset = 0
  private var memoryChunkSize: Int?
  private var fileChunkSize = Self.firstFileChunkSize

  /// The size of a file's first chunk: room for a long header line.
  static let firstFileChunkSize = 1 << 16
  /// The size of a file's later chunks.
  static let fileChunkSize = 1 << 22

  init(url: URL) throws {
    self.url = url
    handle = try FileAccess.openForReading(url)
  }

  init(bytes: [UInt8], chunkSize: Int? = nil) {
    self.bytes = bytes
    memoryChunkSize = chunkSize
    url = nil
  }

  mutating func nextChunk() throws -> [UInt8]? {
    if let pending = bytes {
      let rest = pending.count - offset
      if let size = memoryChunkSize, rest > size {
        offset += size
        return Array(pending[offset - size..<offset])
      }
      bytes = nil
      if rest == 0 { return nil }
      return offset == 0 ? pending : Array(pending[offset...])
    }
    guard let handle, let url else { return nil }
    let chunk: [UInt8]
    do {
      chunk = try FileBytes.read(from: handle.fileDescriptor, upTo: fileChunkSize)
    } catch {
      throw FileAccess.failure(url.path, errno: error.errorNumber)
    }
    fileChunkSize = Self.fileChunkSize
    guard !chunk.isEmpty else {
      try? handle.close()
      self.handle = nil
      return nil
    }
    return chunk
  }
}
