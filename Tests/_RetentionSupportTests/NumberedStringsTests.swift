import Testing
import _RetentionSupport

/// `NumberedStrings` against the plain definition, `prefix + separator + String(number)`.
struct NumberedStringsTests {
  @Test func stringsAreThePrefixTheSeparatorAndTheNumber() {
    let prefixes = ["4", "12", "", "kunde-ü", "123456789012345", String(repeating: "x", count: 40)]
    let strings = NumberedStrings(prefixes: prefixes, separator: UInt8(ascii: "-"))
    let numbers = [0, 1, 9, 10, 99, 100, 69_659, 1_000_000_007, Int(Int32.max), 999_999_999_999_999_999, Int.max]
    for (index, prefix) in prefixes.enumerated() {
      for number in numbers {
        let string = strings.string(prefix: index, number: number)
        #expect(string == prefix + "-" + String(number))
        #expect(string.utf8.count == prefix.utf8.count + 1 + String(number).count)
      }
    }
  }

  @Test func noPrefixesMakeNoStrings() {
    let strings = NumberedStrings(prefixes: [], separator: UInt8(ascii: "/"))
    _ = strings
    #expect(NumberedStrings(prefixes: ["a"], separator: UInt8(ascii: "/")).string(prefix: 0, number: 7) == "a/7")
  }
}
