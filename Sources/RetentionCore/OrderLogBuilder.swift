import Foundation
import _RetentionSupport

/// Accumulates orders (from a sequence or an importer), validates and merges them, and builds the
/// columnar ``OrderLog``.
///
/// Orders are interned as they arrive (customers, products, references, tags and channels become
/// integer ids), so the builder never holds whole `Order` values: a million orders cost a few
/// tens of megabytes. Each order's fields are kept in one ``PendingOrder`` record, each line in
/// one ``PendingLine`` record. ``build()`` (in `OrderLogBuilder+Build.swift`) sorts
/// by time (ties keep input order), renumbers customers in order of their first order, and
/// groups lines by order.
struct OrderLogBuilder {
  let mode: ImportMode
  var report = ImportReport()

  /// An added order's order-level fields, as numbers into the builder's tables.
  struct PendingOrder {
    var time: Double
    /// The gross value: the charged total when the order has one (`hasTotal`), otherwise
    /// quantity times unit price summed over the lines added so far.
    var amount: Double
    var status: OrderStatus
    /// The customer number, or -1 for a guest order.
    var customer: Int32
    var reference: Int32
    var tags: Int32
    var channel: Int32
    var rowCount: Int32
    var firstRow: Int32
    /// The number of lines added so far.
    var lineCount: Int32 = 0
    var hasTotal: Bool
    var marketing: Int8
    /// The number of the order's own currency in the ledger, or -1 when none was named.
    var currency: Int32
  }

  /// The added orders, in input order.
  private(set) var orders: [PendingOrder] = []
  /// The id of each added order.
  private(set) var ids: [String] = []
  /// The index of each added order by its id; `nil` when the caller vouched that the ids are
  /// distinct, so that they need not be looked up.
  private var indexOfID: StringNumbering?
  /// Whether every order added so far came no earlier than the one before it.
  private(set) var isInTimeOrder = true

  /// An added line, with its order's index.
  struct PendingLine {
    var order: Int32
    var product: Int32
    /// The variant number, or -1.
    var variant: Int32
    var quantity: Double
    var unitPrice: Double
  }

  /// The products, variants and lines added so far.
  private(set) var lineTable = LineTable()
  /// The lines, in input order.
  var lines: [PendingLine] { lineTable.lines }
  /// Products by number, in order of first appearance.
  var products: [OrderLog.Product] { lineTable.products }
  /// The variants, in order of first appearance.
  var variants: StringNumbering { lineTable.variants }

  // Interning tables.
  private(set) var customers = StringNumbering()
  private var lastCustomer: (id: String, number: Int32)?
  private var referenceNumber: [CustomerReference: Int32] = [:]
  private var idOnlyReferences: [Int32] = []
  private(set) var references = OrderLog.CustomerReferences()
  private var tagNumber: [[String]: Int32] = [:]
  private(set) var tagSets: [[String]] = []
  private(set) var channels = StringNumbering()
  // Discount codes are few and most logs have none: a sparse table by input index keeps them
  // out of `PendingOrder` and of the build's order loop.
  private var discountCodeNumber: [[String]: Int32] = [:]
  private(set) var discountCodeSets: [[String]] = []
  /// The number in ``discountCodeSets`` of each added order whose codes are known.
  private(set) var discountCodesOfOrder: [Int32: Int32] = [:]

  /// The currencies seen, and the choice that admits or converts each order's.
  private(set) var currencies: CurrencyLedger
  /// The exchange rate of each converted order added by ``appendOrder``, applied to its lines.
  private var conversionFactors: [Int32: Double] = [:]
  /// Whether an order added without its lines was converted (its lines would have been too).
  private(set) var convertedWithoutLines = false

  /// Creates a builder with room for about `expectedCount` orders and `expectedLineCount` lines.
  ///
  /// - Parameters:
  ///   - currency: Which currency the log keeps (see ``CurrencyChoice``).
  ///   - idsAreDistinct: Whether the caller checked that no two orders it will add share an id
  ///     (then no order is merged, and ids are not looked up as orders are added).
  init(
    mode: ImportMode, expectedCount: Int = 0, expectedLineCount: Int = 0, currency: CurrencyChoice = .single,
    idsAreDistinct: Bool = false
  ) {
    self.mode = mode
    currencies = CurrencyLedger(currency)
    if !idsAreDistinct { indexOfID = StringNumbering(capacity: expectedCount) }
    ids.reserveCapacity(expectedCount)
    orders.reserveCapacity(expectedCount)
    lineTable = LineTable(capacity: expectedLineCount)
    // Room that is reserved but never written costs no memory (the pages are never touched),
    // while growing copies the references: a fair guess (a few orders per customer) is cheaper
    // than none.
    references.reserveCapacity(expectedCount / 2)
    idOnlyReferences.reserveCapacity(expectedCount / 2)
  }

  /// Validates an order and adds it, merging it into an earlier order with the same id when the
  /// order-level fields agree.
  ///
  /// - Parameters:
  ///   - order: The order.
  ///   - row: The 1-based input row of its first line, for error messages.
  ///   - rowCount: How many input rows the order came from, for the accounting.
  ///   - addingLines: Whether to add the order's lines; `false` for the orders task of
  ///     ``addingInParallel(_:options:lineCount:)``, whose lines task adds them (and validates them).
  mutating func append(_ order: borrowing Order, row: Int, rowCount: Int, addingLines: Bool = true) throws {
    if let error = addingLines ? Self.validate(order, row: row) : Self.validateHeader(order, row: row) {
      try reject(error, rows: rowCount)
      return
    }
    switch currencies.admit(order.currency, time: order.placedAt.timeIntervalSince1970, row: row) {
    case .reject(let error):
      try reject(error, rows: rowCount)
    case .keep(let number, let factor) where factor != 1:
      var converted = copy order
      converted.convert(by: factor)
      if !addingLines { convertedWithoutLines = true }
      try add(converted, currency: number, row: row, rowCount: rowCount, addingLines: addingLines)
    case .keep(let number, _):
      // Borrowed, not copied: a copy retains every field of the order (its lines too, whose
      // reference count the lines task of `addingInParallel` shares).
      try add(order, currency: number, row: row, rowCount: rowCount, addingLines: addingLines)
    }
  }

  /// Adds a validated order in an admitted currency (converted), or merges it.
  private mutating func add(
    _ order: borrowing Order, currency currencyNumber: Int32, row: Int, rowCount: Int, addingLines: Bool
  ) throws {
    if let existing = register(order.id) {
      let index = Int(existing)
      guard hasSameHeader(order, asOrder: index), orders[index].currency == currencyNumber else {
        try reject(
          RetentionCoreError(
            .conflictingOrder, row: row, field: "id",
            reason: "order \(RetentionCoreError.quoted(order.id)) repeats an earlier order (row \(orders[index].firstRow))"
              + " with different order-level fields"),
          rows: rowCount)
        return
      }
      appendLines(of: order, to: index)
      orders[index].rowCount += Int32(rowCount)
      return
    }
    let index = orders.count
    var customer: Int32 = -1
    if let id = order.customer.id { customer = customerNumber(of: id) }
    addPending(
      PendingOrder(
        time: order.placedAt.timeIntervalSince1970, amount: order.total ?? 0, status: order.status,
        customer: customer, reference: internReference(order.customer, customer: customer),
        tags: order.tags.isEmpty ? -1 : Self.intern(order.tags, in: &tagNumber, &tagSets),
        channel: order.channel.map { channels.insert($0).number } ?? -1, rowCount: Int32(rowCount),
        firstRow: Int32(row), hasTotal: order.total != nil, marketing: order.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1,
        currency: currencyNumber))
    if let codes = order.discountCodes {
      discountCodesOfOrder[Int32(index)] = Self.intern(codes, in: &discountCodeNumber, &discountCodeSets)
    }
    if addingLines { appendLines(of: order, to: index) }
  }

  /// Adds a paid order identified by a customer id alone, without lines (importers add them
  /// with ``appendLine(toOrder:product:quantity:unitPrice:)``); returns its index, or `nil` when
  /// it is rejected (an empty id, a non-finite time, a currency the ``CurrencyChoice`` rejects,
  /// a repeated id).
  ///
  /// The order's value is `total` when given (already validated: finite and non-negative),
  /// otherwise the sum of its lines; a converted order's total and lines are converted.
  mutating func appendOrder(
    id: String, customer: String?, time: Double, currency code: String?, total: Double? = nil, row: Int,
    rowCount: Int
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
    // Admitted before the id is registered: a rejected order must leave no id behind.
    let currencyNumber: Int32
    var factor = 1.0
    switch currencies.admit(code, time: time, row: row) {
    case .reject(let error):
      try reject(error, rows: rowCount)
      return nil
    case .keep(let number, let rate):
      currencyNumber = number
      factor = rate
    }
    if let existing = register(id) {
      try reject(
        RetentionCoreError(
          .conflictingOrder, row: row, field: "id",
          reason: "order \(RetentionCoreError.quoted(id)) repeats an earlier order (row \(orders[Int(existing)].firstRow))"),
        rows: rowCount)
      return nil
    }
    let index = Int32(orders.count)
    if factor != 1 { conversionFactors[index] = factor }
    let customerIndex = customer.map { customerNumber(of: $0) } ?? -1
    addPending(
      PendingOrder(
        time: time, amount: (total ?? 0) * factor, status: .paid, customer: customerIndex,
        reference: idOnlyReference(customerIndex), tags: -1, channel: -1,
        rowCount: Int32(rowCount), firstRow: Int32(row), hasTotal: total != nil, marketing: -1,
        currency: currencyNumber))
    return index
  }

  private mutating func addPending(_ order: PendingOrder) {
    if let last = orders.last, order.time < last.time { isInTimeOrder = false }
    orders.append(order)
  }

  /// The index of the order with this id, if one was added.
  func orderIndex(ofID id: String) -> Int32? {
    if let indexOfID { return indexOfID[id] }
    return ids.firstIndex(of: id).map(Int32.init)
  }

  /// Records the id of an order about to be added and returns `nil`, or returns the index of
  /// the earlier order with this id (and records nothing).
  private mutating func register(_ id: String) -> Int32? {
    if let (number, isNew) = indexOfID?.insert(id), !isNew { return number }
    ids.append(id)
    return nil
  }

  /// The customer id, currency (as the input named it, upper case) and first row of an added
  /// order.
  func header(ofOrder index: Int32) -> (customer: String?, currency: String?, firstRow: Int) {
    let order = orders[Int(index)]
    let customer = order.customer < 0 ? nil : customers.strings[Int(order.customer)]
    return (customer, currencies.code(order.currency), Int(order.firstRow))
  }

  /// Counts more input rows for an added order.
  mutating func addRows(_ count: Int, toOrder index: Int32) {
    orders[Int(index)].rowCount += Int32(count)
  }

  /// The number of a product id, interned on first sight.
  mutating func productNumber(ofID id: String) -> Int32 { lineTable.productNumber(ofID: id) }

  func productLacksName(_ number: Int32) -> Bool { lineTable.products[Int(number)].name == nil }
  func productLacksCategory(_ number: Int32) -> Bool { lineTable.products[Int(number)].category == nil }
  mutating func setProductName(_ name: String, of number: Int32) { lineTable.products[Int(number)].name = name }
  mutating func setProductCategory(_ category: String, of number: Int32) {
    lineTable.products[Int(number)].category = category
  }

  /// Adds a line (already validated: finite, non-negative quantity and price) to an added order.
  mutating func appendLine(toOrder index: Int32, product: Int32, quantity: Double, unitPrice: Double) {
    var unitPrice = unitPrice
    if !conversionFactors.isEmpty, let factor = conversionFactors[index] { unitPrice *= factor }
    orders[Int(index)].lineCount += 1
    lineTable.append(PendingLine(order: index, product: product, variant: -1, quantity: quantity, unitPrice: unitPrice))
    if !orders[Int(index)].hasTotal { orders[Int(index)].amount += quantity * unitPrice }
  }

  mutating func reject(_ error: RetentionCoreError, rows: Int) throws {
    if mode == .strict { throw error }
    report.reject(error, rows: rows)
  }

  private func hasSameHeader(_ order: Order, asOrder index: Int) -> Bool {
    let pending = orders[index]
    guard pending.time == order.placedAt.timeIntervalSince1970, pending.status == order.status,
      pending.hasTotal == (order.total != nil), !pending.hasTotal || pending.amount == order.total,
      pending.marketing == (order.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1),
      references[Int(pending.reference)] == order.customer
    else { return false }
    let tags = pending.tags < 0 ? [] : tagSets[Int(pending.tags)]
    let channel = pending.channel < 0 ? nil : channels.strings[Int(pending.channel)]
    let codes = discountCodesOfOrder[Int32(index)].map { discountCodeSets[Int($0)] }
    return tags == order.tags && channel == order.channel && codes == order.discountCodes
  }

  private mutating func appendLines(of order: Order, to index: Int) {
    let sum = lineTable.add(order.lines, toOrder: Int32(index))
    if !orders[index].hasTotal { orders[index].amount += sum }
    orders[index].lineCount += Int32(order.lines.count)
  }

  /// Takes the lines of every added order from a table that a task of their own filled, with
  /// each order's sum of line amounts and number of lines (by order index).
  mutating func adoptLines(_ table: LineTable, sums: [Double], counts: [Int32]) {
    precondition(sums.count == orders.count && counts.count == orders.count, "one sum and count per order")
    lineTable = table
    for index in orders.indices {
      if !orders[index].hasTotal { orders[index].amount = sums[index] }
      orders[index].lineCount = counts[index]
    }
  }

  /// The number of a customer id, interned on first sight; consecutive orders of one customer
  /// (as a database query sorted by customer returns them) skip the hash table.
  private mutating func customerNumber(of id: String) -> Int32 {
    if let last = lastCustomer, last.id == id { return last.number }
    let number = customers.insert(id).number
    lastCustomer = (id, number)
    return number
  }

  /// Interns a customer reference; references that carry only a customer id (the common case
  /// for database rows) are cached per customer without hashing the whole reference.
  private mutating func internReference(_ reference: CustomerReference, customer: Int32) -> Int32 {
    if customer >= 0 && reference.carriesOnlyAnID { return idOnlyReference(customer) }
    return Self.intern(reference, in: &referenceNumber, &references)
  }

  /// The number of the reference that carries only a customer's id (none for a guest, -1),
  /// interned on first use.
  private mutating func idOnlyReference(_ customer: Int32) -> Int32 {
    guard customer >= 0 else { return Self.intern(CustomerReference(), in: &referenceNumber, &references) }
    let slot = Int(customer)
    if slot < idOnlyReferences.count && idOnlyReferences[slot] >= 0 { return idOnlyReferences[slot] }
    let number = Int32(references.count)
    references.append(onlyID: customers.strings[slot])
    while idOnlyReferences.count <= slot { idOnlyReferences.append(-1) }
    idOnlyReferences[slot] = number
    return number
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

  /// Interns a customer reference, as ``intern(_:in:_:)`` does a value.
  private static func intern(
    _ reference: CustomerReference, in table: inout [CustomerReference: Int32],
    _ references: inout OrderLog.CustomerReferences
  ) -> Int32 {
    if let number = table[reference] { return number }
    let number = Int32(references.count)
    table[reference] = number
    references.append(reference)
    return number
  }
}
