/// An error raised by `RetentionCore`: bad input data, with the place it was found.
///
/// Importers and the order log never trap on bad data; they throw (in strict mode) or report
/// (in lenient mode) a `RetentionCoreError` that names the row, the field and the reason:
///
/// ```swift
/// do {
///   let result = try LineItemCSVImporter(format: .onlineRetail, mode: .strict).importFile(at: url)
/// } catch let error as RetentionCoreError {
///   print(error)  // row 17, field "UnitPrice": not a number: "abc"
/// }
/// ```
public struct RetentionCoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable {
      case invalidNumber, invalidDate, missingField, negativeValue, notFinite
      case malformedCSV, wrongHeader, emptyInput, conflictingOrder, duplicateOrder
      case mixedCurrency, ioFailure, invalidArgument, notText, recordTooLong
      case invalidValue, malformedJSON
    }
    let value: Value

    /// A field that should hold a number does not.
    public static let invalidNumber = Code(value: .invalidNumber)
    /// A field that should hold a date does not, or the date is impossible.
    public static let invalidDate = Code(value: .invalidDate)
    /// A required field is empty or absent.
    public static let missingField = Code(value: .missingField)
    /// An amount or quantity that must not be negative is.
    public static let negativeValue = Code(value: .negativeValue)
    /// A number is NaN or infinite.
    public static let notFinite = Code(value: .notFinite)
    /// The CSV text is malformed (an unterminated quote, a ragged row).
    public static let malformedCSV = Code(value: .malformedCSV)
    /// The header row lacks a required column.
    public static let wrongHeader = Code(value: .wrongHeader)
    /// The input has no data.
    public static let emptyInput = Code(value: .emptyInput)
    /// Rows of the same order id disagree on order-level fields (customer, date).
    public static let conflictingOrder = Code(value: .conflictingOrder)
    /// The same order id was given twice as separate orders.
    public static let duplicateOrder = Code(value: .duplicateOrder)
    /// Orders in different currencies were mixed without a converter.
    public static let mixedCurrency = Code(value: .mixedCurrency)
    /// A file could not be read.
    public static let ioFailure = Code(value: .ioFailure)
    /// An argument (a column mapping, a date format, an option) is not valid.
    public static let invalidArgument = Code(value: .invalidArgument)
    /// The input is not text: a NUL byte (binary content) or UTF-16.
    public static let notText = Code(value: .notText)
    /// A record is longer than the import's maximum record length.
    public static let recordTooLong = Code(value: .recordTooLong)
    /// A field holds a value that is not one of those it allows (an unknown event name, a
    /// channel other than email, sms, phone and push).
    public static let invalidValue = Code(value: .invalidValue)
    /// A row of a JSON Lines file is not one JSON object of field values.
    public static let malformedJSON = Code(value: .malformedJSON)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .invalidNumber: "invalid number"
      case .invalidDate: "invalid date"
      case .missingField: "missing field"
      case .negativeValue: "negative value"
      case .notFinite: "not finite"
      case .malformedCSV: "malformed CSV"
      case .wrongHeader: "wrong header"
      case .emptyInput: "empty input"
      case .conflictingOrder: "conflicting order"
      case .duplicateOrder: "duplicate order"
      case .mixedCurrency: "mixed currency"
      case .ioFailure: "I/O failure"
      case .invalidArgument: "invalid argument"
      case .notText: "not text"
      case .recordTooLong: "row too long"
      case .invalidValue: "invalid value"
      case .malformedJSON: "malformed JSON"
      }
    }
  }

  /// The kind of problem.
  public var code: Code
  /// The 1-based row number in the input (the header is row 1 of a CSV file), if known.
  public var row: Int?
  /// The field (column name) at fault, if known.
  public var field: String?
  /// A human-readable reason, including the offending value where useful.
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - code: The kind of problem.
  ///   - row: The 1-based row number, if known.
  ///   - field: The field at fault, if known.
  ///   - reason: A human-readable reason.
  public init(_ code: Code, row: Int? = nil, field: String? = nil, reason: String) {
    self.code = code
    self.row = row
    self.field = field
    self.reason = reason
  }

  /// A one-line description: `row 17, field "UnitPrice": not a number: "abc"`.
  ///
  /// The description is safe to print on a terminal whatever the input held: control and
  /// invisible characters of the field and the reason are escaped (`\u{0}`), the field is cut
  /// to ``maximumFieldLength`` characters and the reason to ``maximumReasonLength``. Importers
  /// quote the values they put in a reason with ``excerpt(_:limit:)``, which keeps at most 200
  /// characters of the input.
  public var description: String {
    var parts: [String] = []
    if let row { parts.append("row \(row)") }
    if let field { parts.append("field \"\(Self.excerpt(field, limit: Self.maximumFieldLength))\"") }
    let reason = Self.excerpt(reason, limit: Self.maximumReasonLength)
    return parts.isEmpty ? reason : parts.joined(separator: ", ") + ": " + reason
  }

  /// The most characters of a field name that ``description`` prints.
  public static let maximumFieldLength = 100
  /// The most characters of a reason that ``description`` prints (a reason quotes at most
  /// 200 characters of the input; the rest is the importer's own words).
  public static let maximumReasonLength = 400
}
