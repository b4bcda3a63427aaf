public import Foundation

/// The purchases of an order log up to a day, split into those of customers and those of
/// guests, so that every figure can say which orders it includes.
///
/// Customer summaries, models and segments count customers' purchases only (a guest order has no
/// customer to attribute it to); these totals give the guest orders left out beside them.
public struct PurchaseTotals: Sendable, Hashable, Codable {
  /// Purchase orders with a customer id.
  public var customerOrders: Int
  /// Their net revenue, in the log's currency.
  public var customerRevenue: Double
  /// Purchase orders without a customer id (guest checkouts).
  public var guestOrders: Int
  /// Their net revenue, in the log's currency.
  public var guestRevenue: Double

  /// Creates totals.
  ///
  /// - Parameters:
  ///   - customerOrders: Purchase orders with a customer id.
  ///   - customerRevenue: Their net revenue.
  ///   - guestOrders: Purchase orders of guests.
  ///   - guestRevenue: Their net revenue.
  public init(customerOrders: Int, customerRevenue: Double, guestOrders: Int, guestRevenue: Double) {
    self.customerOrders = customerOrders
    self.customerRevenue = customerRevenue
    self.guestOrders = guestOrders
    self.guestRevenue = guestRevenue
  }

  /// A phrase that says which orders a figure includes: `"customers' orders only; 12 guest
  /// orders (345.60 GBP) not included"`, or `"customers' orders only"` without guest orders.
  ///
  /// - Parameter currency: The currency code to print after the guests' revenue, if known.
  /// - Returns: The phrase.
  public func inclusionNote(currency: String?) -> String {
    guard guestOrders > 0 else { return "customers' orders only" }
    let amount = String(format: "%.2f", guestRevenue) + (currency.map { " \($0)" } ?? "")
    return
      "customers' orders only; \(guestOrders) guest \(guestOrders == 1 ? "order" : "orders") (\(amount)) not included"
  }
}

extension OrderLog {
  /// The purchases up to the end of a day, of customers and of guests.
  ///
  /// Only purchases count (cancelled, voided and fully refunded orders do not); amounts are
  /// net of refunds, as in ``revenue(placedIn:)``.
  ///
  /// ```swift
  /// let totals = log.purchaseTotals(through: end)
  /// print(totals.customerRevenue, totals.inclusionNote(currency: log.currency))
  /// ```
  ///
  /// - Parameters:
  ///   - end: The last day counted (its whole calendar day), or `nil` for every order.
  ///   - clock: The calendar of `end`; UTC by default.
  /// - Returns: The totals.
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public func purchaseTotals(through end: Date? = nil, clock: DayClock = DayClock()) -> PurchaseTotals {
    let endTime = end.map { clock.startOfDay(clock.day(of: $0) + 1).timeIntervalSince1970 } ?? .infinity
    var totals = PurchaseTotals(customerOrders: 0, customerRevenue: 0, guestOrders: 0, guestRevenue: 0)
    for index in 0..<orderCount where orderIsPurchase[index] && orderTimes[index] < endTime {
      if orderCustomers[index] >= 0 {
        totals.customerOrders += 1
        totals.customerRevenue += orderNetAmounts[index]
      } else {
        totals.guestOrders += 1
        totals.guestRevenue += orderNetAmounts[index]
      }
    }
    return totals
  }
}
