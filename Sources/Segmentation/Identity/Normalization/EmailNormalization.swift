import Foundation
import _RetentionSupport

extension DeterministicIdentityResolver {
  /// The email rule: trimmed of whitespace and lowercased.
  ///
  /// No value for a placeholder, for text without an `@` with something before it and a dot
  /// after it, or for the shop's own address. Plus-addressing is folded (`ada+shop@x.com` →
  /// `ada@x.com`) and dots in Gmail local parts removed (`a.da@googlemail.com` → `ada@gmail.com`)
  /// when configured.
  func generalEmail(_ raw: String) -> String? {
    let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    guard !configuration.placeholders.contains(email), let at = email.lastIndex(of: "@") else { return nil }
    var local = String(email[..<at])
    var domain = String(email[email.index(after: at)...])
    guard !local.isEmpty, domain.contains(".") else { return nil }
    if configuration.foldsPlusAddressing, let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
    if configuration.foldsGmailDots, domain == "gmail.com" || domain == "googlemail.com" {
      local = local.replacingOccurrences(of: ".", with: "")
      domain = "gmail.com"
    }
    let normalized = local + "@" + domain
    return configuration.shopIdentifiers.contains(normalized) ? nil : normalized
  }
}

extension IdentifierNormalizer {
  private static let gmail = Array("gmail.com".utf8)
  private static let googlemail = Array("googlemail.com".utf8)

  /// The email rule on ASCII bytes: lowercased into the output, then the local part rewritten in
  /// place.
  func email(_ input: ByteView, into output: MutableByteView) -> Outcome {
    guard input.isASCII else { return .needsRule }
    var count = 0
    var at = -1
    for index in Self.trimmed(input, where: Self.isWhitespaceOrNewline) {
      let byte = Self.lowercased(input[index])
      if byte == UInt8(ascii: "@") { at = count }
      output[count] = byte
      count += 1
    }
    guard !isPlaceholder(output.prefix(count)), at > 0 else { return .noValue }
    let domain = (at + 1)..<count
    guard domain.contains(where: { output[$0] == UInt8(ascii: ".") }) else { return .noValue }
    var localEnd = at
    if configuration.foldsPlusAddressing, let plus = (0..<at).first(where: { output[$0] == UInt8(ascii: "+") }) {
      localEnd = plus
    }
    let domainBytes = output.prefix(count).extracting(domain)
    let isGmail =
      configuration.foldsGmailDots
      && (domainBytes.elementsEqual(Self.gmail) || domainBytes.elementsEqual(Self.googlemail))
    var written = 0
    for index in 0..<localEnd where !(isGmail && output[index] == UInt8(ascii: ".")) {
      output[written] = output[index]
      written += 1
    }
    output[written] = UInt8(ascii: "@")
    written += 1
    if isGmail {
      for byte in Self.gmail {
        output[written] = byte
        written += 1
      }
    } else {
      for index in domain {
        output[written] = output[index]
        written += 1
      }
    }
    return isShopIdentifier(output.prefix(written)) ? .noValue : .normalized(count: written)
  }
}
