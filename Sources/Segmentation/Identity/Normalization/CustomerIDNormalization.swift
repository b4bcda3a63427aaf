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
