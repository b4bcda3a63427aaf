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

  /// A numbering with a prefix before every string (``StringNumbering/prefixed(by:)``, which
  /// keeps the probe table) against a numbering of the prefixed strings: the same strings and
  /// numbers, the same answers to lookups of any string, and the same numbers for strings
  /// inserted afterwards (enough to grow the table), with or without the prefix.
  @Test(arguments: 0..<12 as Range<UInt64>)
  func prefixedNumbersLikeANumberingOfThePrefixedStrings(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let prefix = ["id:", "", "é", "a prefix longer than most strings: "][Int(seed % 4)]
    func randomString() -> String {
      let number = Int.random(in: 0..<400, using: &generator)
      switch number % 5 {
      case 0: return "customer-\(number)@example.com, a longer value"
      case 1: return number < 50 ? "" : "Ä\(number)"
      case 2: return prefix + "c\(number)"
      default: return "c\(number)"
      }
    }
    var numbering = StringNumbering(capacity: Int.random(in: 0..<50, using: &generator))
    for _ in 0..<Int.random(in: 0..<300, using: &generator) { numbering.insert(randomString()) }
    var prefixed = numbering.prefixed(by: prefix)
    var reference = StringNumbering()
    for string in numbering.strings { reference.insert(prefix + string) }
    #expect(prefixed.strings == reference.strings)
    #expect(prefixed.count == reference.count)
    for _ in 0..<500 {
      let string = randomString()
      for probe in [string, prefix + string, String(string.prefix(2)), String(prefix.prefix(1))] {
        #expect(prefixed[probe] == reference[probe], "\(probe)")
      }
    }
    for _ in 0..<1_000 {
      let string = Bool.random(using: &generator) ? prefix + randomString() : randomString()
      let (number, isNew) = prefixed.insert(string)
      let expected = reference.insert(string)
      #expect(number == expected.number && isNew == expected.isNew, "\(string)")
    }
    #expect(prefixed.strings == reference.strings)
    // Prefixed again: the bytes left out of the hash add up.
    let twice = prefixed.prefixed(by: "id:")
    for string in reference.strings {
      #expect(twice["id:" + string] == reference[string])
      #expect(twice[string] == nil || string.hasPrefix("id:"))
    }
  }
}
