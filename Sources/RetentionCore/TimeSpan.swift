/// A length of time in days or weeks: the typed horizon of every model question.
///
/// Every API that asks "within how long?" or "for how long?" takes a `TimeSpan`, so the unit is
/// written where the number is, and a model converts it to its own ``TimeUnit`` once, at the
/// call:
///
/// ```swift
/// model.expectedPurchases(within: .weeks(39))        // the same number on a weekly model ...
/// model.expectedPurchases(within: .days(273))        // ... as this
/// model.probabilityOfSecondPurchase(within: .days(30), age: .weeks(3))
/// ```
///
/// A span keeps the unit it was written in. Asked for in that unit it returns its value
/// unchanged, bit for bit (`.weeks(39)` on a weekly model is exactly 39 periods); asked for in
/// the other unit it converts with the calendar convention of ``TimeUnit``: one week is seven
/// days. Months are not a unit of a span: where an API counts months (lifetime value) it says so
/// in its label and states the length of a month.
///
/// Equality compares the value and the unit as written: `.days(7)` and `.weeks(1)` are the same
/// length (``days`` is 7 for both) but not equal values.
public struct TimeSpan: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The length, in ``unit``; non-negative and finite.
  public let value: Double
  /// The unit the length was written in.
  public let unit: TimeUnit

  /// Creates a span of `value` periods of `unit`.
  ///
  /// ```swift
  /// let holdout = TimeSpan(39, unit: summaries.options.unit)
  /// ```
  ///
  /// - Parameters:
  ///   - value: The length, `>= 0` and finite.
  ///   - unit: The unit of `value`.
  /// - Precondition: `value` is non-negative and finite (a span is a length, never a date).
  public init(_ value: Double, unit: TimeUnit) {
    precondition(value >= 0 && value.isFinite, "a time span must be non-negative and finite")
    self.value = value
    self.unit = unit
  }

  /// A span of `value` calendar days.
  ///
  /// - Parameter value: The number of days, `>= 0` and finite.
  /// - Returns: The span.
  public static func days(_ value: Double) -> TimeSpan {
    TimeSpan(value, unit: .days)
  }

  /// A span of `value` weeks of seven days.
  ///
  /// - Parameter value: The number of weeks, `>= 0` and finite.
  /// - Returns: The span.
  public static func weeks(_ value: Double) -> TimeSpan {
    TimeSpan(value, unit: .weeks)
  }

  /// The length in days (a week is seven days).
  public var days: Double { periods(in: .days) }

  /// The length in periods of `unit`: the value itself when `unit` is the span's own unit,
  /// otherwise the value converted at seven days per week.
  ///
  /// ```swift
  /// TimeSpan.days(30).periods(in: .weeks)   // 30 / 7 = 4.2857...
  /// TimeSpan.weeks(39).periods(in: .weeks)  // 39, unchanged
  /// ```
  ///
  /// - Parameter unit: The unit to express the span in.
  /// - Returns: The number of periods of `unit`.
  public func periods(in unit: TimeUnit) -> Double {
    self.unit.converting(value, to: unit)
  }

  /// The same length written in another unit.
  ///
  /// - Parameter unit: The unit to express the span in.
  /// - Returns: A span in `unit` (the span itself when the unit is its own).
  public func converted(to unit: TimeUnit) -> TimeSpan {
    unit == self.unit ? self : TimeSpan(periods(in: unit), unit: unit)
  }

  /// The length with its unit, such as `30 days` or `4.5 weeks`.
  public var description: String {
    let number = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    return "\(number) \(unit.rawValue)"
  }

  private enum CodingKeys: String, CodingKey {
    case value, unit
  }

  /// Decodes `{"value": 39, "unit": "weeks"}`.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` when a field is missing, the unit is not `days` or `weeks`, or the
  ///   value is negative or not finite.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let value = try container.decode(Double.self, forKey: .value)
    guard value >= 0, value.isFinite else {
      throw DecodingError.dataCorruptedError(
        forKey: .value, in: container, debugDescription: "a time span must be non-negative and finite, found \(value)")
    }
    self.init(value, unit: try container.decode(TimeUnit.self, forKey: .unit))
  }
}
