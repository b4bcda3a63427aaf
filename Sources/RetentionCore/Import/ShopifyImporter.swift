import Foundation
import _RetentionSupport

/// Imports a Shopify admin orders export.
///
/// Columns are mapped by header name, so the 73-column exports and the 79-column exports of
/// 2023 (which add Outstanding Balance, Employee, Location, Device ID, Payment ID, Payment
/// References) both work. One row per line item, tied to its order by Name. The order-level
/// fields (``ShopifyOrderField``: Email, Created at, Financial Status, Accepts Marketing,
/// Currency, Total, Refunded Amount, Cancelled at, Tags, Source, Phone, Discount Code,
/// Billing ..., Shipping ...) are taken from whichever row of the order carries them, wherever it
/// is in the file: the rows of an order need not be adjacent nor in Shopify's order, so a
/// reversed or re-sorted export gives the same log. Two rows of one order with different non-empty values for one of these
/// fields reject the order, naming the row, the field and both values.
///
/// An order is imported whole or not at all: a bad row (an unreadable quantity, an unknown
/// financial status) or a conflict rejects the order with all its rows, with the reason of the
/// row at fault. Rows that cannot be tied to an order (ragged, no Name) are rejected alone.
///
/// The customer id is the email, trimmed and lowercased (Shopify's own customer key); orders
/// without an email are guest orders. A leading `'` (Excel's text marker) is removed from phones
/// and zips. Discount Code may name several codes, separated by commas (``Order/discountCodes``;
/// empty when the column is empty, `nil` when the export has no such column). Orders go to the log sorted by creation time and name, with their lines in a
/// canonical order, so that the log does not depend on the order of the rows.
enum ShopifyImporter {
  private struct Columns {
    let name, quantity, lineName, linePrice: Int
    let lineSKU, lineVariant: Int?
    /// The column of each order-level field, by ``ShopifyOrderField`` raw value.
    let orderFields: [Int?]

    init(_ header: HeaderMap) throws {
      name = try header.required("Name")
      _ = try header.required(ShopifyOrderField.createdAt.header)
      quantity = try header.required("Lineitem quantity")
      lineName = try header.required("Lineitem name")
      linePrice = try header.required("Lineitem price")
      lineSKU = header["Lineitem sku"]
      lineVariant = header["Lineitem variant"]
      orderFields = ShopifyOrderField.allCases.map { header[$0.header] }
    }
  }

  static func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let header = try readHeader(&reader, record: &record)
    let columns = try Columns(header)
    let fieldCount = header.names.count
    var builder = OrderLogBuilder(mode: context.mode, currency: context.currency)
    var pending: [ShopifyPendingOrder] = []
    var slot: [String: Int] = [:]
    var rowsRead = 0
    var strings = StringCache()

    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      rowsRead += 1
      guard try isDataRow(record, row: row, expected: fieldCount, builder: &builder) else { continue }
      guard let name = text(record, columns.name, &strings) else {
        try builder.reject(
          RetentionCoreError(.missingField, row: row, field: "Name", reason: "the order name is empty"), rows: 1)
        continue
      }
      let index: Int
      if let known = slot[name] {
        index = known
      } else {
        index = pending.count
        slot[name] = index
        pending.append(ShopifyPendingOrder(name: name, firstRow: row))
      }
      pending[index].rowCount += 1
      if pending[index].isRejected {
        // Counted with its order, whose rejection already names the reason.
        builder.report.rowsRejected += 1
        continue
      }
      do {
        try read(record, row: row, columns: columns, context: context, strings: &strings, into: &pending[index])
      } catch let error as RetentionCoreError {
        pending[index].isRejected = true
        try builder.reject(wholeOrder(error, pending[index]), rows: pending[index].rowCount)
      }
    }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the export has a header but no order rows")
    }

    let hasDiscountCodes = columns.orderFields[ShopifyOrderField.discountCode.rawValue] != nil
    var orders: [(order: Order, row: Int, rows: Int)] = []
    orders.reserveCapacity(pending.count)
    for entry in pending where !entry.isRejected {
      do {
        orders.append((try entry.order(strings: strings, hasDiscountCodes: hasDiscountCodes), entry.row(of: .currency) ?? entry.firstRow, entry.rowCount))
      } catch let error as RetentionCoreError {
        try builder.reject(wholeOrder(error, entry), rows: entry.rowCount)
      }
    }
    orders.sort { ($0.order.placedAt, $0.order.id) < ($1.order.placedAt, $1.order.id) }
    for entry in orders {
      try builder.append(entry.order, row: entry.row, rowCount: entry.rows)
    }
    // Rejections found after the pass (by the log builder) join the others in row order.
    builder.report.rejections = builder.report.rejections.enumerated()
      .sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }.map(\.element)
    builder.report.rowsRead = rowsRead
    return try builder.build()
  }

  /// Reads one row of an order: its line item, and the order-level fields it carries.
  ///
  /// - Throws: The row's first problem: a bad line, a bad order-level value, or a value that
  ///   differs from the one another row of the order gave.
  private static func read(
    _ record: CSVRecord, row: Int, columns: Columns, context: ImportContext, strings: inout StringCache,
    into order: inout ShopifyPendingOrder
  ) throws {
    let quantity = try parseNumber(record, columns.quantity, row: row, field: "Lineitem quantity").get()
    let price = try parseNumber(record, columns.linePrice, row: row, field: "Lineitem price").get()
    guard let lineName = text(record, columns.lineName, &strings) else {
      throw RetentionCoreError(.missingField, row: row, field: "Lineitem name", reason: "the line item name is empty")
    }
    let line = LineItem(
      productID: text(record, columns.lineSKU, &strings) ?? lineName, name: lineName,
      variant: text(record, columns.lineVariant, &strings), category: nil, quantity: quantity, unitPrice: price)

    for field in ShopifyOrderField.allCases {
      guard let column = columns.orderFields[field.rawValue], !record.isEmpty(at: column) else { continue }
      let entry = strings.entry(record, column, trimming: true)
      guard let value = ShopifyOrderField.text(strings.value(Int(entry)), of: field) else { continue }
      let known = order.values[field.rawValue]
      if known >= 0 {
        let existing = ShopifyOrderField.text(strings.value(Int(known)), of: field) ?? ""
        if known != entry, existing != value,
          try !sameValue(
            field, existing, value, record: record, column: column, row: row, context: context, order: order)
        {
          throw RetentionCoreError(
            .conflictingOrder, row: row, field: field.header,
            reason: "order \(RetentionCoreError.quoted(order.name, limit: 40)) has \(RetentionCoreError.quoted(value, limit: 40)) here but \(RetentionCoreError.quoted(existing, limit: 40)) "
              + "in row \(order.valueRows[field.rawValue])")
        }
        continue
      }
      switch field {
      case .createdAt:
        order.time = try parseDate(record, column, row: row, field: field.header, format: .iso8601, context: context)
          .get()
      case .total:
        order.total = try parseNumber(record, column, row: row, field: field.header).get()
      case .refundedAmount:
        order.refunded = try parseNumber(record, column, row: row, field: field.header).get()
      case .financialStatus:
        _ = try status(financial: value, cancelled: false, refunded: 0, row: row)
      default:
        break
      }
      order.values[field.rawValue] = entry
      order.valueRows[field.rawValue] = Int32(truncatingIfNeeded: row)
    }
    order.lines.append(line)
  }

  /// Whether two different texts of a field mean the same: the same instant, the same amount, or
  /// a status, consent or currency that differs only in case.
  private static func sameValue(
    _ field: ShopifyOrderField, _ existing: String, _ value: String, record: CSVRecord, column: Int, row: Int,
    context: ImportContext, order: ShopifyPendingOrder
  ) throws -> Bool {
    switch field {
    case .createdAt:
      return try parseDate(record, column, row: row, field: field.header, format: .iso8601, context: context).get()
        == order.time
    case .total:
      return try parseNumber(record, column, row: row, field: field.header).get() == order.total
    case .refundedAmount:
      return try parseNumber(record, column, row: row, field: field.header).get() == order.refunded
    case .financialStatus, .acceptsMarketing, .currency:
      return existing.lowercased() == value.lowercased()
    default:
      return false
    }
  }

  /// The error of a row at fault, saying that its whole order is rejected.
  private static func wholeOrder(_ error: RetentionCoreError, _ order: ShopifyPendingOrder) -> RetentionCoreError {
    var whole = error
    whole.reason += "; order \(RetentionCoreError.quoted(order.name, limit: 40)) is rejected with all its rows"
    return whole
  }

  /// A field's text, trimmed, or `nil` when the column is absent or the field empty.
  private static func text(_ record: CSVRecord, _ column: Int?, _ strings: inout StringCache) -> String? {
    guard let column, !record.isEmpty(at: column) else { return nil }
    let value = strings.string(record, column, trimming: true)
    return value.isEmpty ? nil : value
  }

  /// Maps Shopify's financial and cancellation status to ``OrderStatus``.
  static func status(financial: String?, cancelled: Bool, refunded: Double, row: Int) throws -> OrderStatus {
    if cancelled { return .cancelled }
    switch financial?.lowercased() {
    case "paid", "authorized", nil: return refunded > 0 ? .partiallyRefunded(amount: refunded) : .paid
    case "pending", "partially_paid": return .pending
    case "expired": return .voided
    case "partially_refunded": return .partiallyRefunded(amount: refunded)
    case "refunded": return .refunded(amount: refunded)
    case "voided": return .voided
    case .some(let other):
      throw RetentionCoreError(
        .invalidArgument, row: row, field: "Financial Status",
        reason: "unknown financial status \(RetentionCoreError.quoted(other, limit: 40)) (expected paid, pending, authorized, partially_paid, "
          + "partially_refunded, refunded, voided or expired)")
    }
  }
}
