public import Foundation
import _RetentionSupport

extension EventLog {
  /// Imports an event file: CSV with a header, or JSON Lines.
  ///
  /// ```swift
  /// let log = try EventLog(contentsOf: URL(fileURLWithPath: "events.jsonl"))
  /// print(log.report.accountingLines(source: "events.jsonl").joined(separator: "\n"))
  /// ```
  ///
  /// Each row is one event: the columns (CSV) or keys (JSON Lines) are `time`, `customer`,
  /// `event`, and where they apply `product`, `order`, `message`, `flow`, `step`, `channel` and
  /// `value`; the table of what each event needs is in `Documentation/Campaigns.md` ("The event
  /// file"). Every row is accounted for in ``report``: imported as an event, excluded (a blank
  /// row, an exact duplicate of another event) or rejected with its row number, field and reason
  /// (an unknown event, a time that is not ISO 8601, a missing product, order, message or
  /// channel, an unknown channel, a score that is not a number). Row numbers count the header
  /// of a CSV file as row 1, and lines of a JSON Lines file from 1.
  ///
  /// A file of up to 1 GiB is read whole and its parts are parsed in parallel; a larger one is
  /// read as a stream. The log is the same whatever the order of the rows.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - format: The layout; by default from the file name's extension (`.csv`, `.jsonl`,
  ///     `.ndjson`), or for another extension from the first character (`{` for JSON Lines).
  ///   - options: The mode (reject bad rows, or throw at the first), the time zone of times
  ///     written without an offset (UTC by default) and the longest row.
  /// - Throws: ``RetentionCoreError``: `.ioFailure` naming the file when it does not exist, is a
  ///   directory or cannot be read; `.notText` for a binary or UTF-16 file; `.recordTooLong` for
  ///   a first row longer than the limit; `.wrongHeader` for a CSV header without `time`,
  ///   `customer` or `event`; `.emptyInput` for a file without data rows, or whose rows gave no
  ///   event (the reason names the most common rejection and the first); in strict mode the
  ///   first bad row.
  /// - Complexity: O(*n*) for *n* rows, plus O(*r* log *r*) for the *r* events that share their
  ///   time with another.
  public init(contentsOf url: URL, format: EventFileFormat? = nil, options: ImportOptions = ImportOptions()) throws {
    let format = try format ?? EventFileFormat(pathExtensionOf: url) ?? Self.sniffedFormat(url)
    let importer = EventImporter(format: format, context: ImportContext(options))
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
    if let size, size <= Self.parallelImportLimit {
      // The first row is read from a stream first, so that a binary file or a huge first line is
      // refused before the whole file is read into memory.
      try importer.checkFirstRow(of: url)
      self = try importer.importBytes(try readWholeFile(url, size: size))
    } else {
      self = try importer.importStream(url)
    }
  }

  /// Imports an event file held in memory; see ``init(contentsOf:format:options:)``.
  ///
  /// ```swift
  /// let csv = "time,customer,event,channel\n2024-03-01T09:00:00Z,c-17,subscribed,email\n"
  /// let log = try EventLog(bytes: Array(csv.utf8), format: .csv)
  /// ```
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes (for example `Data` or `Array(string.utf8)`).
  ///   - format: The layout.
  ///   - options: The mode, the time zone of times without an offset and the longest row.
  /// - Throws: ``RetentionCoreError`` as for a file.
  /// - Complexity: O(*n*) for *n* rows, plus O(*r* log *r*) for the *r* events that share their
  ///   time with another.
  public init(bytes: some Collection<UInt8>, format: EventFileFormat, options: ImportOptions = ImportOptions()) throws {
    self = try EventImporter(format: format, context: ImportContext(options)).importBytes(Array(bytes))
  }

  /// Files up to this size are read whole and parsed in parallel.
  static let parallelImportLimit = 1 << 30

  /// The format of a file whose extension says nothing: JSON Lines if its first character
  /// (after a byte-order mark and spaces) is `{`, else CSV.
  private static func sniffedFormat(_ url: URL) throws -> EventFileFormat {
    let handle = try FileAccess.openForReading(url)
    defer { try? handle.close() }
    let prefix: [UInt8]
    do {
      prefix = try FileBytes.readPrefix(of: handle.fileDescriptor, upTo: 4_096)
    } catch {
      throw FileAccess.failure(url.path, errno: error.errorNumber)
    }
    let start = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let first = prefix[start...].first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
    return first == UInt8(ascii: "{") ? .jsonLines : .csv
  }
}

extension EventImporter {
  /// Refuses a file whose first row is not text or longer than the limit, reading only that row.
  func checkFirstRow(of url: URL) throws {
    switch format {
    case .csv:
      var reader = try CSVReader(contentsOf: url, maximumRecordLength: context.maximumRecordLength)
      var record = CSVRecord()
      _ = try reader.readRecord(into: &record)
    case .jsonLines:
      var lines = LineReader(source: try ByteSource(url: url), maximumRecordLength: context.maximumRecordLength)
      var part = EventImportPart(mode: .lenient)
      try readJSONLines(&lines, isStartOfInput: true, into: &part, limit: 1)
    }
  }

  /// Imports a file as a stream, in one part.
  func importStream(_ url: URL) throws -> EventLog {
    var part = EventImportPart(mode: context.mode)
    switch format {
    case .csv:
      var reader = try CSVReader(contentsOf: url, maximumRecordLength: context.maximumRecordLength)
      var record = CSVRecord()
      let layout = try CSVLayout(readHeader(&reader, record: &record))
      try readCSV(&reader, layout: layout, into: &part)
      part.recordsRead = reader.recordNumber
    case .jsonLines:
      var lines = LineReader(source: try ByteSource(url: url), maximumRecordLength: context.maximumRecordLength)
      try readJSONLines(&lines, isStartOfInput: true, into: &part)
      part.recordsRead = lines.lineNumber
    }
    return try log(of: [part])
  }

  /// Imports a file held in memory: split at row boundaries into parts parsed in parallel (one
  /// per core, at least 1 MiB each, unless `partCount` says how many).
  func importBytes(_ bytes: [UInt8], partCount: Int? = nil) throws -> EventLog {
    let limit = context.maximumRecordLength
    var header: CSVLayout?
    if format == .csv {
      var reader = CSVReader(data: bytes, maximumRecordLength: limit)
      var record = CSVRecord()
      header = try CSVLayout(readHeader(&reader, record: &record))
    }
    let layout = header
    let partCount =
      partCount ?? Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, bytes.count >> 20))
    var bounds = [0]
    for part in 1..<partCount {
      let near = bytes.count * part / partCount
      guard near > bounds[bounds.count - 1], let boundary = boundary(near: near, in: bytes),
        boundary > bounds[bounds.count - 1], boundary < bytes.count
      else { continue }
      bounds.append(boundary)
    }
    bounds.append(bytes.count)
    let pieces = (0..<(bounds.count - 1)).map {
      bounds[$0] == 0 && bounds[$0 + 1] == bytes.count ? bytes : Array(bytes[bounds[$0]..<bounds[$0 + 1]])
    }
    let parts = ParallelWork.map(pieces.count) { number -> EventImportPart in
      var part = EventImportPart(mode: context.mode, expectedRows: pieces[number].count / 60)
      do {
        switch format {
        case .csv:
          var reader = CSVReader(
            data: pieces[number], maximumRecordLength: limit, chunkSize: nil, isStartOfInput: number == 0)
          if number == 0 {
            var header = CSVRecord()
            _ = try reader.readRecord(into: &header)
          }
          if let layout { try readCSV(&reader, layout: layout, into: &part) }
          part.recordsRead = reader.recordNumber
        case .jsonLines:
          var lines = LineReader(
            source: ByteSource(bytes: pieces[number]), maximumRecordLength: limit, isStartOfInput: number == 0)
          try readJSONLines(&lines, isStartOfInput: number == 0, into: &part)
          part.recordsRead = lines.lineNumber
        }
      } catch let error as RetentionCoreError {
        part.failure = error
      } catch {
        part.failure = RetentionCoreError(.ioFailure, reason: "\(error)")
      }
      return part
    }
    var offset = 0
    for part in parts {
      if var failure = part.failure {
        failure.row = failure.row.map { $0 + offset }
        throw failure
      }
      offset += part.recordsRead
    }
    return try log(of: parts)
  }

  /// The start of the first row after `position`: after a line break outside quotes for CSV,
  /// after any line feed for JSON Lines (a JSON line holds none).
  private func boundary(near position: Int, in bytes: [UInt8]) -> Int? {
    switch format {
    case .csv: return recordBoundary(near: position, in: bytes)
    case .jsonLines:
      let end = bytes.withByteView { $0.firstIndex(in: ByteSet([0x0A]), from: position) }
      return end + 1 < bytes.count ? end + 1 : nil
    }
  }

  /// The log of the parts, or an error when they hold no data row or gave no event.
  private func log(of parts: [EventImportPart]) throws -> EventLog {
    let rowsRead = parts.reduce(0) { $0 + $1.rowsRead }
    if rowsRead == 0 {
      throw RetentionCoreError(
        .emptyInput, row: format == .csv ? 2 : 1,
        reason: format == .csv ? "the file has a header but no data rows" : "the file has no lines")
    }
    let log = EventLog(parts: parts)
    let report = log.report
    guard log.isEmpty else { return log }
    var reason =
      report.rowsRejected == report.rowsRead
      ? "no events: every one of its \(report.rowsRead) rows was rejected"
      : "no events: none of its \(report.rowsRead) rows could be imported (\(report.rowsExcluded) excluded, \(report.rowsRejected) rejected)"
    if let common = report.mostCommonRejectionReasons(limit: 1).first { reason += "; most often: \(common.reason)" }
    if let first = report.rejections.first { reason += "; first: \(first)" }
    throw RetentionCoreError(.emptyInput, reason: reason)
  }
}
