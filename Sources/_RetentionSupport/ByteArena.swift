/// Byte strings appended one after another into memory that stays put once written, so that a
/// value is named by its offset and length and read in place.
///
/// Appending is for one owner at a time; once filled, an arena may be read from any number of
/// tasks (it is a class so that a table of values can share it without copying).
///
/// ```swift
/// let arena = ByteArena(capacity: 1_024)
/// let offset = UTF8Bytes.read("ada@example.com") { arena.append($0) }
/// arena.read(offset: Int(offset), count: 15) { bytes in bytes.string }  // "ada@example.com"
/// ```
package final class ByteArena: @unchecked Sendable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The number of bytes written.
  package private(set) var count = 0

  /// Creates an empty arena with room for `capacity` bytes before it grows.
  package init(capacity: Int) {
    self.capacity = Swift.max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Appends bytes and returns their offset.
  ///
  /// - Complexity: Amortised O(*n*) for *n* bytes.
  package func append(_ bytes: ByteView) -> Int32 { append(bytes.buffer) }

  /// Appends bytes from memory and returns their offset.
  package func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    if count + bytes.count > capacity {
      capacity = Swift.max(capacity * 2, count + bytes.count)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      bigger.moveInitialize(from: base, count: count)
      base.deallocate()
      base = bigger
    }
    if let source = bytes.baseAddress { (base + count).initialize(from: source, count: bytes.count) }
    defer { count += bytes.count }
    return Int32(count)
  }

  /// Calls `body` with the bytes at an offset.
  package func read<Result>(offset: Int, count: Int, _ body: (ByteView) -> Result) -> Result {
    body(ByteView(bytes(offset: offset, count: count)))
  }

  /// The bytes at an offset, valid while the arena lives and nothing is appended.
  func bytes(offset: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(offset >= 0 && count >= 0 && offset + count <= self.count, "bytes outside the arena")
    return UnsafeBufferPointer(start: base + offset, count: count)
  }
}
