import Foundation

/// Checks the shape of a data row: readable (not too long, no NUL byte), not malformed, and as
/// many fields as the header.
func shapeError(_ record: CSVRecord, row: Int, expected: Int) -> RetentionCoreError? {
  if let error = defectError(record, row: row) { return error }
  if record.malformed {
    return RetentionCoreError(.malformedCSV, row: row, reason: "text after a closing quote")
  }
  if record.count != expected {
    return RetentionCoreError(
      .malformedCSV, row: row, reason: "ragged row: expected \(expected) fields, found \(record.count)")
  }
  return nil
}

/// Whether a record is a data row to read, accounting for the others: a blank row is counted as
/// excluded, a row of the wrong shape (or one the reader could not keep) as rejected, or thrown
/// in strict mode.
///
/// - Throws: The row's error in strict mode.
func isDataRow(_ record: CSVRecord, row: Int, expected: Int, builder: inout OrderLogBuilder) throws -> Bool {
  if record.isBlank {
    builder.report.exclude("blank row")
    return false
  }
  if let error = shapeError(record, row: row, expected: expected) {
    try builder.reject(error, rows: 1)
    return false
  }
  return true
}

/// The rejection of a row the reader could not keep (too long, or holding a NUL byte).
func defectError(_ record: CSVRecord, row: Int) -> RetentionCoreError? {
  switch record.defect {
  case nil: nil
  case .tooLong?: RetentionCoreError(.recordTooLong, row: row, reason: "\(record.defect!)")
  case .containsNUL?: RetentionCoreError(.notText, row: row, reason: "\(record.defect!)")
  }
}

/// Parses a number field, naming the row and field on failure.
func parseNumber(
  _ record: CSVRecord, _ column: Int, row: Int, field: String, allowNegative: Bool = false
) -> Result<Double, RetentionCoreError> {
  let value = record.withBytes(at: column) { FieldParsing.double($0) }
  guard let value else {
    return .failure(
      RetentionCoreError(
        .invalidNumber, row: row, field: field, reason: "not a number: \(RetentionCoreError.quoted(record.string(at: column)))"))
  }
  guard value.isFinite else {
    return .failure(RetentionCoreError(.notFinite, row: row, field: field, reason: "the value is \(value)"))
  }
  if !allowNegative && value < 0 {
    return .failure(RetentionCoreError(.negativeValue, row: row, field: field, reason: "the value \(value) is negative"))
  }
  return .success(value)
}

/// Parses a date field, naming the row and field on failure.
func parseDate(
  _ record: CSVRecord, _ column: Int, row: Int, field: String, format: DateFormat, context: ImportContext
) -> Result<Double, RetentionCoreError> {
  if let value = record.withBytes(at: column, { context.seconds($0, format: format) }) {
    return .success(value)
  }
  let text = record.string(at: column)
  return .failure(
    RetentionCoreError(
      text.isEmpty ? .missingField : .invalidDate, row: row, field: field,
      reason: text.isEmpty ? "the date is empty" : "not a valid date: \(RetentionCoreError.quoted(text))"))
}
