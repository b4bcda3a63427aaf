import _RetentionSupport
extension LineItemImporter {
  /// Hands the parts, in file order, to the order-log builder. Row numbers of a later part shift
  /// by the records of the parts before it; an order whose rows span parts is merged when the
  /// parts agree on its customer and currency, and rejected otherwise.
  ///
  /// - Throws: `.emptyInput` when no part read a data row; in strict mode the first rejection.
  /// - Complexity: O(*n* log *n*), where *n* is the number of lines.
  func merge(_ parts: [LineItemImportPart], context: ImportContext) throws -> OrderLog {
    let rowsRead = parts.reduce(0) { $0 + $1.rowsRead }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the file has a header but no data rows")
    }
    var builder = OrderLogBuilder(
      mode: context.mode, expectedCount: parts.reduce(0) { $0 + $1.pending.count }, currency: context.currency)
    var offsets: [Int] = []
    var offset = 0
    for part in parts {
      offsets.append(offset)
      builder.report.add(part.report, shiftingRowsBy: offset)
      offset += part.recordsRead
    }
    for (number, part) in parts.enumerated() {
      let orderIndex = try addOrders(of: part, rowOffset: offsets[number], isFirstPart: number == 0, to: &builder)
      addLines(of: part, orderIndex: orderIndex, to: &builder)
    }
    builder.report.rowsRead = rowsRead
    return try builder.build()
  }

  /// Adds a part's orders and returns the builder's order of each pending slot (-1 for an order
  /// the builder rejected).
  private func addOrders(
    of part: LineItemImportPart, rowOffset: Int, isFirstPart: Bool, to builder: inout OrderLogBuilder
  ) throws -> [Int32] {
    var orderIndex = [Int32](repeating: -1, count: part.pending.count)
    for (slot, pending) in part.pending.enumerated() {
      let row = pending.firstRow + rowOffset
      if !isFirstPart, let existing = builder.orderIndex(ofID: pending.id) {
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
    return orderIndex
  }

  /// Adds a part's lines to their orders, with each product's first name and category.
  private func addLines(of part: LineItemImportPart, orderIndex: [Int32], to builder: inout OrderLogBuilder) {
    // Product numbers by string-cache entry, so each product id is hashed once per part.
    var productOfEntry = [Int32](repeating: -1, count: part.strings.count)
    for line in part.lineOrders.indices {
      let index = orderIndex[Int(part.lineOrders[line])]
      guard index >= 0 else { continue }
      let entry = Int(part.lineProducts[line])
      var product = productOfEntry[entry]
      if product < 0 {
        product = builder.productNumber(ofID: part.strings.value(entry))
        productOfEntry[entry] = product
      }
      let name = part.lineNames[line], category = part.lineCategories[line]
      if name >= 0 && builder.productLacksName(product) {
        builder.setProductName(part.strings.value(Int(name)), of: product)
      }
      if category >= 0 && builder.productLacksCategory(product) {
        builder.setProductCategory(part.strings.value(Int(category)), of: product)
      }
      builder.appendLine(toOrder: index, product: product, quantity: part.lineQuantities[line], unitPrice: part.linePrices[line])
    }
  }
}

extension ImportReport {
  /// Adds the exclusions and rejections of a part whose rows start `offset` records later; the
  /// stored rejections stay capped at ``maximumStoredRejections``.
  mutating func add(_ part: ImportReport, shiftingRowsBy offset: Int) {
    rowsExcluded += part.rowsExcluded
    exclusions.merge(part.exclusions, uniquingKeysWith: +)
    rowsRejected += part.rowsRejected
    rejectionReasons.merge(part.rejectionReasons, uniquingKeysWith: +)
    for rejection in part.rejections where rejections.count < ImportReport.maximumStoredRejections {
      var shifted = rejection
      shifted.row += offset
      rejections.append(shifted)
    }
  }
}
