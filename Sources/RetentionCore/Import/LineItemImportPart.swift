import _RetentionSupport

/// What one part of a line-item file produced: its orders in first-row order, their lines as
/// columns (in row order, with string-cache entries instead of strings), and the accounting.
///
/// A file split for parallel parsing has two parts, each read on its own and merged in file order
/// by ``LineItemImporter``; a file read as a stream has one.
struct LineItemImportPart: Sendable {
  /// An order as the rows give it: its fields from its first row, and how many rows it spans.
  struct PendingOrder: Sendable {
    var id: String
    var customer: String?
    /// The string-cache entry the customer came from (-1 for none): equal entries need no
    /// string comparison.
    var customerEntry: Int32
    var time: Double
    var currency: String?
    var firstRow: Int
    var rows: Int
  }

  var pending: [PendingOrder] = []
  /// Pending slot by order id, for baskets made up from customer and day (no order column).
  var slotOfBasket: [String: Int] = [:]
  /// Pending slot by the string-cache entry of the order id (-1: none yet).
  var slotOfEntry: [Int32] = []
  var strings = StringCache()
  /// The customer id of a string-cache entry, once computed (-2: not yet, -1: no customer).
  var customerOfEntry: [Int32] = []
  var customerValues: [String] = []
  /// Whether a product (by string-cache entry) already had its name and category in this part.
  var productDetailsKnown: [Bool] = []
  var lineOrders: [Int32] = []
  var lineProducts: [Int32] = []
  var lineNames: [Int32] = []
  var lineCategories: [Int32] = []
  var lineQuantities: [Double] = []
  var linePrices: [Double] = []
  var report = ImportReport()
  var rowsRead = 0
  var recordsRead = 0
  var failure: RetentionCoreError?
  let mode: ImportMode

  init(mode: ImportMode) {
    self.mode = mode
  }

  /// Rejects rows into the report, or (in strict mode) throws the error.
  mutating func reject(_ error: RetentionCoreError, rows: Int) throws {
    if mode == .strict {
      failure = error
      throw error
    }
    report.reject(error, rows: rows)
  }

  /// The slot of the pending order with an order-id entry, or `nil` if no row gave it yet.
  mutating func slot(ofOrderEntry entry: Int32) -> Int? {
    let entry = Int(entry)
    while slotOfEntry.count <= entry { slotOfEntry.append(-1) }
    return slotOfEntry[entry] >= 0 ? Int(slotOfEntry[entry]) : nil
  }

  /// Adds a pending order, keyed by its order-id entry or (for a basket) its made-up id, and
  /// returns its slot.
  mutating func add(_ order: PendingOrder, orderEntry: Int32?) -> Int {
    let slot = pending.count
    if let orderEntry {
      slotOfEntry[Int(orderEntry)] = Int32(slot)
    } else {
      slotOfBasket[order.id] = slot
    }
    pending.append(order)
    return slot
  }

  /// Appends a line of the order in `slot`. `name` and `category` are string-cache entries (-1
  /// for none).
  mutating func appendLine(order slot: Int, product: Int32, name: Int32, category: Int32, quantity: Double, price: Double)
  {
    pending[slot].rows += 1
    lineOrders.append(Int32(slot))
    lineProducts.append(product)
    lineNames.append(name)
    lineCategories.append(category)
    lineQuantities.append(quantity)
    linePrices.append(price)
  }
}
