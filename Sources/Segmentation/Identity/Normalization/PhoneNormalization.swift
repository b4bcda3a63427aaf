import Foundation
import _RetentionSupport

extension DeterministicIdentityResolver {
  /// The phone rule: the ASCII digits of the number, trimmed of whitespace and quotes.
  ///
  /// No value under 6 digits, for all zeros or for the shop's own number. A number written with `+` is
  /// international already; `00` starts an international number; a single leading `0` is
  /// replaced by the default country code (`0151 2345678` → `491512345678`) when one is set.
  func generalPhone(_ raw: String) -> String? {
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(
      in: CharacterSet(charactersIn: "'"))
    var digits = String(trimmed.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII })
    guard digits.count >= 6, digits.contains(where: { $0 != "0" }) else { return nil }
    if trimmed.hasPrefix("+") {
      // already international
    } else if digits.hasPrefix("00") {
      digits.removeFirst(2)
    } else if digits.hasPrefix("0"), let code = configuration.defaultCountryCode {
      digits = code + digits.dropFirst()
    }
    return configuration.shopIdentifiers.contains(digits) || configuration.shopIdentifiers.contains("+" + digits)
      ? nil : digits
  }
}

extension IdentifierNormalizer {
  /// The phone rule on ASCII bytes: the digits copied to the output, then the prefix rewritten.
  func phone(_ input: ByteView, into output: MutableByteView) -> Outcome {
    guard input.isASCII else { return .needsRule }
    let outer = Self.trimmed(input, where: Self.isWhitespaceOrNewline)
    let inner = Self.trimmed(input.extracting(outer), where: { $0 == UInt8(ascii: "'") })
    let text = (outer.lowerBound + inner.lowerBound)..<(outer.lowerBound + inner.upperBound)
    let isInternational = !text.isEmpty && input[text.lowerBound] == UInt8(ascii: "+")
    var digits = 0
    var nonZero = false
    for index in text where Self.isDigit(input[index]) {
      output[digits] = input[index]
      digits += 1
      nonZero = nonZero || input[index] != UInt8(ascii: "0")
    }
    guard digits >= 6, nonZero else { return .noValue }
    var written = digits
    if !isInternational && output[0] == UInt8(ascii: "0") {
      if output[1] == UInt8(ascii: "0") {
        for index in 2..<digits { output[index - 2] = output[index] }
        written = digits - 2
      } else if let prefix = countryCode {
        // The leading 0 replaced by the country code, the rest moved right (or left) as needed.
        let shift = prefix.count - 1
        if shift > 0 {
          for index in stride(from: digits - 1, through: 1, by: -1) { output[index + shift] = output[index] }
        } else if shift < 0 {
          for index in 1..<digits { output[index + shift] = output[index] }
        }
        for (offset, byte) in prefix.enumerated() { output[offset] = byte }
        written = digits + shift
      }
    }
    return isShopIdentifier(output.prefix(written), orWithPlus: true)
      ? .noValue : .normalized(count: written)
  }
}
