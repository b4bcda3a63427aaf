public import Foundation

extension StaticCovariates {
  /// Reads covariates from a CSV file: a `customer` column and one numeric column per covariate.
  ///
  /// See ``init(csv:)`` for the layout and the checks.
  ///
  /// - Parameter url: The file.
  /// - Throws: ``RetentionCoreError`` `.ioFailure` if the file cannot be read, and the errors of
  ///   ``init(csv:)``.
  /// - Complexity: O(*n*), where *n* is the size of the file.
  public init(csvContentsOf url: URL) throws {
    try self.init(reader: try CSVReader(contentsOf: url))
  }

  /// Reads covariates from CSV text: a header with a `customer` column and one or more numeric
  /// columns, then one row per customer.
  ///
  /// ```
  /// customer,newsletter,age_years
  /// c1,1,34
  /// c2,0,51
  /// ```
  ///
  /// Every row is a customer or an error: a missing or empty value, text that is not a number,
  /// an infinite or NaN value, a repeated customer and a row with too few or too many fields are
  /// errors naming the row (the header is row 1) and the column. Blank lines are skipped. Every
  /// numeric column is a block of its own (``Block``).
  ///
  /// - Parameter csv: The CSV bytes (UTF-8).
  /// - Throws: ``RetentionCoreError``: `.emptyInput` without a header, `.wrongHeader` without a
  ///   `customer` column, without a covariate column or with a repeated column name,
  ///   `.malformedCSV` for a ragged or malformed row, `.missingField`, `.invalidNumber` and
  ///   `.notFinite` for a bad value, `.invalidValue` for a repeated customer.
  /// - Complexity: O(*n*), where *n* is the number of bytes.
  public init(csv: some Collection<UInt8>) throws {
    try self.init(reader: CSVReader(data: csv))
  }

  private init(reader: CSVReader) throws {
    var reader = reader
    var record = CSVRecord()
    guard try reader.readRecord(into: &record), !record.isBlank else {
      throw RetentionCoreError(.emptyInput, reason: "the covariate file has no header row")
    }
    let header = (0..<record.count).map { record.string(at: $0).trimmingCharacters(in: .whitespaces) }
    guard let customerColumn = header.firstIndex(of: "customer") else {
      throw RetentionCoreError(
        .wrongHeader, row: 1, reason: "the covariate file needs a 'customer' column, found \(header)")
    }
    let valueColumns = header.indices.filter { $0 != customerColumn }
    guard !valueColumns.isEmpty else {
      throw RetentionCoreError(
        .wrongHeader, row: 1, reason: "the covariate file has no covariate column beside 'customer'")
    }
    var seen: Set<String> = []
    for column in valueColumns {
      guard !header[column].isEmpty else {
        throw RetentionCoreError(.wrongHeader, row: 1, reason: "covariate column \(column + 1) has no name")
      }
      guard seen.insert(header[column]).inserted else {
        throw RetentionCoreError(.wrongHeader, row: 1, field: header[column], reason: "the column appears twice")
      }
    }
    var customers: [String] = []
    var rows: [[Double]] = []
    var firstRow: [String: Int] = [:]
    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      if let defect = record.defect { throw RetentionCoreError(.malformedCSV, row: row, reason: "\(defect)") }
      if record.isBlank { continue }
      guard !record.malformed else {
        throw RetentionCoreError(.malformedCSV, row: row, reason: "text after a closing quote")
      }
      guard record.count == header.count else {
        throw RetentionCoreError(
          .malformedCSV, row: row, reason: "\(record.count) fields where the header has \(header.count)")
      }
      let customer = record.string(at: customerColumn).trimmingCharacters(in: .whitespaces)
      guard !customer.isEmpty else {
        throw RetentionCoreError(.missingField, row: row, field: "customer", reason: "no customer id")
      }
      if let earlier = firstRow.updateValue(row, forKey: customer) {
        throw RetentionCoreError(
          .invalidValue, row: row, field: "customer",
          reason: "customer '\(customer)' already has a row (row \(earlier))")
      }
      var values: [Double] = []
      values.reserveCapacity(valueColumns.count)
      for column in valueColumns {
        let text = record.string(at: column).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
          throw RetentionCoreError(.missingField, row: row, field: header[column], reason: "no value")
        }
        guard let value = Double(text) else {
          throw RetentionCoreError(.invalidNumber, row: row, field: header[column], reason: "'\(text)' is not a number")
        }
        guard value.isFinite else {
          throw RetentionCoreError(.notFinite, row: row, field: header[column], reason: "'\(text)' is not finite")
        }
        values.append(value)
      }
      customers.append(customer)
      rows.append(values)
    }
    try self.init(columnNames: valueColumns.map { header[$0] }, customerIDs: customers, rows: rows)
  }
}
