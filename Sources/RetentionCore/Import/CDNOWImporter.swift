import Foundation
import _RetentionSupport

/// Imports the whitespace-separated CDNOW files (Fader, Hardie & Lee 2005); the rules of a row
/// are in ``CDNOWRows``.
///
/// A file is read whole and split into lines in memory (``importBytes(_:context:)``), which
/// finds the same lines as the CSV reader with no separator (``importLines(_:context:byteCount:)``,
/// the plain reference): LF, CRLF and a lone CR end a line. Input the CSV reader could read
/// otherwise (a quote, which may open a field spanning lines; a NUL byte; a byte-order mark; a
/// line longer than the limit) goes to the reader, as do files too large to hold in memory.
enum CDNOWImporter {
  /// Imports a CDNOW file.
  ///
  /// - Throws: ``RetentionCoreError`` as ``OrderLog/init(contentsOf:format:options:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  static func importFile(_ url: URL, context: ImportContext) throws -> OrderLog {
    let handle = try FileAccess.openForReading(url)
    defer { try? handle.close() }
    let descriptor = handle.fileDescriptor
    do {
      // A binary file, or one without a line end in its first part, is streamed: the reader
      // refuses it after its first line, without reading it all.
      if let size = FileBytes.regularFileSize(of: descriptor), size <= OrderLog.parallelImportLimit,
        isText(try FileBytes.readPrefix(of: descriptor, upTo: 1 << 16), size: size)
      {
        // A file large enough to be parsed in halves is read from disk in halves too.
        if size >= parallelMinimumBytes, let bytes = try FileBytes.readWholeFile(of: descriptor, size: size) {
          return try importBytes(bytes, context: context)
        }
        return try importBytes(FileBytes.readToEnd(from: descriptor, expectedCount: size), context: context)
      }
    } catch let failure as FileBytes.Failure {
      throw FileAccess.failure(url.path, errno: failure.errorNumber)
    }
    return try importLines(
      CSVReader(contentsOf: url, separator: 0, maximumRecordLength: context.maximumRecordLength), context: context)
  }

  /// Whether the first bytes of a file hold no NUL byte and end a line (or the file).
  private static func isText(_ prefix: [UInt8], size: Int) -> Bool {
    !prefix.contains(0) && (prefix.count >= size || prefix.contains(0x0A) || prefix.contains(0x0D))
  }

  /// Imports a CDNOW text in memory, its rows kept in ``CDNOWColumns``. A text of 1 MiB or more
  /// is read in two halves at once (``importBytesInHalves(_:context:splittingNear:)``), with the
  /// same result.
  ///
  /// - Throws: ``RetentionCoreError`` as ``OrderLog/init(csv:format:options:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  static func importBytes(_ bytes: [UInt8], context: ImportContext) throws -> OrderLog {
    if bytes.count >= parallelMinimumBytes {
      return try importBytesInHalves(bytes, context: context, splittingNear: bytes.count / 2)
    }
    return try importBytes(bytes, context: context, into: CDNOWColumns.self)
  }

  /// The size from which a text in memory is read in two halves at once.
  static let parallelMinimumBytes = 1 << 20

  /// Imports a CDNOW text in memory, its rows handed to a `Sink` (tests compare
  /// ``CDNOWColumns`` with ``CDNOWBuilderSink``, the builder's way).
  ///
  /// - Throws: ``RetentionCoreError`` as ``OrderLog/init(csv:format:options:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  static func importBytes<Sink: CDNOWRowSink>(_ bytes: [UInt8], context: ImportContext, into _: Sink.Type) throws
    -> OrderLog
  {
    if startsWithByteOrderMark(bytes) { return try reference(bytes, context: context) }
    var rows = CDNOWRows<Sink>(context: context, expectedRows: expectedRows(byteCount: bytes.count))
    var row = 0
    guard try readLines(bytes, 0..<bytes.count, into: &rows, row: &row, limit: context.maximumRecordLength) else {
      return try reference(bytes, context: context)
    }
    return try rows.build()
  }

  /// Whether a text may start with a byte-order mark (the CSV reader reads those).
  static func startsWithByteOrderMark(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first else { return false }
    return first == 0xEF || first == 0xFE || first == 0xFF
  }

  /// Hands the lines of `bytes[range]` to `rows`, numbering them on from `row`; returns `false`
  /// at the first line the CSV reader must read instead (it holds a quote, which may open a field
  /// spanning lines, or a NUL byte, or is longer than `limit`), having handed on the lines before
  /// it.
  ///
  /// LF, CRLF and a lone CR end a line; `range` starts at the start of a line.
  ///
  /// - Throws: In strict mode, the error of the first bad row.
  static func readLines<Sink: CDNOWRowSink>(
    _ bytes: [UInt8], _ range: Range<Int>, into rows: inout CDNOWRows<Sink>, row: inout Int, limit: Int
  ) throws -> Bool {
    var start = range.lowerBound
    let upper = range.upperBound
    while start < upper {
      var end = start
      while end < upper {
        let byte = bytes[end]
        if byte == 0x0A || byte == 0x0D { break }
        if byte == UInt8(ascii: "\"") || byte == 0 { return false }
        end += 1
      }
      if end - start > limit { return false }
      row += 1
      if try !rows.addPlainRow(bytes, start..<end, row: row) { try rows.add(bytes, start..<end, row: row) }
      start = end + 1
      if end + 1 < upper && bytes[end] == 0x0D && bytes[end + 1] == 0x0A { start += 1 }
    }
    return true
  }

  /// Reads the bytes with the CSV reader.
  static func reference(_ bytes: [UInt8], context: ImportContext) throws -> OrderLog {
    try importLines(
      CSVReader(data: bytes, separator: 0, maximumRecordLength: context.maximumRecordLength), context: context,
      byteCount: bytes.count)
  }

  /// Imports the lines of a CSV reader with no separator through the general builder
  /// (``CDNOWBuilderSink``): the plain reference, and the way of files too large to hold in memory.
  ///
  /// - Parameter byteCount: The size of the input, if known, to reserve room for its rows.
  static func importLines(_ source: CSVReader, context: ImportContext, byteCount: Int? = nil) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    var rows = CDNOWRows<CDNOWBuilderSink>(context: context, expectedRows: expectedRows(byteCount: byteCount ?? 0))
    while try reader.readRecord(into: &record) {
      if let error = defectError(record, row: reader.recordNumber) {
        try rows.reject(error)
        continue
      }
      let line = Array(record.string(at: 0).utf8)
      try rows.add(line, line.indices, row: reader.recordNumber)
    }
    return try rows.build()
  }

  /// The rows to reserve room for: a row takes at least 20 bytes (`1 19970101 1 11.77` and a
  /// line end); beyond a million rows the builder grows as it goes (a huge or bogus file
  /// reserves no more).
  static func expectedRows(byteCount: Int) -> Int {
    min(byteCount / 20, 1 << 20)
  }
}
