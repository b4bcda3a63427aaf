import Foundation
import Testing
import _RetentionSupport
import _TestSupport
@testable import RetentionCore

/// `OrderLog(orders)` against a plain reading of its definition.
///
/// `OrderLog(orders)` surveys an array first (counting lines, checking that no id repeats, in
/// which case ids are not looked up), radix-sorts the orders by time, and builds the order and
/// line columns in two tasks, in parallel for large logs. These tests compare the log it builds
/// with a plain reading of the definition (`OrderLog`'s documentation): orders validated in input
/// order, an order in another currency than the chosen one rejected, a repeated id merged into the first order when every
/// order-level field agrees and rejected otherwise, a stable sort by time, customers numbered by
/// their first order in the log, products and variants by first appearance, refunds netted.
struct OrderLogBuildEquivalenceTests {
  /// The random logs mix EUR and USD orders: the EUR ones are kept, the others rejected.
  static let euros = ImportOptions(currency: .only("EUR"))

  /// The log the definition gives.
  struct Reference {
    struct Entry {
      var first: Order
      var chunks: [[LineItem]]
      var rowCount: Int
    }
    var entries: [Entry] = []
    var rejections: [(row: Int, field: String?)] = []
    var currency: String?
    var customerIDs: [String] = []
    var products: [OrderLog.Product] = []
    var variants: [String] = []

    /// The definition for orders in any currency when `chosen` names the one to keep, and for
    /// orders in at most one currency without a choice.
    init(_ orders: [Order], keeping chosen: String? = nil) {
      currency = chosen
      var indexOfID: [String: Int] = [:]
      var productIndex: [String: Int] = [:]
      for (position, order) in orders.enumerated() {
        let row = position + 1
        if let error = OrderLogBuilder.validate(order, row: row) {
          rejections.append((row, error.field))
          continue
        }
        if let code = order.currency {
          if let chosen, code != chosen {
            rejections.append((row, "currency"))
            continue
          }
          currency = currency ?? code
        }
        if let index = indexOfID[order.id] {
          let first = entries[index].first
          guard
            first.customer == order.customer && first.placedAt == order.placedAt && first.status == order.status
              && first.total == order.total && first.currency == order.currency && first.tags == order.tags
              && first.channel == order.channel && first.acceptsMarketing == order.acceptsMarketing
              && first.discountCodes == order.discountCodes
          else {
            rejections.append((row, "id"))
            continue
          }
          entries[index].chunks.append(order.lines)
          entries[index].rowCount += 1
        } else {
          indexOfID[order.id] = entries.count
          entries.append(Entry(first: order, chunks: [order.lines], rowCount: 1))
        }
        for line in order.lines {
          if let index = productIndex[line.productID] {
            if products[index].name == nil { products[index].name = line.name }
            if products[index].category == nil { products[index].category = line.category }
          } else {
            productIndex[line.productID] = products.count
            products.append(OrderLog.Product(id: line.productID, name: line.name, category: line.category))
          }
          if let variant = line.variant, !variants.contains(variant) { variants.append(variant) }
        }
      }
      entries = entries.enumerated().sorted {
        ($0.element.first.placedAt.timeIntervalSince1970, $0.offset)
          < ($1.element.first.placedAt.timeIntervalSince1970, $1.offset)
      }.map(\.element)
      for entry in entries {
        if let id = entry.first.customer.id, !customerIDs.contains(id) { customerIDs.append(id) }
      }
      let productByID = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0) })
      for index in entries.indices {
        for chunk in entries[index].chunks.indices {
          for line in entries[index].chunks[chunk].indices {
            let product = productByID[entries[index].chunks[chunk][line].productID]
            entries[index].chunks[chunk][line].name = product?.name
            entries[index].chunks[chunk][line].category = product?.category
          }
        }
      }
    }

    /// An entry as the log gives it back: all its lines, the gross value as its total.
    func order(_ index: Int) -> Order {
      let entry = entries[index]
      var order = entry.first
      order.lines = entry.chunks.flatMap { $0 }
      // Each order's (or row's) lines are summed first, then added to the order's value.
      order.total =
        entry.first.total ?? entry.chunks.reduce(0) { sum, chunk in sum + chunk.reduce(0) { $0 + $1.amount } }
      return order
    }
  }

  /// Random orders: repeated ids (agreeing or conflicting), guests, cancellations, refunds, a
  /// few invalid orders and a second currency, times on a coarse grid (many ties) in no order.
  static func randomOrders(count: Int, distinctIDs: Bool, seed: UInt64) -> [Order] {
    var generator = SplitMix64(seed: seed)
    func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < probability }
    func cents(_ range: ClosedRange<Int>) -> Double { Double(Int.random(in: range, using: &generator)) / 100 }
    var orders: [Order] = []
    for position in 0..<count {
      var lines: [LineItem] = []
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        let product = Int.random(in: 0..<30, using: &generator)
        lines.append(
          LineItem(
            productID: "p\(product)", name: chance(0.5) ? "Product \(product)" : nil,
            variant: chance(0.3) ? "v\(Int.random(in: 0..<3, using: &generator))" : nil,
            category: chance(0.5) ? "c\(product % 4)" : nil, quantity: Double(Int.random(in: 0...5, using: &generator)),
            unitPrice: cents(0...10_000)))
      }
      if !distinctIDs && position > 0 && chance(0.2) {
        // Another row of an earlier order: the same order-level fields, or (sometimes) not.
        var repeated = orders[Int.random(in: 0..<position, using: &generator)]
        repeated.lines = lines
        if chance(0.3) { repeated.placedAt += 60 }
        orders.append(repeated)
        continue
      }
      let customer: CustomerReference
      switch Int.random(in: 0..<10, using: &generator) {
      case 0: customer = CustomerReference()
      case 1: customer = CustomerReference(email: "guest\(Int.random(in: 0..<5, using: &generator))@example.com")
      case 2: customer = CustomerReference(id: "c\(Int.random(in: 0..<40, using: &generator))", email: "c@example.com")
      default: customer = CustomerReference(id: "c\(Int.random(in: 0..<40, using: &generator))")
      }
      let status: OrderStatus
      switch Int.random(in: 0..<12, using: &generator) {
      case 0: status = .cancelled
      case 1: status = .voided
      case 2: status = .pending
      case 3: status = .refunded(amount: cents(0...5_000))
      case 4: status = .partiallyRefunded(amount: cents(0...50_000))
      default: status = .paid
      }
      var order = Order(
        id: distinctIDs ? "o\(position)" : "o\(Int.random(in: 0..<(count / 2 + 1), using: &generator))",
        customer: customer,
        placedAt: Date(timeIntervalSince1970: Double(Int.random(in: -20..<60, using: &generator)) * 3_600),
        status: status, lines: lines, total: chance(0.3) ? cents(0...50_000) : nil,
        currency: chance(0.8) ? "EUR" : (chance(0.9) ? nil : "USD"), tags: chance(0.1) ? ["vip", "b2b"] : [],
        channel: chance(0.1) ? "web" : nil, acceptsMarketing: chance(0.5) ? nil : chance(0.5))
      if chance(0.2) { order.discountCodes = chance(0.5) ? [] : (chance(0.5) ? ["SAVE10"] : ["SAVE10", "FREESHIP"]) }
      if chance(0.04) {
        // (An empty id only where ids may repeat: two would be a repeated id.)
        switch Int.random(in: (distinctIDs ? 1 : 0)..<5, using: &generator) {
        case 0: order.id = ""
        case 1: order.total = -1
        case 2: order.total = .nan
        case 3: order.lines.append(LineItem(productID: "p1", quantity: -1, unitPrice: 1))
        default: order.lines.append(LineItem(productID: "", unitPrice: 1))
        }
      }
      orders.append(order)
    }
    return orders
  }

  /// Checks a log against the definition, column by column.
  static func expect(_ log: OrderLog, equals reference: Reference, orderCount: Int) {
    #expect(log.orderCount == reference.entries.count)
    #expect(log.currency == reference.currency)
    #expect(log.customerIDs == reference.customerIDs)
    #expect(log.products == reference.products)
    #expect(log.variants == reference.variants)
    #expect(log.report.rowsRead == orderCount)
    #expect(log.report.rowsRejected == reference.rejections.count)
    #expect(log.report.rejections.map(\.row) == reference.rejections.map(\.row))
    #expect(log.report.rejections.map(\.field) == reference.rejections.map(\.field))
    #expect(log.report.ordersImported == reference.entries.count)
    #expect(log.report.linesImported == reference.entries.reduce(0) { $0 + $1.chunks.reduce(0) { $0 + $1.count } })
    let guests = reference.entries.filter { $0.first.customer.id == nil }
    #expect(log.report.guestOrders == guests.count)
    #expect(log.report.guestLines == guests.reduce(0) { $0 + $1.rowCount })
    let statuses = reference.entries.map(\.first.status)
    #expect(log.report.cancelledOrders == statuses.filter { $0 == .cancelled || $0 == .voided }.count)
    #expect(log.report.refundedOrders == statuses.filter { if case .refunded = $0 { true } else { false } }.count)
    let partiallyRefunded = statuses.filter { if case .partiallyRefunded = $0 { true } else { false } }
    #expect(log.report.partiallyRefundedOrders == partiallyRefunded.count)
    guard log.orderCount == reference.entries.count else { return }
    for index in 0..<log.orderCount {
      let expected = reference.order(index)
      #expect(log[index] == expected, "order \(index)")
      #expect(log.orderNetAmounts[index] == expected.netAmount, "net amount of order \(index)")
      #expect(log.orderIsPurchase[index] == expected.isPurchase)
      let customer = log.orderCustomers[index]
      #expect(customer < 0 ? expected.customer.id == nil : log.customerIDs[Int(customer)] == expected.customer.id)
    }
    for (number, id) in log.customerIDs.enumerated() {
      #expect(log.customerNumber(of: id) == number)
      let expected = (0..<log.orderCount).filter { reference.entries[$0].first.customer.id == id }.map(Int32.init)
      #expect(Array(log.orderIndices(ofCustomerNumber: number)) == expected, "orders of \(id)")
    }
    #expect(log.customerNumber(of: "nobody") == nil)
  }

  @Test(arguments: 0..<12 as Range<UInt64>)
  func builtLogEqualsTheDefinition(seed: UInt64) throws {
    let orders = Self.randomOrders(count: 300, distinctIDs: false, seed: seed)
    let reference = Reference(orders, keeping: "EUR")
    #expect(reference.entries.count < orders.count - reference.rejections.count, "some orders merged")
    // An array takes the surveyed path, any other sequence the plain one.
    Self.expect(try OrderLog(orders, options: Self.euros), equals: reference, orderCount: orders.count)
    Self.expect(try OrderLog(AnySequence(orders), options: Self.euros), equals: reference, orderCount: orders.count)
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func logWithDistinctIDsEqualsTheDefinition(seed: UInt64) throws {
    let orders = Self.randomOrders(count: 400, distinctIDs: true, seed: seed)
    let reference = Reference(orders, keeping: "EUR")
    #expect(RadixSort.areDistinct(orders.map(\.id)))
    Self.expect(try OrderLog(orders, options: Self.euros), equals: reference, orderCount: orders.count)
    Self.expect(try OrderLog(AnySequence(orders), options: Self.euros), equals: reference, orderCount: orders.count)
  }

  @Test func edgeCasesEqualTheDefinition() throws {
    let day = 86_400.0
    let a = CustomerReference(id: "a")
    let cases: [[Order]] = [
      [],
      [Order(id: "", customer: a, placedAt: Date(timeIntervalSince1970: 0))],
      [Order(id: "1", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: 0), total: 5)],
      // Already in time order; then descending; then all at one time (ties keep input order).
      (0..<5).map { Order(id: "\($0)", customer: a, placedAt: Date(timeIntervalSince1970: Double($0) * day)) },
      (0..<5).map { Order(id: "\($0)", customer: a, placedAt: Date(timeIntervalSince1970: -Double($0) * day)) },
      (0..<5).map {
        Order(id: "\($0)", customer: CustomerReference(id: "c\(5 - $0)"), placedAt: Date(timeIntervalSince1970: day))
      },
      // A repeated id whose rows are not adjacent, with a line of another order between them.
      [
        Order(
          id: "x", customer: a, placedAt: Date(timeIntervalSince1970: 2 * day),
          lines: [LineItem(productID: "p", quantity: 1, unitPrice: 2)]),
        Order(
          id: "y", customer: a, placedAt: Date(timeIntervalSince1970: day),
          lines: [LineItem(productID: "q", quantity: 1, unitPrice: 3)]),
        Order(
          id: "x", customer: a, placedAt: Date(timeIntervalSince1970: 2 * day),
          lines: [LineItem(productID: "r", name: "R", quantity: 2, unitPrice: 4)]),
      ],
    ]
    for orders in cases {
      Self.expect(try OrderLog(orders), equals: Reference(orders), orderCount: orders.count)
      Self.expect(try OrderLog(AnySequence(orders)), equals: Reference(orders), orderCount: orders.count)
    }
  }

  @Test(arguments: 0..<4 as Range<UInt64>)
  func parallelAndSequentialBuildsAgree(seed: UInt64) throws {
    let orders = Self.randomOrders(count: 500, distinctIDs: seed % 2 == 0, seed: seed)
    var builder = OrderLogBuilder(mode: .lenient, currency: .only("EUR"))
    for (position, order) in orders.enumerated() { try builder.append(order, row: position + 1, rowCount: 1) }
    builder.report.rowsRead = orders.count
    let reference = Reference(orders, keeping: "EUR")
    Self.expect(try builder.build(inParallel: true), equals: reference, orderCount: orders.count)
    Self.expect(try builder.build(inParallel: false), equals: reference, orderCount: orders.count)
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func strictModeThrowsAtTheFirstRejection(seed: UInt64) throws {
    let orders = Self.randomOrders(count: 300, distinctIDs: seed % 2 == 0, seed: seed)
    let first = try #require(Reference(orders, keeping: "EUR").rejections.first)
    let error = #expect(throws: RetentionCoreError.self) {
      try OrderLog(orders, options: ImportOptions(mode: .strict, currency: .only("EUR")))
    }
    #expect(error?.row == first.row)
    #expect(error?.field == first.field)
  }
}
