public import Foundation

/// The repeat ladder: of the customers who placed k orders, the share who placed a (k+1)-th,
/// for k = 1, 2, ..., 10.
///
/// In a typical shop only about 20 % of first-time buyers come back (k = 1), and the chance of
/// a further order roughly doubles once a customer has ordered twice; the ladder shows where a
/// shop's customers drop off.
///
/// ```swift
/// let ladder = log.repeatLadder()
/// print(ladder.steps[0].probability)   // P(2nd order | 1st order)
/// ```
public struct RepeatLadder: Sendable, Hashable, Codable {
  /// One rung: customers with at least k orders and those of them with at least k + 1.
  public struct Step: Sendable, Hashable, Codable {
    /// k, the number of orders reached.
    public var orders: Int
    /// The customers with at least k orders.
    public var customers: Int
    /// The customers with at least k + 1 orders.
    public var continuing: Int
    /// P(k+1 orders | k orders) = continuing / customers, or 0 when no customer reached k.
    public var probability: Double
  }

  /// The rungs k = 1 ... `maximumOrders`.
  public var steps: [Step]
  /// The customers counted (with at least one purchase).
  public var customers: Int
  /// Whether orders on the same calendar day counted as one.
  public var mergesSameDayOrders: Bool
}

extension OrderLog {
  /// The repeat ladder P(k+1 orders | k orders) for k = 1 ... `maximumOrders`, with counts.
  ///
  /// Only purchases count (cancelled, voided and fully refunded orders do not); guests are not
  /// customers. Recently acquired customers have had less time to order again; pass
  /// `acquiredBefore` to count only customers whose first purchase is older.
  ///
  /// - Parameters:
  ///   - maximumOrders: The highest k; 10 by default.
  ///   - end: Ignore purchases after this instant's day; `nil` (the default) for all.
  ///   - acquiredBefore: Count only customers whose first purchase day is before this instant's
  ///     day; `nil` (the default) for all.
  ///   - mergesSameDayOrders: Whether orders of one customer on one day count once; `false` by
  ///     default.
  ///   - clock: The calendar of the days; UTC by default.
  /// - Returns: The ladder.
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public func repeatLadder(
    maximumOrders: Int = 10, through end: Date? = nil, acquiredBefore: Date? = nil,
    mergesSameDayOrders: Bool = false, clock: DayClock = DayClock()
  ) -> RepeatLadder {
    precondition(maximumOrders >= 1, "the ladder needs at least one rung")
    let lastDay = end.map { clock.day(of: $0) } ?? Int.max
    let cutoff = acquiredBefore.map { clock.day(of: $0) } ?? Int.max
    var reached = [Int](repeating: 0, count: maximumOrders + 2)
    var customers = 0
    for customer in 0..<customerCount {
      let days =
        mergesSameDayOrders
        ? PurchaseDays.days(of: customer, in: self, clock: clock, through: lastDay)
        : PurchaseDays.orderDays(of: customer, in: self, clock: clock, through: lastDay)
      guard let first = days.first, first < cutoff else { continue }
      customers += 1
      let count = Swift.min(days.count, maximumOrders + 1)
      for k in 1...count { reached[k] += 1 }
    }
    let steps = (1...maximumOrders).map { k in
      RepeatLadder.Step(
        orders: k, customers: reached[k], continuing: reached[k + 1],
        probability: reached[k] > 0 ? Double(reached[k + 1]) / Double(reached[k]) : 0)
    }
    return RepeatLadder(steps: steps, customers: customers, mergesSameDayOrders: mergesSameDayOrders)
  }
}
