import Foundation
import _RetentionSupport

extension DeterministicIdentityResolver {
  /// The name rule: lowercased, runs of spaces and tabs folded to one space and trimmed.
  ///
  /// No value for a placeholder (`guest`, `n/a`). Names compare people; alone they never link
  /// orders.
  func generalName(_ raw: String) -> String? {
    let name = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    return configuration.placeholders.contains(name) ? nil : name
  }
}

extension IdentifierNormalizer {
  /// The name rule on ASCII bytes.
  func name(_ input: ByteView, into output: MutableByteView) -> Outcome {
    guard input.isASCII else { return .needsRule }
    var written = 0
    var pendingBlank = false
    for index in Self.trimmed(input, where: Self.isBlank) {
      let byte = input[index]
      if Self.isBlank(byte) {
        pendingBlank = true
        continue
      }
      if pendingBlank {
        output[written] = UInt8(ascii: " ")
        written += 1
        pendingBlank = false
      }
      output[written] = Self.lowercased(byte)
      written += 1
    }
    return isPlaceholder(output.prefix(written)) ? .noValue : .normalized(count: written)
  }
}
