import Testing
import _RetentionSupport

/// The bytes of `prefix + string` for many strings, copied into one array, against string
/// concatenation.
struct UTF8BytesPrefixingTests {
  private static let stringLists: [[String]] = [
    [], [""], ["7", "42", "", "Ä7", "a customer id longer than fifteen bytes", "日本", "c\u{301}"],
    (0..<1_000).map { "c\($0)" },
  ]

  @Test(arguments: ["id:", "", "é:", "a prefix longer than fifteen bytes "])
  func concatenatedBytesAreThoseOfTheConcatenatedStrings(prefix: String) {
    for strings in Self.stringLists {
      let expected = strings.map { prefix + $0 }
      let (bytes, ends) = UTF8Bytes.concatenated(strings, eachAfter: prefix)
      #expect(bytes == Array(expected.joined().utf8))
      var expectedEnds: [Int] = []
      for string in expected { expectedEnds.append((expectedEnds.last ?? 0) + string.utf8.count) }
      #expect(ends == expectedEnds)
    }
  }
}
