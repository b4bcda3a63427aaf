import _RetentionSupport

extension OrderLogBuilder {
  /// The products, variants and line records of the orders added to a builder.
  ///
  /// Kept apart from the order records so that the lines of an array of orders can be added by
  /// a task of their own (see `OrderLogBuilder+Parallel.swift`) while another adds the orders.
  struct LineTable: Sendable {
    private(set) var productNumbers = StringNumbering()
    /// Products by number, in order of first appearance.
    var products: [OrderLog.Product] = []
    private(set) var variants = StringNumbering()
    /// The lines, in input order, one record each (so that ``build()`` reads each line once).
    private(set) var lines: [PendingLine] = []

    /// Creates an empty table with room for `capacity` lines.
    init(capacity: Int = 0) { lines.reserveCapacity(capacity) }

    /// The number of a product id, interned on first sight (with no name or category).
    mutating func productNumber(ofID id: String) -> Int32 {
      let (number, isNew) = productNumbers.insert(id)
      if isNew { products.append(OrderLog.Product(id: id)) }
      return number
    }

    /// Adds a line record.
    mutating func append(_ line: PendingLine) { lines.append(line) }

    /// Adds the lines of an order (already validated), interning their products and variants;
    /// returns the sum of their amounts (quantity times unit price), added up in line order.
    ///
    /// A product's name and category are those of its first line that has one.
    ///
    /// - Complexity: O(*k*) for *k* lines.
    mutating func add(_ orderLines: [LineItem], toOrder index: Int32) -> Double {
      var sum = 0.0
      for line in orderLines {
        let (number, isNew) = productNumbers.insert(line.productID)
        if isNew {
          products.append(OrderLog.Product(id: line.productID, name: line.name, category: line.category))
        } else {
          // Fill in a name or category first seen on a later line.
          if products[Int(number)].name == nil, let name = line.name { products[Int(number)].name = name }
          if products[Int(number)].category == nil, let category = line.category {
            products[Int(number)].category = category
          }
        }
        append(
          PendingLine(
            order: index, product: number, variant: line.variant.map { variants.insert($0).number } ?? -1,
            quantity: line.quantity, unitPrice: line.unitPrice))
        sum += line.amount
      }
      return sum
    }
  }
}
