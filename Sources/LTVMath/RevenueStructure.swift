import Foundation
public import RetentionCore
import _RetentionSupport

/// Where a shop's revenue comes from: concentration, repeat buyers, order-value bands.
///
/// ```swift
/// let structure = RevenueStructure(log: log)
/// print(structure.topDecileShare, structure.gini, structure.repeatRevenueShare)
/// for band in structure.averageOrderValueBands { print(band.lower, band.customerShare, band.revenueShare) }
/// ```
///
/// Definitions: the top *k* % of customers are the ⌈*k* · *n*⌉ customers with the highest
/// revenue; the Gini coefficient is 2 Σᵢ i·xᵢ / (n Σ x) − (n + 1)/n over revenues sorted
/// ascending (0 = everyone equal, → 1 = one customer has everything); a repeat customer has two
/// or more purchase orders; a customer's average order value (AOV) is revenue / orders.
public struct RevenueStructure: Sendable, Hashable, Codable {
  /// One point of the Lorenz curve: the poorest `customerShare` of customers bring
  /// `revenueShare` of revenue.
  public struct LorenzPoint: Sendable, Hashable, Codable {
    /// Cumulative share of customers, ascending by revenue, in `0...1`.
    public var customerShare: Double
    /// Their cumulative share of revenue, in `0...1`.
    public var revenueShare: Double
  }

  /// Customers grouped by their number of purchase orders.
  public struct OrderCountGroup: Sendable, Hashable, Codable {
    /// The number of orders (the last group collects this many or more).
    public var orders: Int
    /// The number of customers.
    public var customers: Int
    /// Their revenue.
    public var revenue: Double
    /// Revenue per customer.
    public var revenuePerCustomer: Double
  }

  /// A band of customer average order value.
  public struct Band: Sendable, Hashable, Codable {
    /// The lower bound (included).
    public var lower: Double
    /// The upper bound (excluded; infinity for the last band).
    public var upper: Double
    /// The share of customers whose AOV is in the band.
    public var customerShare: Double
    /// Their share of revenue.
    public var revenueShare: Double
  }

  /// The number of customers.
  public var customers: Int
  /// Total revenue.
  public var revenue: Double
  /// Share of revenue of the top 10 % of customers.
  public var topDecileShare: Double
  /// Share of revenue of the top 20 % of customers.
  public var topQuintileShare: Double
  /// The Gini coefficient of revenue per customer.
  public var gini: Double
  /// The Lorenz curve at 0 %, 1 %, ..., 100 % of customers.
  public var lorenzCurve: [LorenzPoint]
  /// Share of customers with two or more orders.
  public var repeatCustomerShare: Double
  /// Their share of revenue.
  public var repeatRevenueShare: Double
  /// Customers by number of orders, 1 to 10 and 11+.
  public var orderCountGroups: [OrderCountGroup]
  /// AOV bands.
  public var averageOrderValueBands: [Band]
  /// The median of the order values given (from ``init(log:bandBoundaries:)``: the customers'
  /// purchase orders).
  public var medianOrderValue: Double
  /// The mean of the order values given (from ``init(log:bandBoundaries:)``: the customers'
  /// purchase orders).
  public var meanOrderValue: Double

  /// Computes the structure from per-customer revenue and order counts and the order values.
  ///
  /// - Parameters:
  ///   - customerRevenue: Revenue per customer.
  ///   - customerOrders: Purchase orders per customer (same length).
  ///   - orderValues: The value of every purchase order (for the median and mean).
  ///   - bandBoundaries: Increasing AOV band boundaries (for example `[30, 60, 120]` makes
  ///     `0..<30, 30..<60, 60..<120, 120...`), or `nil` for customer-AOV quintiles.
  /// - Precondition: `customerRevenue.count == customerOrders.count`.
  /// - Complexity: O(*n* log *n*) for *n* customers and orders.
  public init(customerRevenue: [Double], customerOrders: [Int], orderValues: [Double], bandBoundaries: [Double]? = nil) {
    precondition(customerRevenue.count == customerOrders.count, "one order count per customer")
    let n = customerRevenue.count
    customers = n
    let total = customerRevenue.reduce(0, +)
    revenue = total
    let ascending = RadixSort.sorted(customerRevenue)
    func topShare(_ fraction: Double) -> Double {
      guard total > 0, n > 0 else { return 0 }
      let k = Swift.min(n, Int((Double(n) * fraction - 1e-9).rounded(.up)))
      return ascending.suffix(k).reduce(0, +) / total
    }
    topDecileShare = topShare(0.1)
    topQuintileShare = topShare(0.2)
    if n > 0, total > 0 {
      var weighted = 0.0
      for (rank, value) in ascending.enumerated() { weighted += Double(rank + 1) * value }
      gini = 2 * weighted / (Double(n) * total) - Double(n + 1) / Double(n)
    } else {
      gini = 0
    }
    var cumulative = [0.0]
    cumulative.reserveCapacity(n + 1)
    for value in ascending { cumulative.append(cumulative[cumulative.count - 1] + value) }
    lorenzCurve = (0...100).map { percent in
      let k = Int((Double(n) * Double(percent) / 100).rounded(.down))
      return LorenzPoint(customerShare: Double(percent) / 100, revenueShare: total > 0 ? cumulative[k] / total : 0)
    }
    var repeaters = 0, repeatRevenue = 0.0
    var groups = (1...11).map { OrderCountGroup(orders: $0, customers: 0, revenue: 0, revenuePerCustomer: 0) }
    for index in 0..<n where customerOrders[index] > 0 {
      if customerOrders[index] >= 2 {
        repeaters += 1
        repeatRevenue += customerRevenue[index]
      }
      let group = Swift.min(customerOrders[index], 11) - 1
      groups[group].customers += 1
      groups[group].revenue += customerRevenue[index]
    }
    for index in groups.indices where groups[index].customers > 0 {
      groups[index].revenuePerCustomer = groups[index].revenue / Double(groups[index].customers)
    }
    orderCountGroups = groups
    repeatCustomerShare = n > 0 ? Double(repeaters) / Double(n) : 0
    repeatRevenueShare = total > 0 ? repeatRevenue / total : 0

    let aov = (0..<n).map { customerOrders[$0] > 0 ? customerRevenue[$0] / Double(customerOrders[$0]) : 0 }
    var boundaries = bandBoundaries ?? []
    if bandBoundaries == nil, n > 0 {
      var scratch = aov
      boundaries = orderStatistics(&scratch, ranks: (1..<5).map { Swift.min(n - 1, $0 * n / 5) })
      boundaries = boundaries.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }
    let edges = [0.0] + boundaries + [Double.infinity]
    averageOrderValueBands = (0..<(edges.count - 1)).map { band in
      var count = 0, bandRevenue = 0.0
      for index in 0..<n where aov[index] >= edges[band] && aov[index] < edges[band + 1] {
        count += 1
        bandRevenue += customerRevenue[index]
      }
      return Band(
        lower: edges[band], upper: edges[band + 1], customerShare: n > 0 ? Double(count) / Double(n) : 0,
        revenueShare: total > 0 ? bandRevenue / total : 0)
    }
    if orderValues.isEmpty {
      medianOrderValue = 0
      meanOrderValue = 0
    } else {
      var values = orderValues
      medianOrderValue = median(&values) ?? 0
      meanOrderValue = orderValues.reduce(0, +) / Double(orderValues.count)
    }
  }

  /// Computes the structure of an order log's purchases: customers' orders only, in the
  /// customer figures and the order values alike (a guest order has no customer; see
  /// `OrderLog.purchaseTotals(through:clock:)` for the guest orders left out).
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - bandBoundaries: AOV band boundaries, or `nil` for quintiles.
  /// - Complexity: O(*n* log *n*) for *n* orders.
  public init(log: OrderLog, bandBoundaries: [Double]? = nil) {
    var revenue = [Double](repeating: 0, count: log.customerCount)
    var orders = [Int](repeating: 0, count: log.customerCount)
    var values: [Double] = []
    values.reserveCapacity(log.orderCount)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderCustomers[index] >= 0 {
      let customer = Int(log.orderCustomers[index])
      values.append(log.orderNetAmounts[index])
      revenue[customer] += log.orderNetAmounts[index]
      orders[customer] += 1
    }
    let buyers = (0..<log.customerCount).filter { orders[$0] > 0 }
    self.init(
      customerRevenue: buyers.map { revenue[$0] }, customerOrders: buyers.map { orders[$0] }, orderValues: values,
      bandBoundaries: bandBoundaries)
  }
}
