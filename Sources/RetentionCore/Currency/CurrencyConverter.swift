public import Foundation

/// Exchange rates an import uses to bring orders in several currencies into one.
///
/// The caller supplies the rates: the SDK never fetches or guesses them. A rate is the value of
/// one unit of a currency in the target currency at a given time (0.92 converts 1 USD to
/// 0.92 EUR); every amount of an order (its total, its line prices, its refunds) is multiplied by
/// it. Return `nil` when the rate is not known: the order is then rejected with its reason.
///
/// ```swift
/// struct FixedRates: CurrencyConverter {
///   func rate(from currency: String, to target: String, at date: Date) -> Double? {
///     currency == "USD" && target == "EUR" ? 0.92 : nil
///   }
/// }
/// let options = ImportOptions(currency: .converted(to: "EUR", using: FixedRates()))
/// ```
///
/// ``ExchangeRates`` is a table of daily rates that conforms.
public protocol CurrencyConverter: Sendable {
  /// The value of one unit of `currency` in `target` at `date`, or `nil` when it is not known.
  ///
  /// - Parameters:
  ///   - currency: The ISO 4217 code of the order's currency, in upper case.
  ///   - target: The ISO 4217 code of the log's currency, in upper case.
  ///   - date: When the order was placed.
  /// - Returns: A finite positive rate, or `nil`.
  func rate(from currency: String, to target: String, at date: Date) -> Double?
}
