import Foundation

/// Reads a file in chunks, or hands out an in-memory buffer once.
struct ByteSource {
  private var handle: FileHandle?
  private var bytes: [UInt8]?
  private var memoryChunkSize: Int?
  private let chunkSize = 1 << 22
  private let url: URL?

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
    if var pending = bytes {
      if let size = memoryChunkSize, pending.count > size {
        let head = Array(pending[..<size])
        pending.removeFirst(size)
        bytes = pending
        return head
      }
      bytes = nil
      return pending.isEmpty ? nil : pending
    }
    guard let handle, let url else { return nil }
    let data: Data?
    do {
      data = try handle.read(upToCount: chunkSize)
    } catch {
      throw FileAccess.readError(url, error)
    }
    guard let data, !data.isEmpty else {
      try? handle.close()
      self.handle = nil
      return nil
    }
    return [UInt8](data)
  }
}
