import Foundation

/// Numbers written for people: thousands separators, whole percentages, a currency symbol, and a
/// dash instead of NaN or infinity.
struct HumanFormat: Sendable {
  /// The ISO 4217 code, or `nil` to print amounts without a currency.
  var currency: String?

  /// The symbol printed before amounts ("£", "$", "€") or the code and a space.
  var currencyPrefix: String {
    switch currency?.uppercased() {
    case nil, "": ""
    case "GBP": "£"
    case "USD": "$"
    case "EUR": "€"
    case "JPY": "¥"
    case let code?: code + " "
    }
  }

  static let missing = "–"

  /// An integer with thousands separators: 12,345.
  static func integer(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
      grouped.append(character)
    }
    return (value < 0 ? "-" : "") + grouped
  }

  /// A count with its noun: "1 order", "2,300 orders".
  static func count(_ value: Int, _ singular: String, plural: String? = nil) -> String {
    integer(value) + " " + (value == 1 ? singular : plural ?? singular + "s")
  }

  /// A count that may be fractional (an expectation), rounded to a whole number.
  static func count(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return missing }
    return integer(Int(value.rounded()))
  }

  /// A fraction `0...1` as a percentage: whole percent, one decimal below 10 %, "< 1 %" for tiny.
  static func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return missing }
    let value = fraction * 100
    if value == 0 { return "0 %" }
    if abs(value) < 0.1 { return value < 0 ? "> -0.1 %" : "< 0.1 %" }
    if abs(value) < 9.95 { return String(format: "%.1f %%", value) }
    return String(format: "%.0f %%", value)
  }

  /// A number with a fixed number of decimals.
  static func decimal(_ value: Double, digits: Int = 2) -> String {
    guard value.isFinite else { return missing }
    return String(format: "%.\(digits)f", value)
  }

  /// An amount: whole units with separators from 100 up, two decimals below.
  func money(_ value: Double) -> String {
    guard value.isFinite else { return Self.missing }
    let sign = value < 0 ? "-" : ""
    let magnitude = abs(value)
    if magnitude >= 100 {
      return sign + currencyPrefix + Self.integer(Int(magnitude.rounded()))
    }
    return sign + currencyPrefix + String(format: "%.2f", magnitude)
  }

  /// An amount for an axis: 1.2k, 3.4M.
  func shortMoney(_ value: Double) -> String {
    guard value.isFinite else { return Self.missing }
    return currencyPrefix + Self.short(value)
  }

  /// A number for an axis: 950, 1.2k, 3.4M.
  static func short(_ value: Double) -> String {
    guard value.isFinite else { return missing }
    let magnitude = abs(value)
    let sign = value < 0 ? "-" : ""
    func trimmed(_ number: Double, _ suffix: String) -> String {
      let text = number >= 10 ? String(format: "%.0f", number) : String(format: "%.1f", number)
      return sign + (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + suffix
    }
    if magnitude >= 1e6 { return trimmed(magnitude / 1e6, "M") }
    if magnitude >= 1e3 { return trimmed(magnitude / 1e3, "k") }
    if magnitude == magnitude.rounded() { return sign + String(Int(magnitude)) }
    return trimmed(magnitude, "")
  }
}
