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
  /// its row number, field and reason. An input with orders in more than one currency is
  /// refused; see ``init(contentsOf:format:options:)`` to choose or convert.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - format: The file's layout.
  ///   - mode: Reject bad rows into the report (default) or throw at the first.
  ///   - timeZone: The time zone of dates written without a UTC offset; UTC by default.
  /// - Throws: ``RetentionCoreError`` as ``init(contentsOf:format:options:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  public init(
    contentsOf url: URL, format: OrderFileFormat, mode: ImportMode = .lenient,
    timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
  ) throws {
    try self.init(contentsOf: url, format: format, options: ImportOptions(mode: mode, timeZone: timeZone))
  }

  /// Imports an orders file with explicit options: the currency to keep, the longest row.
  ///
  /// ```swift
  /// let log = try OrderLog(contentsOf: url, format: .shopify, options: ImportOptions(currency: .only("EUR")))
  /// print(log.currency, log.report.rowsRejected)   // Optional("EUR"), the rows of orders in other currencies
  /// ```
  ///
  /// The file is read as a stream. Every data row is accounted for in ``report``: imported as a
  /// line of an order, excluded by the format's convention (counted by reason), or rejected with
  /// its row number, field and reason. A row longer than
  /// ``ImportOptions/maximumRecordLength`` or holding a NUL byte is rejected without being held
  /// in memory; a file whose first line is like that is refused at once. Without a chosen currency
  /// (``CurrencyChoice/single``) an input with orders in more than one currency is refused with
  /// one error that lists each currency and its number of orders.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - format: The file's layout.
  ///   - options: The mode, the time zone, the currency choice and the longest row.
  /// - Throws: ``RetentionCoreError``: `.ioFailure` with a sentence naming the file when it does
  ///   not exist, is a directory or cannot be read; `.notText` for a binary or UTF-16 file;
  ///   `.recordTooLong` for a header longer than the limit; `.emptyInput` for a file without
  ///   data; `.wrongHeader` when a required column is missing; `.mixedCurrency` for orders in more
  ///   than one currency without a choice; and in strict mode the first bad
  ///   row.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  public init(contentsOf url: URL, format: OrderFileFormat, options: ImportOptions) throws {
    let context = ImportContext(options)
    let limit = options.maximumRecordLength
    switch format {
    case .cdnow:
      self = try CDNOWImporter.importFile(url, context: context)
    case .lineItems, .onlineRetail, .groceries:
      // Files that fit comfortably in memory are parsed in two parallel parts; larger ones stream.
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
      if let size, size <= Self.parallelImportLimit, let importer = Self.lineItemImporter(format) {
        // The first line is read from the stream first, so a binary file or a huge header is
        // refused before the whole file is read into memory.
        var header = try CSVReader(contentsOf: url, maximumRecordLength: limit)
        var record = CSVRecord()
        _ = try header.readRecord(into: &record)
        let bytes = try readWholeFile(url, size: size)
        self = try importer.importOrders(bytes: bytes, context: context)
      } else {
        self = try Self.importCSV(
          try CSVReader(contentsOf: url, maximumRecordLength: limit), format: format, context: context)
      }
    default:
      self = try Self.importCSV(
        try CSVReader(contentsOf: url, maximumRecordLength: limit), format: format, context: context)
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
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  public init(
    csv: some Collection<UInt8>, format: OrderFileFormat, mode: ImportMode = .lenient,
    timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
  ) throws {
    try self.init(csv: csv, format: format, options: ImportOptions(mode: mode, timeZone: timeZone))
  }

  /// Imports orders from CSV text in memory with explicit options; see
  /// ``init(contentsOf:format:options:)``.
  ///
  /// ```swift
  /// let log = try OrderLog(csv: Array(text.utf8), format: .shopify, options: ImportOptions(currency: .only("EUR")))
  /// ```
  ///
  /// - Parameters:
  ///   - csv: The file's bytes (for example `Data` or `Array(string.utf8)`).
  ///   - format: The layout.
  ///   - options: The mode, the time zone, the currency choice and the longest row.
  /// - Throws: ``RetentionCoreError`` as for a file.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  public init(csv: some Collection<UInt8>, format: OrderFileFormat, options: ImportOptions) throws {
    let context = ImportContext(options)
    let limit = options.maximumRecordLength
    switch format {
    case .cdnow:
      self = try CDNOWImporter.importBytes(Array(csv), context: context)
    case .lineItems, .onlineRetail, .groceries:
      if let importer = Self.lineItemImporter(format) {
        self = try importer.importOrders(bytes: Array(csv), context: context)
      } else {
        self = try Self.importCSV(CSVReader(data: csv, maximumRecordLength: limit), format: format, context: context)
      }
    default:
      self = try Self.importCSV(CSVReader(data: csv, maximumRecordLength: limit), format: format, context: context)
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
  let currency: CurrencyChoice
  let utcOffset: Int
  let maximumRecordLength: Int

  init(
    mode: ImportMode, timeZone: TimeZone, currency: CurrencyChoice = .single,
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) {
    self.mode = mode
    self.timeZone = timeZone
    self.currency = currency
    self.maximumRecordLength = maximumRecordLength
    utcOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
  }

  init(_ options: ImportOptions) {
    self.init(
      mode: options.mode, timeZone: options.timeZone, currency: options.currency,
      maximumRecordLength: options.maximumRecordLength)
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
        reason: "the header has no column \(RetentionCoreError.quoted(name)) (it has: \(listing))")
    }
    return position
  }

  /// The header's names for a message: each cut to 40 characters, and no more than about 200
  /// characters of them in all.
  var listing: String {
    var parts: [String] = []
    var length = 0
    for name in names {
      let part = RetentionCoreError.excerpt(name, limit: 40)
      if length + part.count > 200 {
        parts.append("... \(names.count - parts.count) more")
        break
      }
      parts.append(part)
      length += part.count + 2
    }
    return parts.joined(separator: ", ")
  }
}

/// Reads the header of a CSV file, or throws `.emptyInput`.
func readHeader(_ reader: inout CSVReader, record: inout CSVRecord) throws -> HeaderMap {
  guard try reader.readRecord(into: &record), !record.isBlank else {
    throw RetentionCoreError(.emptyInput, row: 1, reason: "the file is empty: no header row")
  }
  return HeaderMap(record)
}

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

/// The bytes of a file, read straight into an array (no intermediate `Data` copy).
func readWholeFile(_ url: URL, size: Int) throws -> [UInt8] {
  let handle = try FileAccess.openForReading(url)
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
    throw FileAccess.failure(url.path, errno: errno)
  }
  // The file may have grown since its size was read: take the rest too.
  if let rest = try? handle.readToEnd(), !rest.isEmpty { bytes.append(contentsOf: rest) }
  return bytes
}
