import Foundation
import _RetentionSupport

/// Imports one-row-per-line-item CSV files (generic mappings, UCI Online Retail, Groceries).
///
/// Each row is one line of an order: its order id (or, without an order column, a basket made up
/// of one customer's lines on one calendar day), customer, date, product, quantity and unit
/// price. The rules of a row (what is imported, excluded or rejected, and why) are in
/// `LineItemImporter+Rows.swift`; how the parts of a file split for parallel parsing are merged
/// is in `LineItemImporter+Merge.swift`.
struct LineItemImporter {
  enum Rules {
    /// Negative quantities and prices are bad data; zero quantities are excluded.
    case plain
    /// The UCI Online Retail convention (REFERENCES.md): `C` invoices and non-positive
    /// quantities or prices are not purchases and are excluded; customer ids like `17850.0`
    /// are read as `17850`.
    case onlineRetail
  }

  let columns: LineItemColumns
  let rules: Rules

  /// The column positions of a file's header.
  struct Layout {
    let customerColumn, dateColumn, productColumn, fieldCount: Int
    let orderColumn, nameColumn, categoryColumn, quantityColumn, priceColumn, currencyColumn: Int?
  }

  func layout(_ header: HeaderMap) throws -> Layout {
    Layout(
      customerColumn: try header.required(columns.customer), dateColumn: try header.required(columns.date),
      productColumn: try header.required(columns.product), fieldCount: header.names.count,
      orderColumn: try columns.order.map { try header.required($0) },
      nameColumn: try columns.name.map { try header.required($0) },
      categoryColumn: try columns.category.map { try header.required($0) },
      quantityColumn: try columns.quantity.map { try header.required($0) },
      priceColumn: try columns.unitPrice.map { try header.required($0) },
      currencyColumn: try columns.currency.map { try header.required($0) })
  }

  /// Imports a file held in memory. A file of 1 MiB or more is split at a record boundary into
  /// two parts that are parsed in parallel; the result is the same as a sequential import.
  ///
  /// - Throws: ``RetentionCoreError`` as ``importOrders(_:context:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  func importOrders(bytes: [UInt8], context: ImportContext) throws -> OrderLog {
    let boundary = bytes.count >= 1 << 20 ? recordBoundary(near: bytes.count / 2, in: bytes) : nil
    guard let boundary else {
      return try importOrders(CSVReader(data: bytes, maximumRecordLength: context.maximumRecordLength), context: context)
    }
    let firstBytes = Array(bytes[..<boundary])
    let secondBytes = Array(bytes[boundary...])
    var headerReader = CSVReader(data: firstBytes, maximumRecordLength: context.maximumRecordLength)
    var record = CSVRecord()
    let layout = try layout(readHeader(&headerReader, record: &record))
    let parts = ParallelWork.map(2) { part -> LineItemImportPart in
      var reader =
        part == 0
        ? CSVReader(data: firstBytes, maximumRecordLength: context.maximumRecordLength)
        : CSVReader(
          data: secondBytes, maximumRecordLength: context.maximumRecordLength, chunkSize: nil, isStartOfInput: false)
      var result = LineItemImportPart(mode: context.mode)
      do {
        if part == 0 {
          var header = CSVRecord()
          _ = try reader.readRecord(into: &header)
        }
        try readRows(&reader, layout: layout, context: context, into: &result)
      } catch let error as RetentionCoreError {
        result.failure = error
      } catch {
        result.failure = RetentionCoreError(.ioFailure, reason: "\(error)")
      }
      result.recordsRead = reader.recordNumber
      return result
    }
    if let failure = parts[0].failure { throw failure }
    if var failure = parts[1].failure {
      failure.row = failure.row.map { $0 + parts[0].recordsRead }
      throw failure
    }
    return try merge(parts, context: context)
  }

  /// Imports the rows of a reader positioned at the header, in one pass.
  ///
  /// - Throws: ``RetentionCoreError``: `.emptyInput` for a file without a header or without data
  ///   rows, `.wrongHeader` for a missing column, a malformed file, and in strict mode the first
  ///   bad row.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let layout = try layout(readHeader(&reader, record: &record))
    var part = LineItemImportPart(mode: context.mode)
    try readRows(&reader, layout: layout, context: context, into: &part)
    part.recordsRead = reader.recordNumber
    return try merge([part], context: context)
  }
}
