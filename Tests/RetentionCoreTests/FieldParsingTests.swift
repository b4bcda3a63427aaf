import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// Numbers parsed from bytes equal Swift's own (correctly rounded) parse, also for the 16 to 18
/// significant digits that a shortest round-trip print of a double can have.
struct NumberParsingTests {
  @Test(arguments: 0..<4 as Range<UInt64>)
  func fieldParsingRoundTripsPrintedDoubles(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    for _ in 0..<5_000 {
      let value = Double(generator.next() >> 11) / Double(1 << 53) * pow(10, Double(generator.next() % 8))
      for text in [String(value), String(format: "%.2f", value), "-" + String(value)] {
        let parsed = FieldParsing.double(text)
        #expect(parsed == Double(text), "\(text)")
      }
    }
  }

  /// Edge cases, with the expected values written out by hand.
  @Test func edgeCasesFollowTheRule() {
    let cases: [(String, Double?)] = [
      ("", nil), (" ", nil), (".", nil), ("-", nil), ("+", nil), ("1e", nil), ("1,5", nil), ("0x10", nil),
      ("1_000", nil), ("--1", nil), ("1 2", nil), ("1.2.3", nil), (" 7 ", 7), ("\t-2.50\t", -2.5), ("+.5", 0.5),
      ("5.", 5), ("-0", -0.0), ("1e3", 1_000), ("2.5E-3", 0.0025), ("0.1", 0.1), ("007", 7),
      ("9007199254740993", 9_007_199_254_740_992), ("12345678901234567890", 12_345_678_901_234_567_168),
      ("-inf", -.infinity), ("Infinity", .infinity),
    ]
    for (text, expected) in cases {
      #expect(FieldParsing.double(text) == expected, "\(text.debugDescription)")
    }
    #expect(FieldParsing.double("NaN")?.isNaN == true)
  }

  /// Random strings over digits, point, signs, exponent and blanks parse as Swift's correctly
  /// rounded `Double(String)` parses them once trimmed of spaces and tabs (the reference).
  @Test(arguments: 0..<4 as Range<UInt64>)
  func randomTextsParseAsTheReference(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let alphabet = Array("0123456789012345678901234567890123456789..--+eE \t")
    var numbers = 0
    for _ in 0..<5_000 {
      let text = String((0..<(1 + Int(generator.next() % 24))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
      let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
      let reference = Double(trimmed)
      let parsed = FieldParsing.double(text)
      #expect(parsed == reference || (parsed?.isNaN == true && reference?.isNaN == true), "\(text.debugDescription)")
      if reference != nil { numbers += 1 }
    }
    #expect(numbers > 500)
  }
}
