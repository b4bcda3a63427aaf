public import Foundation

/// The unit in which buy-till-you-die models measure time.
///
/// Purchase dates are first reduced to calendar days (same-day purchases merge into one
/// purchase); a span of *d* days is *d* periods in ``TimeUnit/days-enum.case`` and *d*/7 periods in ``TimeUnit/weeks``, the
/// convention of Fader, Hardie & Lee (2005) on CDNOW (customer 1: T = 272/7 = 38.86 weeks).
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
  /// One period is one calendar day.
  case days
  /// One period is seven calendar days.
  case weeks

  /// The number of days in one period.
  public var days: Double {
    switch self {
    case .days: 1
    case .weeks: 7
    }
  }

  /// Converts a number of days into periods of this unit.
  ///
  /// - Parameter days: A span in days.
  /// - Returns: The span in periods of this unit.
  @inlinable public func periods(days: Double) -> Double {
    self == .days ? days : days / 7
  }

  /// Converts a number of periods of this unit into periods of another unit.
  ///
  /// ```swift
  /// TimeUnit.days.converting(30, to: .weeks)    // 30 / 7
  /// TimeUnit.weeks.converting(39, to: .weeks)   // 39, unchanged
  /// ```
  ///
  /// Any value converts (a negative or non-finite one stays so), so that data can be converted
  /// before they are validated; ``TimeSpan`` is the checked, typed form.
  ///
  /// - Parameters:
  ///   - periods: A number of periods of this unit.
  ///   - unit: The unit to convert to.
  /// - Returns: `periods` itself when `unit` is this unit, otherwise `periods` times the ratio of
  ///   the units' lengths in days.
  public func converting(_ periods: Double, to unit: TimeUnit) -> Double {
    unit == self ? periods : periods * days / unit.days
  }
}

/// Calendar-day arithmetic in a fixed or named time zone, without `Calendar` in the hot path.
///
/// A ``DayClock`` turns instants into day numbers (days since 1970-01-01 in the given time zone),
/// which is how the summaries merge same-day purchases and measure spans.
public struct DayClock: Sendable, Hashable {
  /// The time zone whose calendar days are counted.
  public let timeZone: TimeZone
  private let fixedOffset: Int?

  /// Creates a clock for a time zone.
  ///
  /// - Parameter timeZone: The time zone whose calendar days count; UTC by default.
  public init(timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) {
    self.timeZone = timeZone
    // A zone without daylight saving transitions has one offset; skip the per-date lookup.
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    if timeZone.nextDaylightSavingTimeTransition(after: now) == nil {
      fixedOffset = timeZone.secondsFromGMT(for: now)
    } else {
      fixedOffset = nil
    }
  }

  /// The day number (days since 1970-01-01 in ``timeZone``) of an instant.
  ///
  /// - Parameter seconds: Seconds since 1970-01-01 00:00 UTC.
  /// - Returns: The local calendar day number.
  public func day(ofSeconds seconds: Double) -> Int {
    let offset = fixedOffset ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
    return Int(((seconds + Double(offset)) / 86_400).rounded(.down))
  }

  /// The day number of a date.
  ///
  /// - Parameter date: An instant.
  /// - Returns: The local calendar day number.
  public func day(of date: Date) -> Int {
    day(ofSeconds: date.timeIntervalSince1970)
  }

  /// The `yyyy-MM-dd` calendar date of an instant in ``timeZone``, without a date formatter.
  ///
  /// ```swift
  /// DayClock().isoDate(of: Date(timeIntervalSince1970: 0))   // "1970-01-01"
  /// ```
  ///
  /// - Parameter date: An instant.
  /// - Returns: The local calendar date, proleptic Gregorian.
  public func isoDate(of date: Date) -> String {
    isoDay(day(of: date))
  }

  /// The first instant of a day number in ``timeZone``.
  ///
  /// - Parameter day: A day number.
  /// - Returns: The instant at which the day starts.
  public func startOfDay(_ day: Int) -> Date {
    let utc = Double(day) * 86_400
    let offset = fixedOffset ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utc))
    return Date(timeIntervalSince1970: utc - Double(offset))
  }
}
