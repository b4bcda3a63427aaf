import Foundation
import _RetentionSupport

/// Settings shared by the importers.
struct ImportContext {
  let mode: ImportMode
  let timeZone: TimeZone
  let currency: CurrencyChoice
  let utcOffset: Int
  let maximumRecordLength: Int
  /// Whether the zone observes daylight saving time (asked once: the question is slow).
  private let hasDaylightSaving: Bool

  init(
    mode: ImportMode, timeZone: TimeZone, currency: CurrencyChoice = .single,
    maximumRecordLength: Int = CSVReader.defaultMaximumRecordLength
  ) {
    self.mode = mode
    self.timeZone = timeZone
    self.currency = currency
    self.maximumRecordLength = maximumRecordLength
    utcOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
    hasDaylightSaving =
      timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_700_000_000)) != nil
  }

  init(_ options: ImportOptions) {
    self.init(
      mode: options.mode, timeZone: options.timeZone, currency: options.currency,
      maximumRecordLength: options.maximumRecordLength)
  }

  /// The offset to apply to a local time; exact for zones without daylight saving, and
  /// corrected per instant for zones with it.
  func seconds(_ bytes: ByteView, format: DateFormat) -> Double? {
    guard let value = format.seconds(bytes, utcOffset: utcOffset) else { return nil }
    guard hasDaylightSaving else { return value }
    // Re-read with the zone's offset at that instant (only differs across DST).
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: value))
    return offset == utcOffset ? value : format.seconds(bytes, utcOffset: offset)
  }
}
