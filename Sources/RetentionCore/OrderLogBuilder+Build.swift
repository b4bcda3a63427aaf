import _RetentionSupport

extension OrderLogBuilder {
  /// Sorts the orders by time (ties keep input order) and builds the columns.
  ///
  /// Input already in time order is not sorted. The order columns and the line columns are then
  /// filled by two independent tasks, in parallel for large logs; the result does not depend on
  /// it.
  ///
  /// - Parameter inParallel: Whether to run the two tasks in parallel; by default, when the log
  ///   has at least ``parallelBuildMinimum`` orders and lines.
  /// - Throws: `.mixedCurrency` when no currency was chosen and the orders are in more than one.
  /// - Complexity: O(*n* + *m*), where *n* is the number of orders and *m* the number of lines.
  func build(inParallel: Bool? = nil) throws -> OrderLog {
    let currency = try currencies.logCurrency(orderCurrencies: orders.map(\.currency))
    // The input index of the order at each position of the log.
    let permutation =
      isInTimeOrder ? Array(0..<Int32(orders.count)) : RadixSort.permutation(sortingTimes: orders.map(\.time))
    let orderColumns: OrderColumns
    let lineColumns: LineColumns
    if !(inParallel ?? (orders.count + lines.count >= Self.parallelBuildMinimum)) {
      orderColumns = self.orderColumns(permutation: permutation)
      lineColumns = self.lineColumns(permutation: permutation)
    } else {
      let builder = self
      let parts = ParallelWork.map(2) { task -> BuildPart in
        task == 0
          ? .orders(builder.orderColumns(permutation: permutation))
          : .lines(builder.lineColumns(permutation: permutation))
      }
      guard case .orders(let orders) = parts[0], case .lines(let lines) = parts[1] else {
        preconditionFailure("ParallelWork.map returns the results in task order")
      }
      orderColumns = orders
      lineColumns = lines
    }
    return OrderLog(
      currency: currency, report: orderColumns.report, customerIDs: orderColumns.customerNumbers.strings,
      customerNumbers: orderColumns.customerNumbers, products: products, variants: variants.strings,
      orderIDs: lineColumns.orderIDs, orderCustomers: orderColumns.customers, orderTimes: orderColumns.times,
      orderNetAmounts: orderColumns.netAmounts, orderIsPurchase: orderColumns.isPurchase,
      orderStatuses: orderColumns.statuses, orderGrossAmounts: orderColumns.grossAmounts,
      orderLineStarts: lineColumns.starts, lineProducts: lineColumns.products, lineVariants: lineColumns.variants,
      lineQuantities: lineColumns.quantities, lineUnitPrices: lineColumns.unitPrices,
      customerOrderStarts: orderColumns.customerOrderStarts, customerOrderIndices: orderColumns.customerOrderIndices,
      orderReferenceIndices: orderColumns.referenceIndices, references: references,
      orderTagIndices: orderColumns.tagIndices, tagSets: tagSets, orderChannelIndices: orderColumns.channelIndices,
      channels: channels.strings, orderMarketing: orderColumns.marketing,
      orderCurrencyKnown: orderColumns.currencyKnown,
      orderDiscountCodeIndices: discountCodesOfOrder.isEmpty ? [] : permutation.map { discountCodesOfOrder[$0] ?? -1 },
      discountCodeSets: discountCodeSets)
  }

  /// Below this many orders and lines, ``build()`` runs its two tasks one after the other:
  /// handing work to another thread costs more than it saves (on a busy machine, much more).
  static let parallelBuildMinimum = 1 << 20

  /// What one of the two tasks of ``build()`` returns.
  enum BuildPart: Sendable {
    case orders(OrderColumns)
    case lines(LineColumns)
  }

  /// The order columns in log order, the customers numbered in the order of their first order,
  /// and the report's counts.
  struct OrderColumns: Sendable {
    var customers: [Int32] = []
    var times: [Double] = []
    var grossAmounts: [Double] = []
    var netAmounts: [Double] = []
    var isPurchase: [Bool] = []
    var statuses: [OrderStatus] = []
    var referenceIndices: [Int32] = []
    var tagIndices: [Int32] = []
    var channelIndices: [Int32] = []
    var marketing: [Int8] = []
    var currencyKnown: [Bool] = []
    var customerNumbers = StringNumbering()
    var customerOrderStarts: [Int32] = []
    var customerOrderIndices: [Int32] = []
    var report = ImportReport()
  }

  /// The order ids in log order, and the lines grouped by the log position of their order.
  struct LineColumns: Sendable {
    var orderIDs: [String] = []
    var starts: [Int32] = []
    var products: [Int32] = []
    var variants: [Int32] = []
    var quantities: [Double] = []
    var unitPrices: [Double] = []
  }

  private func orderColumns(permutation: [Int32]) -> OrderColumns {
    let count = orders.count
    var columns = OrderColumns(report: report)
    columns.customers.reserveCapacity(count)
    columns.times.reserveCapacity(count)
    columns.grossAmounts.reserveCapacity(count)
    columns.netAmounts.reserveCapacity(count)
    columns.isPurchase.reserveCapacity(count)
    columns.statuses.reserveCapacity(count)
    columns.referenceIndices.reserveCapacity(count)
    columns.tagIndices.reserveCapacity(count)
    columns.channelIndices.reserveCapacity(count)
    columns.marketing.reserveCapacity(count)
    columns.currencyKnown.reserveCapacity(count)
    columns.report.ordersImported = count
    columns.report.linesImported = lines.count
    for index in permutation {
      let order = orders[Int(index)]
      columns.customers.append(order.customer)
      if order.customer < 0 {
        columns.report.guestOrders += 1
        columns.report.guestLines += Int(order.rowCount)
      }
      columns.times.append(order.time)
      columns.grossAmounts.append(order.amount)
      switch order.status {
      case .paid, .pending:
        columns.netAmounts.append(order.amount)
      case .partiallyRefunded(let refund):
        columns.netAmounts.append(Swift.max(0, order.amount - refund))
        columns.report.partiallyRefundedOrders += 1
      case .refunded:
        columns.netAmounts.append(0)
        columns.report.refundedOrders += 1
      case .cancelled, .voided:
        columns.netAmounts.append(0)
        columns.report.cancelledOrders += 1
      }
      columns.isPurchase.append(order.status.isPurchase)
      columns.statuses.append(order.status)
      columns.referenceIndices.append(order.reference)
      columns.tagIndices.append(order.tags)
      columns.channelIndices.append(order.channel)
      columns.marketing.append(order.marketing)
      columns.currencyKnown.append(order.currency >= 0)
    }

    // Customers numbered in the order of their first order (in a loop of its own, so that the
    // reads of `newNumbers` overlap). The loop runs over the indices, not `enumerated()`: a
    // loop over the array itself holds a second reference, so its first write copied it.
    var newNumbers = [Int32](repeating: -1, count: customers.count)
    var nextNumber: Int32 = 0
    for position in columns.customers.indices {
      let customer = columns.customers[position]
      guard customer >= 0 else { continue }
      if newNumbers[Int(customer)] < 0 {
        newNumbers[Int(customer)] = nextNumber
        nextNumber += 1
      }
      columns.customers[position] = newNumbers[Int(customer)]
    }
    columns.customerNumbers = customers.renumbered(newNumbers)

    // Orders of each customer, oldest first.
    let ordersOfCustomer = InvertedIndex(keyCount: customers.count, keyOfItem: columns.customers)
    columns.customerOrderStarts = ordersOfCustomer.starts
    columns.customerOrderIndices = ordersOfCustomer.items
    return columns
  }

  /// The lines are placed by a stable counting sort that reads each line once, in input order,
  /// and writes it to its place. (Copying each order's lines in log order instead, when they
  /// are contiguous, writes the columns front to back but reads the lines in random order, and
  /// a read that misses the cache stalls where a write does not: it took twice as long.)
  private func lineColumns(permutation: [Int32]) -> LineColumns {
    var columns = LineColumns()
    columns.orderIDs = isInTimeOrder ? ids : permutation.map { ids[Int($0)] }
    columns.starts.reserveCapacity(orders.count + 1)
    columns.starts.append(0)
    placeLines(permutation: permutation, into: &columns)
    return columns
  }

  /// Places the lines by a stable counting sort on the log position of their order.
  private func placeLines(permutation: [Int32], into columns: inout LineColumns) {
    // The place of the next line of each order, by input index.
    var next = [Int32](repeating: 0, count: orders.count)
    var start: Int32 = 0
    for index in permutation {
      next[Int(index)] = start
      start += orders[Int(index)].lineCount
      columns.starts.append(start)
    }
    let lines = self.lines
    columns.products = [Int32](repeating: 0, count: lines.count)
    columns.variants = [Int32](repeating: 0, count: lines.count)
    columns.quantities = [Double](repeating: 0, count: lines.count)
    columns.unitPrices = [Double](repeating: 0, count: lines.count)
    for line in lines {
      let place = Int(next[Int(line.order)])
      next[Int(line.order)] += 1
      columns.products[place] = line.product
      columns.variants[place] = line.variant
      columns.quantities[place] = line.quantity
      columns.unitPrices[place] = line.unitPrice
    }
  }
}
