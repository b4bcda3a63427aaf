import _RetentionSupport

extension OrderLog {
  /// How a log was re-keyed from the shop's customer ids to people (identity resolution in
  /// `Segmentation`): how many orders were attributed to how many people, and how many stayed
  /// guest orders.
  ///
  /// ```swift
  /// let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
  /// if let keying = people.personKeying {
  ///   print("\(keying.attributedOrders) orders of \(keying.customerIDCount) customer ids merged into \(keying.personCount) people")
  /// }
  /// ```
  public struct PersonKeying: Sendable, Hashable, Codable {
    /// The number of orders attributed to a person.
    public var attributedOrders: Int
    /// The number of people with at least one order (the re-keyed log's ``OrderLog/customerCount``).
    public var personCount: Int
    /// The number of orders without a person (they stay guest orders).
    public var guestOrders: Int
    /// The number of customer ids of the log before it was re-keyed.
    public var customerIDCount: Int
    /// The number of guest orders of the log before it was re-keyed.
    public var customerIDGuestOrders: Int

    /// Creates a description of a re-keying.
    ///
    /// - Parameters:
    ///   - attributedOrders: The number of orders attributed to a person.
    ///   - personCount: The number of people with at least one order.
    ///   - guestOrders: The number of orders without a person.
    ///   - customerIDCount: The number of customer ids before.
    ///   - customerIDGuestOrders: The number of guest orders before.
    public init(
      attributedOrders: Int, personCount: Int, guestOrders: Int, customerIDCount: Int, customerIDGuestOrders: Int
    ) {
      self.attributedOrders = attributedOrders
      self.personCount = personCount
      self.guestOrders = guestOrders
      self.customerIDCount = customerIDCount
      self.customerIDGuestOrders = customerIDGuestOrders
    }
  }

  /// The same orders attributed to new customers: order `i` to the customer whose id is
  /// `customerIDs[customerOfOrder[i]]`, or to none (a guest order) where `customerOfOrder[i]`
  /// is negative.
  ///
  /// Every order keeps its id, time, amounts, status, lines, tags and channel; only the
  /// customer columns change. The customers are renumbered in the order of their first order,
  /// as a log built from the relabelled orders numbers them. The stored customer references
  /// stay as imported (``identityFields`` keeps the shop's customer ids, identifiers a resolver
  /// may use again); ``customerReference(ofOrder:)`` and the rebuilt orders carry the new
  /// customer id. Customer ids that no order uses are dropped; two numbers with one id become
  /// one customer. Built from the columns, without rebuilding `Order` values.
  ///
  /// - Parameters:
  ///   - log: The log to relabel.
  ///   - customerOfOrder: The new customer of each order (in log order), or -1.
  ///   - customerIDs: The id of each new customer number.
  /// - Complexity: O(*n* + *c*), where *n* is the number of orders and *c* the number of new
  ///   customer ids.
  package init(relabeling log: OrderLog, customerOfOrder: [Int32], customerIDs: [String]) {
    precondition(customerOfOrder.count == log.orderCount, "one customer number per order")
    // New customers numbered in the order of their first order; equal ids share a number.
    var numbering = StringNumbering(capacity: Swift.min(customerIDs.count, log.orderCount))
    var numberOfCustomer = [Int32](repeating: -1, count: customerIDs.count)
    var orderCustomers = [Int32](repeating: -1, count: log.orderCount)
    var guestOrders = 0
    for order in 0..<log.orderCount {
      let customer = Int(customerOfOrder[order])
      guard customer >= 0 else {
        guestOrders += 1
        continue
      }
      if numberOfCustomer[customer] < 0 { numberOfCustomer[customer] = numbering.insert(customerIDs[customer]).number }
      orderCustomers[order] = numberOfCustomer[customer]
    }
    // Customers numbered as before (people who are the shop's customers) keep their orders as
    // the log grouped them.
    let customerOrderStarts: [Int32]
    let customerOrderIndices: [Int32]
    if numbering.count == log.customerCount && orderCustomers == log.orderCustomers {
      customerOrderStarts = log.customerOrderStarts
      customerOrderIndices = log.customerOrderIndices
    } else {
      let ordersOfCustomer = InvertedIndex(keyCount: numbering.count, keyOfItem: orderCustomers)
      customerOrderStarts = ordersOfCustomer.starts
      customerOrderIndices = ordersOfCustomer.items
    }

    // The import report stays what the import did; `personKeying` says what the relabelling did.
    self.init(
      currency: log.currency, report: log.report, customerIDs: numbering.strings, customerNumbers: numbering,
      products: log.products, variants: log.variants, orderIDs: log.orderIDs, orderCustomers: orderCustomers,
      orderTimes: log.orderTimes, orderNetAmounts: log.orderNetAmounts, orderIsPurchase: log.orderIsPurchase,
      orderStatuses: log.orderStatuses, orderGrossAmounts: log.orderGrossAmounts,
      orderLineStarts: log.orderLineStarts, lineProducts: log.lineProducts, lineVariants: log.lineVariants,
      lineQuantities: log.lineQuantities, lineUnitPrices: log.lineUnitPrices,
      customerOrderStarts: customerOrderStarts, customerOrderIndices: customerOrderIndices,
      orderReferenceIndices: log.orderReferenceIndices, references: log.references, orderTagIndices: log.orderTagIndices,
      tagSets: log.tagSets, orderChannelIndices: log.orderChannelIndices, channels: log.channels,
      orderMarketing: log.orderMarketing, orderCurrencyKnown: log.orderCurrencyKnown,
      orderDiscountCodeIndices: log.orderDiscountCodeIndices, discountCodeSets: log.discountCodeSets)
    personKeying = PersonKeying(
      attributedOrders: log.orderCount - guestOrders, personCount: numbering.count, guestOrders: guestOrders,
      customerIDCount: log.customerCount, customerIDGuestOrders: log.orderCustomers.count { $0 < 0 })
  }
}

extension OrderLog {
  /// The same log with a prefix put before every customer id: the customer numbered `n` keeps
  /// its number and its orders, under the id `prefix + customerIDs[n]`.
  ///
  /// Equal to ``init(relabeling:customerOfOrder:customerIDs:)`` with each order's own customer
  /// and the prefixed ids (distinct ids stay distinct, and the customers keep the numbers of
  /// their first orders), built without relabelling the columns: the order columns, the
  /// grouping of orders by customer and the probe table of the ids are shared
  /// (``StringNumbering/prefixed(by:)``). It is how a log that carries nothing but customer ids
  /// is keyed by person (`id:` and the customer id), which `OrderLogRelabelingTests` compares
  /// with the relabelling.
  ///
  /// - Parameters:
  ///   - log: The log to relabel.
  ///   - prefix: The prefix of every new customer id.
  /// - Complexity: O(*n* + *c*), where *n* is the number of orders and *c* the number of
  ///   customers.
  package init(relabeling log: OrderLog, prefixingCustomerIDsWith prefix: String) {
    let numbering = log.customerNumbers.prefixed(by: prefix)
    self = OrderLog(
      currency: log.currency, report: log.report, customerIDs: numbering.strings, customerNumbers: numbering,
      products: log.products, variants: log.variants, orderIDs: log.orderIDs, orderCustomers: log.orderCustomers,
      orderTimes: log.orderTimes, orderNetAmounts: log.orderNetAmounts, orderIsPurchase: log.orderIsPurchase,
      orderStatuses: log.orderStatuses, orderGrossAmounts: log.orderGrossAmounts,
      orderLineStarts: log.orderLineStarts, lineProducts: log.lineProducts, lineVariants: log.lineVariants,
      lineQuantities: log.lineQuantities, lineUnitPrices: log.lineUnitPrices,
      customerOrderStarts: log.customerOrderStarts, customerOrderIndices: log.customerOrderIndices,
      orderReferenceIndices: log.orderReferenceIndices, references: log.references,
      orderTagIndices: log.orderTagIndices, tagSets: log.tagSets, orderChannelIndices: log.orderChannelIndices,
      channels: log.channels,
      orderMarketing: log.orderMarketing, orderCurrencyKnown: log.orderCurrencyKnown,
      orderDiscountCodeIndices: log.orderDiscountCodeIndices, discountCodeSets: log.discountCodeSets)
    let guestOrders = log.orderCustomers.count { $0 < 0 }
    personKeying = PersonKeying(
      attributedOrders: log.orderCount - guestOrders, personCount: log.customerCount, guestOrders: guestOrders,
      customerIDCount: log.customerCount, customerIDGuestOrders: guestOrders)
  }
}
