public import Foundation

/// One order placed in a shop: who placed it, when, what it contained and what became of it.
///
/// An order is a plain value. Build orders from your own database rows, or let an importer
/// (one per ``OrderFileFormat``) build them, then collect them into an
/// ``OrderLog``:
///
/// ```swift
/// let order = Order(
///   id: "#1001",
///   customer: CustomerReference(id: "c-17", email: "ada@example.com"),
///   placedAt: Date(timeIntervalSince1970: 1_700_000_000),
///   lines: [LineItem(productID: "BEANS-250", name: "Beans 250g", quantity: 2, unitPrice: 8.5)])
/// ```
///
/// Amounts are in the order's ``currency`` (the log requires one currency for all orders).
public struct Order: Sendable, Hashable, Codable {
  /// The shop's identifier of the order (for example Shopify's order name `#1001`).
  public var id: String
  /// Who placed the order, as far as the shop knows. A guest order has no ``CustomerReference/id``.
  public var customer: CustomerReference
  /// When the order was placed.
  public var placedAt: Date
  /// The payment or cancellation state of the order.
  public var status: OrderStatus
  /// The line items of the order.
  public var lines: [LineItem]
  /// The order total as charged (lines, shipping, taxes, less discounts), or `nil` to use the sum
  /// of the line amounts.
  public var total: Double?
  /// The ISO 4217 code of the currency of every amount of the order, or `nil` when unknown.
  public var currency: String?
  /// Free-form tags, for example `wholesale` or `subscription`.
  public var tags: [String]
  /// The sales channel or source (`web`, `pos`, `instagram`, ...), or `nil` when unknown.
  public var channel: String?
  /// Whether the customer agreed to receive marketing, or `nil` when unknown.
  public var acceptsMarketing: Bool?
  /// The discount codes used on the order (Shopify's `Discount Code`), as written: empty when
  /// the order used none, `nil` when the source does not say.
  public var discountCodes: [String]?

  /// Creates an order.
  ///
  /// - Parameters:
  ///   - id: The shop's identifier of the order.
  ///   - customer: Who placed the order; `CustomerReference()` for an anonymous guest.
  ///   - placedAt: When the order was placed.
  ///   - status: The payment state; paid by default.
  ///   - lines: The line items.
  ///   - total: The charged total, or `nil` for the sum of the line amounts.
  ///   - currency: The ISO 4217 currency code, if known.
  ///   - tags: Free-form tags.
  ///   - channel: The sales channel, if known.
  ///   - acceptsMarketing: The customer's marketing consent, if known.
  ///   - discountCodes: The discount codes used, empty for none, `nil` (the default) when unknown.
  public init(
    id: String,
    customer: CustomerReference,
    placedAt: Date,
    status: OrderStatus = .paid,
    lines: [LineItem] = [],
    total: Double? = nil,
    currency: String? = nil,
    tags: [String] = [],
    channel: String? = nil,
    acceptsMarketing: Bool? = nil,
    discountCodes: [String]? = nil
  ) {
    self.id = id
    self.customer = customer
    self.placedAt = placedAt
    self.status = status
    self.lines = lines
    self.total = total
    self.currency = currency
    self.tags = tags
    self.channel = channel
    self.acceptsMarketing = acceptsMarketing
    self.discountCodes = discountCodes
  }

  /// The sum of quantity times unit price over the lines.
  ///
  /// - Complexity: O(*n*), where *n* is the number of lines.
  public var lineAmount: Double {
    lines.reduce(0) { $0 + $1.amount }
  }

  /// The gross value of the order: ``total`` if given, otherwise ``lineAmount``.
  public var grossAmount: Double {
    total ?? lineAmount
  }

  /// The value the shop kept: ``grossAmount`` less refunds; zero for cancelled, voided and fully
  /// refunded orders.
  public var netAmount: Double {
    switch status {
    case .paid, .pending: grossAmount
    case .partiallyRefunded(let amount): max(0, grossAmount - amount)
    case .refunded, .cancelled, .voided: 0
    }
  }

  /// Whether the order counts as a purchase: not cancelled, voided or fully refunded.
  public var isPurchase: Bool {
    status.isPurchase
  }

  /// Whether the order carries the given tag, compared case-insensitively.
  ///
  /// - Complexity: O(*n*), where *n* is the number of tags.
  public func hasTag(_ tag: String) -> Bool {
    tags.contains { $0.caseInsensitiveCompare(tag) == .orderedSame }
  }
}

/// The payment or cancellation state of an order.
///
/// Cancelled, voided and fully refunded orders are not purchases; a partial refund is netted
/// from the order's value.
public enum OrderStatus: Sendable, Hashable, Codable {
  /// Paid (or authorized) in full.
  case paid
  /// Placed but payment is pending (bank transfer, invoice, partially paid). Counts as a purchase.
  case pending
  /// Refunded in full; the associated value is the refunded amount.
  case refunded(amount: Double)
  /// Refunded in part; the associated value is the refunded amount, netted from the order value.
  case partiallyRefunded(amount: Double)
  /// Cancelled by the shop or the customer.
  case cancelled
  /// Voided before payment was captured.
  case voided

  /// Whether an order with this status counts as a purchase.
  public var isPurchase: Bool {
    switch self {
    case .paid, .pending, .partiallyRefunded: true
    case .refunded, .cancelled, .voided: false
    }
  }
}

/// One line of an order: a product, how many, and at what unit price.
public struct LineItem: Sendable, Hashable, Codable {
  /// The product's identifier (SKU, stock code, or name when there is no code).
  public var productID: String
  /// The product's display name, if known.
  public var name: String?
  /// The variant (size, colour, ...), if any.
  public var variant: String?
  /// The product category or department, if known.
  public var category: String?
  /// The number of units. Positive for a purchase.
  public var quantity: Double
  /// The price of one unit in the order's currency, before order-level discounts.
  public var unitPrice: Double

  /// Creates a line item.
  ///
  /// - Parameters:
  ///   - productID: The product's identifier.
  ///   - name: The display name.
  ///   - variant: The variant, if any.
  ///   - category: The category or department.
  ///   - quantity: The number of units.
  ///   - unitPrice: The price of one unit.
  public init(
    productID: String,
    name: String? = nil,
    variant: String? = nil,
    category: String? = nil,
    quantity: Double = 1,
    unitPrice: Double
  ) {
    self.productID = productID
    self.name = name
    self.variant = variant
    self.category = category
    self.quantity = quantity
    self.unitPrice = unitPrice
  }

  /// Quantity times unit price.
  public var amount: Double { quantity * unitPrice }
}

/// What a shop knows about the person behind an order.
///
/// None of the fields is required: a guest checkout may carry only an email, or nothing. The
/// ``OrderLog`` attributes orders to customers by ``id``; identity resolution in `Segmentation`
/// uses all the identifiers to find the people behind the orders.
public struct CustomerReference: Sendable, Hashable, Codable {
  /// The shop's customer id, or `nil` for a guest order.
  public var id: String?
  /// The email address as entered.
  public var email: String?
  /// The phone number as entered.
  public var phone: String?
  /// Further phone numbers of the order as entered, beside ``phone``: for a Shopify export the
  /// Billing Phone and Shipping Phone where they differ from Phone.
  ///
  /// Identity resolution treats every phone of an order as an identifier of it (see
  /// ``phones``). Empty by default.
  public var additionalPhones: [String]
  /// The person's name.
  public var name: String?
  /// The billing company, if any.
  public var company: String?
  /// The billing or shipping address.
  public var address: PostalAddress?

  /// Creates a customer reference.
  ///
  /// - Parameters:
  ///   - id: The shop's customer id; `nil` for a guest.
  ///   - email: The email address.
  ///   - phone: The phone number.
  ///   - additionalPhones: Further phone numbers of the order (a billing or shipping phone).
  ///   - name: The person's name.
  ///   - company: The billing company.
  ///   - address: The postal address.
  public init(
    id: String? = nil,
    email: String? = nil,
    phone: String? = nil,
    additionalPhones: [String] = [],
    name: String? = nil,
    company: String? = nil,
    address: PostalAddress? = nil
  ) {
    self.id = id
    self.email = email
    self.phone = phone
    self.additionalPhones = additionalPhones
    self.name = name
    self.company = company
    self.address = address
  }

  /// Whether the reference carries no customer id.
  public var isGuest: Bool { id == nil }

  /// Every phone number of the order: ``phone`` (if any), then ``additionalPhones``.
  ///
  /// - Complexity: O(*k*) for *k* phone numbers.
  public var phones: [String] { (phone.map { [$0] } ?? []) + additionalPhones }

  /// Hashes every field; `additionalPhones` only when there are any (most references have none,
  /// and logs hash every reference they intern).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(email)
    hasher.combine(phone)
    if !additionalPhones.isEmpty { hasher.combine(additionalPhones) }
    hasher.combine(name)
    hasher.combine(company)
    hasher.combine(address)
  }

  private enum CodingKeys: String, CodingKey {
    case id, email, phone, additionalPhones, name, company, address
  }

  /// Decodes a reference; `additionalPhones` may be missing (references written before it
  /// existed), and is then empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try container.decodeIfPresent(String.self, forKey: .id),
      email: try container.decodeIfPresent(String.self, forKey: .email),
      phone: try container.decodeIfPresent(String.self, forKey: .phone),
      additionalPhones: try container.decodeIfPresent([String].self, forKey: .additionalPhones) ?? [],
      name: try container.decodeIfPresent(String.self, forKey: .name),
      company: try container.decodeIfPresent(String.self, forKey: .company),
      address: try container.decodeIfPresent(PostalAddress.self, forKey: .address))
  }

  /// Encodes the fields that have a value (`additionalPhones` only when not empty).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(id, forKey: .id)
    try container.encodeIfPresent(email, forKey: .email)
    try container.encodeIfPresent(phone, forKey: .phone)
    if !additionalPhones.isEmpty { try container.encode(additionalPhones, forKey: .additionalPhones) }
    try container.encodeIfPresent(name, forKey: .name)
    try container.encodeIfPresent(company, forKey: .company)
    try container.encodeIfPresent(address, forKey: .address)
  }
}

/// A postal address.
public struct PostalAddress: Sendable, Hashable, Codable {
  /// Street and number (first address line).
  public var street: String?
  /// The second address line.
  public var street2: String?
  /// The postal code.
  public var zip: String?
  /// The city.
  public var city: String?
  /// The province or state.
  public var province: String?
  /// The ISO country code or name.
  public var country: String?

  /// Creates an address.
  ///
  /// - Parameters:
  ///   - street: The first address line.
  ///   - street2: The second address line.
  ///   - zip: The postal code.
  ///   - city: The city.
  ///   - province: The province or state.
  ///   - country: The country.
  public init(
    street: String? = nil,
    street2: String? = nil,
    zip: String? = nil,
    city: String? = nil,
    province: String? = nil,
    country: String? = nil
  ) {
    self.street = street
    self.street2 = street2
    self.zip = zip
    self.city = city
    self.province = province
    self.country = country
  }
}
