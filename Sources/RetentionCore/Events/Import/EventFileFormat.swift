public import Foundation

/// The layout of an event file, for ``EventLog/init(contentsOf:format:options:)``.
///
/// Both carry the same fields (see ``EventLog``): a CSV file as columns named in its header
/// (`time,customer,event,product,order,message,flow,step,channel,value`, in any order, any case;
/// only `time`, `customer` and `event` are required), a JSON Lines file as one JSON object per
/// line with those keys.
public enum EventFileFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// Comma-separated values (RFC 4180) with a header row.
  case csv
  /// JSON Lines: one JSON object per line (also called NDJSON).
  case jsonLines = "jsonl"

  /// Parses a format name as given on a command line: `csv`, or `jsonl` (`jsonlines`, `ndjson`).
  ///
  /// - Parameter name: The name, in any case.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for another name.
  public init(name: String) throws {
    switch name.trimmingCharacters(in: .whitespaces).lowercased() {
    case "csv": self = .csv
    case "jsonl", "jsonlines", "json-lines", "ndjson": self = .jsonLines
    default:
      throw RetentionCoreError(
        .invalidArgument, field: "format",
        reason: "unknown event file format \(RetentionCoreError.quoted(name, limit: 40)); use csv or jsonl")
    }
  }

  /// The format of a file name's extension: `.csv`, or `.jsonl`, `.ndjson` and `.jsonlines`
  /// (any case); `nil` for another extension.
  ///
  /// - Parameter url: The file.
  public init?(pathExtensionOf url: URL) {
    switch url.pathExtension.lowercased() {
    case "csv": self = .csv
    case "jsonl", "ndjson", "jsonlines": self = .jsonLines
    default: return nil
    }
  }
}
