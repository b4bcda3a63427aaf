import Foundation
import _RetentionSupport

/// Reads the rows of event files into parts: CSV records (columns found by header name) or
/// JSON Lines, each row by the rules of `EventImportPart+Rows.swift`.
struct EventImporter {
  let format: EventFileFormat
  let context: ImportContext

  /// The columns of each event field in a CSV header (`nil` for a field without one), and the
  /// header's number of columns.
  struct CSVLayout: Sendable {
    let columns: [Int?]
    let fieldCount: Int

    /// The layout of a header.
    ///
    /// - Throws: `.wrongHeader` when `time`, `customer` or `event` is missing.
    init(_ header: HeaderMap) throws {
      for required in [EventField.time, .customer, .event] { _ = try header.required(required.name) }
      columns = EventField.all.map { header[$0.name] }
      fieldCount = header.names.count
    }
  }

  /// Reads the data rows of a CSV reader (positioned after the header) into a part.
  ///
  /// - Throws: In strict mode the first rejection; a malformed file or a failed read.
  /// - Complexity: O(*n*) for *n* bytes.
  func readCSV(_ reader: inout CSVReader, layout: CSVLayout, into part: inout EventImportPart) throws {
    var record = CSVRecord()
    var fields = EventFieldRanges()
    while try reader.readRecord(into: &record) {
      part.rowsRead += 1
      let row = reader.recordNumber
      if record.isBlank {
        part.report.exclude("blank row")
        continue
      }
      if let error = shapeError(record, row: row, expected: layout.fieldCount) {
        try part.reject(error)
        continue
      }
      for field in EventField.all {
        fields[field] = layout.columns[field.rawValue].map { record.range(at: $0) }
      }
      let storage = record.source ?? record.bytes
      let failure = storage.withByteView { bytes -> RetentionCoreError? in
        do throws(RetentionCoreError) {
          try part.appendRow(bytes, fields, row: row, context: context)
          return nil
        } catch {
          return error
        }
      }
      if let failure { try part.reject(failure) }
    }
  }

  /// Reads the lines of a JSON Lines file into a part.
  ///
  /// - Parameters:
  ///   - isStartOfInput: Whether the lines start the file: then a first line that is not text or
  ///     too long refuses the file.
  ///   - limit: The most lines to read.
  /// - Throws: In strict mode the first rejection; a file whose first line is not text or too
  ///   long; a failed read.
  /// - Complexity: O(*n*) for *n* bytes.
  func readJSONLines(
    _ reader: inout LineReader, isStartOfInput: Bool, into part: inout EventImportPart, limit lineLimit: Int = .max
  ) throws {
    var scanner = JSONLineScanner()
    let limit = reader.maximumRecordLength
    while reader.lineNumber < lineLimit {
      let row = reader.lineNumber + 1
      let outcome: RowOutcome? = try reader.readLine { line -> RowOutcome in
        guard let line else {
          let defect = CSVRecord.Defect.tooLong(limit: limit)
          if isStartOfInput && row == 1 {
            throw RetentionCoreError(.recordTooLong, row: 1, reason: "\(defect) (is this a JSON Lines file?)")
          }
          return .rejected(RetentionCoreError(.recordTooLong, row: row, reason: "\(defect)"))
        }
        if line.isEmpty || FieldParsing.trimmingSpacesAndTabs(line).isEmpty { return .blank }
        do throws(RetentionCoreError) {
          try scanner.scan(line, row: row)
        } catch {
          guard line.indices.contains(where: { line[$0] == 0 }) else { return .rejected(error) }
          if isStartOfInput && row == 1 {
            throw RetentionCoreError(
              .notText, row: 1, reason: "the file is not text: its first line holds a NUL byte (save it as UTF-8)")
          }
          return .rejected(RetentionCoreError(.notText, row: row, reason: "\(CSVRecord.Defect.containsNUL)"))
        }
        return scanner.scratch.withByteView { bytes -> RowOutcome in
          do throws(RetentionCoreError) {
            try part.appendRow(bytes, scanner.fields, row: row, context: context)
            return .event
          } catch {
            return .rejected(error)
          }
        }
      }
      guard let outcome else { return }
      part.rowsRead += 1
      switch outcome {
      case .event: break
      case .blank: part.report.exclude("blank row")
      case .rejected(let error): try part.reject(error)
      }
    }
  }

  private enum RowOutcome {
    case event, blank
    case rejected(RetentionCoreError)
  }
}
