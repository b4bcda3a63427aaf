public import Foundation
package import _RetentionSupport

/// The validated, sorted, deduplicated history of a shop's orders: the one input every module reads.
///
/// Build a log from your own orders, or from an importer:
///
/// ```swift
/// let log = try OrderLog(orders)                 // lenient: bad orders land in log.report
/// print(log.report.rowsRejected, log.customerCount, log.revenue())
/// for order in log.orders(ofCustomer: "c-17") { print(order.id, order.netAmount) }
/// ```
///
/// The log keeps every valid order, including cancelled and voided ones (they are facts about
/// the shop, and identity resolution must place them), but only *purchases* (``Order/isPurchase``)
/// count in revenue and in the customer summaries. Refunds are netted. Orders repeated under the
/// same id are merged when they agree on every order-level field (the line rows of one order) and
/// rejected when they conflict. All amounts are in one currency (``currency``).
///
/// The log is a random-access collection of its orders, oldest first (`log[i]` rebuilds order
/// `i`). Per-order accessors (``date(ofOrder:)``, ``customerID(ofOrder:)``,
/// ``customerReference(ofOrder:)``, ``lines(ofOrder:)``, ...) read single fields without
/// rebuilding the order, and ``identityFields`` gives an identity resolver the distinct customer
/// references with the reference of every order. Internally the log is columnar: orders are
/// sorted by time, and customers and products are numbered densely; the numbered columns are
/// visible to this package's modules only.
public struct OrderLog: Sendable {
  /// The one currency of every amount in the log (upper case): the input's one currency, the
  /// chosen or target currency of ``ImportOptions/currency``, or `nil` when neither named one.
  public let currency: String?
  /// What the build did with every input order or row.
  public internal(set) var report: ImportReport

  /// Customer ids by customer number (numbered in the order of their first order).
  public let customerIDs: [String]
  package let customerNumbers: StringNumbering
  /// Products by product number (numbered in the order they first appear in the input).
  public let products: [Product]
  /// Variant names by variant number.
  public let variants: [String]

  /// Order ids, oldest order first.
  public let orderIDs: [String]
  /// The customer number of each order, or -1 for a guest order.
  package let orderCustomers: [Int32]
  /// The time of each order, in seconds since 1970-01-01 00:00 UTC.
  public let orderTimes: [Double]
  /// The net value of each order (zero for orders that are not purchases).
  public let orderNetAmounts: [Double]
  /// Whether each order is a purchase (not cancelled, voided or fully refunded).
  public let orderIsPurchase: [Bool]
  /// The status of each order.
  public let orderStatuses: [OrderStatus]
  /// The gross value of each order (its total, or the sum of its lines).
  public let orderGrossAmounts: [Double]
  /// The start of each order's lines in the line columns; `orderLineStarts[orderCount]` is the
  /// number of lines.
  package let orderLineStarts: [Int32]

  /// The product number of each line.
  package let lineProducts: [Int32]
  /// The variant number of each line, or -1.
  package let lineVariants: [Int32]
  /// The quantity of each line.
  public let lineQuantities: [Double]
  /// The unit price of each line.
  public let lineUnitPrices: [Double]

  /// Per customer number, the start of its orders in ``customerOrderIndices``;
  /// `customerOrderStarts[customerCount]` is the number of attributed orders.
  package let customerOrderStarts: [Int32]
  /// Order indices grouped by customer, oldest first within a customer.
  package let customerOrderIndices: [Int32]

  // Order-level details that few readers need, interned to keep the log small. Visible to the
  // package's other modules, which work per distinct value (identity resolution normalises
  // each distinct reference once).
  package let orderReferenceIndices: [Int32]
  package let references: CustomerReferences
  package let orderTagIndices: [Int32]
  package let tagSets: [[String]]
  package let orderChannelIndices: [Int32]
  package let channels: [String]
  package let orderMarketing: [Int8]
  let orderCurrencyKnown: [Bool]
  /// The discount-code set of each order in ``discountCodeSets``, or -1 when unknown; empty when
  /// no order says (so that logs without codes pay nothing for them).
  package let orderDiscountCodeIndices: [Int32]
  package let discountCodeSets: [[String]]

  /// How the log's orders were attributed to people, for a log keyed by person (see
  /// `OrderLog.resolvingIdentities(with:)` in `Segmentation`); `nil` for a log keyed by the
  /// shop's customer ids.
  public internal(set) var personKeying: PersonKeying? = nil

  /// A product of the shop, as first seen in the input.
  public struct Product: Sendable, Hashable, Codable {
    /// The product id (SKU or stock code).
    public var id: String
    /// The display name, if any.
    public var name: String?
    /// The category or department, if any.
    public var category: String?

    /// Creates a product.
    ///
    /// - Parameters:
    ///   - id: The product id.
    ///   - name: The display name.
    ///   - category: The category.
    public init(id: String, name: String? = nil, category: String? = nil) {
      self.id = id
      self.name = name
      self.category = category
    }
  }

  /// Builds a log from orders, validating, deduplicating and sorting them.
  ///
  /// Invalid orders (empty id, non-finite or negative amounts, negative quantities, a currency
  /// code that is not three letters) are rejected into ``report`` with their 1-based position as
  /// the row, or thrown in strict mode. Orders in more than one currency are refused; see
  /// ``init(_:options:)`` to choose or convert.
  ///
  /// - Parameters:
  ///   - orders: The orders, in any order.
  ///   - mode: Whether to reject bad orders into the report (default) or throw on the first.
  /// - Throws: ``RetentionCoreError`` in strict mode, at the first invalid order; `.mixedCurrency`
  ///   for orders in more than one currency.
  /// - Complexity: O(*n* + *m*), where *n* is the number of orders and *m* the number of lines.
  public init(_ orders: some Sequence<Order>, mode: ImportMode = .lenient) throws {
    try self.init(orders, options: ImportOptions(mode: mode))
  }

  /// Builds a log from orders with explicit options, such as the currency to keep or a converter.
  ///
  /// ```swift
  /// var rates = ExchangeRates(target: "EUR")
  /// try rates.setRate(0.92, for: "USD", on: "2024-03-01")
  /// let log = try OrderLog(orders, options: ImportOptions(currency: .converted(to: "EUR", using: rates)))
  /// ```
  ///
  /// Without a chosen currency (``CurrencyChoice/single``) orders in more than one currency are
  /// refused with one error that lists each currency and its number of orders; with
  /// ``CurrencyChoice/only(_:)`` orders in other currencies are rejected into ``report``; with
  /// ``CurrencyChoice/converted(to:using:)`` they are converted, or rejected when their rate is
  /// missing. The options' time zone and row limit are not read: orders carry exact instants.
  ///
  /// - Parameters:
  ///   - orders: The orders, in any order.
  ///   - options: The mode and the currency choice.
  /// - Throws: ``RetentionCoreError`` in strict mode, at the first invalid order; `.mixedCurrency`
  ///   for orders in more than one currency without a choice.
  /// - Complexity: O(*n* + *m*), where *n* is the number of orders and *m* the number of lines.
  public init(_ orders: some Sequence<Order>, options: ImportOptions) throws {
    try self.init(orders, options: options, addingInParallel: nil)
  }

  /// Builds a log from orders; an array of many orders with distinct ids has its orders and its
  /// lines added by two tasks at once (`addingInParallel`: `nil` decides by size, as
  /// ``init(_:options:)`` does; the log is the same either way).
  init(_ orders: some Sequence<Order>, options: ImportOptions, addingInParallel: Bool?) throws {
    // An array is read twice: first its lines are counted (so that the builder's line records
    // are not copied as they grow) and its ids checked for repeats (without a hash-table probe
    // per order, which is slow once the table outgrows the caches). Without repeats, no order
    // can merge with another, and the builder need not look ids up. Its orders are then handed
    // to the builder in place, not copied out one by one; a large array of them, to two tasks
    // (one for the orders, one for their lines) when every order is kept.
    let surveyed = try orders.withContiguousStorageIfAvailable { buffer in
      let lineCount = buffer.reduce(0) { $0 + $1.lines.count }
      let idsAreDistinct = RadixSort.areDistinct(buffer.map(\.id))
      if idsAreDistinct, addingInParallel ?? (buffer.count + lineCount >= OrderLogBuilder.parallelAppendMinimum),
        let array = orders as? [Order],
        var builder = OrderLogBuilder.addingInParallel(array, options: options, lineCount: lineCount)
      {
        builder.report.rowsRead = buffer.count
        return builder
      }
      var builder = OrderLogBuilder(
        mode: options.mode, expectedCount: buffer.count, expectedLineCount: lineCount, currency: options.currency,
        idsAreDistinct: idsAreDistinct)
      for index in buffer.indices { try builder.append(buffer[index], row: index + 1, rowCount: 1) }
      builder.report.rowsRead = buffer.count
      return builder
    }
    var builder: OrderLogBuilder
    if let surveyed {
      builder = surveyed
    } else {
      builder = OrderLogBuilder(mode: options.mode, expectedCount: orders.underestimatedCount, currency: options.currency)
      var row = 0
      for order in orders {
        row += 1
        try builder.append(order, row: row, rowCount: 1)
      }
      builder.report.rowsRead = row
    }
    self = try builder.build()
  }

  init(
    currency: String?, report: ImportReport, customerIDs: [String], customerNumbers: StringNumbering, products: [Product],
    variants: [String], orderIDs: [String], orderCustomers: [Int32], orderTimes: [Double],
    orderNetAmounts: [Double], orderIsPurchase: [Bool], orderStatuses: [OrderStatus],
    orderGrossAmounts: [Double], orderLineStarts: [Int32], lineProducts: [Int32],
    lineVariants: [Int32], lineQuantities: [Double], lineUnitPrices: [Double],
    customerOrderStarts: [Int32], customerOrderIndices: [Int32], orderReferenceIndices: [Int32],
    references: CustomerReferences, orderTagIndices: [Int32], tagSets: [[String]],
    orderChannelIndices: [Int32], channels: [String], orderMarketing: [Int8],
    orderCurrencyKnown: [Bool], orderDiscountCodeIndices: [Int32], discountCodeSets: [[String]]
  ) {
    self.currency = currency
    self.report = report
    self.customerIDs = customerIDs
    self.customerNumbers = customerNumbers
    self.products = products
    self.variants = variants
    self.orderIDs = orderIDs
    self.orderCustomers = orderCustomers
    self.orderTimes = orderTimes
    self.orderNetAmounts = orderNetAmounts
    self.orderIsPurchase = orderIsPurchase
    self.orderStatuses = orderStatuses
    self.orderGrossAmounts = orderGrossAmounts
    self.orderLineStarts = orderLineStarts
    self.lineProducts = lineProducts
    self.lineVariants = lineVariants
    self.lineQuantities = lineQuantities
    self.lineUnitPrices = lineUnitPrices
    self.customerOrderStarts = customerOrderStarts
    self.customerOrderIndices = customerOrderIndices
    self.orderReferenceIndices = orderReferenceIndices
    self.references = references
    self.orderTagIndices = orderTagIndices
    self.tagSets = tagSets
    self.orderChannelIndices = orderChannelIndices
    self.channels = channels
    self.orderMarketing = orderMarketing
    self.orderCurrencyKnown = orderCurrencyKnown
    self.orderDiscountCodeIndices = orderDiscountCodeIndices
    self.discountCodeSets = discountCodeSets
  }

  /// The number of orders, purchases or not.
  public var orderCount: Int { orderIDs.count }
  /// The number of line items.
  public var lineCount: Int { lineProducts.count }
  /// The number of customers with at least one order (guests excluded).
  public var customerCount: Int { customerIDs.count }
  /// Whether the log holds no orders.
  public var isEmpty: Bool { orderIDs.isEmpty }

  /// The order at an index (0 is the oldest), rebuilt from the columns.
  ///
  /// - Complexity: O(*k*), where *k* is the number of lines of the order.
  public subscript(orderIndex: Int) -> Order {
    let tagIndex = Int(orderTagIndices[orderIndex])
    let channelIndex = Int(orderChannelIndices[orderIndex])
    let marketing = orderMarketing[orderIndex]
    return Order(
      id: orderIDs[orderIndex],
      customer: customerReference(ofOrder: orderIndex),
      placedAt: Date(timeIntervalSince1970: orderTimes[orderIndex]),
      status: orderStatuses[orderIndex],
      lines: lines(ofOrder: orderIndex),
      total: orderGrossAmounts[orderIndex],
      currency: orderCurrencyKnown[orderIndex] ? currency : nil,
      tags: tagIndex < 0 ? [] : tagSets[tagIndex],
      channel: channelIndex < 0 ? nil : channels[channelIndex],
      acceptsMarketing: marketing < 0 ? nil : marketing == 1,
      discountCodes: discountCodes(ofOrder: orderIndex))
  }

  /// The line items of the order at an index.
  ///
  /// - Complexity: O(*k*), where *k* is the number of lines of the order.
  public func lines(ofOrder orderIndex: Int) -> [LineItem] {
    let range = Int(orderLineStarts[orderIndex])..<Int(orderLineStarts[orderIndex + 1])
    return range.map { line in
      let product = products[Int(lineProducts[line])]
      let variant = lineVariants[line]
      return LineItem(
        productID: product.id, name: product.name,
        variant: variant < 0 ? nil : variants[Int(variant)], category: product.category,
        quantity: lineQuantities[line], unitPrice: lineUnitPrices[line])
    }
  }

  /// The customer reference of the order at an index, as imported; in a log keyed by person
  /// (``personKeying`` not `nil`), with the person's id as its customer id.
  public func customerReference(ofOrder orderIndex: Int) -> CustomerReference {
    var reference = references[Int(orderReferenceIndices[orderIndex])]
    if personKeying != nil {
      let customer = orderCustomers[orderIndex]
      reference.id = customer < 0 ? nil : customerIDs[Int(customer)]
    }
    return reference
  }

  /// The tags of the order at an index.
  public func tags(ofOrder orderIndex: Int) -> [String] {
    let tagIndex = Int(orderTagIndices[orderIndex])
    return tagIndex < 0 ? [] : tagSets[tagIndex]
  }

  /// The sales channel of the order at an index, if known.
  public func channel(ofOrder orderIndex: Int) -> String? {
    let channelIndex = Int(orderChannelIndices[orderIndex])
    return channelIndex < 0 ? nil : channels[channelIndex]
  }

  /// The marketing consent recorded on the order at an index, if known.
  public func acceptsMarketing(ofOrder orderIndex: Int) -> Bool? {
    let marketing = orderMarketing[orderIndex]
    return marketing < 0 ? nil : marketing == 1
  }

  /// The discount codes used on the order at an index: empty when it used none, `nil` when its
  /// source did not say.
  public func discountCodes(ofOrder orderIndex: Int) -> [String]? {
    guard !orderDiscountCodeIndices.isEmpty else { return nil }
    let codeIndex = Int(orderDiscountCodeIndices[orderIndex])
    return codeIndex < 0 ? nil : discountCodeSets[codeIndex]
  }

  /// The time of the order at an index.
  public func date(ofOrder orderIndex: Int) -> Date {
    Date(timeIntervalSince1970: orderTimes[orderIndex])
  }
}
