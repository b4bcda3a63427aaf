import Foundation

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

  struct PendingOrder {
    var order: Order
    var firstRow: Int
    var rows: Int
  }

  /// The column positions of a file's header.
  struct Layout {
    let customerColumn, dateColumn, productColumn, fieldCount: Int
    let orderColumn, nameColumn, categoryColumn, quantityColumn, priceColumn, currencyColumn: Int?
  }

  /// What one part of a file produced: orders in first-row order, and the accounting.
  struct Partial {
    var pending: [PendingOrder] = []
    var slot: [String: Int] = [:]
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
      return try importOrders(CSVReader(data: bytes), context: context)
    }
    let firstBytes = Array(bytes[..<boundary])
    var headerReader = CSVReader(data: firstBytes)
    var record = CSVRecord()
    let header = try readHeader(&headerReader, record: &record)
    let layout = try layout(header)
    let secondBytes = Array(bytes[boundary...])
    let results = PartialResults()
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      var partial = Partial(mode: context.mode)
      do {
        if part == 0 {
          var reader = CSVReader(data: firstBytes)
          var headerRecord = CSVRecord()
          _ = try reader.readRecord(into: &headerRecord)
          try processRows(&reader, layout: layout, context: context, rowOffset: 0, into: &partial)
          partial.recordsRead = reader.recordNumber
        } else {
          var reader = CSVReader(data: secondBytes)
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
    guard var combined = results.value(0), var second = results.value(1) else {
      throw RetentionCoreError(.ioFailure, reason: "a parallel import part did not finish")
    }
    if let failure = combined.failure { throw failure }
    let offset = combined.recordsRead
    if var failure = second.failure {
      failure.row = failure.row.map { $0 + offset }
      throw failure
    }
    // Merge the second part into the first: row numbers shift by the first part's records.
    combined.rowsRead += second.rowsRead
    combined.report.rowsExcluded += second.report.rowsExcluded
    combined.report.exclusions.merge(second.report.exclusions, uniquingKeysWith: +)
    combined.report.rowsRejected += second.report.rowsRejected
    for rejection in second.report.rejections where combined.report.rejections.count < ImportReport.maximumStoredRejections {
      var shifted = rejection
      shifted.row += offset
      combined.report.rejections.append(shifted)
    }
    for index in second.pending.indices {
      second.pending[index].firstRow += offset
      let entry = second.pending[index]
      if let existing = combined.slot[entry.order.id] {
        let earlier = combined.pending[existing].order
        guard earlier.customer.id == entry.order.customer.id, earlier.currency == entry.order.currency else {
          try combined.reject(
            RetentionCoreError(
              .conflictingOrder, row: entry.firstRow, field: columns.customer,
              reason: "order \(entry.order.id) was given for another customer in row \(combined.pending[existing].firstRow)"),
            rows: entry.rows)
          continue
        }
        combined.pending[existing].order.lines.append(contentsOf: entry.order.lines)
        combined.pending[existing].rows += entry.rows
      } else {
        combined.slot[entry.order.id] = combined.pending.count
        combined.pending.append(entry)
      }
    }
    return try finish(combined, context: context)
  }

  func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let header = try readHeader(&reader, record: &record)
    let layout = try layout(header)
    var partial = Partial(mode: context.mode)
    try processRows(&reader, layout: layout, context: context, rowOffset: 0, into: &partial)
    return try finish(partial, context: context)
  }

  private func finish(_ partial: Partial, context: ImportContext) throws -> OrderLog {
    if partial.rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the file has a header but no data rows")
    }
    var builder = OrderLogBuilder(mode: context.mode, expectedCount: partial.pending.count)
    builder.report = partial.report
    for entry in partial.pending {
      try builder.append(entry.order, row: entry.firstRow, rowCount: entry.rows)
    }
    builder.report.rowsRead = partial.rowsRead
    return builder.build()
  }

  private func processRows(
    _ reader: inout CSVReader, layout: Layout, context: ImportContext, rowOffset: Int, into partial: inout Partial
  ) throws {
    let customerColumn = layout.customerColumn, dateColumn = layout.dateColumn, productColumn = layout.productColumn
    let orderColumn = layout.orderColumn, nameColumn = layout.nameColumn, categoryColumn = layout.categoryColumn
    let quantityColumn = layout.quantityColumn, priceColumn = layout.priceColumn
    let currencyColumn = layout.currencyColumn, fieldCount = layout.fieldCount
    var record = CSVRecord()
    var strings = StringCache()
    var lastTime: Double?
    var lastDateBytes: [UInt8] = []
    var lastOrderID = ""
    var lastSlot = -1

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
      if let cached = lastTime, record.withBytes(at: dateColumn, { $0.elementsEqual(lastDateBytes) }) {
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
      let product = strings.string(record, productColumn)
      var customer: String? = record.isEmpty(at: customerColumn) ? nil : strings.string(record, customerColumn, trimming: true)
      if rules == .onlineRetail, let id = customer, id.hasSuffix(".0") { customer = String(id.dropLast(2)) }
      if customer?.isEmpty == true { customer = nil }

      let orderID: String
      if let orderColumn {
        if record.isEmpty(at: orderColumn) {
          try partial.reject(
            RetentionCoreError(.missingField, row: row, field: columns.order, reason: "the order id is empty"), rows: 1)
          continue
        }
        orderID = strings.string(record, orderColumn)
      } else {
        // A basket is one customer's lines on one calendar day.
        let day = Int(((time + Double(context.utcOffset)) / 86_400).rounded(.down))
        orderID = "\(customer ?? "guest-row-\(row)")@\(isoDay(day))"
      }
      let line = LineItem(
        productID: product, name: nameColumn.flatMap { record.isEmpty(at: $0) ? nil : strings.string(record, $0) },
        category: categoryColumn.flatMap { record.isEmpty(at: $0) ? nil : strings.string(record, $0) },
        quantity: quantity, unitPrice: price)
      // UCI Online Retail prices are in pounds sterling (Chen, Sain & Guo 2012).
      let currency =
        currencyColumn.flatMap { record.isEmpty(at: $0) ? nil : strings.string(record, $0, trimming: true) }
        ?? (rules == .onlineRetail ? "GBP" : nil)

      if let index = orderID == lastOrderID && lastSlot >= 0 ? lastSlot : partial.slot[orderID] {
        lastOrderID = orderID
        lastSlot = index
        // Order-level fields come from the order's first row; later rows must agree on the customer.
        guard partial.pending[index].order.customer.id == customer, partial.pending[index].order.currency == currency else {
          try partial.reject(
            RetentionCoreError(
              .conflictingOrder, row: row, field: partial.pending[index].order.customer.id == customer ? columns.currency : columns.customer,
              reason: "order \(orderID) was given for another \(partial.pending[index].order.customer.id == customer ? "currency" : "customer") in row \(partial.pending[index].firstRow)"),
            rows: 1)
          continue
        }
        partial.pending[index].order.lines.append(line)
        partial.pending[index].rows += 1
      } else {
        partial.slot[orderID] = partial.pending.count
        lastOrderID = orderID
        lastSlot = partial.pending.count
        let order = Order(
          id: orderID, customer: CustomerReference(id: customer),
          placedAt: Date(timeIntervalSince1970: time), lines: [line], currency: currency)
        partial.pending.append(PendingOrder(order: order, firstRow: row, rows: 1))
      }
    }
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

/// Reuses the `String` of a field value seen before, so repeated ids and names are decoded and
/// allocated once: an open-addressing table keyed by the bytes (FNV-1a), plus the last value of
/// each column, since consecutive rows of one order repeat most fields.
struct StringCache {
  private var arena: [UInt8] = []
  private var slots: [Int32]
  private var entryStart: [Int] = []
  private var entryLength: [Int] = []
  private var entryHash: [UInt64] = []
  private var strings: [String] = []
  private var lastEntry: [Int] = []

  init() {
    slots = [Int32](repeating: -1, count: 1 << 12)
  }

  mutating func string(_ record: CSVRecord, _ column: Int, trimming: Bool = false) -> String {
    record.withBytes(at: column) { raw in
      var bytes = raw
      if trimming {
        var start = 0, end = raw.count
        while start < end && (raw[start] == 0x20 || raw[start] == 0x09) { start += 1 }
        while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0x09) { end -= 1 }
        bytes = UnsafeBufferPointer(rebasing: raw[start..<end])
      }
      return string(bytes, column: column)
    }
  }

  /// The cached string of some bytes; `column` keys the last-value shortcut.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
    if bytes.count > 96 { return String(decoding: bytes, as: UTF8.self) }
    while lastEntry.count <= column { lastEntry.append(-1) }
    let last = lastEntry[column]
    if last >= 0 && matches(last, bytes) { return strings[last] }
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if entryHash[entry] == hash && matches(entry, bytes) {
        lastEntry[column] = entry
        return strings[entry]
      }
      slot = (slot + 1) & mask
    }
    let entry = strings.count
    let string = String(decoding: bytes, as: UTF8.self)
    entryStart.append(arena.count)
    entryLength.append(bytes.count)
    entryHash.append(hash)
    arena.append(contentsOf: bytes)
    strings.append(string)
    slots[slot] = Int32(entry)
    lastEntry[column] = entry
    if strings.count * 2 > slots.count { grow() }
    return string
  }

  /// A fast 64-bit hash of a short byte string, eight bytes at a time (not for adversarial input:
  /// collisions only cost a comparison).
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    let count = bytes.count
    guard let base = bytes.baseAddress else { return hash }
    while index + 8 <= count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < count {
      tail |= UInt64(base[index]) << shift
      shift += 8
      index += 1
    }
    // A full avalanche (the SplitMix64 finaliser), so that every input bit reaches the low bits
    // the table uses.
    hash ^= tail
    hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }

  private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let length = entryLength[entry]
    guard length == bytes.count else { return false }
    if length == 0 { return true }
    let start = entryStart[entry]
    return arena.withUnsafeBufferPointer { stored in
      memcmp(stored.baseAddress! + start, bytes.baseAddress!, length) == 0
    }
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for entry in strings.indices {
      let hash = entryHash[entry]
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = Int32(entry)
    }
    slots = bigger
  }
}
