public import Foundation

extension OrderLog {
  /// Imports an orders file.
  ///
  /// ```swift
  /// let log = try OrderLog(contentsOf: url, format: .onlineRetail)
  /// print(log.report.rowsRead, log.report.rowsRejected, log.report.exclusions)
  /// ```
  ///
  /// The file is read as a stream. Every data row is accounted for in ``report``: imported as a
  /// line of an order, excluded by the format's convention (counted by reason), or rejected with
  /// its row number, field and reason.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - format: The file's layout.
  ///   - mode: Reject bad rows into the report (default) or throw at the first.
  ///   - timeZone: The time zone of dates written without a UTC offset; UTC by default.
  /// - Throws: ``RetentionCoreError``: `.ioFailure` if the file cannot be read, `.emptyInput` for
  ///   a file without data, `.wrongHeader` when a required column is missing, and in strict mode
  ///   the first bad row.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  public init(
    contentsOf url: URL, format: OrderFileFormat, mode: ImportMode = .lenient,
    timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
  ) throws {
    let context = ImportContext(mode: mode, timeZone: timeZone)
    switch format {
    case .cdnow:
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
      self = try CDNOWImporter.importLines(
        try CSVReader(contentsOf: url, separator: 0), context: context, byteCount: size)
    case .lineItems, .onlineRetail, .groceries:
      // Files that fit comfortably in memory are parsed in two parallel parts; larger ones stream.
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
      if let size, size <= Self.parallelImportLimit, let importer = Self.lineItemImporter(format) {
        let bytes = try readWholeFile(url, size: size)
        self = try importer.importOrders(bytes: bytes, context: context)
      } else {
        self = try Self.importCSV(try CSVReader(contentsOf: url), format: format, context: context)
      }
    default:
      self = try Self.importCSV(try CSVReader(contentsOf: url), format: format, context: context)
    }
  }

  /// Files up to this size are read whole and parsed in parallel.
  static let parallelImportLimit = 512 << 20

  /// Imports orders from CSV text in memory; see ``init(contentsOf:format:mode:timeZone:)``.
  ///
  /// - Parameters:
  ///   - csv: The file's bytes (for example `Data` or `Array(string.utf8)`).
  ///   - format: The layout.
  ///   - mode: Reject bad rows into the report (default) or throw at the first.
  ///   - timeZone: The time zone of dates written without a UTC offset; UTC by default.
  /// - Throws: ``RetentionCoreError`` as for a file.
  public init(
    csv: some Collection<UInt8>, format: OrderFileFormat, mode: ImportMode = .lenient,
    timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
  ) throws {
    let context = ImportContext(mode: mode, timeZone: timeZone)
    switch format {
    case .cdnow:
      self = try CDNOWImporter.importLines(CSVReader(data: csv, separator: 0), context: context, byteCount: csv.count)
    case .lineItems, .onlineRetail, .groceries:
      if let importer = Self.lineItemImporter(format) {
        self = try importer.importOrders(bytes: Array(csv), context: context)
      } else {
        self = try Self.importCSV(CSVReader(data: csv), format: format, context: context)
      }
    default:
      self = try Self.importCSV(CSVReader(data: csv), format: format, context: context)
    }
  }

  private static func lineItemImporter(_ format: OrderFileFormat) -> LineItemImporter? {
    switch format {
    case .lineItems(let columns): LineItemImporter(columns: columns, rules: .plain)
    case .onlineRetail: LineItemImporter(columns: onlineRetailColumns, rules: .onlineRetail)
    case .groceries: LineItemImporter(columns: groceriesColumns, rules: .plain)
    default: nil
    }
  }

  private static let onlineRetailColumns = LineItemColumns(
    customer: "CustomerID", order: "InvoiceNo", date: "InvoiceDate", product: "StockCode",
    name: "Description", quantity: "Quantity", unitPrice: "UnitPrice", dateFormat: .automatic)
  private static let groceriesColumns = LineItemColumns(
    customer: "Member_number", date: "Date", product: "itemDescription", dateFormat: .dayMonthYear)

  private static func importCSV(_ reader: CSVReader, format: OrderFileFormat, context: ImportContext) throws
    -> OrderLog
  {
    switch format {
    case .shopify: try ShopifyImporter.importOrders(reader, context: context)
    case .lineItems(let columns): try LineItemImporter(columns: columns, rules: .plain).importOrders(reader, context: context)
    case .onlineRetail:
      try LineItemImporter(columns: onlineRetailColumns, rules: .onlineRetail).importOrders(reader, context: context)
    case .groceries:
      try LineItemImporter(columns: groceriesColumns, rules: .plain).importOrders(reader, context: context)
    case .transactions(let columns): try TransactionImporter(columns: columns).importOrders(reader, context: context)
    case .cdnow: try CDNOWImporter.importLines(reader, context: context)
    }
  }
}

/// Settings shared by the importers.
struct ImportContext {
  let mode: ImportMode
  let timeZone: TimeZone
  let utcOffset: Int

  init(mode: ImportMode, timeZone: TimeZone) {
    self.mode = mode
    self.timeZone = timeZone
    utcOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
  }

  /// The offset to apply to a local time; exact for zones without daylight saving, and
  /// corrected per instant for zones with it.
  func seconds(_ bytes: UnsafeBufferPointer<UInt8>, format: DateFormat) -> Double? {
    guard let value = format.seconds(bytes, utcOffset: utcOffset) else { return nil }
    if timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_700_000_000)) == nil {
      return value
    }
    // Re-read with the zone's offset at that instant (only differs across DST).
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: value))
    return offset == utcOffset ? value : format.seconds(bytes, utcOffset: offset)
  }
}

/// Maps header names to column indices, ignoring case, surrounding spaces and a BOM.
struct HeaderMap {
  let names: [String]
  private let index: [String: Int]

  init(_ record: CSVRecord) {
    var names: [String] = []
    var index: [String: Int] = [:]
    for position in 0..<record.count {
      let name = record.string(at: position).trimmingCharacters(in: .whitespaces)
      names.append(name)
      if index[name.lowercased()] == nil { index[name.lowercased()] = position }
    }
    self.names = names
    self.index = index
  }

  subscript(name: String) -> Int? { index[name.lowercased()] }

  /// The index of a required column, or a `.wrongHeader` error listing what the header has.
  func required(_ name: String) throws -> Int {
    guard let position = self[name] else {
      throw RetentionCoreError(
        .wrongHeader, row: 1, field: name,
        reason: "the header has no column \"\(name)\" (it has: \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", ..." : ""))")
    }
    return position
  }
}

/// Reads the header of a CSV file, or throws `.emptyInput`.
func readHeader(_ reader: inout CSVReader, record: inout CSVRecord) throws -> HeaderMap {
  guard try reader.readRecord(into: &record), !record.isBlank else {
    throw RetentionCoreError(.emptyInput, row: 1, reason: "the file is empty: no header row")
  }
  return HeaderMap(record)
}

/// Checks the shape of a data row: not malformed, and as many fields as the header.
func shapeError(_ record: CSVRecord, row: Int, expected: Int) -> RetentionCoreError? {
  if record.malformed {
    return RetentionCoreError(.malformedCSV, row: row, reason: "text after a closing quote")
  }
  if record.count != expected {
    return RetentionCoreError(
      .malformedCSV, row: row, reason: "ragged row: expected \(expected) fields, found \(record.count)")
  }
  return nil
}

/// Parses a number field, naming the row and field on failure.
func parseNumber(
  _ record: CSVRecord, _ column: Int, row: Int, field: String, allowNegative: Bool = false
) -> Result<Double, RetentionCoreError> {
  let value = record.withBytes(at: column) { FieldParsing.double($0) }
  guard let value else {
    return .failure(
      RetentionCoreError(.invalidNumber, row: row, field: field, reason: "not a number: \"\(record.string(at: column))\""))
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
      reason: text.isEmpty ? "the date is empty" : "not a valid date: \"\(text)\""))
}

/// The bytes of a file, read straight into an array (no intermediate `Data` copy).
func readWholeFile(_ url: URL, size: Int) throws -> [UInt8] {
  let handle: FileHandle
  do {
    handle = try FileHandle(forReadingFrom: url)
  } catch {
    throw RetentionCoreError(.ioFailure, reason: "cannot open \(url.path): \(error.localizedDescription)")
  }
  defer { try? handle.close() }
  let descriptor = handle.fileDescriptor
  var failed = false
  var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
    count = 0
    while count < size {
      let got = read(descriptor, buffer.baseAddress! + count, size - count)
      if got < 0 && errno == EINTR { continue }
      if got <= 0 {
        failed = got < 0
        break
      }
      count += got
    }
  }
  if failed {
    throw RetentionCoreError(.ioFailure, reason: "cannot read \(url.path): error \(errno)")
  }
  // The file may have grown since its size was read: take the rest too.
  if let rest = try? handle.readToEnd(), !rest.isEmpty { bytes.append(contentsOf: rest) }
  return bytes
}
