public import Foundation

/// A streaming reader of RFC 4180 CSV: quoted fields with escaped quotes (`""`), embedded commas
/// and newlines, CRLF or LF line ends, and a leading UTF-8 byte-order mark.
///
/// The reader pulls the input in chunks, so a file of any size is read in constant memory.
/// Fields are exposed as byte ranges of the current record; ``CSVRecord/string(at:)`` decodes one
/// as UTF-8.
///
/// ```swift
/// var reader = try CSVReader(contentsOf: url)
/// var record = CSVRecord()
/// while try reader.readRecord(into: &record) {
///   print(reader.recordNumber, record.count, record.string(at: 0))
/// }
/// ```
///
/// Row numbers are record numbers: the first record (usually the header) is row 1, and a record
/// with an embedded newline is still one row.
public struct CSVReader {
  private var source: ByteSource
  private var chunk: [UInt8] = []
  private var position = 0
  private var atStart = true
  private var skipNewline = false
  /// The field separator byte (`,` by default).
  public let separator: UInt8
  /// Which bytes end a run of ordinary field bytes: the separator, quote, CR and LF.
  private let specialBytes: [Bool]

  /// The 1-based number of the record last read.
  public private(set) var recordNumber = 0

  /// Creates a reader of a file.
  ///
  /// - Parameters:
  ///   - url: A file URL.
  ///   - separator: The field separator; a comma by default.
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) if the file cannot be opened.
  public init(contentsOf url: URL, separator: UInt8 = UInt8(ascii: ",")) throws {
    source = try ByteSource(url: url)
    self.separator = separator
    specialBytes = Self.specialTable(separator)
  }

  /// Creates a reader of bytes in memory.
  ///
  /// - Parameters:
  ///   - data: The CSV text.
  ///   - separator: The field separator; a comma by default.
  public init(data: some Collection<UInt8>, separator: UInt8 = UInt8(ascii: ",")) {
    self.init(data: data, separator: separator, chunkSize: nil)
  }

  /// Creates a reader that hands out in-memory bytes in chunks of `chunkSize` (for tests of
  /// records that straddle chunk boundaries).
  init(data: some Collection<UInt8>, separator: UInt8 = UInt8(ascii: ","), chunkSize: Int?) {
    source = ByteSource(bytes: Array(data), chunkSize: chunkSize)
    self.separator = separator
    specialBytes = Self.specialTable(separator)
  }

  private static func specialTable(_ separator: UInt8) -> [Bool] {
    (0...255).map { byte in
      byte == Int(separator) || byte == Int(UInt8(ascii: "\"")) || byte == 0x0A || byte == 0x0D
    }
  }

  private mutating func refill() throws -> Bool {
    guard let next = try source.nextChunk() else { return false }
    chunk = next
    position = 0
    if atStart {
      atStart = false
      if chunk.count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { position = 3 }
    }
    return true
  }

  /// Reads the next record.
  ///
  /// - Parameter record: Receives the fields of the record.
  /// - Returns: `false` at the end of the input.
  /// - Throws: ``RetentionCoreError`` (`.malformedCSV`) for an unterminated quoted field or text
  ///   after a closing quote, naming the row; (`.ioFailure`) if reading fails.
  /// - Complexity: O(*n*), where *n* is the length of the record.
  public mutating func readRecord(into record: inout CSVRecord) throws -> Bool {
    record.removeAll()
    if position >= chunk.count {
      guard try refill() else { return false }
    }
    if skipNewline {
      skipNewline = false
      if chunk[position] == UInt8(ascii: "\n") {
        position += 1
        if position >= chunk.count {
          guard try refill() else { return false }
        }
      }
    }
    recordNumber += 1
    if readUnquotedRecord(into: &record) { return true }
    let comma = separator
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    let special = specialBytes
    var fieldStart = true
    var inQuotes = false
    var afterQuote = false
    while true {
      if position >= chunk.count {
        guard try refill() else {
          if inQuotes {
            throw RetentionCoreError(
              .malformedCSV, row: recordNumber, field: "field \(record.count + 1)",
              reason: "unterminated quoted field at the end of the input")
          }
          record.endField()
          return true
        }
      }
      let current = chunk
      var index = position
      let done: Bool = current.withUnsafeBufferPointer { bytes in
        let end = bytes.count
        while index < end {
          let byte = bytes[index]
          if inQuotes {
            // Copy a run of ordinary bytes at once.
            var run = index
            while run < end && bytes[run] != quote { run += 1 }
            if run > index {
              record.append(UnsafeBufferPointer(rebasing: bytes[index..<run]))
              index = run
              continue
            }
            // bytes[index] is a quote: an escaped quote or the closing quote.
            if index + 1 < end {
              if bytes[index + 1] == quote {
                record.append(quote)
                index += 2
              } else {
                inQuotes = false
                afterQuote = true
                index += 1
              }
            } else {
              // The quote is the last byte of the chunk; decide after the refill.
              record.pendingQuote = true
              index += 1
              return false
            }
            continue
          }
          if byte == comma {
            record.endField()
            fieldStart = true
            afterQuote = false
            index += 1
            continue
          }
          if byte == newline || byte == carriageReturn {
            index += 1
            if byte == carriageReturn && index < end && bytes[index] == newline { index += 1 }
            if byte == carriageReturn && index == end { record.pendingCarriageReturn = true }
            record.endField()
            return true
          }
          if byte == quote && fieldStart {
            inQuotes = true
            fieldStart = false
            index += 1
            continue
          }
          if afterQuote {
            record.malformed = true
          }
          fieldStart = false
          var run = index + 1
          while run < end && !special[Int(bytes[run])] { run += 1 }
          record.append(UnsafeBufferPointer(rebasing: bytes[index..<run]))
          index = run
        }
        return false
      }
      position = index
      if record.pendingCarriageReturn {
        record.pendingCarriageReturn = false
        skipNewline = true
      }
      if done { return true }
      if record.pendingQuote {
        record.pendingQuote = false
        // Look at the first byte of the next chunk to tell `""` from a closing quote.
        if position >= chunk.count, try refill(), chunk[position] == quote {
          record.append(quote)
          position += 1
        } else {
          inQuotes = false
          afterQuote = true
        }
      }
    }
  }

  /// The common case without copying: a record with no quote that ends inside the current
  /// chunk becomes field ranges into the chunk itself. Returns `false`, having consumed nothing,
  /// for anything else (quotes, a record that straddles chunks), which the general loop reads.
  private mutating func readUnquotedRecord(into record: inout CSVRecord) -> Bool {
    let comma = separator
    let start = position
    let found: Int? = chunk.withUnsafeBufferPointer { bytes in
      specialBytes.withUnsafeBufferPointer { special -> Int? in
        let end = bytes.count
        var index = start
        while index < end {
          let byte = bytes[index]
          if !special[Int(byte)] {
            index += 1
            continue
          }
          if byte == comma {
            record.ends.append(index)
            index += 1
            continue
          }
          if byte == UInt8(ascii: "\n") {
            record.ends.append(index)
            return index + 1
          }
          if byte == UInt8(ascii: "\r") && index + 1 < end {
            record.ends.append(index)
            return bytes[index + 1] == UInt8(ascii: "\n") ? index + 2 : index + 1
          }
          break  // a quote, or a CR as the chunk's last byte
        }
        return nil
      }
    }
    guard let next = found else {
      record.ends.removeAll(keepingCapacity: true)
      return false
    }
    record.source = chunk
    record.base = start
    position = next
    return true
  }
}

/// The fields of one CSV record, as byte ranges into a reused buffer, or (for records without
/// quotes) into the reader's chunk itself.
public struct CSVRecord {
  var bytes: [UInt8] = []
  var ends: [Int] = []
  /// For a record read in place: the chunk holding it, and where the record starts in it. Field
  /// *i* then runs from one past the end of field *i* − 1 (the separator) to `ends[i]`.
  var source: [UInt8]?
  var base = 0
  var fieldStart = 0
  var pendingQuote = false
  var pendingCarriageReturn = false
  /// Whether the record had text after a closing quote (`"a"b`), which RFC 4180 forbids.
  public internal(set) var malformed = false

  /// Creates an empty record.
  public init() {
    bytes.reserveCapacity(1024)
    ends.reserveCapacity(128)
  }

  mutating func removeAll() {
    if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
    ends.removeAll(keepingCapacity: true)
    source = nil
    fieldStart = 0
    malformed = false
  }

  mutating func append(_ byte: UInt8) { bytes.append(byte) }
  mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
  mutating func endField() { ends.append(bytes.count) }

  /// The number of fields.
  public var count: Int { ends.count }

  /// Whether the record is one empty field (a blank line).
  public var isBlank: Bool { ends.count == 1 && range(at: 0).isEmpty }

  /// The byte range of a field in the record's storage (``source`` or ``bytes``).
  func range(at index: Int) -> Range<Int> {
    if source != nil { return (index == 0 ? base : ends[index - 1] + 1)..<ends[index] }
    return (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  /// Calls `body` with the bytes of a field (empty for a missing field).
  ///
  /// - Parameters:
  ///   - index: A field index; out-of-range fields read as empty.
  ///   - body: A closure receiving the bytes; they are valid only during the call.
  /// - Returns: What `body` returns.
  public func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    guard index >= 0 && index < ends.count else {
      return try body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let range = range(at: index)
    if let source { return try source.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) } }
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// The field decoded as UTF-8 (invalid sequences repaired), or an empty string for a missing field.
  ///
  /// - Parameter index: A field index.
  public func string(at index: Int) -> String {
    withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether a field is empty or missing.
  public func isEmpty(at index: Int) -> Bool {
    guard index >= 0 && index < ends.count else { return true }
    return range(at: index).isEmpty
  }
}

/// Reads a file in chunks, or hands out an in-memory buffer once.
struct ByteSource {
  private var handle: FileHandle?
  private var bytes: [UInt8]?
  private var memoryChunkSize: Int?
  private let chunkSize = 1 << 22
  private let path: String

  init(url: URL) throws {
    path = url.path
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw RetentionCoreError(.ioFailure, reason: "cannot open \(url.path): \(error.localizedDescription)")
    }
  }

  init(bytes: [UInt8], chunkSize: Int? = nil) {
    self.bytes = bytes
    memoryChunkSize = chunkSize
    path = "<memory>"
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
    guard let handle else { return nil }
    do {
      guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
        try? handle.close()
        self.handle = nil
        return nil
      }
      return [UInt8](data)
    } catch {
      throw RetentionCoreError(.ioFailure, reason: "cannot read \(path): \(error.localizedDescription)")
    }
  }
}
