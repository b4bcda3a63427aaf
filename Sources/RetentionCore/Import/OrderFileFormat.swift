import Foundation

/// The layout of an orders file, for ``OrderLog/init(contentsOf:format:mode:timeZone:)``.
public enum OrderFileFormat: Sendable, Hashable {
  /// A Shopify admin orders export (73 or 79 columns, mapped by header name; one row per line
  /// item). The order-level fields (Financial Status, Total, Currency, Accepts Marketing,
  /// Billing ..., Shipping ..., Cancelled at, Refunded Amount, Tags, Source, Phone) are on one row
  /// of each order and are taken from that row wherever it is: a reversed or re-sorted export
  /// imports the same. Rows of one order that give different values for such a field reject the
  /// order, naming the row, the field and both values.
  case shopify
  /// A CSV file with one row per line item, mapped by ``LineItemColumns``.
  case lineItems(LineItemColumns)
  /// UCI Online Retail (Chen, Sain & Guo 2012): `C` invoices are cancellations and lines with a
  /// quantity or unit price of zero or less are not purchases (both excluded and counted); lines
  /// without a customer id are guest lines (imported as guest orders, counted). Amounts are in
  /// GBP.
  case onlineRetail
  /// The Groceries data set: `Member_number,Date,itemDescription`, dates `dd-MM-yyyy`, a basket
  /// is one member on one day; no prices.
  case groceries
  /// A CSV file with one row per purchase: customer, date and amount, mapped by
  /// ``TransactionColumns``.
  case transactions(TransactionColumns)
  /// The whitespace-separated CDNOW files: `customer yyyymmdd cds dollars` (the master file, with
  /// or without a header line) or `customer sample_id yyyymmdd cds dollars` (the 1/10 sample;
  /// the customer id is then the sample id, 1 to 2,357, as in the published summaries).
  case cdnow

  /// Parses a format name as given on a command line.
  ///
  /// - Parameters:
  ///   - name: `shopify`, `lines`, `online-retail`, `groceries`, `transactions` or `cdnow`.
  ///   - columns: For `lines` and `transactions`, a mapping `customer=...,order=...,date=...`.
  ///   - dateFormat: For `lines` and `transactions`, a ``DateFormat`` name.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an unknown name or a bad mapping.
  public init(name: String, columns: String? = nil, dateFormat: String? = nil) throws {
    let format = try dateFormat.map(DateFormat.init(name:)) ?? .automatic
    switch name.lowercased() {
    case "shopify": self = .shopify
    case "online-retail", "onlineretail", "uci": self = .onlineRetail
    case "groceries": self = .groceries
    case "cdnow": self = .cdnow
    case "lines", "line-items", "lineitems":
      self = .lineItems(try LineItemColumns(mapping: columns ?? "", dateFormat: format))
    case "transactions":
      self = .transactions(try TransactionColumns(mapping: columns ?? "", dateFormat: format))
    default:
      throw RetentionCoreError(
        .invalidArgument, field: "format",
        reason: "unknown format \"\(name)\"; use shopify, lines, online-retail, groceries, transactions or cdnow")
    }
  }
}

/// Which columns of a line-item CSV hold which fields (matched by header name, ignoring case
/// and surrounding spaces).
public struct LineItemColumns: Sendable, Hashable {
  /// The customer id column (empty cells make guest lines).
  public var customer: String
  /// The order id column, or `nil` to make a basket of each customer's lines on one day.
  public var order: String?
  /// The date column.
  public var date: String
  /// The product id column.
  public var product: String
  /// The product name column, if any.
  public var name: String?
  /// The category column, if any.
  public var category: String?
  /// The quantity column, or `nil` for a quantity of 1.
  public var quantity: String?
  /// The unit price column, or `nil` for no prices.
  public var unitPrice: String?
  /// The currency column, if any.
  public var currency: String?
  /// How dates are written.
  public var dateFormat: DateFormat

  /// Creates a mapping.
  ///
  /// - Parameters:
  ///   - customer: The customer id column.
  ///   - order: The order id column, or `nil` for baskets of customer and day.
  ///   - date: The date column.
  ///   - product: The product id column.
  ///   - name: The product name column.
  ///   - category: The category column.
  ///   - quantity: The quantity column.
  ///   - unitPrice: The unit price column.
  ///   - currency: The currency column.
  ///   - dateFormat: How dates are written; detected per value by default.
  public init(
    customer: String, order: String? = nil, date: String, product: String, name: String? = nil,
    category: String? = nil, quantity: String? = nil, unitPrice: String? = nil, currency: String? = nil,
    dateFormat: DateFormat = .automatic
  ) {
    self.customer = customer
    self.order = order
    self.date = date
    self.product = product
    self.name = name
    self.category = category
    self.quantity = quantity
    self.unitPrice = unitPrice
    self.currency = currency
    self.dateFormat = dateFormat
  }

  /// Parses a mapping such as `customer=CustomerID,order=InvoiceNo,date=InvoiceDate,product=StockCode,quantity=Quantity,price=UnitPrice`.
  ///
  /// Keys: `customer`, `order`, `date`, `product`, `name`, `category`, `quantity`, `price`
  /// (or `unitPrice`), `currency`. Missing `customer`, `date` and `product` default to columns
  /// of those names.
  ///
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an unknown key or a malformed pair.
  public init(mapping: String, dateFormat: DateFormat = .automatic) throws {
    let pairs = try parseColumnMapping(mapping)
    var columns = LineItemColumns(customer: "customer", date: "date", product: "product", dateFormat: dateFormat)
    for (key, value) in pairs {
      switch key {
      case "customer": columns.customer = value
      case "order": columns.order = value
      case "date": columns.date = value
      case "product": columns.product = value
      case "name": columns.name = value
      case "category": columns.category = value
      case "quantity": columns.quantity = value
      case "price", "unitprice": columns.unitPrice = value
      case "currency": columns.currency = value
      default:
        throw RetentionCoreError(.invalidArgument, field: "columns", reason: "unknown column key \"\(key)\"")
      }
    }
    self = columns
  }
}

/// Which columns of a transactions CSV hold which fields.
public struct TransactionColumns: Sendable, Hashable {
  /// The customer id column.
  public var customer: String
  /// The date column.
  public var date: String
  /// The amount column, or `nil` when the file has none (amounts are then zero).
  public var amount: String?
  /// The order id column, or `nil` to number rows.
  public var order: String?
  /// How dates are written.
  public var dateFormat: DateFormat

  /// Creates a mapping.
  ///
  /// - Parameters:
  ///   - customer: The customer id column.
  ///   - date: The date column.
  ///   - amount: The amount column, if any.
  ///   - order: The order id column, if any.
  ///   - dateFormat: How dates are written.
  public init(
    customer: String = "customer", date: String = "date", amount: String? = "amount", order: String? = nil,
    dateFormat: DateFormat = .automatic
  ) {
    self.customer = customer
    self.date = date
    self.amount = amount
    self.order = order
    self.dateFormat = dateFormat
  }

  /// Parses a mapping such as `customer=cust,date=date,amount=sales`. Keys: `customer`, `date`,
  /// `amount`, `order`. An absent `amount` key uses a column named `amount` if the file has one.
  ///
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an unknown key or a malformed pair.
  public init(mapping: String, dateFormat: DateFormat = .automatic) throws {
    var columns = TransactionColumns(dateFormat: dateFormat)
    for (key, value) in try parseColumnMapping(mapping) {
      switch key {
      case "customer": columns.customer = value
      case "date": columns.date = value
      case "amount", "price", "value": columns.amount = value
      case "order": columns.order = value
      default:
        throw RetentionCoreError(.invalidArgument, field: "columns", reason: "unknown column key \"\(key)\"")
      }
    }
    self = columns
  }
}

private func parseColumnMapping(_ text: String) throws -> [(String, String)] {
  try text.split(separator: ",").map { pair in
    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
      throw RetentionCoreError(
        .invalidArgument, field: "columns", reason: "expected key=column, found \"\(pair)\"")
    }
    return (parts[0].lowercased(), parts[1])
  }
}
