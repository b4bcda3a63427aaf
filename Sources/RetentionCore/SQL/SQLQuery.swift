/// A generated SQL statement with the values it needs, ready for a database driver or a shell.
///
/// With ``ValueStyle/boundParameters`` the text refers to its values through the dialect's
/// placeholders (`$1` in PostgreSQL, `@purchase_status_1` in BigQuery, `:purchase_status_1` in
/// Spark) and ``parameters`` lists them in placeholder order; pass them to the driver's
/// parameter binding. With ``ValueStyle/inlineLiterals`` the values are written into the text as
/// quoted literals, which ``SummaryQueries`` allows only for values that pass a strict check, so
/// the text can be pasted into `psql` or a console.
///
/// ```swift
/// let query = try queries.summaryQuery()
/// print(query.text)
/// for parameter in query.parameters { print(parameter.placeholder, parameter.value) }
/// ```
public struct SQLQuery: Sendable, Hashable {
  /// How values (the purchase statuses) reach the database.
  public enum ValueStyle: String, Sendable, Hashable, CaseIterable {
    /// Placeholders in the text, values in ``SQLQuery/parameters``: any value is safe.
    case boundParameters
    /// Quoted literals in the text: only values made of letters, digits, spaces and `_ - . : / + # @`
    /// are accepted.
    case inlineLiterals
  }

  /// A value bound to a placeholder.
  public struct Parameter: Sendable, Hashable {
    /// The parameter's name (`purchase_status_1`).
    public var name: String
    /// The placeholder as it appears in the text (`$1`, `@purchase_status_1`, `:purchase_status_1`).
    public var placeholder: String
    /// The value, a string.
    public var value: String
  }

  /// The dialect of the text.
  public let dialect: SQLDialect
  /// The statement.
  public let text: String
  /// The bound values in placeholder order; empty for inline literals.
  public let parameters: [Parameter]
  /// The names of the result columns, in order.
  public let columns: [String]

  /// Checks a value for use as an inline string literal and quotes it.
  ///
  /// The check is deliberately stricter than any dialect's quoting rules (BigQuery and Spark
  /// treat backslashes in literals as escapes, PostgreSQL does not), so one rule is safe in all.
  ///
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for an empty or over-long value or
  ///   one with any other character.
  static func literal(_ value: String, field: String) throws -> String {
    let allowed: Set<Unicode.Scalar> = [" ", "_", "-", ".", ":", "/", "+", "#", "@"]
    guard !value.isEmpty, value.unicodeScalars.count <= 200,
      value.unicodeScalars.allSatisfy({
        allowed.contains($0) || $0.properties.isAlphabetic || $0.properties.numericType == .decimal
      })
    else {
      throw RetentionCoreError(
        .invalidArgument, field: field,
        reason:
          "\(value.debugDescription) cannot be written as an inline literal (letters, digits, spaces and _ - . : / + # @ only, at most 200); use bound parameters"
      )
    }
    return "'" + value + "'"
  }
}
