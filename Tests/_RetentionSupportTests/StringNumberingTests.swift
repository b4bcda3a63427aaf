import Testing
import _TestSupport
import _RetentionSupport

/// `StringNumbering` against a dictionary and an array, the plain way to number strings.
struct StringNumberingTests {
  @Test(arguments: 0..<10 as Range<UInt64>)
  func numbersLikeADictionary(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var numbering = StringNumbering(capacity: Int.random(in: 0..<50, using: &generator))
    var numbers: [String: Int32] = [:]
    var strings: [String] = []
    for _ in 0..<3_000 {
      let number = Int.random(in: 0..<1_500, using: &generator)
      let string =
        number % 3 == 0 ? "customer-\(number)@example.com, a longer value" : (number == 7 ? "" : "c\(number)")
      let expectedNumber = numbers[string]
      let (got, isNew) = numbering.insert(string)
      #expect(isNew == (expectedNumber == nil))
      if let expectedNumber {
        #expect(got == expectedNumber)
      } else {
        numbers[string] = Int32(strings.count)
        #expect(got == Int32(strings.count))
        strings.append(string)
      }
    }
    #expect(numbering.strings == strings)
    #expect(numbering.count == strings.count)
    for (string, number) in numbers { #expect(numbering[string] == number) }
    #expect(numbering["absent"] == nil)

    // Renumbered by a permutation: every string keeps its place in the table under its new
    // number.
    let newNumbers = (0..<Int32(strings.count)).shuffled(using: &generator)
    let renumbered = numbering.renumbered(newNumbers)
    for (number, string) in strings.enumerated() {
      #expect(renumbered[string] == newNumbers[number])
      #expect(renumbered.strings[Int(newNumbers[number])] == string)
    }
    #expect(renumbered["absent"] == nil)
  }
}
