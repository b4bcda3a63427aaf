import Foundation

/// Imports a Shopify admin orders export.
///
/// Columns are mapped by header name, so the 73-column exports and the 79-column exports of
/// 2023 (which add Outstanding Balance, Employee, Location, Device ID, Payment ID, Payment
/// References) both work. One row per line item; the order-level fields (Financial Status,
/// Total, Billing ..., Cancelled at, Refunded Amount, Tags, Source) are read from the first row
/// of each order, and later rows must repeat its Name, Email and Created at. The customer id is
/// the email, trimmed and lowercased (Shopify's own customer key); orders without an email are
/// guest orders. A leading `'` (Excel's text marker) is removed from phones and zips.
enum ShopifyImporter {
  private struct Columns {
    let name, createdAt, quantity, lineName, linePrice: Int
    let email, financialStatus, acceptsMarketing, currency, total, lineSKU, lineVariant: Int?
    let billingName, billingCompany, billingAddress1, billingAddress2, billingCity, billingZip: Int?
    let billingProvince, billingCountry, billingPhone, shippingName, shippingAddress1, shippingAddress2: Int?
    let shippingCity, shippingZip, shippingProvince, shippingCountry, shippingPhone, phone: Int?
    let cancelledAt, refundedAmount, tags, source, vendor: Int?

    init(_ header: HeaderMap) throws {
      name = try header.required("Name")
      createdAt = try header.required("Created at")
      quantity = try header.required("Lineitem quantity")
      lineName = try header.required("Lineitem name")
      linePrice = try header.required("Lineitem price")
      email = header["Email"]
      financialStatus = header["Financial Status"]
      acceptsMarketing = header["Accepts Marketing"]
      currency = header["Currency"]
      total = header["Total"]
      lineSKU = header["Lineitem sku"]
      lineVariant = header["Lineitem variant"]
      billingName = header["Billing Name"]
      billingCompany = header["Billing Company"]
      billingAddress1 = header["Billing Address1"]
      billingAddress2 = header["Billing Address2"]
      billingCity = header["Billing City"]
      billingZip = header["Billing Zip"]
      billingProvince = header["Billing Province"]
      billingCountry = header["Billing Country"]
      billingPhone = header["Billing Phone"]
      shippingName = header["Shipping Name"]
      shippingAddress1 = header["Shipping Address1"]
      shippingAddress2 = header["Shipping Address2"]
      shippingCity = header["Shipping City"]
      shippingZip = header["Shipping Zip"]
      shippingProvince = header["Shipping Province"]
      shippingCountry = header["Shipping Country"]
      shippingPhone = header["Shipping Phone"]
      phone = header["Phone"]
      cancelledAt = header["Cancelled at"]
      refundedAmount = header["Refunded Amount"]
      tags = header["Tags"]
      source = header["Source"]
      vendor = header["Vendor"]
    }
  }

  private struct PendingOrder {
    var order: Order
    var email: String
    var firstRow: Int
    var rows: Int
    var rejected: Bool
  }

  static func importOrders(_ source: CSVReader, context: ImportContext) throws -> OrderLog {
    var reader = source
    var record = CSVRecord()
    let header = try readHeader(&reader, record: &record)
    let columns = try Columns(header)
    let fieldCount = header.names.count
    var builder = OrderLogBuilder(mode: context.mode)
    var pending: [PendingOrder] = []
    var slot: [String: Int] = [:]
    var rowsRead = 0
    var strings = StringCache()

    func text(_ column: Int?, stripApostrophe: Bool = false) -> String? {
      guard let column, !record.isEmpty(at: column) else { return nil }
      var value = strings.string(record, column, trimming: true)
      if stripApostrophe && value.hasPrefix("'") { value.removeFirst() }
      return value.isEmpty ? nil : value
    }

    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      rowsRead += 1
      if record.isBlank {
        builder.report.exclude("blank row")
        continue
      }
      if let error = shapeError(record, row: row, expected: fieldCount) {
        try builder.reject(error, rows: 1)
        continue
      }
      guard let name = text(columns.name) else {
        try builder.reject(RetentionCoreError(.missingField, row: row, field: "Name", reason: "the order name is empty"), rows: 1)
        continue
      }
      let email = text(columns.email) ?? ""

      // The line item of this row.
      let line: LineItem
      do {
        let quantity = try parseNumber(record, columns.quantity, row: row, field: "Lineitem quantity").get()
        let price = try parseNumber(record, columns.linePrice, row: row, field: "Lineitem price").get()
        guard let lineName = text(columns.lineName) else {
          throw RetentionCoreError(.missingField, row: row, field: "Lineitem name", reason: "the line item name is empty")
        }
        line = LineItem(
          productID: text(columns.lineSKU) ?? lineName, name: lineName, variant: text(columns.lineVariant),
          category: nil, quantity: quantity, unitPrice: price)
      } catch let error as RetentionCoreError {
        try builder.reject(error, rows: 1)
        continue
      }

      if let index = slot[name] {
        // A later row of a known order: it must repeat the order's Email and Created at.
        let first = pending[index]
        if first.rejected {
          try builder.reject(
            RetentionCoreError(
              .conflictingOrder, row: row, field: "Name",
              reason: "belongs to order \(RetentionCoreError.quoted(name)), whose first row \(first.firstRow) was rejected"),
            rows: 1)
          continue
        }
        let sameTime: Bool = {
          if case .success(let time) = parseDate(record, columns.createdAt, row: row, field: "Created at", format: .iso8601, context: context) {
            return time == first.order.placedAt.timeIntervalSince1970
          }
          return false
        }()
        guard email.lowercased() == first.email.lowercased(), sameTime else {
          try builder.reject(
            RetentionCoreError(
              .conflictingOrder, row: row, field: sameTime ? "Email" : "Created at",
              reason: "order \(RetentionCoreError.quoted(name)) repeats with a different \(sameTime ? "email" : "creation time") than in row \(first.firstRow)"),
            rows: 1)
          continue
        }
        pending[index].order.lines.append(line)
        pending[index].rows += 1
        continue
      }

      // The first row of an order carries the order-level fields.
      do {
        let time = try parseDate(record, columns.createdAt, row: row, field: "Created at", format: .iso8601, context: context).get()
        var total: Double?
        if let column = columns.total, !record.isEmpty(at: column) {
          total = try parseNumber(record, column, row: row, field: "Total").get()
        }
        var refunded = 0.0
        if let column = columns.refundedAmount, !record.isEmpty(at: column) {
          refunded = try parseNumber(record, column, row: row, field: "Refunded Amount").get()
        }
        let status = try Self.status(
          financial: text(columns.financialStatus), cancelled: text(columns.cancelledAt) != nil, refunded: refunded,
          row: row)
        let address = PostalAddress(
          street: text(columns.billingAddress1) ?? text(columns.shippingAddress1),
          street2: text(columns.billingAddress2) ?? text(columns.shippingAddress2),
          zip: text(columns.billingZip, stripApostrophe: true) ?? text(columns.shippingZip, stripApostrophe: true),
          city: text(columns.billingCity) ?? text(columns.shippingCity),
          province: text(columns.billingProvince) ?? text(columns.shippingProvince),
          country: text(columns.billingCountry) ?? text(columns.shippingCountry))
        let hasAddress = address != PostalAddress()
        let normalizedEmail = email.trimmingCharacters(in: .whitespaces).lowercased()
        let customer = CustomerReference(
          id: normalizedEmail.isEmpty ? nil : normalizedEmail,
          email: email.isEmpty ? nil : email,
          phone: text(columns.phone, stripApostrophe: true) ?? text(columns.billingPhone, stripApostrophe: true)
            ?? text(columns.shippingPhone, stripApostrophe: true),
          name: text(columns.billingName) ?? text(columns.shippingName),
          company: text(columns.billingCompany),
          address: hasAddress ? address : nil)
        let tags = (text(columns.tags) ?? "").split(separator: ",")
          .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let marketing = text(columns.acceptsMarketing).map { $0.lowercased() == "yes" || $0.lowercased() == "true" }
        let order = Order(
          id: name, customer: customer, placedAt: Date(timeIntervalSince1970: time), status: status, lines: [line],
          total: total, currency: text(columns.currency), tags: tags, channel: text(columns.source),
          acceptsMarketing: marketing)
        slot[name] = pending.count
        pending.append(PendingOrder(order: order, email: email, firstRow: row, rows: 1, rejected: false))
      } catch let error as RetentionCoreError {
        try builder.reject(error, rows: 1)
        slot[name] = pending.count
        pending.append(
          PendingOrder(
            order: Order(id: name, customer: CustomerReference(), placedAt: Date()), email: email, firstRow: row, rows: 0,
            rejected: true))
      }
    }
    if rowsRead == 0 {
      throw RetentionCoreError(.emptyInput, row: 2, reason: "the export has a header but no order rows")
    }
    for entry in pending where !entry.rejected {
      try builder.append(entry.order, row: entry.firstRow, rowCount: entry.rows)
    }
    builder.report.rowsRead = rowsRead
    return builder.build()
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
        reason: "unknown financial status \(RetentionCoreError.quoted(other)) (expected paid, pending, authorized, partially_paid, partially_refunded, refunded voided or expired)")
    }
  }
}
