import Foundation
import _RetentionSupport

extension DeterministicIdentityResolver {
  /// The customer id rule: trimmed of spaces and tabs, case kept; no value for a placeholder
  /// (compared lowercased, so `Anonymous` is one).
  func generalID(_ raw: String) -> String? {
    let id = raw.trimmingCharacters(in: .whitespaces)
    return configuration.placeholders.contains(id.lowercased()) ? nil : id
  }
}

extension IdentifierNormalizer {
  /// The customer id rule on ASCII bytes.
  func customerID(_ input: ByteView, into output: MutableByteView) -> Outcome {
    guard input.isASCII else { return .needsRule }
    let range = Self.trimmed(input, where: Self.isBlank)
    if range.count <= longestPlaceholder {
      for (offset, index) in range.enumerated() { output[offset] = Self.lowercased(input[index]) }
      if isPlaceholder(output.prefix(range.count)) { return .noValue }
    }
    for (offset, index) in range.enumerated() { output[offset] = input[index] }
    return .normalized(count: range.count)
  }
}

extension IdentifierNormalizer {
  /// Whether the customer id rule leaves an id as it is.
  ///
  /// It does for ASCII with nothing to trim that is not a placeholder (in any case): then
  /// ``customerID(_:into:)`` gives the input itself, which this tells without copying it;
  /// `false` leaves the answer to that rule.
  ///
  /// `CustomerIDResolutionEquivalenceTests` compares it with the rule.
  func keepsCustomerID(_ id: String) -> Bool { UTF8Bytes.read(id) { keepsCustomerID($0) } }

  /// Whether the customer id rule leaves bytes as they are (as for an id given as a string).
  func keepsCustomerID(_ input: ByteView) -> Bool {
    guard !input.isEmpty, input.isASCII, !Self.isBlank(input[0]), !Self.isBlank(input[input.count - 1]) else {
      return false
    }
    return input.count > longestPlaceholder || !isPlaceholder(lowercased: input)
  }
}
