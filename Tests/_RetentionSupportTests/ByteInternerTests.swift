import Testing
import _TestSupport
import _RetentionSupport

/// `ByteInterner` against a dictionary, the plain way to number values.
struct ByteInternerTests {
  @Test(arguments: 0..<6 as Range<UInt64>)
  func internerNumbersValuesInOrderOfFirstAppearance(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var interner = ByteInterner(capacity: 4)  // small, so that it grows several times
    var expected: [String: Int32] = [:]
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 24)
      let alphabet = Array("abcäé@.+0123 ")
      let value = String((0..<length).map { _ in alphabet[generator.next() % 2 == 0 ? 0 : Int(generator.next() % 13)] })
      let number = interner.intern(value)
      let known = expected[value] ?? Int32(expected.count)
      expected[value] = known
      #expect(number == known)
    }
    #expect(interner.count == expected.count)
    for (value, number) in expected { #expect(interner.string(number) == value) }
  }
}
