import Foundation
public import RetentionCore
import Segmentation

extension DataOptions {
  /// Imports an event file (`--events`), prints its accounting and keys the events to the
  /// orders' people when the figures count people, so that events and orders name the same
  /// people.
  ///
  /// - Parameters:
  ///   - path: The event file (CSV or JSON Lines), read with this run's import mode and time zone.
  ///   - keyed: The orders, keyed by the run's identity.
  ///   - accounting: Where to print the accounting (``AccountingOutput/automatic``: standard
  ///     error when the run prints JSON).
  /// - Returns: The events, keyed like `keyed.log`.
  /// - Throws: ``CommandLineError`` with the importer's message when the file cannot be read.
  public func loadEvents(_ path: String, keyedTo keyed: IdentityKeyedLog, accounting: AccountingOutput = .automatic)
    throws -> EventLog
  {
    let url = URL(fileURLWithPath: path)
    let imported: EventLog
    do {
      imported = try EventLog(contentsOf: url, options: ImportOptions(mode: mode, timeZone: timeZone))
    } catch {
      throw CommandLineError(readFailureMessage(error, file: url))
    }
    let text = imported.report.accountingLines(source: url.lastPathComponent).joined(separator: "\n")
    switch accounting {
    case .standardOutput: print(text)
    case .automatic where !json: print(text)
    case .automatic, .standardError: printError(text)
    }
    return keyed.identity == .people ? imported.keyed(by: keyed.resolution, orders: keyed.imported) : imported
  }
}
