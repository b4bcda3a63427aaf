public import Foundation

/// How an import treats bad rows, dates without an offset and currencies.
///
/// ```swift
/// let options = ImportOptions(mode: .lenient, timeZone: TimeZone(identifier: "Europe/Berlin")!, currency: .only("EUR"))
/// let log = try OrderLog(contentsOf: url, format: .shopify, options: options)
/// ```
public struct ImportOptions: Sendable {
  /// Reject bad rows into the ``ImportReport`` (the default) or throw at the first.
  public var mode: ImportMode
  /// The time zone of dates written without a UTC offset; UTC by default.
  ///
  /// Orders built in code carry exact instants, so ``OrderLog/init(_:options:)`` does not read it.
  public var timeZone: TimeZone
  /// Which currency the log keeps (see ``CurrencyChoice``); by default an input in more than one
  /// currency is refused.
  public var currency: CurrencyChoice

  /// Creates import options.
  ///
  /// - Parameters:
  ///   - mode: Reject bad rows into the report (default) or throw at the first.
  ///   - timeZone: The time zone of dates written without a UTC offset; UTC by default.
  ///   - currency: Which currency the log keeps; ``CurrencyChoice/single`` by default.
  public init(
    mode: ImportMode = .lenient, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, currency: CurrencyChoice = .single
  ) {
    self.mode = mode
    self.timeZone = timeZone
    self.currency = currency
  }
}
