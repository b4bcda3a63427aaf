/// The rule of identity resolution behind a decision: why orders were merged, or why an
/// identifier was set aside.
///
/// Each merge (``IdentityResolution/Merge/rule``) and each ignored identifier
/// (``IdentityResolution/IgnoredIdentifier/rule``) names its rule, so that an audit can be
/// filtered by it; the accompanying `reason` says what was found. The raw values are stable
/// kebab-case names, written as they are in JSON and CSV exports:
///
/// ```swift
/// for ignored in resolution.ignoredIdentifiers where ignored.rule == .sharedByDifferentPeople {
///   print(ignored.identifier, ignored.value, ignored.reason)
/// }
/// ```
///
/// A resolver of your own may name rules of its own with ``init(rawValue:)``.
public struct IdentityRule: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  /// The rule's name, for example `shared-by-different-people`.
  public var rawValue: String

  /// A rule named by its raw value.
  ///
  /// - Parameter rawValue: The rule's name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The rule's name.
  public var description: String { rawValue }

  /// Decodes the rule from its name.
  ///
  /// - Throws: `DecodingError` when the value is not a string.
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  /// Encodes the rule as its name.
  ///
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  // MARK: Merges

  /// Orders merged because they carry the same normalised identifier, under one name (or none).
  public static let sameIdentifier = IdentityRule(rawValue: "same-identifier")
  /// Orders merged through one identifier although their names differ, because the names are
  /// one person's written in several ways (a middle name, an initial, a transliteration, case or
  /// accents; `NameVariants.swift`).
  public static let nameVariants = IdentityRule(rawValue: "name-variants")

  // MARK: Identifiers set aside

  /// An identifier whose orders carry the names of clearly different people (a company inbox,
  /// a family's phone), or more names than
  /// ``DeterministicIdentityResolver/Configuration/maximumNamesPerIdentifier`` allows.
  public static let sharedByDifferentPeople = IdentityRule(rawValue: "shared-by-different-people")
  /// An identifier used with more customer ids than
  /// ``DeterministicIdentityResolver/Configuration/maximumCustomerIDsPerIdentifier`` allows.
  public static let tooManyCustomerIDs = IdentityRule(rawValue: "too-many-customer-ids")
  /// A value that means "no value": one of
  /// ``DeterministicIdentityResolver/Configuration/placeholders`` (`n/a`, `test`, `anonymous`),
  /// or a phone number of zeros.
  public static let placeholder = IdentityRule(rawValue: "placeholder")
  /// The shop's own email or phone number
  /// (``DeterministicIdentityResolver/Configuration/shopIdentifiers``).
  public static let shopIdentifier = IdentityRule(rawValue: "shop-identifier")
  /// A value that is not an identifier of its kind: an email without a name, `@` and a domain,
  /// a phone number of fewer than 6 digits.
  public static let invalid = IdentityRule(rawValue: "invalid")
}
