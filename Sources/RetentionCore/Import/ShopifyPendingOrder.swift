import Foundation
import _RetentionSupport

/// One order of a Shopify export as its rows give it, wherever those rows are in the file.
struct ShopifyPendingOrder {
  /// The order's name (`#1001`), the key that ties its rows together.
  let name: String
  /// The file row of the order's first row in file order.
  let firstRow: Int
  /// The number of rows of the order read so far.
  var rowCount = 0
  /// Each order-level field's value (trimmed, never empty) as a string-cache entry.
  ///
  /// Indexed by ``ShopifyOrderField`` raw value; -1 while no row has given one. Entries instead
  /// of strings keep a pending order small.
  var values = [Int32](repeating: -1, count: ShopifyOrderField.allCases.count)
  /// The row each value came from.
  var valueRows = [Int32](repeating: 0, count: ShopifyOrderField.allCases.count)
  /// Created at, read from the row that carries it.
  var time: Double?
  /// Total, read from the row that carries it.
  var total: Double?
  /// Refunded Amount, read from the row that carries it.
  var refunded: Double?
  /// The order's line items, one per row.
  var lines: [LineItem] = []
  /// Whether the order was rejected (a bad row or conflicting rows): its rows are all rejected.
  var isRejected = false

  init(name: String, firstRow: Int) {
    self.name = name
    self.firstRow = firstRow
  }

  /// A field's value, without Excel's text marker where the field drops it.
  func value(_ field: ShopifyOrderField, in strings: StringCache) -> String? {
    let entry = values[field.rawValue]
    guard entry >= 0 else { return nil }
    return ShopifyOrderField.text(strings.value(Int(entry)), of: field)
  }

  /// The row that carried a field's value, if any did.
  func row(of field: ShopifyOrderField) -> Int? {
    values[field.rawValue] < 0 ? nil : Int(valueRows[field.rawValue])
  }

  /// The order, once every row has been read.
  ///
  /// - Parameters:
  ///   - strings: The string cache that holds the values.
  ///   - hasDiscountCodes: Whether the export has a Discount Code column (without one, the
  ///     order's codes are unknown rather than none).
  /// - Throws: `.missingField` when no row carried a Created at.
  func order(strings: StringCache, hasDiscountCodes: Bool) throws -> Order {
    func value(_ field: ShopifyOrderField) -> String? { self.value(field, in: strings) }
    guard let time else {
      throw RetentionCoreError(
        .missingField, row: firstRow, field: ShopifyOrderField.createdAt.header,
        reason: "no row of order \(RetentionCoreError.quoted(name, limit: 40)) has a creation time")
    }
    let status = try ShopifyImporter.status(
      financial: value(.financialStatus), cancelled: value(.cancelledAt) != nil, refunded: refunded ?? 0,
      row: row(of: .financialStatus) ?? firstRow)
    let address = PostalAddress(
      street: value(.billingAddress1) ?? value(.shippingAddress1),
      street2: value(.billingAddress2) ?? value(.shippingAddress2),
      zip: value(.billingZip) ?? value(.shippingZip),
      city: value(.billingCity) ?? value(.shippingCity),
      province: value(.billingProvince) ?? value(.shippingProvince),
      country: value(.billingCountry) ?? value(.shippingCountry))
    let email = value(.email)
    let normalizedEmail = email?.lowercased()
    // Every phone column is an identifier: the first as `phone`, the others as written where
    // they differ from it (identity resolution normalises them).
    var phones: [String] = []
    for field in [ShopifyOrderField.phone, .billingPhone, .shippingPhone] {
      if let phone = value(field), !phones.contains(phone) { phones.append(phone) }
    }
    let customer = CustomerReference(
      id: normalizedEmail, email: email, phone: phones.first, additionalPhones: Array(phones.dropFirst()),
      name: value(.billingName) ?? value(.shippingName), company: value(.billingCompany),
      address: address == PostalAddress() ? nil : address)
    let tags = (value(.tags) ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    // Shopify joins several codes of one order with commas.
    let discountCodes =
      hasDiscountCodes
      ? (value(.discountCode) ?? "").split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : nil
    let marketing = value(.acceptsMarketing).map { $0.lowercased() == "yes" || $0.lowercased() == "true" }
    // An export's row order means nothing: lines are kept in one canonical order, so that any
    // ordering of the same rows gives the same log.
    let sortedLines = lines.sorted {
      ($0.productID, $0.variant ?? "", $0.name ?? "", $0.unitPrice, $0.quantity)
        < ($1.productID, $1.variant ?? "", $1.name ?? "", $1.unitPrice, $1.quantity)
    }
    return Order(
      id: name, customer: customer, placedAt: Date(timeIntervalSince1970: time), status: status, lines: sortedLines,
      total: total, currency: value(.currency), tags: tags, channel: value(.source), acceptsMarketing: marketing,
      discountCodes: discountCodes)
  }
}
