public import Foundation

/// How an import reads its input: what to do with bad rows, the time zone of dates without an
/// offset, which currency the log keeps, and the longest row it accepts.
///
/// ```swift
/// var options = ImportOptions(mode: .lenient, currency: .only("EUR"))
/// options.maximumRecordLength = 4 << 20   // rows of up to 4 MiB
/// let log = try OrderLog(contentsOf: url, format: .shopify, options: options)
/// ```
public struct ImportOptions: Sendable {
  /// Reject bad rows into the report (``ImportMode/lenient``, the default) or throw at the
  /// first (``ImportMode/strict``).
  public var mode: ImportMode
  /// The time zone of dates written without a UTC offset; UTC by default.
  ///
  /// Orders built in code carry exact instants, so ``OrderLog/init(_:options:)`` does not read it.
  public var timeZone: TimeZone
  /// Which currency the log keeps (see ``CurrencyChoice``); by default an input in more than one
  /// currency is refused.
  public var currency: CurrencyChoice
  /// The longest row that is read, in bytes.
  ///
  /// A longer row is rejected without being held in memory, and a header row that long refuses
  /// the file. 1 MiB by default, which no real export row comes near. Orders built in code have
  /// no rows, so ``OrderLog/init(_:options:)`` does not read it.
  public var maximumRecordLength: Int

  /// Creates import options.
  ///
  /// - Parameters:
  ///   - mode: Reject bad rows into the report (default) or throw at the first.
  ///   - timeZone: The time zone of dates written without a UTC offset; UTC by default.
  ///   - currency: Which currency the log keeps; ``CurrencyChoice/single`` by default.
  ///   - maximumRecordLength: The longest row in bytes; 1 MiB by default. Must be positive.
  public init(
    mode: ImportMode = .lenient, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
    currency: CurrencyChoice = .single, maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) {
    precondition(maximumRecordLength > 0, "the maximum record length must be positive")
    self.mode = mode
    self.timeZone = timeZone
    self.currency = currency
    self.maximumRecordLength = maximumRecordLength
  }
}
