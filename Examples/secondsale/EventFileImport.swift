import Foundation
import Segmentation
import _CommandLineSupport

/// Imports the event file of `--events`, prints its accounting (to standard error when the
/// command prints JSON) and keys the events to the orders' people when the figures count people,
/// so that events and orders name the same people.
///
/// - Parameters:
///   - path: The event file (CSV or JSON Lines).
///   - options: The command's data options (import mode, time zone, `--json`).
///   - keyed: The orders, keyed by the command's identity.
/// - Throws: ``CommandLineError`` with the importer's message when the file cannot be read.
func loadEvents(_ path: String, options: DataOptions, keyed: IdentityKeyedLog) throws -> EventLog {
  let url = URL(fileURLWithPath: path)
  let imported: EventLog
  do {
    imported = try EventLog(contentsOf: url, options: ImportOptions(mode: options.mode, timeZone: options.timeZone))
  } catch {
    throw CommandLineError(readFailureMessage(error, file: url))
  }
  let accounting = imported.report.accountingLines(source: url.lastPathComponent).joined(separator: "\n")
  if options.json { printError(accounting) } else { print(accounting) }
  return keyed.identity == .people ? imported.keyed(by: keyed.resolution, orders: keyed.imported) : imported
}
