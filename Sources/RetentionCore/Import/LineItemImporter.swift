import Foundation
import _RetentionSupport

/// Imports one-row-per-line-item CSV files (generic mappings, UCI Online Retail, Groceries).
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

  /// An order as the rows give it: its fields from its first row, and how many rows it spans.
  struct PendingOrder {
    var id: String
    var customer: String?
    /// The string-cache entry the customer came from (-1 for none): equal entries need no
    /// string comparison.
    var customerEntry: Int32
    var time: Double
    var currency: String?
    var firstRow: Int
    var rows: Int
  }

  /// The column positions of a file's header.
  struct Layout {
    let customerColumn, dateColumn, productColumn, fieldCount: Int
    let orderColumn, nameColumn, categoryColumn, quantityColumn, priceColumn, currencyColumn: Int?
  }

  /// What one part of a file produced: orders in first-row order, their lines as columns (in row
  /// order, with string-cache entries instead of strings), and the accounting.
  struct Partial {
    var pending: [PendingOrder] = []
    /// Pending slot by order id, for baskets made up from customer and day (no order column).
    var slot: [String: Int] = [:]
    /// Pending slot by the string-cache entry of the order id (-1: none yet).
    var slotOfEntry: [Int32] = []
    var strings = StringCache()
    /// The customer id of a string-cache entry, once computed (-2: not yet, -1: no customer).
    var customerOfEntry: [Int32] = []
    var customerValues: [String] = []
    /// Whether a product (by string-cache entry) already had its name and category in this part.
    var productDetailsKnown: [Bool] = []
    var lineOrders: [Int32] = []
    var lineProducts: [Int32] = []
    var lineNames: [Int32] = []
    var lineCategories: [Int32] = []
    var lineQuantities: [Double] = []
    var linePrices: [Double] = []
    var report = ImportReport()
    var rowsRead = 0
    var recordsRead = 0
    var failure: RetentionCoreError?
    let mode: ImportMode

    init(mode: ImportMode) {
      self.mode = mode
    }

    mutating func reject(_ error: RetentionCoreError, rows: Int) throws {
      if mode == .strict {
        failure = error
        throw error
      }
      report.reject(error, rows: rows)
    }
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

  /// Imports a file held in memory, splitting it at a record boundary into two parts that are
  /// parsed in parallel; the result is the same as a sequential import.
  func importOrders(bytes: [UInt8], context: ImportContext) throws -> OrderLog {
    let boundary = bytes.count >= 1 << 20 ? recordBoundary(near: bytes.count / 2, in: bytes) : nil
    guard let boundary else {
      return try importOrders(CSVReader(data: bytes, maximumRecordLength: context.maximumRecordLength), context: context)
    }
    let firstBytes = Array(bytes[..<boundary])
    var headerReader = CSVReader(data: firstBytes, maximumRecordLength: context.maximumRecordLength)
    var record = CSVRecord()
    let header = try readHeader(&headerReader, record: &record)
    let layout = try layout(header)
    let secondBytes = Array(bytes[boundary...])
    let results = PartialResults()
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      var partial = Partial(mode: context.mode)
      do {
        if part == 0 {
          var reader = CSVReader(data: firstBytes, maximumRecordLength: context.maximumRecordLength)
          var headerRecord = CSVRecord()
          _ = try reader.readRecord(into: &headerRecord)
          try processRows(&reader, layout: layout, context: context, rowOffset: 0, into: &partial)
          partial.recordsRead = reader.recordNumber
        } else {
          var reader = CSVReader(
            data: secondBytes, maximumRecordLength: context.maximumRecordLength, chunkSize: nil, isStartOfInput: false)
          try processRows(&reader, layout: layout, context: context, rowOffset: 0, into: &partial)
          partial.recordsRead = reader.recordNumber
        }
      } catch let error as RetentionCoreError {
        partial.failure = error
      } catch {
        partial.failure = RetentionCoreError(.ioFailure, reason: "\(error)")
      }
      results.set(part, partial)
    }
    guard let first = results.value(0), let second = results.value(1) else {
      throw RetentionCoreError(.ioFailure, reason: "a parallel import part did not finish")
    }
    if let failure = first.failure { throw failure }
    if var failure = second.failure {
      failure.row = failure.row.map { $0 + first.recordsRead }
      throw failure
    }
    return try finish([first, second], context: context)
  }

  func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let header = try readHeader(&reader, record: &record)
    let layout = try layout(header)
    var partial = Partial(mode: context.mode)
    try processRows(&reader, layout: layout, context: context, rowOffset: 0, into: &partial)
    partial.recordsRead = reader.recordNumber
    return try finish([partial], context: context)
  }

  /// Hands the parts, in file order, to the order-log builder. Row numbers of a later part shift
  /// by the records of the parts before it; an order whose rows span parts is merged when the
  /// parts agree on its customer and currency, and rejected otherwise.
  private func finish(_ partials: [Partial], context: ImportContext) throws -> OrderLog {
    let rowsRead = partials.reduce(0) { $0 + $1.rowsRead }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the file has a header but no data rows")
    }
    var report = ImportReport()
    var offsets: [Int] = []
    var offset = 0
    for partial in partials {
      offsets.append(offset)
      report.rowsExcluded += partial.report.rowsExcluded
      report.exclusions.merge(partial.report.exclusions, uniquingKeysWith: +)
      report.rowsRejected += partial.report.rowsRejected
      report.rejectionReasons.merge(partial.report.rejectionReasons, uniquingKeysWith: +)
      for rejection in partial.report.rejections where report.rejections.count < ImportReport.maximumStoredRejections {
        var shifted = rejection
        shifted.row += offset
        report.rejections.append(shifted)
      }
      offset += partial.recordsRead
    }
    var builder = OrderLogBuilder(
      mode: context.mode, expectedCount: partials.reduce(0) { $0 + $1.pending.count }, currency: context.currency)
    builder.report = report
    for (part, partial) in partials.enumerated() {
      var orderIndex = [Int32](repeating: -1, count: partial.pending.count)
      for (slot, pending) in partial.pending.enumerated() {
        let row = pending.firstRow + offsets[part]
        if part > 0, let existing = builder.orderIndex(ofID: pending.id) {
          let header = builder.header(ofOrder: existing)
          guard header.customer == pending.customer, header.currency == pending.currency.map(normalizedCurrencyCode) else {
            try builder.reject(
              RetentionCoreError(
                .conflictingOrder, row: row, field: columns.customer,
                reason: "order \(RetentionCoreError.quoted(pending.id)) was given for another customer in row \(header.firstRow)"),
              rows: pending.rows)
            continue
          }
          builder.addRows(pending.rows, toOrder: existing)
          orderIndex[slot] = existing
          continue
        }
        orderIndex[slot] =
          try builder.appendOrder(
            id: pending.id, customer: pending.customer, time: pending.time, currency: pending.currency, row: row,
            rowCount: pending.rows) ?? -1
      }
      // Product numbers by string-cache entry, so each product id is hashed once per part.
      var productOfEntry = [Int32](repeating: -1, count: partial.strings.count)
      for line in partial.lineOrders.indices {
        let index = orderIndex[Int(partial.lineOrders[line])]
        guard index >= 0 else { continue }
        let entry = Int(partial.lineProducts[line])
        var product = productOfEntry[entry]
        if product < 0 {
          product = builder.productNumber(ofID: partial.strings.value(entry))
          productOfEntry[entry] = product
        }
        let name = partial.lineNames[line], category = partial.lineCategories[line]
        if name >= 0 && builder.productLacksName(product) {
          builder.setProductName(partial.strings.value(Int(name)), of: product)
        }
        if category >= 0 && builder.productLacksCategory(product) {
          builder.setProductCategory(partial.strings.value(Int(category)), of: product)
        }
        builder.appendLine(
          toOrder: index, product: product, quantity: partial.lineQuantities[line], unitPrice: partial.linePrices[line])
      }
    }
    builder.report.rowsRead = rowsRead
    return try builder.build()
  }

  private func processRows(
    _ reader: inout CSVReader, layout: Layout, context: ImportContext, rowOffset: Int, into partial: inout Partial
  ) throws {
    let customerColumn = layout.customerColumn, dateColumn = layout.dateColumn, productColumn = layout.productColumn
    let orderColumn = layout.orderColumn, nameColumn = layout.nameColumn, categoryColumn = layout.categoryColumn
    let quantityColumn = layout.quantityColumn, priceColumn = layout.priceColumn
    let currencyColumn = layout.currencyColumn, fieldCount = layout.fieldCount
    var record = CSVRecord()
    var lastTime: Double?
    var lastDateBytes: [UInt8] = []

    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber + rowOffset
      partial.rowsRead += 1
      if record.isBlank {
        partial.report.exclude("blank row")
        continue
      }
      if let error = shapeError(record, row: row, expected: fieldCount) {
        try partial.reject(error, rows: 1)
        continue
      }
      if rules == .onlineRetail, let orderColumn,
        record.withBytes(at: orderColumn, { $0.first == UInt8(ascii: "C") })
      {
        partial.report.exclude("cancellation invoice")
        continue
      }
      let time: Double
      // Rows of one order repeat its date: reuse the last parse when the bytes are equal.
      if let cached = lastTime,
        record.withBytes(at: dateColumn, { field in
          field.count == lastDateBytes.count
            && (field.isEmpty || lastDateBytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 })
        })
      {
        time = cached
      } else {
        switch parseDate(record, dateColumn, row: row, field: columns.date, format: columns.dateFormat, context: context) {
        case .success(let value):
          time = value
          lastTime = value
          lastDateBytes.removeAll(keepingCapacity: true)
          record.withBytes(at: dateColumn) { lastDateBytes.append(contentsOf: $0) }
        case .failure(let error):
          try partial.reject(error, rows: 1)
          continue
        }
      }
      var quantity = 1.0
      if let quantityColumn {
        switch parseNumber(record, quantityColumn, row: row, field: columns.quantity ?? "", allowNegative: true) {
        case .success(let value): quantity = value
        case .failure(let error):
          try partial.reject(error, rows: 1)
          continue
        }
      }
      var price = 0.0
      if let priceColumn {
        switch parseNumber(record, priceColumn, row: row, field: columns.unitPrice ?? "", allowNegative: true) {
        case .success(let value): price = value
        case .failure(let error):
          try partial.reject(error, rows: 1)
          continue
        }
      }
      switch rules {
      case .onlineRetail:
        if quantity <= 0 {
          partial.report.exclude("non-positive quantity")
          continue
        }
        if price <= 0 {
          partial.report.exclude("non-positive unit price")
          continue
        }
      case .plain:
        if quantity < 0 || price < 0 {
          let field = quantity < 0 ? columns.quantity : columns.unitPrice
          try partial.reject(
            RetentionCoreError(
              .negativeValue, row: row, field: field,
              reason: "the value \(quantity < 0 ? quantity : price) is negative"),
            rows: 1)
          continue
        }
        if quantity == 0 {
          partial.report.exclude("zero quantity")
          continue
        }
      }
      if record.isEmpty(at: productColumn) {
        try partial.reject(
          RetentionCoreError(.missingField, row: row, field: columns.product, reason: "the product id is empty"), rows: 1)
        continue
      }
      let product = partial.strings.entry(record, productColumn)
      let customerEntry = record.isEmpty(at: customerColumn) ? -1 : partial.strings.entry(record, customerColumn, trimming: true)
      let customer = customerID(ofEntry: customerEntry, in: &partial)

      let index: Int
      if let orderColumn {
        if record.isEmpty(at: orderColumn) {
          try partial.reject(
            RetentionCoreError(.missingField, row: row, field: columns.order, reason: "the order id is empty"), rows: 1)
          continue
        }
        let entry = Int(partial.strings.entry(record, orderColumn))
        while partial.slotOfEntry.count <= entry { partial.slotOfEntry.append(-1) }
        if partial.slotOfEntry[entry] >= 0 {
          index = Int(partial.slotOfEntry[entry])
        } else {
          index = partial.pending.count
          partial.slotOfEntry[entry] = Int32(index)
          partial.pending.append(
            PendingOrder(
              id: partial.strings.value(entry), customer: customer, customerEntry: customerEntry, time: time,
              currency: currency(record, column: currencyColumn, in: &partial), firstRow: row, rows: 0))
        }
      } else {
        // A basket is one customer's lines on one calendar day.
        let day = Int(((time + Double(context.utcOffset)) / 86_400).rounded(.down))
        let orderID = "\(customer ?? "guest-row-\(row)")@\(isoDay(day))"
        if let existing = partial.slot[orderID] {
          index = existing
        } else {
          index = partial.pending.count
          partial.slot[orderID] = index
          partial.pending.append(
            PendingOrder(
              id: orderID, customer: customer, customerEntry: customerEntry, time: time,
              currency: currency(record, column: currencyColumn, in: &partial), firstRow: row, rows: 0))
        }
      }
      if partial.pending[index].rows > 0 {
        // Order-level fields come from the order's first row; later rows must agree on them.
        let sameCustomer = partial.pending[index].customerEntry == customerEntry || partial.pending[index].customer == customer
        if !sameCustomer || (currencyColumn != nil && partial.pending[index].currency != currency(record, column: currencyColumn, in: &partial)) {
          let first = partial.pending[index]
          try partial.reject(
            RetentionCoreError(
              .conflictingOrder, row: row, field: sameCustomer ? columns.currency : columns.customer,
              reason: "order \(RetentionCoreError.quoted(first.id)) was given for another \(sameCustomer ? "currency" : "customer") in row \(first.firstRow)"),
            rows: 1)
          continue
        }
      }
      partial.pending[index].rows += 1
      partial.lineOrders.append(Int32(index))
      partial.lineProducts.append(product)
      // Only a product's first name and category are kept: look them up until it has both.
      var name: Int32 = -1, category: Int32 = -1
      let productSlot = Int(product)
      while partial.productDetailsKnown.count <= productSlot { partial.productDetailsKnown.append(false) }
      if !partial.productDetailsKnown[productSlot] {
        name = nameColumn.map { record.isEmpty(at: $0) ? -1 : partial.strings.entry(record, $0) } ?? -1
        category = categoryColumn.map { record.isEmpty(at: $0) ? -1 : partial.strings.entry(record, $0) } ?? -1
        if (nameColumn == nil || name >= 0) && (categoryColumn == nil || category >= 0) {
          partial.productDetailsKnown[productSlot] = true
        }
      }
      partial.lineNames.append(name)
      partial.lineCategories.append(category)
      partial.lineQuantities.append(quantity)
      partial.linePrices.append(price)
    }
  }

  /// The customer id of a string-cache entry (memoised): trimmed, and for UCI Online Retail
  /// without the `.0` of ids like `17850.0`; `nil` for an empty id.
  private func customerID(ofEntry entry: Int32, in partial: inout Partial) -> String? {
    guard entry >= 0 else { return nil }
    let slot = Int(entry)
    while partial.customerOfEntry.count <= slot { partial.customerOfEntry.append(-2) }
    let known = partial.customerOfEntry[slot]
    if known >= 0 { return partial.customerValues[Int(known)] }
    if known == -1 { return nil }
    var id = partial.strings.value(slot)
    if rules == .onlineRetail, id.hasSuffix(".0") { id = String(id.dropLast(2)) }
    if id.isEmpty {
      partial.customerOfEntry[slot] = -1
      return nil
    }
    partial.customerOfEntry[slot] = Int32(partial.customerValues.count)
    partial.customerValues.append(id)
    return id
  }

  /// The currency of a row: its currency column, or pounds sterling for UCI Online Retail, whose
  /// prices are in GBP (Chen, Sain & Guo 2012).
  private func currency(_ record: CSVRecord, column: Int?, in partial: inout Partial) -> String? {
    let value = column.flatMap { record.isEmpty(at: $0) ? nil : partial.strings.string(record, $0, trimming: true) }
    return value ?? (rules == .onlineRetail ? "GBP" : nil)
  }
}

/// Collects the results of the parallel parts.
private final class PartialResults: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int: LineItemImporter.Partial] = [:]

  func set(_ part: Int, _ value: LineItemImporter.Partial) {
    lock.lock()
    values[part] = value
    lock.unlock()
  }

  func value(_ part: Int) -> LineItemImporter.Partial? {
    lock.lock()
    defer { lock.unlock() }
    return values[part]
  }
}

/// The start of the first record after `position`: the byte after the first line break that
/// lies outside quotes, judging quotes by their parity from the start of the input. `nil` if
/// there is none.
func recordBoundary(near position: Int, in bytes: [UInt8]) -> Int? {
  bytes.withUnsafeBufferPointer { buffer in
    var quotes = 0
    for index in 0..<position where buffer[index] == UInt8(ascii: "\"") { quotes += 1 }
    var index = position
    while index < buffer.count {
      let byte = buffer[index]
      if byte == UInt8(ascii: "\"") {
        quotes += 1
      } else if byte == UInt8(ascii: "\n") && quotes % 2 == 0 {
        return index + 1 < buffer.count ? index + 1 : nil
      }
      index += 1
    }
    return nil
  }
}

/// `yyyy-MM-dd` of a day number (days since 1970-01-01), Hinnant's civil-from-days.
func isoDay(_ day: Int) -> String {
  let z = day + 719_468
  let era = (z >= 0 ? z : z - 146_096) / 146_097
  let dayOfEra = z - era * 146_097
  let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
  let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
  let mp = (5 * dayOfYear + 2) / 153
  let d = dayOfYear - (153 * mp + 2) / 5 + 1
  let m = mp < 10 ? mp + 3 : mp - 9
  let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
  func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
  return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
}
