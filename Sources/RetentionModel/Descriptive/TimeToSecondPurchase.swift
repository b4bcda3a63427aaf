public import Foundation

/// The time from a customer's first purchase to their second as a Kaplan-Meier curve (Kaplan &
/// Meier 1958), with customers who have not bought again by the observation end right-censored
/// at their observed time.
///
/// A simple share of repeat buyers understates the chance of a second purchase, because recent
/// customers have not had time to return; the Kaplan-Meier estimate uses each customer only
/// for the time actually observed.
///
/// ```swift
/// let curve = log.timeToSecondPurchase(through: end)
/// print(curve.medianDays ?? -1, curve.probability(within: .days(90)))
/// ```
public struct TimeToSecondPurchase: Sendable, Hashable, Codable {
  /// One step of the curve, at a day with second purchases.
  public struct Point: Sendable, Hashable, Codable {
    /// Days after the first purchase day.
    public var days: Int
    /// The customers still without a second purchase and observed at least this long.
    public var atRisk: Int
    /// The customers who made their second purchase on this day.
    public var events: Int
    /// The estimated probability of a second purchase within `days` days, 1 - S(days).
    public var probability: Double
  }

  /// A probability of a second purchase within a fixed number of days.
  public struct Milestone: Sendable, Hashable, Codable {
    /// The number of days.
    public var days: Int
    /// The estimated probability of a second purchase within that many days.
    public var probability: Double
  }

  /// The customers counted (with a first purchase by the observation end).
  public var customers: Int
  /// The customers with an observed second purchase.
  public var secondPurchases: Int
  /// The customers censored without one.
  public var censored: Int
  /// The curve, one point per day with second purchases, in increasing days.
  public var curve: [Point]
  /// The smallest number of days by which half the customers are estimated to have bought a
  /// second time, or `nil` when the curve never reaches 0.5.
  public var medianDays: Int?
  /// The probabilities within 30, 60, 90 and 180 days.
  public var milestones: [Milestone]

  /// Creates the estimate from times to second purchase and censoring times.
  ///
  /// - Parameters:
  ///   - eventDays: The days from first to second purchase of the customers who made one.
  ///   - censoredDays: The observed days without a second purchase of the others.
  /// - Complexity: O(*n* log *n*), where *n* is the number of customers.
  public init(eventDays: [Int], censoredDays: [Int]) {
    customers = eventDays.count + censoredDays.count
    secondPurchases = eventDays.count
    censored = censoredDays.count
    let events = eventDays.sorted()
    let censoredSorted = censoredDays.sorted()
    var atRisk = customers
    var survival = 1.0
    var points: [Point] = []
    var e = 0, c = 0
    while e < events.count {
      let day = events[e]
      // Customers censored before this day leave the risk set first; those censored on the day
      // itself are still at risk (events precede censoring at ties).
      while c < censoredSorted.count && censoredSorted[c] < day {
        atRisk -= 1
        c += 1
      }
      var count = 0
      while e < events.count && events[e] == day {
        count += 1
        e += 1
      }
      survival *= 1 - Double(count) / Double(atRisk)
      points.append(Point(days: day, atRisk: atRisk, events: count, probability: 1 - survival))
      atRisk -= count
    }
    curve = points
    medianDays = points.first { $0.probability >= 0.5 }?.days
    milestones = []
    milestones = [30, 60, 90, 180].map { Milestone(days: $0, probability: probability(withinDays: $0)) }
  }

  /// The estimated probability of a second purchase within a span of the first: the curve at
  /// the last step on or before the span's last whole day (0 before the first step).
  ///
  /// ```swift
  /// curve.probability(within: .days(90))
  /// curve.probability(within: .weeks(2))   // within 14 days
  /// ```
  ///
  /// - Parameter horizon: The span after the first purchase day; a fractional day counts down to
  ///   the whole day (the curve steps by calendar days).
  /// - Returns: A probability in `0...1`.
  /// - Complexity: O(log *n*), where *n* is the number of steps.
  public func probability(within horizon: TimeSpan) -> Double {
    let days = horizon.days.rounded(.down)
    return probability(withinDays: days < Double(Int.max) ? Int(days) : Int.max)
  }

  private func probability(withinDays days: Int) -> Double {
    var low = 0, high = curve.count
    while low < high {
      let middle = (low + high) / 2
      if curve[middle].days <= days { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? 0 : curve[low - 1].probability
  }
}

extension OrderLog {
  /// The Kaplan-Meier curve of the time from first to second purchase day.
  ///
  /// Purchases on the first purchase day do not count as a second purchase (same-day orders
  /// merge, as in the summaries); a customer without a later purchase day by `end` is censored
  /// at `end` minus the first purchase day.
  ///
  /// - Parameters:
  ///   - end: The observation end (its day included); purchases after it are ignored.
  ///   - clock: The calendar of the days; UTC by default.
  /// - Returns: The curve with its median and 30/60/90/180-day probabilities.
  /// - Complexity: O(*n* + *c* log *c*), for *n* orders and *c* customers.
  public func timeToSecondPurchase(through end: Date, clock: DayClock = DayClock()) -> TimeToSecondPurchase {
    let lastDay = clock.day(of: end)
    var events: [Int] = [], censored: [Int] = []
    for customer in 0..<customerCount {
      let days = PurchaseDays.days(of: customer, in: self, clock: clock, through: lastDay)
      guard let first = days.first else { continue }
      if days.count >= 2 {
        events.append(days[1] - first)
      } else {
        censored.append(lastDay - first)
      }
    }
    return TimeToSecondPurchase(eventDays: events, censoredDays: censored)
  }
}
