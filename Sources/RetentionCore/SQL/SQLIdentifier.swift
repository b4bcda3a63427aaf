import Foundation

/// A validated SQL identifier (a table or column name), possibly qualified (`schema.table`).
///
/// Each part is kept as written and quoted when the query is rendered, so a name may contain
/// spaces, dots, quotes or keywords and still cannot change the query's meaning:
///
/// ```swift
/// let table = try SQLIdentifier(qualified: "analytics.orders")     // "analytics"."orders"
/// let column = try SQLIdentifier("customer id")                      // "customer id"
/// try column.quoted(for: .postgreSQL)                                 // "\"customer id\""
/// ```
///
/// Validation is strict where quoting cannot be: a part must be non-empty and free of control
/// characters (NUL, newlines, ...) in every dialect; PostgreSQL limits a part to 63 bytes (it
/// would silently truncate longer names); BigQuery quoted identifiers interpret backslash escapes,
/// so backslashes and backticks are rejected there.
public struct SQLIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The parts of the name, outermost first (`["analytics", "orders"]`).
  public let parts: [String]

  /// Creates a one-part identifier (a column or an unqualified table name).
  ///
  /// - Parameter name: The name exactly as in the database; dots are part of the name.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an empty name or one with control
  ///   characters.
  public init(_ name: String) throws {
    try self.init(parts: [name])
  }

  /// Creates an identifier from its parts.
  ///
  /// - Parameter parts: One to three parts, outermost first (`["project", "dataset", "table"]`).
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for no parts, more than three, an
  ///   empty part or a part with control characters.
  public init(parts: [String]) throws {
    guard (1...3).contains(parts.count) else {
      throw RetentionCoreError(
        .invalidArgument, field: "identifier",
        reason: "an identifier has one to three parts, found \(parts.count): \(parts)")
    }
    for part in parts {
      guard !part.isEmpty else {
        throw RetentionCoreError(
          .invalidArgument, field: "identifier", reason: "an identifier part is empty in \(parts)")
      }
      if let bad = part.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
        throw RetentionCoreError(
          .invalidArgument, field: "identifier",
          reason:
            "the identifier \(part.debugDescription) contains the control character U+\(String(bad.value, radix: 16, uppercase: true))"
        )
      }
    }
    self.parts = parts
  }

  /// Creates an identifier from dot-separated text such as `analytics.orders`.
  ///
  /// - Parameter text: One to three dot-separated parts; use ``init(parts:)`` for names that
  ///   contain dots.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) as for ``init(parts:)``.
  public init(qualified text: String) throws {
    try self.init(parts: text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
  }

  /// The parts joined by dots, unquoted.
  public var description: String { parts.joined(separator: ".") }

  /// The identifier quoted for a dialect: every part quoted, parts joined by dots.
  ///
  /// PostgreSQL: each part in double quotes, inner double quotes doubled; Spark: each part in
  /// backquotes, inner backquotes doubled; BigQuery: each part in backquotes.
  ///
  /// - Parameter dialect: The dialect.
  /// - Returns: The quoted text.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for a part the dialect cannot quote
  ///   safely: over 63 bytes in PostgreSQL, with a backtick or backslash in BigQuery.
  public func quoted(for dialect: SQLDialect) throws -> String {
    try parts.map { part in
      switch dialect {
      case .postgreSQL:
        guard part.utf8.count <= 63 else {
          throw RetentionCoreError(
            .invalidArgument, field: "identifier",
            reason: "PostgreSQL identifiers are at most 63 bytes; \(part.debugDescription) has \(part.utf8.count)")
        }
        return "\"" + part.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      case .spark:
        return "`" + part.replacingOccurrences(of: "`", with: "``") + "`"
      case .bigQuery:
        guard !part.contains("`"), !part.contains("\\") else {
          throw RetentionCoreError(
            .invalidArgument, field: "identifier",
            reason:
              "BigQuery identifiers cannot be quoted safely with a backtick or backslash: \(part.debugDescription)")
        }
        return "`" + part + "`"
      }
    }.joined(separator: ".")
  }
}
