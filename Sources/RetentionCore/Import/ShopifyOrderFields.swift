import Foundation
import _RetentionSupport

/// The order-level fields of a Shopify orders export that the importer reads.
///
/// Shopify writes them on one row of each order (the first, in the export's own order) and
/// leaves them empty on the order's other rows; Email and Created at are repeated on every row.
/// The importer takes each from whichever row of the order carries it.
enum ShopifyOrderField: Int, CaseIterable {
  case email, createdAt, financialStatus, acceptsMarketing, currency, total, refundedAmount, cancelledAt
  case tags, source, phone
  case billingName, billingCompany, billingAddress1, billingAddress2, billingCity, billingZip, billingProvince
  case billingCountry, billingPhone
  case shippingName, shippingAddress1, shippingAddress2, shippingCity, shippingZip, shippingProvince
  case shippingCountry, shippingPhone

  /// The column's name in the export's header.
  var header: String {
    switch self {
    case .email: "Email"
    case .createdAt: "Created at"
    case .financialStatus: "Financial Status"
    case .acceptsMarketing: "Accepts Marketing"
    case .currency: "Currency"
    case .total: "Total"
    case .refundedAmount: "Refunded Amount"
    case .cancelledAt: "Cancelled at"
    case .tags: "Tags"
    case .source: "Source"
    case .phone: "Phone"
    case .billingName: "Billing Name"
    case .billingCompany: "Billing Company"
    case .billingAddress1: "Billing Address1"
    case .billingAddress2: "Billing Address2"
    case .billingCity: "Billing City"
    case .billingZip: "Billing Zip"
    case .billingProvince: "Billing Province"
    case .billingCountry: "Billing Country"
    case .billingPhone: "Billing Phone"
    case .shippingName: "Shipping Name"
    case .shippingAddress1: "Shipping Address1"
    case .shippingAddress2: "Shipping Address2"
    case .shippingCity: "Shipping City"
    case .shippingZip: "Shipping Zip"
    case .shippingProvince: "Shipping Province"
    case .shippingCountry: "Shipping Country"
    case .shippingPhone: "Shipping Phone"
    }
  }

  /// Whether a leading `'` (Excel's text marker) is removed from the value.
  var dropsTextMarker: Bool {
    switch self {
    case .phone, .billingPhone, .shippingPhone, .billingZip, .shippingZip: true
    default: false
    }
  }

  /// The value of a field as the importer reads it (a trimmed cell, without Excel's text
  /// marker where the field drops it), or `nil` when nothing is left.
  static func text(_ cell: String, of field: ShopifyOrderField) -> String? {
    var text = cell
    if field.dropsTextMarker && text.hasPrefix("'") { text.removeFirst() }
    return text.isEmpty ? nil : text
  }
}

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
  /// - Parameter strings: The string cache that holds the values.
  /// - Throws: `.missingField` when no row carried a Created at.
  func order(strings: StringCache) throws -> Order {
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
    let customer = CustomerReference(
      id: normalizedEmail, email: email, phone: value(.phone) ?? value(.billingPhone) ?? value(.shippingPhone),
      name: value(.billingName) ?? value(.shippingName), company: value(.billingCompany),
      address: address == PostalAddress() ? nil : address)
    let tags = (value(.tags) ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let marketing = value(.acceptsMarketing).map { $0.lowercased() == "yes" || $0.lowercased() == "true" }
    // An export's row order means nothing: lines are kept in one canonical order, so that any
    // ordering of the same rows gives the same log.
    let sortedLines = lines.sorted {
      ($0.productID, $0.variant ?? "", $0.name ?? "", $0.unitPrice, $0.quantity)
        < ($1.productID, $1.variant ?? "", $1.name ?? "", $1.unitPrice, $1.quantity)
    }
    return Order(
      id: name, customer: customer, placedAt: Date(timeIntervalSince1970: time), status: status, lines: sortedLines,
      total: total, currency: value(.currency), tags: tags, channel: value(.source), acceptsMarketing: marketing)
  }
}
