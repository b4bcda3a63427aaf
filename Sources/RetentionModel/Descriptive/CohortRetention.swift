public import Foundation

/// Cohort retention: for customers grouped by the calendar month of their first purchase, the
/// share who purchased again in each later month.
///
/// Row m, column k is the share of the customers acquired in month m with at least one
/// purchase in month m + k; column 0 is 1 by construction. Only months up to the observation
/// end appear (a triangle).
///
/// ```swift
/// let table = log.cohortRetention(through: end)
/// for cohort in table.cohorts { print(cohort.month, cohort.customers, cohort.retention) }
/// ```
public struct CohortRetention: Sendable, Hashable, Codable {
  /// One acquisition month.
  public struct Cohort: Sendable, Hashable, Codable {
    /// The acquisition month, `yyyy-MM`.
    public var month: String
    /// The customers whose first purchase fell in the month.
    public var customers: Int
    /// Per month since acquisition (0, 1, ...): the customers of the cohort with a purchase in
    /// that month.
    public var activeCustomers: [Int]
    /// Per month since acquisition: ``activeCustomers`` over ``customers``, in `0...1`.
    public var retention: [Double]
  }

  /// The cohorts, oldest first.
  public var cohorts: [Cohort]
  /// The last month observed, `yyyy-MM`.
  public var lastMonth: String
}

extension OrderLog {
  /// Cohort retention by acquisition month and months since acquisition.
  ///
  /// - Parameters:
  ///   - end: The observation end (its calendar day included); purchases after it are ignored.
  ///   - clock: The calendar of the months; UTC by default.
  /// - Returns: One cohort per month with new customers, each with its retention row.
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public func cohortRetention(through end: Date, clock: DayClock = DayClock()) -> CohortRetention {
    let lastDay = clock.day(of: end)
    let lastMonth = PurchaseDays.monthIndex(ofDay: lastDay)
    var cohortSizes: [Int: Int] = [:]
    var active: [Int: [Int]] = [:]
    for customer in 0..<customerCount {
      let days = PurchaseDays.days(of: customer, in: self, clock: clock, through: lastDay)
      guard let first = days.first else { continue }
      let acquisition = PurchaseDays.monthIndex(ofDay: first)
      cohortSizes[acquisition, default: 0] += 1
      var row = active[acquisition] ?? [Int](repeating: 0, count: lastMonth - acquisition + 1)
      var previousOffset = -1
      for day in days {
        let offset = PurchaseDays.monthIndex(ofDay: day) - acquisition
        if offset != previousOffset {
          row[offset] += 1
          previousOffset = offset
        }
      }
      active[acquisition] = row
    }
    let cohorts = cohortSizes.keys.sorted().map { month -> CohortRetention.Cohort in
      let size = cohortSizes[month] ?? 0
      let row = active[month] ?? []
      return CohortRetention.Cohort(
        month: PurchaseDays.label(ofMonth: month), customers: size, activeCustomers: row,
        retention: row.map { Double($0) / Double(size) })
    }
    return CohortRetention(cohorts: cohorts, lastMonth: PurchaseDays.label(ofMonth: lastMonth))
  }
}
