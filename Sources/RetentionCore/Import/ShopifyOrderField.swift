import Foundation

/// The order-level fields of a Shopify orders export that the importer reads.
///
/// Shopify writes them on one row of each order (the first, in the export's own order) and
/// leaves them empty on the order's other rows; Email and Created at are repeated on every row.
/// The importer takes each from whichever row of the order carries it.
enum ShopifyOrderField: Int, CaseIterable {
  case email, createdAt, financialStatus, acceptsMarketing, currency, total, refundedAmount, cancelledAt
  case tags, source, phone, discountCode
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
    case .discountCode: "Discount Code"
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
