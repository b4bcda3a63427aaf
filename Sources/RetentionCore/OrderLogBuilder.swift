import Foundation

/// Accumulates orders (from a sequence or an importer), validates and merges them, and builds the
/// columnar ``OrderLog``.
///
/// Orders are interned into columns as they arrive (customers, products, references, tags and
/// channels become integer ids), so the builder never holds whole `Order` values: a million
/// orders cost a few tens of megabytes. ``build()`` sorts by time (ties keep input order),
/// renumbers customers in order of their first order, and groups lines by order.
struct OrderLogBuilder {
  let mode: ImportMode
  var report = ImportReport()

  // Per pending order, in input order.
  private var ids: [String] = []
  private var indexOfID: [String: Int32] = [:]
  private var customers: [Int32] = []
  private var times: [Double] = []
  private var statuses: [OrderStatus] = []
  private var totals: [Double] = []
  private var hasTotal: [Bool] = []
  private var lineSums: [Double] = []
  private var referenceIndices: [Int32] = []
  private var tagIndices: [Int32] = []
  private var channelIndices: [Int32] = []
  private var marketing: [Int8] = []
  /// The number of each order's own currency in ``currencies`` (-1: none named).
  private var orderCurrencies: [Int32] = []
  private var rowCounts: [Int32] = []
  private var firstRows: [Int32] = []

  // Per line, in input order.
  private var lineOrders: [Int32] = []
  private var lineProducts: [Int32] = []
  private var lineVariants: [Int32] = []
  private var lineQuantities: [Double] = []
  private var lineUnitPrices: [Double] = []

  // Interning tables.
  private var customerNumber: [String: Int32] = [:]
  private var customerIDs: [String] = []
  private var productNumber: [String: Int32] = [:]
  private var products: [OrderLog.Product] = []
  private var variantNumber: [String: Int32] = [:]
  private var variants: [String] = []
  private var referenceNumber: [CustomerReference: Int32] = [:]
  private var idOnlyReference: [Int32] = []
  private var references: [CustomerReference] = []
  private var tagNumber: [[String]: Int32] = [:]
  private var tagSets: [[String]] = []
  private var channelNumber: [String: Int32] = [:]
  private var channels: [String] = []

  private var currencies: CurrencyLedger
  /// The exchange rate of each converted order added by ``appendOrder``, applied to its lines.
  private var conversionFactors: [Int32: Double] = [:]

  init(mode: ImportMode, expectedCount: Int = 0, currency: CurrencyChoice = .single) {
    self.mode = mode
    currencies = CurrencyLedger(currency)
    indexOfID.reserveCapacity(expectedCount)
    ids.reserveCapacity(expectedCount)
    customers.reserveCapacity(expectedCount)
    times.reserveCapacity(expectedCount)
    statuses.reserveCapacity(expectedCount)
    totals.reserveCapacity(expectedCount)
    hasTotal.reserveCapacity(expectedCount)
    lineSums.reserveCapacity(expectedCount)
    referenceIndices.reserveCapacity(expectedCount)
    tagIndices.reserveCapacity(expectedCount)
    channelIndices.reserveCapacity(expectedCount)
    marketing.reserveCapacity(expectedCount)
    orderCurrencies.reserveCapacity(expectedCount)
    rowCounts.reserveCapacity(expectedCount)
    firstRows.reserveCapacity(expectedCount)
  }

  /// Validates an order and adds it, merging it into an earlier order with the same id when the
  /// order-level fields agree.
  ///
  /// - Parameters:
  ///   - order: The order.
  ///   - row: The 1-based input row of its first line, for error messages.
  ///   - rowCount: How many input rows the order came from, for the accounting.
  mutating func append(_ order: Order, row: Int, rowCount: Int) throws {
    if let error = Self.validate(order, row: row) {
      try reject(error, rows: rowCount)
      return
    }
    let currencyNumber: Int32
    var order = order
    switch currencies.admit(order.currency, time: order.placedAt.timeIntervalSince1970, row: row) {
    case .reject(let error):
      try reject(error, rows: rowCount)
      return
    case .keep(let number, let factor):
      currencyNumber = number
      if factor != 1 { order.convert(by: factor) }
    }
    if let existing = indexOfID[order.id] {
      let index = Int(existing)
      guard hasSameHeader(order, as: index), orderCurrencies[index] == currencyNumber else {
        try reject(
          RetentionCoreError(
            .conflictingOrder, row: row, field: "id",
            reason:
              "order \(order.id) repeats an earlier order (row \(firstRows[index])) with different order-level fields"),
          rows: rowCount)
        return
      }
      appendLines(of: order, to: index)
      rowCounts[index] += Int32(rowCount)
      return
    }
    let index = ids.count
    indexOfID[order.id] = Int32(index)
    ids.append(order.id)
    var customer: Int32 = -1
    if let id = order.customer.id { customer = internCustomer(id) }
    customers.append(customer)
    times.append(order.placedAt.timeIntervalSince1970)
    statuses.append(order.status)
    totals.append(order.total ?? 0)
    hasTotal.append(order.total != nil)
    lineSums.append(0)
    referenceIndices.append(internReference(order.customer, customer: customer))
    tagIndices.append(order.tags.isEmpty ? -1 : Self.intern(order.tags, in: &tagNumber, &tagSets))
    channelIndices.append(order.channel.map { Self.intern($0, in: &channelNumber, &channels) } ?? -1)
    marketing.append(order.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1)
    orderCurrencies.append(currencyNumber)
    rowCounts.append(Int32(rowCount))
    firstRows.append(Int32(row))
    appendLines(of: order, to: index)
  }

  /// Adds a paid order identified by a customer id alone, without lines (importers add them
  /// with ``appendLine(toOrder:product:quantity:unitPrice:)``); returns its index, or `nil` when
  /// it is rejected (an empty id, a non-finite time, a currency the ``CurrencyChoice`` rejects,
  /// a repeated id).
  mutating func appendOrder(
    id: String, customer: String?, time: Double, currency code: String?, row: Int, rowCount: Int
  ) throws -> Int32? {
    if id.isEmpty {
      try reject(RetentionCoreError(.missingField, row: row, field: "id", reason: "the order id is empty"), rows: rowCount)
      return nil
    }
    if !time.isFinite {
      try reject(
        RetentionCoreError(.invalidDate, row: row, field: "placedAt", reason: "the order date is not finite"),
        rows: rowCount)
      return nil
    }
    if let existing = indexOfID[id] {
      try reject(
        RetentionCoreError(
          .conflictingOrder, row: row, field: "id",
          reason: "order \(RetentionCoreError.quoted(id)) repeats an earlier order (row \(firstRows[Int(existing)]))"),
        rows: rowCount)
      return nil
    }
    let currencyNumber: Int32
    switch currencies.admit(code, time: time, row: row) {
    case .reject(let error):
      try reject(error, rows: rowCount)
      return nil
    case .keep(let number, let factor):
      currencyNumber = number
      if factor != 1 { conversionFactors[Int32(ids.count)] = factor }
    }
    let index = Int32(ids.count)
    indexOfID[id] = index
    ids.append(id)
    let number = customer.map { internCustomer($0) } ?? -1
    customers.append(number)
    times.append(time)
    statuses.append(.paid)
    totals.append(0)
    hasTotal.append(false)
    lineSums.append(0)
    referenceIndices.append(internReference(CustomerReference(id: customer), customer: number))
    tagIndices.append(-1)
    channelIndices.append(-1)
    marketing.append(-1)
    orderCurrencies.append(currencyNumber)
    rowCounts.append(Int32(rowCount))
    firstRows.append(Int32(row))
    return index
  }

  /// The index of the order with this id, if one was added.
  func orderIndex(ofID id: String) -> Int32? { indexOfID[id] }

  /// The customer id, currency (as the input named it, upper case) and first row of an added
  /// order.
  func header(ofOrder index: Int32) -> (customer: String?, currency: String?, firstRow: Int) {
    let order = Int(index)
    let customer = customers[order] < 0 ? nil : customerIDs[Int(customers[order])]
    return (customer, currencies.code(orderCurrencies[order]), Int(firstRows[order]))
  }

  /// Counts more input rows for an added order.
  mutating func addRows(_ count: Int, toOrder index: Int32) {
    rowCounts[Int(index)] += Int32(count)
  }

  /// The number of a product id, interned on first sight.
  mutating func productNumber(ofID id: String) -> Int32 {
    if let number = productNumber[id] { return number }
    let number = Int32(products.count)
    productNumber[id] = number
    products.append(OrderLog.Product(id: id))
    return number
  }

  func productLacksName(_ number: Int32) -> Bool { products[Int(number)].name == nil }
  func productLacksCategory(_ number: Int32) -> Bool { products[Int(number)].category == nil }
  mutating func setProductName(_ name: String, of number: Int32) { products[Int(number)].name = name }
  mutating func setProductCategory(_ category: String, of number: Int32) { products[Int(number)].category = category }

  /// Adds a line (already validated: finite, non-negative quantity and price) to an added order.
  mutating func appendLine(toOrder index: Int32, product: Int32, quantity: Double, unitPrice: Double) {
    var unitPrice = unitPrice
    if !conversionFactors.isEmpty, let factor = conversionFactors[index] { unitPrice *= factor }
    lineOrders.append(index)
    lineProducts.append(product)
    lineVariants.append(-1)
    lineQuantities.append(quantity)
    lineUnitPrices.append(unitPrice)
    lineSums[Int(index)] += quantity * unitPrice
  }

  mutating func reject(_ error: RetentionCoreError, rows: Int) throws {
    if mode == .strict { throw error }
    report.reject(error, rows: rows)
  }

  private func hasSameHeader(_ order: Order, as index: Int) -> Bool {
    guard times[index] == order.placedAt.timeIntervalSince1970, statuses[index] == order.status,
      hasTotal[index] == (order.total != nil), totals[index] == (order.total ?? 0),
      marketing[index] == (order.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1),
      references[Int(referenceIndices[index])] == order.customer
    else { return false }
    let tags = tagIndices[index] < 0 ? [] : tagSets[Int(tagIndices[index])]
    let channel = channelIndices[index] < 0 ? nil : channels[Int(channelIndices[index])]
    return tags == order.tags && channel == order.channel
  }

  private mutating func appendLines(of order: Order, to index: Int) {
    var sum = 0.0
    for line in order.lines {
      lineOrders.append(Int32(index))
      if let number = productNumber[line.productID] {
        lineProducts.append(number)
        // Fill in a name or category first seen on a later line.
        if products[Int(number)].name == nil, let name = line.name { products[Int(number)].name = name }
        if products[Int(number)].category == nil, let category = line.category {
          products[Int(number)].category = category
        }
      } else {
        let number = Int32(products.count)
        productNumber[line.productID] = number
        products.append(OrderLog.Product(id: line.productID, name: line.name, category: line.category))
        lineProducts.append(number)
      }
      lineVariants.append(line.variant.map { Self.intern($0, in: &variantNumber, &variants) } ?? -1)
      lineQuantities.append(line.quantity)
      lineUnitPrices.append(line.unitPrice)
      sum += line.amount
    }
    lineSums[index] += sum
  }

  private mutating func internCustomer(_ id: String) -> Int32 {
    if let number = customerNumber[id] { return number }
    let number = Int32(customerIDs.count)
    customerNumber[id] = number
    customerIDs.append(id)
    return number
  }

  /// Interns a customer reference; references that carry only a customer id (the common case
  /// for database rows) are cached per customer without hashing the whole reference.
  private mutating func internReference(_ reference: CustomerReference, customer: Int32) -> Int32 {
    let idOnly =
      customer >= 0 && reference.email == nil && reference.phone == nil && reference.name == nil
      && reference.company == nil && reference.address == nil
    if idOnly {
      let slot = Int(customer)
      if slot < idOnlyReference.count && idOnlyReference[slot] >= 0 { return idOnlyReference[slot] }
      let number = Int32(references.count)
      references.append(reference)
      while idOnlyReference.count <= slot { idOnlyReference.append(-1) }
      idOnlyReference[slot] = number
      return number
    }
    return Self.intern(reference, in: &referenceNumber, &references)
  }

  // Static, so that calling it does not copy `self` (and with it the tables) on every call,
  // which made each insertion copy the whole dictionary.
  private static func intern<Value: Hashable>(_ value: Value, in table: inout [Value: Int32], _ values: inout [Value]) -> Int32 {
    if let number = table[value] { return number }
    let number = Int32(values.count)
    table[value] = number
    values.append(value)
    return number
  }

  static func validate(_ order: Order, row: Int) -> RetentionCoreError? {
    if order.id.isEmpty {
      return RetentionCoreError(.missingField, row: row, field: "id", reason: "the order id is empty")
    }
    let time = order.placedAt.timeIntervalSince1970
    if !time.isFinite {
      return RetentionCoreError(.invalidDate, row: row, field: "placedAt", reason: "the order date is not finite")
    }
    if let total = order.total {
      if !total.isFinite {
        return RetentionCoreError(.notFinite, row: row, field: "total", reason: "the total is \(total)")
      }
      if total < 0 {
        return RetentionCoreError(.negativeValue, row: row, field: "total", reason: "the total \(total) is negative")
      }
    }
    switch order.status {
    case .refunded(let amount), .partiallyRefunded(let amount):
      if !amount.isFinite || amount < 0 {
        return RetentionCoreError(
          amount.isFinite ? .negativeValue : .notFinite, row: row, field: "refundedAmount",
          reason: "the refunded amount \(amount) is not a finite non-negative number")
      }
    default: break
    }
    for line in order.lines {
      if line.productID.isEmpty {
        return RetentionCoreError(.missingField, row: row, field: "productID", reason: "a line has no product id")
      }
      if !line.quantity.isFinite {
        return RetentionCoreError(.notFinite, row: row, field: "quantity", reason: "the quantity is \(line.quantity)")
      }
      if line.quantity < 0 {
        return RetentionCoreError(
          .negativeValue, row: row, field: "quantity", reason: "the quantity \(line.quantity) is negative")
      }
      if !line.unitPrice.isFinite {
        return RetentionCoreError(.notFinite, row: row, field: "unitPrice", reason: "the unit price is \(line.unitPrice)")
      }
      if line.unitPrice < 0 {
        return RetentionCoreError(
          .negativeValue, row: row, field: "unitPrice", reason: "the unit price \(line.unitPrice) is negative")
      }
    }
    return nil
  }

  /// Sorts the orders by time (ties keep input order) and builds the columns.
  ///
  /// - Throws: `.mixedCurrency` when no currency was chosen and the orders are in more than one.
  consuming func build() throws -> OrderLog {
    let currency = try currencies.logCurrency(orderCurrencies: orderCurrencies)
    let count = ids.count
    let permutation = (0..<count).sorted { lhs, rhs in
      let l = times[lhs], r = times[rhs]
      return l != r ? l < r : lhs < rhs
    }
    var rank = [Int32](repeating: 0, count: count)
    for (position, index) in permutation.enumerated() { rank[index] = Int32(position) }

    // Customers are numbered in the order of their first order.
    var renumber = [Int32](repeating: -1, count: customerIDs.count)
    var sortedCustomerIDs: [String] = []
    sortedCustomerIDs.reserveCapacity(customerIDs.count)
    var orderCustomers = [Int32](repeating: -1, count: count)
    for (position, index) in permutation.enumerated() {
      let old = customers[index]
      guard old >= 0 else { continue }
      if renumber[Int(old)] < 0 {
        renumber[Int(old)] = Int32(sortedCustomerIDs.count)
        sortedCustomerIDs.append(customerIDs[Int(old)])
      }
      orderCustomers[position] = renumber[Int(old)]
    }
    var sortedCustomerNumbers: [String: Int32] = [:]
    sortedCustomerNumbers.reserveCapacity(sortedCustomerIDs.count)
    for (number, id) in sortedCustomerIDs.enumerated() { sortedCustomerNumbers[id] = Int32(number) }

    func permuted<Value>(_ column: [Value]) -> [Value] { permutation.map { column[$0] } }
    let sortedStatuses = permuted(statuses)
    var gross = [Double](repeating: 0, count: count)
    var net = [Double](repeating: 0, count: count)
    var isPurchase = [Bool](repeating: false, count: count)
    for (position, index) in permutation.enumerated() {
      let amount = hasTotal[index] ? totals[index] : lineSums[index]
      let status = statuses[index]
      gross[position] = amount
      isPurchase[position] = status.isPurchase
      switch status {
      case .paid, .pending: net[position] = amount
      case .partiallyRefunded(let refund): net[position] = Swift.max(0, amount - refund)
      case .refunded, .cancelled, .voided: net[position] = 0
      }
    }

    // Lines grouped by the sorted position of their order (a stable counting sort).
    var lineStarts = [Int32](repeating: 0, count: count + 1)
    for order in lineOrders { lineStarts[Int(rank[Int(order)]) + 1] += 1 }
    for position in 0..<count { lineStarts[position + 1] += lineStarts[position] }
    var cursor = lineStarts
    var lineTarget = [Int](repeating: 0, count: lineOrders.count)
    for (line, order) in lineOrders.enumerated() {
      let position = Int(rank[Int(order)])
      lineTarget[line] = Int(cursor[position])
      cursor[position] += 1
    }
    func scattered<Value>(_ column: [Value], fill: Value) -> [Value] {
      var result = [Value](repeating: fill, count: column.count)
      for (line, target) in lineTarget.enumerated() { result[target] = column[line] }
      return result
    }

    var report = self.report
    report.ordersImported = count
    report.linesImported = lineOrders.count
    for index in 0..<count {
      if customers[index] < 0 {
        report.guestOrders += 1
        report.guestLines += Int(rowCounts[index])
      }
      switch statuses[index] {
      case .cancelled, .voided: report.cancelledOrders += 1
      case .refunded: report.refundedOrders += 1
      case .partiallyRefunded: report.partiallyRefundedOrders += 1
      case .paid, .pending: break
      }
    }

    // Orders of each customer, oldest first (counting sort by customer).
    let customerCount = sortedCustomerIDs.count
    var starts = [Int32](repeating: 0, count: customerCount + 1)
    for customer in orderCustomers where customer >= 0 { starts[Int(customer) + 1] += 1 }
    for index in 0..<customerCount { starts[index + 1] += starts[index] }
    var customerCursor = starts
    var grouped = [Int32](repeating: 0, count: Int(starts[customerCount]))
    for (position, customer) in orderCustomers.enumerated() where customer >= 0 {
      grouped[Int(customerCursor[Int(customer)])] = Int32(position)
      customerCursor[Int(customer)] += 1
    }

    return OrderLog(
      currency: currency, report: report, customerIDs: sortedCustomerIDs, customerNumbers: sortedCustomerNumbers,
      products: products, variants: variants, orderIDs: permuted(ids), orderCustomers: orderCustomers,
      orderTimes: permuted(times), orderNetAmounts: net, orderIsPurchase: isPurchase, orderStatuses: sortedStatuses,
      orderGrossAmounts: gross, orderLineStarts: lineStarts, lineProducts: scattered(lineProducts, fill: 0),
      lineVariants: scattered(lineVariants, fill: -1), lineQuantities: scattered(lineQuantities, fill: 0),
      lineUnitPrices: scattered(lineUnitPrices, fill: 0), customerOrderStarts: starts, customerOrderIndices: grouped,
      orderReferenceIndices: permuted(referenceIndices), references: references,
      orderTagIndices: permuted(tagIndices), tagSets: tagSets, orderChannelIndices: permuted(channelIndices),
      channels: channels, orderMarketing: permuted(marketing), orderCurrencyKnown: permuted(orderCurrencies).map { $0 >= 0 })
  }
}
