import _RetentionSupport
extension LineItemImporter {
  /// Reads the data rows of one part of a file into `part`: each row becomes a line of an order,
  /// or is excluded by the format's convention (counted by reason), or rejected with its row,
  /// field and reason.
  ///
  /// - Throws: In strict mode the first rejection; a malformed file or a failed read.
  /// - Complexity: O(*n*), where *n* is the number of bytes.
  func readRows(
    _ reader: inout CSVReader, layout: Layout, context: ImportContext, into part: inout LineItemImportPart
  ) throws {
    var record = CSVRecord()
    var dates = RepeatedDateParser(format: columns.dateFormat, context: context, field: columns.date)
    while try reader.readRecord(into: &record) {
      part.rowsRead += 1
      do {
        if let exclusion = try readRow(
          record, row: reader.recordNumber, layout: layout, context: context, dates: &dates, into: &part)
        {
          part.report.exclude(exclusion)
        }
      } catch {
        try part.reject(error, rows: 1)
      }
    }
  }

  /// Reads one data row by the rules: a line of an order is added to `part`.
  ///
  /// - Returns: Why the row is excluded (it is not a purchase), or `nil` for a line.
  /// - Throws: Why the row is rejected (it is bad data), naming the row and field.
  private func readRow(
    _ record: CSVRecord, row: Int, layout: Layout, context: ImportContext, dates: inout RepeatedDateParser,
    into part: inout LineItemImportPart
  ) throws(RetentionCoreError) -> String? {
    if record.isBlank { return "blank row" }
    if let error = shapeError(record, row: row, expected: layout.fieldCount) { throw error }
    if rules == .onlineRetail, let orderColumn = layout.orderColumn, record.startsWith(UInt8(ascii: "C"), at: orderColumn) {
      return "cancellation invoice"
    }
    let time = try dates.seconds(record, layout.dateColumn, row: row)
    var quantity = 1.0
    if let column = layout.quantityColumn {
      quantity = try parseNumber(record, column, row: row, field: columns.quantity ?? "", allowNegative: true).get()
    }
    var price = 0.0
    if let column = layout.priceColumn {
      price = try parseNumber(record, column, row: row, field: columns.unitPrice ?? "", allowNegative: true).get()
    }
    if let exclusion = try exclusion(quantity: quantity, price: price, row: row) { return exclusion }
    if record.isEmpty(at: layout.productColumn) {
      throw RetentionCoreError(.missingField, row: row, field: columns.product, reason: "the product id is empty")
    }
    let product = part.strings.entry(record, layout.productColumn)
    let customerEntry = record.isEmpty(at: layout.customerColumn) ? -1 : part.strings.entry(record, layout.customerColumn, trimming: true)
    let customer = customerID(ofEntry: customerEntry, in: &part)

    let order = try orderSlot(
      record, row: row, layout: layout, customer: customer, customerEntry: customerEntry, time: time, context: context,
      in: &part)
    if part.pending[order].rows > 0 {
      // Order-level fields come from the order's first row; later rows must agree on them.
      let first = part.pending[order]
      let sameCustomer = first.customerEntry == customerEntry || first.customer == customer
      if !sameCustomer || (layout.currencyColumn != nil && first.currency != currency(record, layout: layout, in: &part)) {
        throw RetentionCoreError(
          .conflictingOrder, row: row, field: sameCustomer ? columns.currency : columns.customer,
          reason: "order \(RetentionCoreError.quoted(first.id)) was given for another \(sameCustomer ? "currency" : "customer") in row \(first.firstRow)")
      }
    }
    // Only a product's first name and category are kept: look them up until it has both.
    var name: Int32 = -1, category: Int32 = -1
    let productSlot = Int(product)
    while part.productDetailsKnown.count <= productSlot { part.productDetailsKnown.append(false) }
    if !part.productDetailsKnown[productSlot] {
      name = layout.nameColumn.map { record.isEmpty(at: $0) ? -1 : part.strings.entry(record, $0) } ?? -1
      category = layout.categoryColumn.map { record.isEmpty(at: $0) ? -1 : part.strings.entry(record, $0) } ?? -1
      if (layout.nameColumn == nil || name >= 0) && (layout.categoryColumn == nil || category >= 0) {
        part.productDetailsKnown[productSlot] = true
      }
    }
    part.appendLine(order: order, product: product, name: name, category: category, quantity: quantity, price: price)
    return nil
  }

  /// Which quantities and prices are purchases. UCI Online Retail records returns and
  /// adjustments as non-positive quantities and prices, which are not purchases (REFERENCES.md);
  /// elsewhere a negative value is bad data and a zero quantity is not a purchase.
  ///
  /// - Returns: Why the row is excluded, or `nil` for a purchase.
  /// - Throws: `.negativeValue` for a negative quantity or price under the plain rules.
  private func exclusion(quantity: Double, price: Double, row: Int) throws(RetentionCoreError) -> String? {
    switch rules {
    case .onlineRetail:
      if quantity <= 0 { return "non-positive quantity" }
      if price <= 0 { return "non-positive unit price" }
    case .plain:
      if quantity < 0 || price < 0 {
        throw RetentionCoreError(
          .negativeValue, row: row, field: quantity < 0 ? columns.quantity : columns.unitPrice,
          reason: "the value \(quantity < 0 ? quantity : price) is negative")
      }
      if quantity == 0 { return "zero quantity" }
    }
    return nil
  }

  /// The pending order of a row, added from this row if it is the order's first: by its order
  /// id, or without an order column by its basket, one customer's lines on one calendar day (in
  /// the import's time zone).
  ///
  /// - Throws: `.missingField` for an empty order id.
  private func orderSlot(
    _ record: CSVRecord, row: Int, layout: Layout, customer: String?, customerEntry: Int32, time: Double,
    context: ImportContext, in part: inout LineItemImportPart
  ) throws(RetentionCoreError) -> Int {
    func newOrder(id: String) -> LineItemImportPart.PendingOrder {
      LineItemImportPart.PendingOrder(
        id: id, customer: customer, customerEntry: customerEntry, time: time,
        currency: currency(record, layout: layout, in: &part), firstRow: row, rows: 0)
    }
    if let orderColumn = layout.orderColumn {
      if record.isEmpty(at: orderColumn) {
        throw RetentionCoreError(.missingField, row: row, field: columns.order, reason: "the order id is empty")
      }
      let entry = part.strings.entry(record, orderColumn)
      if let slot = part.slot(ofOrderEntry: entry) { return slot }
      let order = newOrder(id: part.strings.value(Int(entry)))
      return part.add(order, orderEntry: entry)
    }
    let day = Int(((time + Double(context.utcOffset)) / 86_400).rounded(.down))
    let basket = "\(customer ?? "guest-row-\(row)")@\(isoDay(day))"
    if let slot = part.slotOfBasket[basket] { return slot }
    let order = newOrder(id: basket)
    return part.add(order, orderEntry: nil)
  }

  /// The customer id of a string-cache entry (memoised): trimmed, and for UCI Online Retail
  /// without the `.0` of ids like `17850.0`; `nil` for an empty id.
  private func customerID(ofEntry entry: Int32, in part: inout LineItemImportPart) -> String? {
    guard entry >= 0 else { return nil }
    let slot = Int(entry)
    while part.customerOfEntry.count <= slot { part.customerOfEntry.append(-2) }
    let known = part.customerOfEntry[slot]
    if known >= 0 { return part.customerValues[Int(known)] }
    if known == -1 { return nil }
    var id = part.strings.value(slot)
    if rules == .onlineRetail, id.hasSuffix(".0") { id = String(id.dropLast(2)) }
    if id.isEmpty {
      part.customerOfEntry[slot] = -1
      return nil
    }
    part.customerOfEntry[slot] = Int32(part.customerValues.count)
    part.customerValues.append(id)
    return id
  }

  /// The currency of a row: its currency column, or pounds sterling for UCI Online Retail, whose
  /// prices are in GBP (Chen, Sain & Guo 2012).
  private func currency(_ record: CSVRecord, layout: Layout, in part: inout LineItemImportPart) -> String? {
    let value = layout.currencyColumn.flatMap { record.isEmpty(at: $0) ? nil : part.strings.string(record, $0, trimming: true) }
    return value ?? (rules == .onlineRetail ? "GBP" : nil)
  }
}
