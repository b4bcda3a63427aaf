public import Foundation
import _RetentionSupport

/// A streaming reader of RFC 4180 CSV: quoted fields with escaped quotes (`""`), embedded commas
/// and newlines, CRLF or LF line ends, and a leading UTF-8 byte-order mark.
///
/// The reader pulls the input in chunks, so a file of any size is read in constant memory.
/// Fields are exposed as byte ranges of the current record; ``CSVRecord/string(at:)`` decodes one
/// as UTF-8.
///
/// Input that is not text is refused early: a NUL byte or a UTF-16 byte-order mark in the first
/// record throws at once (a binary file, or a spreadsheet saved as UTF-16), and a later record
/// with a NUL byte is returned with the ``CSVRecord/Defect/containsNUL`` defect. A record longer
/// than ``maximumRecordLength`` is skipped without being held in memory and returned with the
/// ``CSVRecord/Defect/tooLong(limit:)`` defect; in the first record (the header) it throws.
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
  /// The field separator byte (`,` by default; 0 reads each line as one field).
  public let separator: UInt8
  /// The longest record, in bytes of its fields and separators, whose fields are kept.
  public let maximumRecordLength: Int
  /// The bytes that end a run of ordinary field bytes: the separator, quote, CR, LF and NUL.
  private let specialBytes: ByteSet
  /// The bytes that end a run inside quotes: the quote and NUL.
  private static let quotedSpecialBytes = ByteSet([UInt8(ascii: "\""), 0])
  /// Whether the input starts here (not in the middle of a file split for parallel parsing):
  /// only then is the first record checked for text and a byte-order mark skipped.
  private let isStartOfInput: Bool

  /// The 1-based number of the record last read.
  public private(set) var recordNumber = 0

  /// The default ``maximumRecordLength``: 1 MiB.
  public static let defaultMaximumRecordLength = 1 << 20

  /// Creates a reader of a file.
  ///
  /// - Parameters:
  ///   - url: A file URL.
  ///   - separator: The field separator; a comma by default, 0 for none (each line one field).
  ///   - maximumRecordLength: The longest record whose fields are kept, in bytes; 1 MiB by
  ///     default.
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) with a sentence naming the file if it does
  ///   not exist, is a directory or cannot be opened.
  public init(
    contentsOf url: URL, separator: UInt8 = UInt8(ascii: ","),
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) throws {
    precondition(maximumRecordLength > 0, "the maximum record length must be positive")
    source = try ByteSource(url: url)
    self.separator = separator
    self.maximumRecordLength = maximumRecordLength
    specialBytes = Self.specialTable(separator)
    isStartOfInput = true
  }

  /// Creates a reader of bytes in memory.
  ///
  /// - Parameters:
  ///   - data: The CSV text.
  ///   - separator: The field separator; a comma by default, 0 for none (each line one field).
  ///   - maximumRecordLength: The longest record whose fields are kept, in bytes; 1 MiB by
  ///     default.
  public init(
    data: some Collection<UInt8>, separator: UInt8 = UInt8(ascii: ","),
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) {
    self.init(data: data, separator: separator, maximumRecordLength: maximumRecordLength, chunkSize: nil)
  }

  /// Creates a reader that hands out in-memory bytes in chunks of `chunkSize` (for tests of
  /// records that straddle chunk boundaries), or of a later part of a file
  /// (`isStartOfInput` false).
  init(
    data: some Collection<UInt8>, separator: UInt8 = UInt8(ascii: ","),
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength, chunkSize: Int?, isStartOfInput: Bool = true
  ) {
    precondition(maximumRecordLength > 0, "the maximum record length must be positive")
    source = ByteSource(bytes: Array(data), chunkSize: chunkSize)
    self.separator = separator
    self.maximumRecordLength = maximumRecordLength
    specialBytes = Self.specialTable(separator)
    self.isStartOfInput = isStartOfInput
  }

  private static func specialTable(_ separator: UInt8) -> ByteSet {
    ByteSet([separator, UInt8(ascii: "\""), 0x0A, 0x0D, 0])
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

  /// The error for a first record that cannot be read: nothing after it can be trusted.
  private func firstRecordError(_ defect: CSVRecord.Defect) -> RetentionCoreError {
    switch defect {
    case .containsNUL:
      RetentionCoreError(
        .notText, row: 1,
        reason: "the file is not text: its first line holds a NUL byte (a binary file, or text saved as UTF-16; save it as UTF-8 CSV)")
    case .tooLong:
      RetentionCoreError(.recordTooLong, row: 1, reason: "\(defect) (is this a CSV file?)")
    }
  }

  /// Reads the next record.
  ///
  /// - Parameter record: Receives the fields of the record.
  /// - Returns: `false` at the end of the input.
  /// - Throws: ``RetentionCoreError`` (`.malformedCSV`) for an unterminated quoted field or text
  ///   after a closing quote, naming the row; (`.ioFailure`) if reading fails.
  /// - Complexity: O(*n*), where *n* is the length of the record.
  public mutating func readRecord(into record: inout CSVRecord) throws -> Bool {
    record.removeAll(limit: maximumRecordLength)
    // A loop: a chunk may hold nothing more (a file of only a byte-order mark).
    while position >= chunk.count {
      guard try refill() else { return false }
    }
    if skipNewline {
      skipNewline = false
      if chunk[position] == UInt8(ascii: "\n") {
        position += 1
        while position >= chunk.count {
          guard try refill() else { return false }
        }
      }
    }
    recordNumber += 1
    if readUnquotedRecord(into: &record) {
      if let defect = record.defect, recordNumber == 1, isStartOfInput { throw firstRecordError(defect) }
      return true
    }
    let checksFirstRecord = recordNumber == 1 && isStartOfInput
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
      let quotedSpecial = Self.quotedSpecialBytes
      var index = position
      let done: Bool = current.withByteView { bytes in
        let end = bytes.count
        while index < end {
          let byte = bytes[index]
          if byte == 0 {
            record.markDefect(.containsNUL)
            // A first line with a NUL byte is refused at once; a later one is skipped to its end
            // (a run of NUL bytes at once: they end no field, open no quote).
            if checksFirstRecord { return false }
            fieldStart = false
            index += 1
            while index < end && bytes[index] == 0 { index += 1 }
            continue
          }
          if inQuotes {
            // Copy a run of ordinary bytes at once.
            let run = bytes.firstIndex(in: quotedSpecial, from: index)
            if run > index {
              record.append(bytes.extracting(index..<run))
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
            if byte == carriageReturn {
              // A CR that ends the chunk may be the first half of a CRLF: look after the refill.
              if index == end {
                record.pendingCarriageReturn = true
              } else if bytes[index] == newline {
                index += 1
              }
            }
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
          let run = bytes.firstIndex(in: special, from: index + 1)
          record.append(bytes.extracting(index..<run))
          index = run
        }
        return false
      }
      position = index
      if checksFirstRecord, let defect = record.defect { throw firstRecordError(defect) }
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
    let limit = maximumRecordLength
    let special = specialBytes
    let found: Int? = chunk.withByteView { bytes -> Int? in
      let end = bytes.count
      var index = start
      while true {
        index = bytes.firstIndex(in: special, from: index)
        guard index < end else { return nil }
        let byte = bytes[index]
        if byte == 0 { return nil }  // not text: the general loop marks the record
        if byte == comma {
          // A record of many short fields must not grow the field table without bound.
          if index - start > limit { return nil }
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
        return nil  // a quote, or a CR as the chunk's last byte
      }
    }
    guard let next = found else {
      record.ends.removeAll(keepingCapacity: true)
      return false
    }
    position = next
    if let last = record.ends.last, last - start > limit {
      record.markDefect(.tooLong(limit: limit))
      return true
    }
    record.source = chunk
    record.base = start
    return true
  }
}

