public import Foundation

/// Writes CSV that is safe to open in a spreadsheet: RFC 4180 quoting, and text that would run as
/// a formula neutralised.
///
/// Every CSV file the SDK and its example programs write (segment exports, campaign files,
/// replenishment reminders) goes through this writer. It does two things:
///
/// - **RFC 4180.** A field that contains a comma, a double quote, a line feed or a carriage return
///   is enclosed in double quotes, with each quote inside doubled; records end with CRLF; every
///   record has as many fields as the header. A record of one empty field is written as `""` so
///   that it is not read as a blank line.
/// - **No formula injection.** Anyone can place an order under any name, and a name such as
///   `=HYPERLINK("http://...","x")` would be a live formula in Excel, LibreOffice or Google
///   Sheets. A *text* cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
///   prefixed with a single quote (`'`), as the OWASP guidance on CSV injection recommends; the
///   spreadsheet then shows the text instead of evaluating it. Cells the writer formats from
///   numbers (``CSVCell/integer(_:)``, ``CSVCell/number(_:fractionDigits:)``) are known to be
///   numbers and are written unchanged, so `-3.5` stays a number while the text `"-3.5"` or
///   `"-cmd"` from a customer becomes `'-3.5` and `'-cmd`.
///
/// ```swift
/// var writer = CSVWriter(header: ["id", "name", "orders", "revenue"])
/// writer.append([.text(id), .text(name), .integer(orders), .number(revenue, fractionDigits: 2)])
/// try writer.write(to: URL(fileURLWithPath: "members.csv"))
/// ```
///
/// Reading a file back with ``CSVReader`` gives every field exactly as written, so a neutralised
/// text field reads back with its leading `'`. The output has no byte-order mark.
public struct CSVWriter: Sendable {
  /// The number of fields of every record (the header's).
  public let columnCount: Int
  /// The CSV text written so far, header included, each record ending with CRLF.
  public private(set) var text: String
  /// The number of records appended after the header.
  public private(set) var rowCount = 0

  /// Creates a writer whose first record is the header.
  ///
  /// The header's names are text cells: they are quoted and neutralised like any text.
  ///
  /// - Parameter header: The column names; at least one.
  /// - Precondition: `header` is not empty.
  /// - Complexity: O(*n*), where *n* is the total length of the names.
  public init(header: [String]) {
    precondition(!header.isEmpty, "a CSV header needs at least one column")
    columnCount = header.count
    text = ""
    appendRecord(header.map(CSVCell.text))
  }

  /// Appends one record.
  ///
  /// - Parameter row: The fields, as many as the header has.
  /// - Precondition: `row.count == columnCount`.
  /// - Complexity: O(*n*), where *n* is the total length of the fields.
  public mutating func append(_ row: [CSVCell]) {
    precondition(
      row.count == columnCount, "a CSV record has \(row.count) fields but the header has \(columnCount)")
    appendRecord(row)
    rowCount += 1
  }

  private mutating func appendRecord(_ row: [CSVCell]) {
    let fields = row.map(Self.field)
    // One empty field alone would be a blank line, which readers skip.
    text += fields == [""] ? "\"\"" : fields.joined(separator: ",")
    text += "\r\n"
  }

  /// The text as UTF-8 bytes.
  ///
  /// - Complexity: O(*n*), where *n* is the length of the text.
  public var data: Data { Data(text.utf8) }

  /// Writes the text to a file, replacing it atomically.
  ///
  /// - Parameter url: A file URL.
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) naming the file if it cannot be written.
  /// - Complexity: O(*n*), where *n* is the length of the text.
  public func write(to url: URL) throws {
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw RetentionCoreError(.ioFailure, reason: "cannot write \(url.path): \(error.localizedDescription)")
    }
  }

  /// One cell as a CSV field: formatted, neutralised if it is text, and quoted if RFC 4180
  /// requires it.
  static func field(_ cell: CSVCell) -> String {
    let (text, isNumber) = cell.formatted
    return quoted(isNumber ? text : neutralised(text))
  }

  /// Text that a spreadsheet will not run as a formula: prefixed with `'` when its first
  /// character is `=`, `+`, `-`, `@`, a tab or a carriage return, and unchanged otherwise.
  ///
  /// ```swift
  /// CSVWriter.neutralised("=HYPERLINK(\"http://x\",\"y\")")   // '=HYPERLINK("http://x","y")
  /// CSVWriter.neutralised("Ann")                              // Ann
  /// ```
  ///
  /// - Parameter text: Text from any source.
  /// - Returns: The text, prefixed if needed.
  /// - Complexity: O(*n*), where *n* is the length of the text.
  public static func neutralised(_ text: String) -> String {
    // The first Unicode scalar, not the first Character: "\r\n" is one Character.
    guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else { return text }
    return "'" + text
  }

  /// A field quoted as RFC 4180 requires: enclosed in double quotes, inner quotes doubled, when it
  /// contains a comma, a double quote, a line feed or a carriage return; unchanged otherwise.
  private static func quoted(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { quotingTriggers.contains($0) }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
  private static let quotingTriggers: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
}
