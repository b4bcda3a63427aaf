public import Foundation
import _RetentionSupport

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

/// The bytes of a file, read straight into an array (no intermediate `Data` copy); more than
/// `size` if the file has grown since its size was read.
func readWholeFile(_ url: URL, size: Int) throws -> [UInt8] {
  let handle = try FileAccess.openForReading(url)
  defer { try? handle.close() }
  do {
    return try FileBytes.readToEnd(from: handle.fileDescriptor, expectedCount: size)
  } catch {
    throw FileAccess.failure(url.path, errno: error.errorNumber)
  }
}
