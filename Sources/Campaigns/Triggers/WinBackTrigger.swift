public import Foundation
import Recommendations

/// Finds lapsing customers for the win-back flow
/// (``Flow/winBack(multiples:singlePurchaseDays:incentives:channel:productCount:controlShare:)``),
/// with a due time per step.
///
/// A person's usual gap is the median of the days between their purchase days (in ``clock``;
/// several orders on one day are one purchase). The steps are due at ``multiples`` of that gap
/// after the last purchase (default 2× and 3×); for a one-time buyer (one purchase day) at
/// ``singlePurchaseDays`` (default 120 and 180 days), REFERENCES.md ("win-back at about 2 × the
/// customer's own cadence or 90-180 days"). Each step's days are clamped to ``lapseDays`` when
/// set. The entry (time: the last purchase; key: its day) carries the due times in
/// ``FlowEntry/stepTimes``; a new order makes a new last purchase, and the flow's `.ordered`
/// exit stops the old entry. Entries whose last step was due more than ``lateness`` before the
/// window, or whose first step lies after it, are left out.
///
/// ```swift
/// let trigger = WinBackTrigger(multiples: [2, 3], singlePurchaseDays: [90, 150])
/// trigger.stepDays(forPurchaseDays: [0, 30, 60])   // [60, 90]: usual gap 30 days
/// ```
public struct WinBackTrigger: CampaignTrigger {
  /// The multiples of the usual gap, one per step.
  public var multiples: [Double]
  /// The days after a one-time buyer's purchase, one per step.
  public var singlePurchaseDays: [Double]
  /// The range each step's days are clamped to, or `nil` for none.
  public var lapseDays: ClosedRange<Double>?
  /// How long after its last step an entry is still returned, in seconds.
  public var lateness: TimeInterval
  /// The calendar in which purchase days are counted.
  public var clock: DayClock

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - multiples: The multiples of the usual gap, one per step (default 2 and 3).
  ///   - singlePurchaseDays: The days for one-time buyers, one per step (default 120 and 180).
  ///   - lapseDays: The range each step's days are clamped to (default none).
  ///   - lateness: How long after the last step an entry is still returned (default 7 days).
  ///   - clock: The calendar of purchase days (UTC by default).
  public init(
    multiples: [Double] = [2, 3], singlePurchaseDays: [Double] = [120, 180], lapseDays: ClosedRange<Double>? = nil,
    lateness: TimeInterval = 7 * 86_400, clock: DayClock = DayClock()
  ) {
    precondition(multiples.count == singlePurchaseDays.count, "one multiple and one one-time-buyer lapse per step")
    precondition((multiples + singlePurchaseDays).allSatisfy { $0 > 0 && $0.isFinite }, "lapses are positive")
    precondition(lateness >= 0, "the lateness must not be negative")
    self.multiples = multiples
    self.singlePurchaseDays = singlePurchaseDays
    self.lapseDays = lapseDays
    self.lateness = lateness
    self.clock = clock
  }

  /// `win-back`.
  public var name: String { "win-back" }

  /// The median of the gaps between consecutive purchase days, or `nil` for fewer than two.
  ///
  /// - Parameter days: Distinct purchase day numbers, ascending.
  /// - Returns: The usual gap, in days.
  /// - Complexity: O(*n* log *n*), where *n* is the number of days.
  public func usualGap(ofPurchaseDays days: [Int]) -> Double? {
    guard days.count >= 2 else { return nil }
    return percentile((1..<days.count).map { Double(days[$0] - days[$0 - 1]) }.sorted(), 0.5)
  }

  /// The days after the last purchase at which each step is due.
  ///
  /// - Parameter days: Distinct purchase day numbers, ascending (at least one).
  /// - Returns: One number of days per step.
  /// - Complexity: O(*n* log *n*), where *n* is the number of days.
  public func stepDays(forPurchaseDays days: [Int]) -> [Double] {
    let raw = usualGap(ofPurchaseDays: days).map { gap in multiples.map { $0 * gap } } ?? singlePurchaseDays
    guard let lapseDays else { return raw }
    return raw.map { Swift.min(lapseDays.upperBound, Swift.max(lapseDays.lowerBound, $0)) }
  }

  /// One entry per person with a step due in the window, or due at most ``lateness`` before it.
  ///
  /// - Parameter context: The orders, events and window.
  /// - Returns: The entries, by person.
  /// - Complexity: O(*n* log *n*), where *n* is the number of purchases.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    let earliest = context.window.lowerBound.addingTimeInterval(-lateness)
    let longestSingle = singlePurchaseDays.max() ?? 0, largestMultiple = multiples.max() ?? 0
    return context.purchasingPeople.compactMap { person, orderCustomer in
      // The usual gap is at most the days from the first purchase to the last: a person whose
      // last step would fall before the earliest even so is left out without listing purchases.
      guard let span = context.purchaseSpan(of: person, orderCustomer: orderCustomer) else { return nil }
      let spanDays = Double(clock.day(ofSeconds: span.last) - clock.day(ofSeconds: span.first))
      let longest = lapseDays?.upperBound ?? Swift.max(longestSingle, largestMultiple * spanDays)
      guard Date(timeIntervalSince1970: span.last).addingTimeInterval(longest * 86_400) >= earliest else { return nil }
      // In the planner, a person with one purchase day (the one-time buyer's steps, known
      // without listing purchases) and no step due is left out here.
      if let due = context.plannedDue, spanDays == 0 {
        let last = Date(timeIntervalSince1970: span.last)
        let days = stepDays(forPurchaseDays: [clock.day(ofSeconds: span.last)])
        guard due.hasStepDue(entryTime: last, stepTimes: days.map { last.addingTimeInterval($0 * 86_400) }) else {
          return nil
        }
      }
      let times = context.purchaseSeconds(of: person, orderCustomer: orderCustomer)
      guard let lastSeconds = times.last else { return nil }
      let last = Date(timeIntervalSince1970: lastSeconds)
      var days: [Int] = []
      for time in times {
        let day = clock.day(ofSeconds: time)
        if days.last != day { days.append(day) }
      }
      let stepDays = stepDays(forPurchaseDays: days)
      let stepTimes = stepDays.map { last.addingTimeInterval($0 * 86_400) }
      guard let first = stepTimes.min(), let final = stepTimes.max(), final >= earliest,
        first < context.window.upperBound,
        // In the planner, only entries with a step due (it drops the others; no reason is spelled out for them).
        context.plannedDue?.hasStepDue(entryTime: last, stepTimes: stepTimes) ?? true
      else { return nil }
      let steps = stepDays.map(formatted).joined(separator: ", ")
      let basis =
        usualGap(ofPurchaseDays: days).map { gap in
          "usual gap \(formatted(gap)) days (median of \(days.count - 1) gap\(days.count == 2 ? "" : "s")); steps at \(multiples.map { formatted($0) + "x" }.joined(separator: ", ")): \(steps) days"
        } ?? "one purchase day only; steps at \(steps) days"
      return FlowEntry(
        person: person, time: last, key: "last-purchase:\(clock.isoDate(of: last))",
        reason: "no purchase since \(clock.isoDate(of: last)); \(basis)", stepTimes: stepTimes)
    }
  }
}
