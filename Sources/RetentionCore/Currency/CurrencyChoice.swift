import Foundation

/// Which currency an import keeps, and what becomes of orders in other currencies.
///
/// An ``OrderLog`` holds its amounts in one currency: adding euros to dollars gives no figure
/// anyone can use. By default (``single``) an input whose orders come in more than one currency
/// is refused with one error that lists each currency with its number of orders. Choose one with
/// ``only(_:)``: orders in that currency are kept and every other order is rejected into the
/// ``ImportReport`` with its reason. Or convert with ``converted(to:using:)``: every order is
/// converted at the rate of its currency on its day, and an order whose rate is missing is
/// rejected with its reason (never converted at a guessed rate).
///
/// ```swift
/// let kept = try OrderLog(contentsOf: url, format: .shopify, options: ImportOptions(currency: .only("EUR")))
///
/// var rates = ExchangeRates(target: "EUR")
/// try rates.setRate(0.92, for: "USD", on: "2024-03-01")
/// let converted = try OrderLog(
///   contentsOf: url, format: .shopify, options: ImportOptions(currency: .converted(to: "EUR", using: rates)))
/// ```
///
/// Orders that name no currency (files without a currency column, orders built without one) are
/// taken to be in the log's currency. Currency codes are compared in upper case, so `eur` and
/// `EUR` are one currency.
public struct CurrencyChoice: Sendable, CustomStringConvertible {
  enum Kind: Sendable {
    case single
    case only(String)
    case converted(String, any CurrencyConverter)
  }

  let kind: Kind

  /// The input's one currency; an input with orders in more than one currency is refused
  /// (`RetentionCoreError` code `.mixedCurrency`, listing each currency with its order count).
  public static let single = CurrencyChoice(kind: .single)

  /// Keeps the orders in one currency and rejects every other order with its reason.
  ///
  /// - Parameter code: The ISO 4217 code of the currency to keep, such as `EUR`.
  /// - Returns: The choice.
  public static func only(_ code: String) -> CurrencyChoice {
    CurrencyChoice(kind: .only(normalizedCurrencyCode(code)))
  }

  /// Converts every order into one currency at the rate of its currency on its day.
  ///
  /// An order already in `code`, or in no named currency, is kept as it is. An order whose rate
  /// the converter does not know (`nil`, or not a finite positive number) is rejected with its
  /// currency and date.
  ///
  /// - Parameters:
  ///   - code: The ISO 4217 code of the currency of the log, such as `EUR`.
  ///   - converter: The exchange rates, supplied by the caller (for example ``ExchangeRates``).
  /// - Returns: The choice.
  public static func converted(to code: String, using converter: some CurrencyConverter) -> CurrencyChoice {
    CurrencyChoice(kind: .converted(normalizedCurrencyCode(code), converter))
  }

  /// The chosen currency (for ``only(_:)`` and ``converted(to:using:)``), or `nil` for ``single``.
  public var currency: String? {
    switch kind {
    case .single: nil
    case .only(let code), .converted(let code, _): code
    }
  }

  /// `single`, `only EUR` or `converted to EUR`.
  public var description: String {
    switch kind {
    case .single: "single"
    case .only(let code): "only \(code)"
    case .converted(let code, _): "converted to \(code)"
    }
  }
}

/// A currency code trimmed and in upper case.
func normalizedCurrencyCode(_ code: String) -> String {
  code.trimmingCharacters(in: .whitespaces).uppercased()
}

/// Whether a code has the shape of an ISO 4217 code: three ASCII letters.
func isCurrencyCode(_ code: String) -> Bool {
  code.utf8.count == 3 && code.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
}
