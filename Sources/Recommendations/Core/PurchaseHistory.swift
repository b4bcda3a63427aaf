public import Foundation

/// The purchases of an ``OrderLog`` up to a cut-off, arranged for recommenders: baskets,
/// customer-product counts and product totals (internally contiguous `Int32` and `Double` columns).
///
/// A basket is one purchase order of an identified customer (guest orders, cancelled, voided and
/// fully refunded orders are left out), reduced to its distinct products. Customer and product
/// numbers are the log's own (``OrderLog/customerIDs``, ``OrderLog/products``), so results map
/// straight back to the log.
///
/// ```swift
/// let log = try OrderLog(contentsOf: url, format: .groceries)
/// let training = PurchaseHistory(log, before: splitDate)
/// print(training.basketCount, training.productsBought(byCustomerNumber: 0))
/// ```
public struct PurchaseHistory: Sendable {
  /// The end of the history.
  ///
  /// The cut-off if one was given, otherwise the time of the newest order of the log (the epoch
  /// for an empty log). Time decay and recency measure to this instant.
  public let asOf: Date
  /// Customer ids by customer number (all customers of the log, with or without purchases here).
  public let customerIDs: [String]
  let customerNumbers: [String: Int]
  /// Products by product number (all products of the log).
  public let products: [OrderLog.Product]
  /// The most recent positive unit price of each product in the history, or `nil`.
  public let productPrices: [Double?]
  /// The category number of each product, or -1 (none); ``categories`` names them.
  let productCategories: [Int32]
  /// The distinct categories, by category number.
  public let categories: [String]

  /// The start of each basket in ``basketProducts``; `basketStarts[basketCount]` is its length.
  let basketStarts: [Int32]
  /// The distinct products of each basket, ascending within a basket.
  let basketProducts: [Int32]
  /// The customer number of each basket.
  let basketCustomers: [Int32]
  /// The time of each basket, in seconds since 1970-01-01 00:00 UTC, oldest first.
  let basketTimes: [Double]

  /// The start of each customer's distinct products in ``customerProducts``.
  let customerProductStarts: [Int32]
  /// The distinct products each customer bought, ascending within a customer.
  let customerProducts: [Int32]
  /// The number of the customer's baskets that contain the product (parallel to ``customerProducts``).
  let customerProductBaskets: [Int32]
  /// The time of the customer's last basket with the product (parallel to ``customerProducts``).
  let customerProductLastTimes: [Double]
  /// The start of each customer's baskets in ``customerBaskets``.
  let customerBasketStarts: [Int32]
  /// Basket numbers grouped by customer, oldest first.
  let customerBaskets: [Int32]

  /// The number of baskets that contain each product.
  let productBasketCounts: [Int32]
  /// The number of distinct customers who bought each product.
  let productCustomerCounts: [Int32]
  /// The number of customers who bought each product in two or more baskets.
  let productRepeatCustomerCounts: [Int32]

  /// Collects the purchases of a log placed before a cut-off.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - cutoff: Orders placed at or after this instant are left out; `nil` keeps every order.
  /// - Complexity: O(*n* + *l* log *l*), where *n* is the number of orders and *l* the largest
  ///   number of lines in an order.
  public init(_ log: OrderLog, before cutoff: Date? = nil) {
    let productCount = log.products.count
    let customerCount = log.customerCount
    customerIDs = log.customerIDs
    var numbers: [String: Int] = [:]
    numbers.reserveCapacity(customerCount)
    for (number, id) in log.customerIDs.enumerated() { numbers[id] = number }
    customerNumbers = numbers
    products = log.products
    var categoryNumbers: [String: Int32] = [:]
    var categoryNames: [String] = []
    productCategories = log.products.map { product in
      guard let category = product.category, !category.isEmpty else { return -1 }
      if let number = categoryNumbers[category] { return number }
      let number = Int32(categoryNames.count)
      categoryNumbers[category] = number
      categoryNames.append(category)
      return number
    }
    categories = categoryNames

    let end =
      cutoff.map { log.orderIndices(placedIn: Date(timeIntervalSince1970: -.greatestFiniteMagnitude)..<$0).upperBound }
      ?? log.orderCount
    asOf = cutoff ?? log.lastOrderDate ?? Date(timeIntervalSince1970: 0)

    // Baskets in time order, and the basket number of each order.
    var prices = [Double?](repeating: nil, count: productCount)
    var starts: [Int32] = [0]
    var items: [Int32] = []
    var customers: [Int32] = []
    var times: [Double] = []
    var basketOfOrder = [Int32](repeating: -1, count: end)
    var scratch: [Int32] = []
    for order in 0..<end where log.orderIsPurchase[order] && log.orderCustomers[order] >= 0 {
      scratch.removeAll(keepingCapacity: true)
      for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1])
      where log.lineQuantities[line] > 0 {
        let product = log.lineProducts[line]
        scratch.append(product)
        let price = log.lineUnitPrices[line]
        if price > 0 && price.isFinite { prices[Int(product)] = price }
      }
      guard !scratch.isEmpty else { continue }
      scratch.sort()
      var previous: Int32 = -1
      for product in scratch where product != previous {
        items.append(product)
        previous = product
      }
      basketOfOrder[order] = Int32(customers.count)
      customers.append(log.orderCustomers[order])
      times.append(log.orderTimes[order])
      starts.append(Int32(items.count))
    }
    productPrices = prices
    basketStarts = starts
    basketProducts = items
    basketCustomers = customers
    basketTimes = times

    // Per customer: baskets oldest first, then distinct products with counts and last times.
    var basketsByCustomer: [Int32] = []
    var basketStartsByCustomer: [Int32] = [0]
    var productStarts: [Int32] = [0]
    var distinct: [Int32] = []
    var counts: [Int32] = []
    var lastTimes: [Double] = []
    var slot = [Int32](repeating: -1, count: productCount)
    var productBaskets = [Int32](repeating: 0, count: productCount)
    var productCustomers = [Int32](repeating: 0, count: productCount)
    var productRepeaters = [Int32](repeating: 0, count: productCount)
    for customer in 0..<customerCount {
      let first = distinct.count
      for orderIndex in log.orderIndices(ofCustomerNumber: customer) where Int(orderIndex) < end {
        let basket = basketOfOrder[Int(orderIndex)]
        guard basket >= 0 else { continue }
        basketsByCustomer.append(basket)
        for position in Int(starts[Int(basket)])..<Int(starts[Int(basket) + 1]) {
          let product = items[position]
          productBaskets[Int(product)] += 1
          let existing = slot[Int(product)]
          if existing >= 0 {
            counts[Int(existing)] += 1
            lastTimes[Int(existing)] = times[Int(basket)]
          } else {
            slot[Int(product)] = Int32(distinct.count)
            distinct.append(product)
            counts.append(1)
            lastTimes.append(times[Int(basket)])
          }
        }
      }
      // Sort this customer's products ascending, keeping the parallel columns aligned.
      let range = first..<distinct.count
      var order = Array(range)
      order.sort { distinct[$0] < distinct[$1] }
      let sortedProducts = order.map { distinct[$0] }
      let sortedCounts = order.map { counts[$0] }
      let sortedTimes = order.map { lastTimes[$0] }
      for (offset, position) in range.enumerated() {
        distinct[position] = sortedProducts[offset]
        counts[position] = sortedCounts[offset]
        lastTimes[position] = sortedTimes[offset]
        let product = Int(sortedProducts[offset])
        slot[product] = -1
        productCustomers[product] += 1
        if sortedCounts[offset] >= 2 { productRepeaters[product] += 1 }
      }
      productStarts.append(Int32(distinct.count))
      basketStartsByCustomer.append(Int32(basketsByCustomer.count))
    }
    customerProductStarts = productStarts
    customerProducts = distinct
    customerProductBaskets = counts
    customerProductLastTimes = lastTimes
    customerBasketStarts = basketStartsByCustomer
    customerBaskets = basketsByCustomer
    productBasketCounts = productBaskets
    productCustomerCounts = productCustomers
    productRepeatCustomerCounts = productRepeaters
  }

  /// The number of customers (all customers of the log).
  public var customerCount: Int { customerIDs.count }
  /// The number of products (all products of the log).
  public var productCount: Int { products.count }
  /// The number of baskets.
  public var basketCount: Int { basketCustomers.count }

  /// The customer number of a customer id, or `nil` if the log does not know the customer.
  ///
  /// - Parameter customerID: A customer id.
  public func customerNumber(of customerID: String) -> Int? { customerNumbers[customerID] }

  /// The range of a customer's distinct products in ``customerProducts`` and its parallel columns.
  ///
  /// - Parameter customerNumber: A customer number in `0..<customerCount`.
  func productRange(ofCustomerNumber customerNumber: Int) -> Range<Int> {
    Int(customerProductStarts[customerNumber])..<Int(customerProductStarts[customerNumber + 1])
  }

  /// The distinct products a customer bought, ascending.
  ///
  /// - Parameter customerNumber: A customer number in `0..<customerCount`.
  func products(ofCustomerNumber customerNumber: Int) -> ArraySlice<Int32> {
    customerProducts[productRange(ofCustomerNumber: customerNumber)]
  }

  /// The distinct products of a basket, ascending.
  ///
  /// - Parameter basket: A basket number in `0..<basketCount`.
  func products(ofBasket basket: Int) -> ArraySlice<Int32> {
    basketProducts[Int(basketStarts[basket])..<Int(basketStarts[basket + 1])]
  }

  /// The baskets of a customer, oldest first.
  ///
  /// - Parameter customerNumber: A customer number in `0..<customerCount`.
  func baskets(ofCustomerNumber customerNumber: Int) -> ArraySlice<Int32> {
    customerBaskets[Int(customerBasketStarts[customerNumber])..<Int(customerBasketStarts[customerNumber + 1])]
  }

  /// The product number of a product id, or `nil`.
  ///
  /// - Complexity: O(*p*), where *p* is the number of products.
  public func productNumber(of productID: String) -> ProductNumber? {
    products.firstIndex { $0.id == productID }.map(ProductNumber.init(rawValue:))
  }

  /// The distinct products a customer bought, ascending.
  ///
  /// - Parameter customerNumber: A customer number in `0..<customerCount`.
  /// - Complexity: O(*m*), where *m* is the number of the customer's distinct products.
  public func productsBought(byCustomerNumber customerNumber: Int) -> [ProductNumber] {
    products(ofCustomerNumber: customerNumber).map { ProductNumber(column: $0) }
  }

  /// The number of the customer's baskets that contain a product (0 when they never bought it).
  ///
  /// - Parameters:
  ///   - product: A product.
  ///   - customerNumber: A customer number in `0..<customerCount`.
  /// - Complexity: O(log *m*), where *m* is the number of the customer's distinct products.
  public func basketCount(of product: ProductNumber, forCustomerNumber customerNumber: Int) -> Int {
    position(ofProduct: Int32(product.rawValue), ofCustomerNumber: customerNumber).map {
      Int(customerProductBaskets[$0])
    } ?? 0
  }

  /// The position of a product among a customer's distinct products (in ``customerProducts``
  /// and its parallel columns), or `nil` when the customer never bought it.
  ///
  /// - Parameters:
  ///   - product: A product number.
  ///   - customerNumber: A customer number in `0..<customerCount`.
  /// - Complexity: O(log *m*), where *m* is the number of the customer's distinct products.
  func position(ofProduct product: Int32, ofCustomerNumber customerNumber: Int) -> Int? {
    customerProducts[productRange(ofCustomerNumber: customerNumber)].sortedIndex(of: product)
  }

  /// The category of a product, or `nil` when it has none.
  ///
  /// - Parameter product: A product.
  public func category(of product: ProductNumber) -> String? {
    let category = productCategories[product.rawValue]
    return category >= 0 ? categories[Int(category)] : nil
  }

  /// The number of baskets that contain a product.
  ///
  /// - Parameter product: A product.
  public func basketCount(of product: ProductNumber) -> Int { Int(productBasketCounts[product.rawValue]) }

  /// The number of distinct customers who bought a product.
  ///
  /// - Parameter product: A product.
  public func customerCount(of product: ProductNumber) -> Int { Int(productCustomerCounts[product.rawValue]) }

  /// The number of customers who bought a product in two or more baskets.
  ///
  /// - Parameter product: A product.
  public func repeatCustomerCount(of product: ProductNumber) -> Int {
    Int(productRepeatCustomerCounts[product.rawValue])
  }

  /// The number of products bought at least once in the history.
  ///
  /// - Complexity: O(*p*), where *p* is the number of products.
  public var purchasedProductCount: Int {
    productBasketCounts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
  }
}
