import Foundation

extension DeterministicIdentityResolver {
  /// Why a value written on an order has no normalised form, by the rule of its field: the
  /// ``IdentityRule`` and a reason for the audit.
  ///
  /// It reads the value as the rules do (`EmailNormalization.swift`, `PhoneNormalization.swift`,
  /// `CustomerIDNormalization.swift`) and is asked only about values they turned down.
  ///
  /// - Parameters:
  ///   - field: The field the value was written in.
  ///   - raw: The value as written.
  ///   - country: For a phone, the order's country, if any.
  func setAsideReason(of field: IdentifierField, _ raw: String, country: String? = nil) -> (
    rule: IdentityRule, reason: String
  ) {
    switch field {
    case .email:
      let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      if configuration.placeholders.contains(email) { return (.placeholder, "a placeholder, not an email address") }
      guard let at = email.lastIndex(of: "@"), at > email.startIndex, email[email.index(after: at)...].contains(".")
      else {
        return (.invalid, "not an email address (no name, \"@\" and domain with a dot)")
      }
      return (.shopIdentifier, "the shop's own address (Configuration.shopIdentifiers)")
    case .phone:
      let digits = raw.unicodeScalars.filter { $0.isASCII && CharacterSet.decimalDigits.contains($0) }
      if digits.count < 6 { return (.invalid, "not a phone number (fewer than 6 digits)") }
      if digits.allSatisfy({ $0 == "0" }) { return (.placeholder, "a placeholder (all zeros)") }
      return (.shopIdentifier, "the shop's own number (Configuration.shopIdentifiers)")
    case .customerID:
      return (.placeholder, "a placeholder, not a customer id")
    case .name:
      return (.placeholder, "a placeholder, not a name")
    }
  }
}
