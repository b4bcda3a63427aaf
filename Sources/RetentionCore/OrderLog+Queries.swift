public import Foundation
import _RetentionSupport

extension OrderLog: RandomAccessCollection {
  /// The index of the oldest order.
  public var startIndex: Int { 0 }
  /// One past the index of the newest order.
  public var endIndex: Int { orderIDs.count }
}

extension OrderLog {
  /// The customer number of a customer id, or `nil` if the customer has no order.
  ///
  /// - Parameter customerID: A customer id.
  public func customerNumber(of customerID: String) -> Int? {
    customerNumbers[customerID].map(Int.init)
  }

  /// The indices of the orders of a customer number, oldest first (for this package's modules).
  ///
  /// - Parameter customerNumber: A customer number in `0..<customerCount`.
  package func orderIndices(ofCustomerNumber customerNumber: Int) -> ArraySlice<Int32> {
    customerOrderIndices[Int(customerOrderStarts[customerNumber])..<Int(customerOrderStarts[customerNumber + 1])]
  }

  /// The indices of the orders of a customer, oldest first, purchases or not.
  ///
  /// - Parameter customerID: A customer id.
  /// - Returns: The order indices (positions in the log); empty if the id is unknown.
  /// - Complexity: O(*k*), where *k* is the number of the customer's orders.
  public func orderIndices(ofCustomer customerID: String) -> [Int] {
    guard let number = customerNumber(of: customerID) else { return [] }
    return orderIndices(ofCustomerNumber: number).map { Int($0) }
  }

  /// The orders of a customer, oldest first, purchases or not.
  ///
  /// - Parameter customerID: A customer id.
  /// - Returns: The customer's orders; empty if the id is unknown.
  /// - Complexity: O(*k*), where *k* is the number of the customer's orders and lines.
  public func orders(ofCustomer customerID: String) -> [Order] {
    guard let number = customerNumber(of: customerID) else { return [] }
    return orderIndices(ofCustomerNumber: number).map { self[Int($0)] }
  }

  /// The index of the order with an id, if any.
  ///
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public func orderIndex(ofOrderID orderID: String) -> Int? {
    orderIDs.firstIndex(of: orderID)
  }

  /// The range of order indices placed in a date interval (`start` included, `end` excluded).
  ///
  /// - Parameter interval: The interval of placement times.
  /// - Complexity: O(log *n*), where *n* is the number of orders.
  public func orderIndices(placedIn interval: Range<Date>) -> Range<Int> {
    let lower = firstOrderIndex(notBefore: interval.lowerBound.timeIntervalSince1970)
    let upper = firstOrderIndex(notBefore: interval.upperBound.timeIntervalSince1970)
    return lower..<Swift.max(lower, upper)
  }

  /// The orders placed in a date interval (`start` included, `end` excluded), oldest first.
  ///
  /// - Complexity: O(log *n* + *k*), where *k* is the number of orders in the interval.
  public func orders(placedIn interval: Range<Date>) -> [Order] {
    orderIndices(placedIn: interval).map { self[$0] }
  }

  private func firstOrderIndex(notBefore time: Double) -> Int {
    var low = 0, high = orderTimes.count
    while low < high {
      let mid = (low + high) / 2
      if orderTimes[mid] < time { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The net revenue of the purchases, in ``currency``, optionally within a date interval.
  ///
  /// - Parameter interval: The interval of placement times, or `nil` for all orders.
  /// - Complexity: O(*k*), where *k* is the number of orders in the interval.
  public func revenue(placedIn interval: Range<Date>? = nil) -> Double {
    let range = interval.map { orderIndices(placedIn: $0) } ?? 0..<orderCount
    var total = 0.0
    for index in range where orderIsPurchase[index] { total += orderNetAmounts[index] }
    return total
  }

  /// The number of orders that are purchases.
  ///
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public var purchaseCount: Int {
    orderIsPurchase.reduce(0) { $0 + ($1 ? 1 : 0) }
  }

  /// The time of the oldest order, or `nil` for an empty log.
  public var firstOrderDate: Date? {
    orderTimes.first.map(Date.init(timeIntervalSince1970:))
  }

  /// The time of the newest order, or `nil` for an empty log.
  public var lastOrderDate: Date? {
    orderTimes.last.map(Date.init(timeIntervalSince1970:))
  }
}
