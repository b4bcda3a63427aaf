import _RetentionSupport

/// Reads the lines of a file or of bytes in memory, in chunks: the rows of a JSON Lines file.
///
/// A line ends at a line feed (a carriage return before it is dropped); a last line without one
/// is still a line. A UTF-8 byte-order mark at the start is skipped and a UTF-16 one refuses the
/// input. A line longer than ``maximumRecordLength`` bytes is skipped without being held in
/// memory and handed over as `nil`.
struct LineReader {
  private var source: ByteSource
  private var chunk: [UInt8] = []
  private var position = 0
  /// The start of a line that straddles chunks.
  private var carry: [UInt8] = []
  private var atStart = true
  private let isStartOfInput: Bool
  /// The longest line whose bytes are handed over.
  let maximumRecordLength: Int
  /// The 1-based number of the line last read.
  private(set) var lineNumber = 0

  private static let lineFeed = ByteSet([0x0A])

  init(source: ByteSource, maximumRecordLength: Int, isStartOfInput: Bool = true) {
    self.source = source
    self.maximumRecordLength = maximumRecordLength
    self.isStartOfInput = isStartOfInput
  }

  private mutating func refill() throws -> Bool {
    guard let next = try source.nextChunk() else { return false }
    chunk = next
    position = 0
    if atStart {
      atStart = false
      guard isStartOfInput else { return true }
      position = try textStart(of: chunk)
    }
    return true
  }

  /// Reads the next line and hands it to `body`: its bytes without the line break, or `nil`
  /// for a line longer than ``maximumRecordLength``.
  ///
  /// - Returns: What `body` returned, or `nil` at the end of the input.
  /// - Throws: A read failure, a UTF-16 input, or what `body` throws.
  mutating func readLine<Result>(_ body: (ByteView?) throws -> Result) throws -> Result? {
    carry.removeAll(keepingCapacity: carry.capacity <= 1 << 16)
    var isTooLong = false
    while true {
      if position >= chunk.count {
        guard try refill() else {
          // The end: a last line without a line feed, if anything is left.
          guard !carry.isEmpty || isTooLong else { return nil }
          lineNumber += 1
          return try hand(carry, 0..<carry.count, isTooLong: isTooLong, body)
        }
        continue
      }
      let end = chunk.withByteView { $0.firstIndex(in: Self.lineFeed, from: position) }
      if end < chunk.count {
        let start = position
        position = end + 1
        lineNumber += 1
        if carry.isEmpty && !isTooLong {
          return try hand(chunk, start..<end, isTooLong: end - start > maximumRecordLength, body)
        }
        if !isTooLong && carry.count + (end - start) <= maximumRecordLength + 1 {
          carry.append(contentsOf: chunk[start..<end])
        } else {
          isTooLong = true
        }
        return try hand(carry, 0..<carry.count, isTooLong: isTooLong, body)
      }
      // No line feed in the rest of the chunk: keep it (unless the line is already too long).
      if !isTooLong && carry.count + (chunk.count - position) <= maximumRecordLength + 1 {
        carry.append(contentsOf: chunk[position...])
      } else {
        isTooLong = true
        carry.removeAll()
      }
      position = chunk.count
    }
  }

  /// Hands a line to `body` without its carriage return.
  private func hand<Result>(
    _ bytes: [UInt8], _ range: Range<Int>, isTooLong: Bool, _ body: (ByteView?) throws -> Result
  ) throws -> Result {
    var range = range
    if !range.isEmpty && bytes[range.upperBound - 1] == 0x0D { range = range.lowerBound..<(range.upperBound - 1) }
    if isTooLong || range.count > maximumRecordLength { return try body(nil) }
    return try bytes.withByteView { try body($0.extracting(range)) }
  }
}
