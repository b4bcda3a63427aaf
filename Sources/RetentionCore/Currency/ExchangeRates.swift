public import Foundation

/// A table of daily exchange rates into one target currency, supplied by the caller.
///
/// Each rate holds for one calendar day (in the table's ``clock``) and one currency; a day
/// without a rate has no rate, so an order on that day is rejected rather than converted at a
/// neighbouring day's rate.
///
/// ```swift
/// var rates = ExchangeRates(target: "EUR")
/// try rates.setRate(0.92, for: "USD", on: "2024-03-01")
/// try rates.setRate(1.17, for: "GBP", on: "2024-03-01")
/// let options = ImportOptions(currency: .converted(to: "EUR", using: rates))
/// ```
public struct ExchangeRates: CurrencyConverter, Sendable, Hashable {
  /// The ISO 4217 code of the currency the rates convert into, in upper case.
  public let target: String
  /// The calendar whose days the rates belong to (UTC by default).
  public let clock: DayClock
  private var rates: [String: [Int: Double]] = [:]

  /// Creates an empty table.
  ///
  /// - Parameters:
  ///   - target: The ISO 4217 code of the currency the rates convert into.
  ///   - clock: The calendar whose days the rates belong to; UTC by default.
  public init(target: String, clock: DayClock = DayClock()) {
    self.target = normalizedCurrencyCode(target)
    self.clock = clock
  }

  /// The number of (currency, day) rates in the table.
  ///
  /// - Complexity: O(*c*), where *c* is the number of currencies.
  public var count: Int { rates.values.reduce(0) { $0 + $1.count } }

  /// Sets the rate of a currency on a day, replacing an earlier one.
  ///
  /// - Parameters:
  ///   - rate: The value of one unit of `currency` in ``target``: finite and positive.
  ///   - currency: The ISO 4217 code of the currency (three letters, any case).
  ///   - day: The calendar day, `yyyy-MM-dd`.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for a code that is not three letters,
  ///   a day that is not a valid `yyyy-MM-dd` date, or a rate that is not finite and positive.
  public mutating func setRate(_ rate: Double, for currency: String, on day: String) throws {
    let code = normalizedCurrencyCode(currency)
    guard isCurrencyCode(code) else {
      throw RetentionCoreError(
        .invalidArgument, field: "currency", reason: "not an ISO 4217 currency code: \(RetentionCoreError.quoted(currency, limit: 40))")
    }
    guard rate.isFinite, rate > 0 else {
      throw RetentionCoreError(
        .invalidArgument, field: "rate", reason: "the rate \(rate) of \(code) on \(day) is not finite and positive")
    }
    let seconds =
      day.utf8.count == 10
      ? DateFormat.iso8601.seconds(day, utcOffset: 0) : nil
    guard let seconds else {
      throw RetentionCoreError(.invalidArgument, field: "day", reason: "not a yyyy-MM-dd day: \(RetentionCoreError.quoted(day, limit: 40))")
    }
    rates[code, default: [:]][Int((seconds / 86_400).rounded(.down))] = rate
  }

  /// The rate of a currency on the day of `date` in ``clock``; 1 for ``target`` itself; `nil`
  /// for another target or a day without a rate.
  ///
  /// - Parameters:
  ///   - currency: The ISO 4217 code of the currency to convert from.
  ///   - target: The currency to convert into; rates exist only for ``target``.
  ///   - date: The instant whose calendar day is looked up.
  /// - Returns: The rate, or `nil`.
  public func rate(from currency: String, to target: String, at date: Date) -> Double? {
    let from = normalizedCurrencyCode(currency), to = normalizedCurrencyCode(target)
    guard to == self.target else { return nil }
    if from == to { return 1 }
    return rates[from]?[clock.day(of: date)]
  }
}
