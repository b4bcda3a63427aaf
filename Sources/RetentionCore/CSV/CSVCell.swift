import Foundation

/// One field of a row that ``CSVWriter`` writes: text, or a number that the writer formats itself.
///
/// The distinction is what makes an export safe to open in a spreadsheet. Text comes from
/// customers (names, emails, product names, tags, order ids) and may begin with `=`, `+`, `-` or
/// `@`, which Excel, LibreOffice and Google Sheets would read as a formula; the writer
/// neutralises such text (see ``CSVWriter/neutralised(_:)``). A number cell is formatted by the
/// writer from a Swift number, so its text is known to be a number, and a negative number such as
/// `-3.5` is written as it is.
///
/// ```swift
/// let row: [CSVCell] = [.text(name), .integer(orders), .number(revenue, fractionDigits: 2), "yes"]
/// ```
///
/// A string literal is a text cell. Non-finite numbers have no spreadsheet spelling: they are
/// written as the text `nan`, `inf` or `-inf` and neutralised like any text (`'-inf`).
public enum CSVCell: Sendable, Hashable, ExpressibleByStringLiteral {
  /// Text, written as given unless it begins with a formula trigger (then prefixed with `'`).
  case text(String)
  /// An integer, written in decimal digits with a leading `-` when negative.
  case integer(Int)
  /// A floating-point number, written with `fractionDigits` digits after the point (`%.*f`,
  /// rounded half to even on the binary value, as `printf` does), or with Swift's shortest
  /// round-tripping spelling (`3.5`, `1e-05`) when `fractionDigits` is `nil`. The decimal
  /// separator is always a point, whatever the locale.
  case number(Double, fractionDigits: Int? = nil)

  /// Creates a text cell from a string literal.
  ///
  /// - Parameter value: The text.
  public init(stringLiteral value: String) {
    self = .text(value)
  }

  /// The cell's text before CSV quoting, and whether the writer knows it to be a number.
  ///
  /// - Precondition: `fractionDigits`, when given, is in `0...20`.
  var formatted: (text: String, isNumber: Bool) {
    switch self {
    case .text(let text):
      return (text, false)
    case .integer(let value):
      return (String(value), true)
    case .number(let value, let fractionDigits):
      guard value.isFinite else { return (value.isNaN ? "nan" : value < 0 ? "-inf" : "inf", false) }
      guard let fractionDigits else { return (value.description, true) }
      precondition((0...20).contains(fractionDigits), "fractionDigits must be in 0...20")
      return (String(format: "%.*f", fractionDigits, value), true)
    }
  }
}
