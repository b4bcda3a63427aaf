import _RetentionSupport

/// The fast paths of the normalisation rules: each rule's ASCII case, from UTF-8 bytes to bytes.
///
/// The rules themselves are written plainly, with Foundation strings, in the file of each rule
/// (``DeterministicIdentityResolver/generalEmail(_:)`` in `EmailNormalization.swift`, and so on);
/// that is the definition. Most values are ASCII, and normalising them as bytes, without a
/// `String` per value, is what lets a million orders resolve in well under a second. Each fast
/// path gives the same answer as its rule on ASCII input, checked by
/// `IdentityResolutionEquivalenceTests` on random text; anything else takes the rule.
struct IdentifierNormalizer: Sendable {
  /// What a fast path made of a value.
  enum Outcome: Equatable {
    /// The normalised value: the first `count` bytes of the output.
    case normalized(count: Int)
    /// No usable value (a placeholder, the shop's own identifier, a malformed value).
    case noValue
    /// The value is not ASCII: the rule itself must normalise it.
    case needsRule
  }

  let configuration: DeterministicIdentityResolver.Configuration
  /// The placeholders' UTF-8 bytes by their length, for comparing bytes without a `String`.
  private let placeholdersByLength: [[[UInt8]]]
  /// The shop's own identifiers' UTF-8 bytes.
  let shopIdentifiers: Set<[UInt8]>
  /// The configured default country calling code, with its countries' trunk prefix.
  let defaultCallingCode: CallingCode?

  init(_ configuration: DeterministicIdentityResolver.Configuration) {
    self.configuration = configuration
    let longestPlaceholder = configuration.placeholders.map(\.utf8.count).max() ?? -1
    var byLength = [[[UInt8]]](repeating: [], count: longestPlaceholder + 1)
    for placeholder in configuration.placeholders { byLength[placeholder.utf8.count].append(Array(placeholder.utf8)) }
    placeholdersByLength = byLength
    shopIdentifiers = Set(configuration.shopIdentifiers.map { Array($0.utf8) })
    defaultCallingCode = configuration.defaultCountryCode.flatMap(CallingCode.init(defaultCode:))
  }

  /// The longest placeholder in bytes; longer values need no placeholder lookup.
  var longestPlaceholder: Int { placeholdersByLength.count - 1 }

  /// The room a fast path needs for its output: the input, plus `+` and a calling code (at most
  /// 3 digits, or the configured default's).
  func outputCapacity(forInput count: Int) -> Int { count + 1 + max(3, defaultCallingCode?.code.count ?? 0) }

  /// Normalises a value of a field into `scratch`.
  ///
  /// - Parameter callingCode: For a phone, the calling code of the order's country, if known.
  func normalize(
    _ field: IdentifierField, _ input: ByteView, callingCode: CallingCode? = nil, into scratch: inout ByteScratch
  ) -> Outcome {
    scratch.write(capacity: outputCapacity(forInput: input.count)) { output in
      switch field {
      case .email: email(input, into: output)
      case .phone: phone(input, callingCode: callingCode, into: output)
      case .name: name(input, into: output)
      case .customerID: customerID(input, into: output)
      }
    }
  }

  // MARK: What the rules share

  func isPlaceholder(_ bytes: ByteView) -> Bool {
    guard bytes.count <= longestPlaceholder else { return false }
    return placeholdersByLength[bytes.count].contains { bytes.elementsEqual($0) }
  }

  /// Whether ASCII bytes, lowercased, are a placeholder (compared in place, without a copy).
  func isPlaceholder(lowercased bytes: ByteView) -> Bool {
    guard bytes.count <= longestPlaceholder else { return false }
    return placeholdersByLength[bytes.count].contains { placeholder in
      placeholder.indices.allSatisfy { Self.lowercased(bytes[$0]) == placeholder[$0] }
    }
  }

  func isShopIdentifier(_ bytes: ByteView) -> Bool {
    guard !shopIdentifiers.isEmpty else { return false }
    return shopIdentifiers.contains(bytes.array)
  }

  /// The positions of `bytes` without the leading and trailing bytes that `isTrimmed` selects.
  static func trimmed(_ bytes: ByteView, where isTrimmed: (UInt8) -> Bool) -> Range<Int> {
    var lower = 0, upper = bytes.count
    while lower < upper && isTrimmed(bytes[lower]) { lower += 1 }
    while upper > lower && isTrimmed(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return (Foundation's ASCII
  /// `whitespacesAndNewlines`).
  static func isWhitespaceOrNewline(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
  /// Space and tab.
  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
  static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
  static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
}

/// The fields of a customer reference that identify a person.
enum IdentifierField: Int, CaseIterable, Sendable {
  case email, phone, name, customerID

  /// The field's value in a customer reference.
  func value(of reference: CustomerReference) -> String? {
    switch self {
    case .email: reference.email
    case .phone: reference.phone
    case .name: reference.name
    case .customerID: reference.id
    }
  }
}
