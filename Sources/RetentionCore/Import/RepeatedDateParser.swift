import _RetentionSupport

/// The parser of a date column whose consecutive rows often repeat one date (the rows of one
/// order): the last field's bytes and instant are kept, and an equal field is not parsed again.
struct RepeatedDateParser {
  let format: DateFormat
  let context: ImportContext
  /// The column's name, for errors.
  let field: String
  private var lastBytes: [UInt8] = []
  private var lastSeconds: Double?

  init(format: DateFormat, context: ImportContext, field: String) {
    self.format = format
    self.context = context
    self.field = field
  }

  /// The instant of a date field in seconds since 1970-01-01 UTC.
  ///
  /// - Throws: `.missingField` for an empty field, `.invalidDate` for text that is not a date of
  ///   the format, naming the row and field.
  mutating func seconds(_ record: CSVRecord, _ column: Int, row: Int) throws(RetentionCoreError) -> Double {
    if let lastSeconds, record.withBytes(at: column, { bytes in lastBytes.withByteView { bytes.elementsEqual($0) } }) {
      return lastSeconds
    }
    let value = try parseDate(record, column, row: row, field: field, format: format, context: context).get()
    lastSeconds = value
    lastBytes.removeAll(keepingCapacity: true)
    record.withBytes(at: column) { lastBytes.append($0) }
    return value
  }
}
