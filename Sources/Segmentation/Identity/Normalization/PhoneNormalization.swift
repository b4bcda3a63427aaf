import Foundation
import _RetentionSupport

extension DeterministicIdentityResolver {
  /// The phone rule: the number in its international (E.164) form, `+` and digits, when its
  /// country is known; else its ASCII digits as written.
  ///
  /// The number is trimmed of whitespace and quotes (Shopify writes `'0151...`), and only its
  /// ASCII digits count. No value under 6 digits, for all zeros, or for the shop's own number
  /// (with or without `+`). A number written with `+` is international already, and `00` starts
  /// an international number. Any other number is national: its country is the order's own
  /// (``PostalAddress/country``, an ISO code or name), else the configured
  /// ``Configuration/defaultCountryCode``; never a country guessed. With a country, a leading
  /// trunk prefix is replaced by the calling code (German `0151 2345678` → `+491512345678`,
  /// American `1 555 010 2030` → `+15550102030`), a number that already starts with the calling
  /// code is international written without `+` (`49 151 2345678`; only in countries with a
  /// trunk prefix, where no national number can start so), an American `011` is the
  /// international prefix, and any other number gets the calling code in front
  /// (`555 010 2030` → `+15550102030`). So one number written with and without its country
  /// prefix is one value. Without a country, a national number stays as its digits and links
  /// only to the same digits.
  ///
  /// - Parameters:
  ///   - raw: The number as written.
  ///   - country: The order's country (ISO 3166-1 alpha-2 code or name), if any.
  func generalPhone(_ raw: String, country: String? = nil) -> String? {
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(
      in: CharacterSet(charactersIn: "'"))
    let digits = String(trimmed.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII })
    guard digits.count >= 6, digits.contains(where: { $0 != "0" }) else { return nil }
    let callingCode =
      country.flatMap(CallingCode.init(country:))
      ?? configuration.defaultCountryCode.flatMap(CallingCode.init(defaultCode:))
    var international: Substring?
    if trimmed.hasPrefix("+") {
      international = Substring(digits)
    } else if digits.hasPrefix("00") {
      international = digits.dropFirst(2)
    } else if let callingCode {
      let code = String(decoding: callingCode.code, as: UTF8.self)
      let trunk = String(decoding: callingCode.trunk, as: UTF8.self)
      if code == "1" && digits.hasPrefix("011") {
        international = digits.dropFirst(3)
      } else if !trunk.isEmpty && digits.hasPrefix(trunk) {
        international = Substring(code + digits.dropFirst(trunk.count))
      } else if !trunk.isEmpty && digits.hasPrefix(code) {
        international = Substring(digits)
      } else {
        international = Substring(code + digits)
      }
    }
    let value = international.map { "+" + $0 } ?? digits
    let other = value.hasPrefix("+") ? String(value.dropFirst()) : "+" + value
    let shop = configuration.shopIdentifiers
    return shop.contains(value) || shop.contains(other) ? nil : value
  }
}

extension IdentifierNormalizer {
  private static let plus = UInt8(ascii: "+")
  private static let doubleZero = Array("00".utf8)
  private static let one = Array("1".utf8)
  private static let americanInternational = Array("011".utf8)

  /// The phone rule on ASCII bytes: the digits copied to the output, then moved to make room
  /// for `+` and a calling code, or to drop an international or trunk prefix.
  ///
  /// - Parameter callingCode: The calling code of the order's country, if known; else the
  ///   configured default's.
  func phone(_ input: ByteView, callingCode: CallingCode?, into output: MutableByteView) -> Outcome {
    guard input.isASCII else { return .needsRule }
    let outer = Self.trimmed(input, where: Self.isWhitespaceOrNewline)
    let inner = Self.trimmed(input.extracting(outer), where: { $0 == UInt8(ascii: "'") })
    let text = (outer.lowerBound + inner.lowerBound)..<(outer.lowerBound + inner.upperBound)
    let isInternational = !text.isEmpty && input[text.lowerBound] == Self.plus
    var digits = 0
    var nonZero = false
    for index in text where Self.isDigit(input[index]) {
      output[digits] = input[index]
      digits += 1
      nonZero = nonZero || input[index] != UInt8(ascii: "0")
    }
    guard digits >= 6, nonZero else { return .noValue }
    func starts(with prefix: [UInt8]) -> Bool {
      prefix.count <= digits && prefix.indices.allSatisfy { output[$0] == prefix[$0] }
    }
    // The digits `drop...` stay, behind `+` and `prefix` when the number is international.
    var drop = 0
    var prefix: [UInt8] = []
    var plus = true
    if isInternational {
      // as written
    } else if starts(with: Self.doubleZero) {
      drop = 2
    } else if let code = callingCode ?? defaultCallingCode {
      if code.code == Self.one && starts(with: Self.americanInternational) {
        drop = 3
      } else if !code.trunk.isEmpty && starts(with: code.trunk) {
        drop = code.trunk.count
        prefix = code.code
      } else if code.trunk.isEmpty || !starts(with: code.code) {
        prefix = code.code
      }
    } else {
      plus = false
    }
    let front = (plus ? 1 : 0) + prefix.count
    let shift = front - drop
    if shift > 0 {
      for index in stride(from: digits - 1, through: drop, by: -1) { output[index + shift] = output[index] }
    } else if shift < 0 {
      for index in drop..<digits { output[index + shift] = output[index] }
    }
    if plus { output[0] = Self.plus }
    for (offset, byte) in prefix.enumerated() { output[front - prefix.count + offset] = byte }
    let written = digits + shift
    return isShopPhone(output.prefix(written)) ? .noValue : .normalized(count: written)
  }

  /// Whether a normalised number is the shop's own, written with or without `+`.
  private func isShopPhone(_ bytes: ByteView) -> Bool {
    guard !shopIdentifiers.isEmpty else { return false }
    let value = bytes.array
    if shopIdentifiers.contains(value) { return true }
    return value.first == Self.plus
      ? shopIdentifiers.contains(Array(value.dropFirst())) : shopIdentifiers.contains([Self.plus] + value)
  }
}
