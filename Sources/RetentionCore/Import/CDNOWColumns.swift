import _RetentionSupport

/// The lean way of a CDNOW file in memory to its ``OrderLog``: one small record per row, and
/// the log's columns written once, in time order.
///
/// Every CDNOW row is a paid order in USD with one line (the product "CD"), so the general
/// ``OrderLogBuilder``'s order record (64 bytes), line record (32 bytes) and id `String` per row,
/// and the id column copied into time order, are more than the rows need: a row here is five
/// numbers (40 bytes) in columns, and the order ids are made once, in time order, when the log
/// is built. The log, report and errors are those of ``CDNOWBuilderSink`` (the builder's way,
/// the plain reference) for every input and option: the same currency admission (through the
/// same ``CurrencyLedger``), rejections in the same order, the same stable time sort, customers
/// numbered in the order of their first order, one reference per customer holding its id.
/// `CDNOWColumnsEquivalenceTests` compares the two, column by column.
struct CDNOWColumns: CDNOWRowSink, Sendable {
  private let mode: ImportMode
  private var report = ImportReport()
  private var currencies: CurrencyLedger
  /// The customers, numbered in the order of their first kept row; the number of a customer is
  /// also the number of its reference.
  private var customers = StringNumbering()
  private var lastCustomer: (id: String, number: Int32)?
  /// The ledger's number of the rows' currency (USD), -1 before the first kept row.
  private var currencyNumber: Int32 = -1
  /// Whether every later row is kept as the first was (the currency choice keeps USD whatever
  /// the row's time: it converts nothing), so that the ledger need not be asked again.
  private var keepsEveryRow = false
  private var isInTimeOrder = true

  // One entry per kept row, in input order.
  private var times: [Double] = []
  /// The order's total, converted when the currency choice converts.
  private var amounts: [Double] = []
  private var quantities: [Double] = []
  /// The line's unit price, converted as the total.
  private var unitPrices: [Double] = []
  private var customerOfRow: [Int32] = []
  private var rows: [Int32] = []

  init(context: ImportContext, expectedRows: Int) {
    mode = context.mode
    currencies = CurrencyLedger(context.currency)
    // CDNOW files are sorted by customer, with about three rows per customer: room for the
    // customers of a file without growing the table.
    customers = StringNumbering(capacity: expectedRows / 4)
    // Room that is reserved but never written costs no memory (its pages are never touched).
    times.reserveCapacity(expectedRows)
    amounts.reserveCapacity(expectedRows)
    quantities.reserveCapacity(expectedRows)
    unitPrices.reserveCapacity(expectedRows)
    customerOfRow.reserveCapacity(expectedRows)
    rows.reserveCapacity(expectedRows)
  }

  mutating func reject(_ error: RetentionCoreError) throws {
    if mode == .strict { throw error }
    report.reject(error, rows: 1)
  }

  mutating func excludeBlankRow() {
    report.exclude("blank row")
  }

  mutating func addOrder(customer: String, time: Double, cds: Double, dollars: Double, unitPrice: Double, row: Int)
    throws
  {
    // As `OrderLogBuilder.appendOrder` and `appendLine`: the id is never empty (it holds "-"),
    // the time is finite (a parsed day) and the ids are distinct (each holds its row), so the
    // currency choice is the only check left.
    var factor = 1.0
    if !keepsEveryRow {
      switch currencies.admit("USD", time: time, row: row) {
      case .reject(let error):
        try reject(error)
        return
      case .keep(let number, let rate):
        currencyNumber = number
        factor = rate
        keepsEveryRow = !currencies.converts
      }
    }
    let customerNumber: Int32
    if let last = lastCustomer, last.id == customer {
      customerNumber = last.number
    } else {
      customerNumber = customers.insert(customer).number
      lastCustomer = (customer, customerNumber)
    }
    if let last = times.last, time < last { isInTimeOrder = false }
    times.append(time)
    amounts.append(dollars * factor)
    quantities.append(cds)
    unitPrices.append(unitPrice * factor)
    customerOfRow.append(customerNumber)
    rows.append(Int32(row))
  }

  /// Appends the rows of `later`, a sink that took the rows after these on its own (numbered
  /// from 1), when it kept every one of its `rowCount` rows, rejected and excluded none, and both
  /// sinks keep every row of their currency unconverted (so that the currency choice, asked once
  /// here, would not have been asked again); returns `false`, having changed nothing, otherwise.
  ///
  /// Its customers are numbered on after these, in the order of their first row, and its rows
  /// on after `rowOffset`: what adding its rows here one by one gives.
  mutating func append(_ later: CDNOWColumns, rowCount: Int, rowOffset: Int) -> Bool {
    guard keepsEveryRow, later.keepsEveryRow, currencyNumber >= 0, later.currencyNumber == currencyNumber,
      later.times.count == rowCount, later.report == ImportReport()
    else { return false }
    let numberOfLaterCustomer = later.customers.strings.map { customers.insert($0).number }
    if let last = times.last, let first = later.times.first, first < last { isInTimeOrder = false }
    isInTimeOrder = isInTimeOrder && later.isInTimeOrder
    times.append(contentsOf: later.times)
    amounts.append(contentsOf: later.amounts)
    quantities.append(contentsOf: later.quantities)
    unitPrices.append(contentsOf: later.unitPrices)
    customerOfRow.append(contentsOf: later.customerOfRow.lazy.map { numberOfLaterCustomer[Int($0)] })
    let offset = Int32(rowOffset)
    rows.append(contentsOf: later.rows.lazy.map { $0 + offset })
    lastCustomer = later.lastCustomer.map { ($0.id, numberOfLaterCustomer[Int($0.number)]) }
    return true
  }

  consuming func build(rowsRead: Int) throws -> OrderLog {
    report.rowsRead = rowsRead
    let count = times.count
    let currency = try currencies.logCurrency(orderCurrencies: count == 0 ? [] : [currencyNumber])
    // The input index of the order at each position of the log (ties keep input order).
    let permutation = isInTimeOrder ? Array(0..<Int32(count)) : Self.timeOrder(of: times)

    report.ordersImported = count
    report.linesImported = count
    let customerIDs = customers.strings
    // The columns in time order, written on two threads in two parts of about equal work: the
    // order ids (a string per order, the slowest column) with the times and amounts, and the
    // customers' columns with the lines'.
    let (orders, columns) = ParallelWork.both(
      isParallel: count >= Self.parallelMinimumRows,
      { [customerOfRow, rows, times, amounts] in
        OrderColumns(
          permutation: permutation, customerIDs: customerIDs, customerOfRow: customerOfRow, rows: rows, times: times,
          amounts: amounts)
      },
      { [customerOfRow, customers, quantities, unitPrices] in
        CustomerColumns(
          permutation: permutation, customerOfRow: customerOfRow, customers: customers, quantities: quantities,
          unitPrices: unitPrices)
      })

    // Columns that hold one value for every order; columns of the same value share one array.
    let noIndex = [Int32](repeating: -1, count: count)
    let isPurchase = [Bool](repeating: OrderStatus.paid.isPurchase, count: count)
    let currencyKnown =
      (currencyNumber >= 0) == OrderStatus.paid.isPurchase
      ? isPurchase : [Bool](repeating: currencyNumber >= 0, count: count)
    return OrderLog(
      currency: currency, report: report, customerIDs: columns.customerNumbers.strings,
      customerNumbers: columns.customerNumbers, products: count == 0 ? [] : [OrderLog.Product(id: "CD")], variants: [],
      orderIDs: orders.ids, orderCustomers: columns.orderCustomers, orderTimes: orders.times,
      orderNetAmounts: orders.amounts, orderIsPurchase: isPurchase,
      orderStatuses: [OrderStatus](repeating: .paid, count: count), orderGrossAmounts: orders.amounts,
      orderLineStarts: Array(0...Int32(count)), lineProducts: [Int32](repeating: 0, count: count),
      lineVariants: noIndex, lineQuantities: columns.quantities,
      lineUnitPrices: columns.unitPrices, customerOrderStarts: columns.ordersOfCustomer.starts,
      customerOrderIndices: columns.ordersOfCustomer.items, orderReferenceIndices: columns.referenceIndices,
      references: OrderLog.CustomerReferences(customerIDs: customerIDs), orderTagIndices: noIndex,
      tagSets: [], orderChannelIndices: noIndex, channels: [],
      orderMarketing: [Int8](repeating: -1, count: count),
      orderCurrencyKnown: currencyKnown,
      orderDiscountCodeIndices: [], discountCodeSets: [])
  }

  /// The number of rows from which the columns are written on two threads.
  static let parallelMinimumRows = 1 << 14

  /// The order ids, times and amounts in time order.
  private struct OrderColumns: Sendable {
    /// Each order's id: its customer's id, `-` and its row.
    var ids: [String]
    var times: [Double]
    /// Paid orders: the net amount is the gross amount (one array for both).
    var amounts: [Double]

    /// Puts the rows' ids, times and amounts in the order of `permutation`.
    init(
      permutation: [Int32], customerIDs: [String], customerOfRow: [Int32], rows: [Int32], times: [Double],
      amounts: [Double]
    ) {
      let idStrings = NumberedStrings(prefixes: customerIDs, separator: UInt8(ascii: "-"))
      ids = permutation.map { index in
        idStrings.string(prefix: Int(customerOfRow[Int(index)]), number: Int(rows[Int(index)]))
      }
      self.times = permutation.map { times[Int($0)] }
      self.amounts = permutation.map { amounts[Int($0)] }
    }
  }

  /// The customers' columns and the lines' in time order.
  private struct CustomerColumns: Sendable {
    /// The reference of each order: its customer's number in input order.
    var referenceIndices: [Int32]
    /// The customer of each order, customers numbered in the order of their first order.
    var orderCustomers: [Int32]
    var customerNumbers: StringNumbering
    var ordersOfCustomer: InvertedIndex
    var quantities: [Double]
    var unitPrices: [Double]

    /// Puts the rows' customers, quantities and unit prices in the order of `permutation`.
    init(
      permutation: [Int32], customerOfRow: [Int32], customers: StringNumbering, quantities: [Double],
      unitPrices: [Double]
    ) {
      referenceIndices = permutation.map { customerOfRow[Int($0)] }
      var newNumbers = [Int32](repeating: -1, count: customers.count)
      var nextNumber: Int32 = 0
      for customer in referenceIndices where newNumbers[Int(customer)] < 0 {
        newNumbers[Int(customer)] = nextNumber
        nextNumber += 1
      }
      orderCustomers = referenceIndices.map { newNumbers[Int($0)] }
      customerNumbers = customers.renumbered(newNumbers)
      ordersOfCustomer = InvertedIndex(keyCount: customers.count, keyOfItem: orderCustomers)
      self.quantities = permutation.map { quantities[Int($0)] }
      self.unitPrices = permutation.map { unitPrices[Int($0)] }
    }
  }

  /// The input indices of the times in ascending order, ties in input order: what
  /// `RadixSort.permutation(sortingTimes:)` returns.
  ///
  /// A CDNOW row's time is the start of its day, so the times of a file are whole days apart,
  /// a few hundred days in all: they are put in order by a counting sort of their days
  /// (``InvertedIndex`` groups the rows by day, each day's in input order), which reads the
  /// rows twice instead of sorting 64-bit keys byte by byte. Times that are not whole days
  /// after the first, or span many more days than there are rows, are radix-sorted.
  /// `CDNOWColumnsEquivalenceTests` compares the two.
  ///
  /// - Parameter times: Finite times.
  /// - Complexity: O(*n* + *d*), where *n* is the number of times and *d* the number of days
  ///   they span.
  static func timeOrder(of times: [Double]) -> [Int32] {
    guard let first = times.min(), let last = times.max() else { return [] }
    let dayCount = (last - first) / 86_400 + 1
    guard dayCount <= Double(Swift.max(times.count, 1 << 16)) else {
      return RadixSort.permutation(sortingTimes: times)
    }
    var dayOfRow: [Int32] = []
    dayOfRow.reserveCapacity(times.count)
    for time in times {
      // Whole numbers below 2^53 multiply exactly: the check proves a whole number of days.
      let day = ((time - first) / 86_400).rounded(.down)
      guard day * 86_400 == time - first else { return RadixSort.permutation(sortingTimes: times) }
      dayOfRow.append(Int32(day))
    }
    return InvertedIndex(keyCount: Int(dayCount), keyOfItem: dayOfRow).items
  }
}
