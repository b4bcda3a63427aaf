public import Foundation

/// How an importer reads a file: what to do with bad rows, the time zone of dates without an
/// offset, and the longest row it accepts.
///
/// ```swift
/// var options = ImportOptions(mode: .lenient)
/// options.maximumRecordLength = 4 << 20   // rows of up to 4 MiB
/// let log = try OrderLog(contentsOf: url, format: .shopify, options: options)
/// ```
public struct ImportOptions: Sendable, Hashable {
  /// Reject bad rows into the report (``ImportMode/lenient``, the default) or throw at the
  /// first (``ImportMode/strict``).
  public var mode: ImportMode
  /// The time zone of dates written without a UTC offset; UTC by default.
  public var timeZone: TimeZone
  /// The longest row that is read, in bytes.
  ///
  /// A longer row is rejected without being held in memory, and a header row that long refuses
  /// the file. 1 MiB by default, which no real export row comes near.
  public var maximumRecordLength: Int

  /// Creates options.
  ///
  /// - Parameters:
  ///   - mode: Reject bad rows (default) or throw at the first.
  ///   - timeZone: The time zone of dates without an offset; UTC by default.
  ///   - maximumRecordLength: The longest row in bytes; 1 MiB by default. Must be positive.
  public init(
    mode: ImportMode = .lenient, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) {
    precondition(maximumRecordLength > 0, "the maximum record length must be positive")
    self.mode = mode
    self.timeZone = timeZone
    self.maximumRecordLength = maximumRecordLength
  }
}
