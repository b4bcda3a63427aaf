import Foundation

/// Accumulates orders (from a sequence or an importer), validates and merges them, and builds the
/// columnar ``OrderLog``.
struct OrderLogBuilder {
  let mode: ImportMode
  var report = ImportReport()
  private var pending: [Order] = []
  private var pendingRowCounts: [Int] = []
  private var pendingFirstRow: [Int] = []
  private var indexOfID: [String: Int] = [:]
  private var currency: String?
  private var currencyRow = 0

  init(mode: ImportMode, expectedCount: Int = 0) {
    self.mode = mode
    pending.reserveCapacity(expectedCount)
    pendingRowCounts.reserveCapacity(expectedCount)
    pendingFirstRow.reserveCapacity(expectedCount)
    indexOfID.reserveCapacity(expectedCount)
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
    if let code = order.currency {
      if let currency, currency != code {
        try reject(
          RetentionCoreError(
            .mixedCurrency, row: row, field: "currency",
            reason: "currency \(code) differs from \(currency) (first seen in row \(currencyRow))"),
          rows: rowCount)
        return
      }
      if currency == nil {
        currency = code
        currencyRow = row
      }
    }
    if let existing = indexOfID[order.id] {
      var earlier = pending[existing]
      var header = order
      header.lines = earlier.lines
      guard header == earlier else {
        try reject(
          RetentionCoreError(
            .conflictingOrder, row: row, field: "id",
            reason:
              "order \(order.id) repeats an earlier order (row \(pendingFirstRow[existing])) with different order-level fields"
          ),
          rows: rowCount)
        return
      }
      earlier.lines.append(contentsOf: order.lines)
      pending[existing] = earlier
      pendingRowCounts[existing] += rowCount
      return
    }
    indexOfID[order.id] = pending.count
    pending.append(order)
    pendingRowCounts.append(rowCount)
    pendingFirstRow.append(row)
  }

  mutating func reject(_ error: RetentionCoreError, rows: Int) throws {
    if mode == .strict { throw error }
    report.reject(error, rows: rows)
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
  consuming func build() -> OrderLog {
    let count = pending.count
    let times = pending.map { $0.placedAt.timeIntervalSince1970 }
    let permutation = (0..<count).sorted { lhs, rhs in
      let l = times[lhs], r = times[rhs]
      return l != r ? l < r : lhs < rhs
    }

    var customerNumber: [String: Int32] = [:]
    var customerIDs: [String] = []
    var productNumber: [String: Int32] = [:]
    var products: [OrderLog.Product] = []
    var variantNumber: [String: Int32] = [:]
    var variants: [String] = []
    var referenceNumber: [CustomerReference: Int32] = [:]
    var references: [CustomerReference] = []
    var tagNumber: [[String]: Int32] = [:]
    var tagSets: [[String]] = []
    var channelNumber: [String: Int32] = [:]
    var channels: [String] = []

    var orderIDs: [String] = []
    var orderCustomers: [Int32] = []
    var orderTimes: [Double] = []
    var orderNet: [Double] = []
    var orderIsPurchase: [Bool] = []
    var orderStatuses: [OrderStatus] = []
    var orderGross: [Double] = []
    var orderLineStarts: [Int32] = [0]
    var orderReferenceIndices: [Int32] = []
    var orderTagIndices: [Int32] = []
    var orderChannelIndices: [Int32] = []
    var orderMarketing: [Int8] = []
    var orderCurrencyKnown: [Bool] = []
    orderIDs.reserveCapacity(count)
    orderCustomers.reserveCapacity(count)
    orderTimes.reserveCapacity(count)
    orderNet.reserveCapacity(count)
    orderIsPurchase.reserveCapacity(count)
    orderStatuses.reserveCapacity(count)
    orderGross.reserveCapacity(count)
    orderLineStarts.reserveCapacity(count + 1)
    orderReferenceIndices.reserveCapacity(count)
    orderTagIndices.reserveCapacity(count)
    orderChannelIndices.reserveCapacity(count)
    orderMarketing.reserveCapacity(count)
    orderCurrencyKnown.reserveCapacity(count)
    var lineProducts: [Int32] = []
    var lineVariants: [Int32] = []
    var lineQuantities: [Double] = []
    var lineUnitPrices: [Double] = []

    lineProducts.reserveCapacity(count * 2)
    lineVariants.reserveCapacity(count * 2)
    lineQuantities.reserveCapacity(count * 2)
    lineUnitPrices.reserveCapacity(count * 2)
    var report = self.report
    // Most references carry only a customer id; intern those per customer without hashing.
    var idOnlyReference: [Int32] = []
    for index in permutation {
      let order = pending[index]
      let rows = pendingRowCounts[index]
      orderIDs.append(order.id)
      if let id = order.customer.id {
        if let number = customerNumber[id] {
          orderCustomers.append(number)
        } else {
          let number = Int32(customerIDs.count)
          customerNumber[id] = number
          customerIDs.append(id)
          orderCustomers.append(number)
        }
      } else {
        orderCustomers.append(-1)
        report.guestOrders += 1
        report.guestLines += rows
      }
      orderTimes.append(order.placedAt.timeIntervalSince1970)
      orderNet.append(order.netAmount)
      orderIsPurchase.append(order.isPurchase)
      orderStatuses.append(order.status)
      orderGross.append(order.grossAmount)
      switch order.status {
      case .cancelled, .voided: report.cancelledOrders += 1
      case .refunded: report.refundedOrders += 1
      case .partiallyRefunded: report.partiallyRefundedOrders += 1
      case .paid, .pending: break
      }
      let reference = order.customer
      let customer = orderCustomers[orderCustomers.count - 1]
      let idOnly =
        customer >= 0 && reference.email == nil && reference.phone == nil && reference.name == nil
        && reference.company == nil && reference.address == nil
      if idOnly {
        if Int(customer) < idOnlyReference.count && idOnlyReference[Int(customer)] >= 0 {
          orderReferenceIndices.append(idOnlyReference[Int(customer)])
        } else {
          let number = Int32(references.count)
          references.append(reference)
          orderReferenceIndices.append(number)
          while idOnlyReference.count <= Int(customer) { idOnlyReference.append(-1) }
          idOnlyReference[Int(customer)] = number
        }
      } else if let number = referenceNumber[order.customer] {
        orderReferenceIndices.append(number)
      } else {
        let number = Int32(references.count)
        referenceNumber[order.customer] = number
        references.append(order.customer)
        orderReferenceIndices.append(number)
      }
      if order.tags.isEmpty {
        orderTagIndices.append(-1)
      } else if let number = tagNumber[order.tags] {
        orderTagIndices.append(number)
      } else {
        let number = Int32(tagSets.count)
        tagNumber[order.tags] = number
        tagSets.append(order.tags)
        orderTagIndices.append(number)
      }
      if let channel = order.channel {
        if let number = channelNumber[channel] {
          orderChannelIndices.append(number)
        } else {
          let number = Int32(channels.count)
          channelNumber[channel] = number
          channels.append(channel)
          orderChannelIndices.append(number)
        }
      } else {
        orderChannelIndices.append(-1)
      }
      orderMarketing.append(order.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1)
      orderCurrencyKnown.append(order.currency != nil)
      for line in order.lines {
        if let number = productNumber[line.productID] {
          lineProducts.append(number)
          // Fill in a name or category first seen on a later line.
          let existing = products[Int(number)]
          if existing.name == nil && line.name != nil || existing.category == nil && line.category != nil {
            products[Int(number)].name = existing.name ?? line.name
            products[Int(number)].category = existing.category ?? line.category
          }
        } else {
          let number = Int32(products.count)
          productNumber[line.productID] = number
          products.append(OrderLog.Product(id: line.productID, name: line.name, category: line.category))
          lineProducts.append(number)
        }
        if let variant = line.variant {
          if let number = variantNumber[variant] {
            lineVariants.append(number)
          } else {
            let number = Int32(variants.count)
            variantNumber[variant] = number
            variants.append(variant)
            lineVariants.append(number)
          }
        } else {
          lineVariants.append(-1)
        }
        lineQuantities.append(line.quantity)
        lineUnitPrices.append(line.unitPrice)
      }
      orderLineStarts.append(Int32(lineProducts.count))
    }
    report.ordersImported = count
    report.linesImported = lineProducts.count

    // Group order indices by customer (counting sort keeps time order within a customer).
    var starts = [Int32](repeating: 0, count: customerIDs.count + 1)
    for customer in orderCustomers where customer >= 0 {
      starts[Int(customer) + 1] += 1
    }
    for index in 0..<customerIDs.count {
      starts[index + 1] += starts[index]
    }
    var cursor = starts
    var grouped = [Int32](repeating: 0, count: Int(starts[customerIDs.count]))
    for (orderIndex, customer) in orderCustomers.enumerated() where customer >= 0 {
      grouped[Int(cursor[Int(customer)])] = Int32(orderIndex)
      cursor[Int(customer)] += 1
    }

    return OrderLog(
      currency: currency, report: report, customerIDs: customerIDs, customerNumbers: customerNumber, products: products,
      variants: variants, orderIDs: orderIDs, orderCustomers: orderCustomers, orderTimes: orderTimes,
      orderNetAmounts: orderNet, orderIsPurchase: orderIsPurchase, orderStatuses: orderStatuses,
      orderGrossAmounts: orderGross, orderLineStarts: orderLineStarts, lineProducts: lineProducts,
      lineVariants: lineVariants, lineQuantities: lineQuantities, lineUnitPrices: lineUnitPrices,
      customerOrderStarts: starts, customerOrderIndices: grouped,
      orderReferenceIndices: orderReferenceIndices, references: references,
      orderTagIndices: orderTagIndices, tagSets: tagSets, orderChannelIndices: orderChannelIndices,
      channels: channels, orderMarketing: orderMarketing, orderCurrencyKnown: orderCurrencyKnown)
  }
}
