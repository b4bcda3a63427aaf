import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// A CDNOW text read in two halves at once (``CDNOWImporter/importBytesInHalves(_:context:splittingNear:)``)
/// against the same text read line by line (``CDNOWImporter/importBytes(_:context:into:)`` with
/// ``CDNOWColumns``, itself compared with the general builder by `CDNOWColumnsEquivalenceTests`):
/// at every split, in both modes, under every currency choice and with a short record limit,
/// the same columns, report and errors.
struct CDNOWHalvesEquivalenceTests {
  /// Reads `bytes` split near each of `splits` and whole, and expects the same outcome.
  static func expectSameImport(_ bytes: [UInt8], splits: [Int], limits: [Int] = [1 << 20, 40], _ comment: Comment) {
    for mode in [ImportMode.lenient, .strict] {
      for (name, choice) in CDNOWColumnsEquivalenceTests.choices {
        for limit in limits {
          let context = ImportContext(
            mode: mode, timeZone: TimeZone(secondsFromGMT: -18_000)!, currency: choice, maximumRecordLength: limit)
          let whole = Result { try CDNOWImporter.importBytes(bytes, context: context, into: CDNOWColumns.self) }
          for split in splits {
            let halves = Result { try CDNOWImporter.importBytesInHalves(bytes, context: context, splittingNear: split) }
            let what = "\(comment), split near \(split), \(mode), \(name), limit \(limit)"
            switch (halves, whole) {
            case (.success(let log), .success(let expected)):
              #expect(
                CDNOWColumnsEquivalenceTests.Columns(log) == CDNOWColumnsEquivalenceTests.Columns(expected), "\(what)")
            case (.failure(let error), .failure(let expected)):
              #expect(error as? RetentionCoreError == expected as? RetentionCoreError, "\(what)")
            default:
              Issue.record("one way failed and the other did not: \(halves) against \(whole); \(what)")
            }
          }
        }
      }
    }
  }

  /// The offsets just after each LF (where the text is split), and one in the middle of a line.
  static func splits(of bytes: [UInt8]) -> [Int] {
    var splits = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == 0x0A }
    splits.append(bytes.count / 2)
    splits.append(0)
    return splits
  }

  /// A text of good rows (master or sample), customers in runs or interleaved, days in and out
  /// of order, mixed line ends; in some texts one defect at a random row: a blank line, a bad
  /// field, a short row, a header-like line, a quote, a NUL byte, a long line.
  static func mostlyGoodText(seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    let sample = seed % 3 == 0
    let rowCount = Int.random(in: 1...24, using: &generator)
    let defectRow = seed % 2 == 0 ? Int.random(in: 0..<rowCount, using: &generator) : -1
    var text: [UInt8] = []
    if seed % 5 == 0 { text += Array("customer date cds dollars\n".utf8) }
    var customer = Int.random(in: 1...9, using: &generator)
    for row in 0..<rowCount {
      if Bool.random(using: &generator) { customer = Int.random(in: 1...12, using: &generator) }
      let day = 19_970_101 + Int.random(in: 0...2, using: &generator) * 100 + Int.random(in: 0...27, using: &generator)
      var fields = [
        String(repeating: "0", count: Int.random(in: 0...2, using: &generator)) + "\(customer)", "\(day)",
        "\(Int.random(in: 0...4, using: &generator))",
        String(format: "%.2f", Double.random(in: 0...60, using: &generator)),
      ]
      if sample { fields.insert("\(Int.random(in: 1...999, using: &generator))", at: 0) }
      var line = Array(fields.joined(separator: Bool.random(using: &generator) ? " " : "  \t").utf8)
      if row == defectRow {
        switch seed / 2 % 8 {
        case 0: line = []
        case 1: line = Array("12 19970231 1 5.00".utf8)
        case 2: line = Array("12 19970301 1".utf8)
        case 3: line = Array("customer date cds dollars".utf8)
        case 4: line.insert(UInt8(ascii: "\""), at: 0)
        case 5: line.append(0)
        case 6: line += Array(repeating: UInt8(ascii: " "), count: 50)
        default: line = Array("7 19970301 -1 5.00".utf8)
        }
      }
      text += line
      text += [[0x0A], [0x0D, 0x0A], [0x0A], [0x0D]][Int.random(in: 0..<(seed % 7 == 0 ? 4 : 3), using: &generator)]
    }
    if Bool.random(using: &generator) { text.removeLast() }
    return text
  }

  @Test(arguments: 0..<96 as Range<UInt64>)
  func mostlyGoodTextsReadAlikeAtEverySplit(seed: UInt64) {
    let text = Self.mostlyGoodText(seed: seed)
    Self.expectSameImport(text, splits: Self.splits(of: text), "seed \(seed)")
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func randomTextsReadAlikeAtEverySplit(seed: UInt64) {
    let text = CDNOWLineEquivalenceTests.randomText(seed: seed)
    Self.expectSameImport(text, splits: Self.splits(of: text), "seed \(seed)")
  }

  @Test(arguments: [
    "", "\n", "\n\n", "1 19970101 1 11.77\n", "1 19970101 1 11.77\n2 19970101 1 1.00",
    "\u{FEFF}1 19970101 1 1\n2 19970102 1 1\n",
  ])
  func edgeTextsReadAlike(text: String) {
    let bytes = Array(text.utf8)
    Self.expectSameImport(
      bytes, splits: Self.splits(of: bytes) + [1, bytes.count, bytes.count + 5], "\(text.debugDescription)")
  }

  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func publishedFilesReadAlikeInHalves(path: String) throws {
    let bytes = Array(try Data(contentsOf: try TestData.url(path)))
    Self.expectSameImport(bytes, splits: [bytes.count / 2, bytes.count / 3], limits: [1 << 20], "\(path)")
  }

  /// The published files' second halves are taken as read on their own (the halves path is not
  /// a fallback that always reads on through the second half).
  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func publishedSecondHalvesAreAppended(path: String) throws {
    let bytes = Array(try Data(contentsOf: try TestData.url(path)))
    let context = ImportContext(mode: .strict, timeZone: TimeZone(secondsFromGMT: 0)!)
    let split = try #require(CDNOWImporter.lineStart(atOrAfter: bytes.count / 2, in: bytes))
    var first = CDNOWRows<CDNOWColumns>(context: context, expectedRows: 100_000)
    var second = CDNOWRows<CDNOWColumns>(context: context, expectedRows: 100_000)
    var firstLines = 0
    var secondLines = 0
    let readFirst = try CDNOWImporter.readLines(bytes, 0..<split, into: &first, row: &firstLines, limit: 1 << 20)
    let readSecond = try CDNOWImporter.readLines(
      bytes, split..<bytes.count, into: &second, row: &secondLines, limit: 1 << 20)
    #expect(readFirst && readSecond)
    let appended = first.append(second, lineCount: secondLines, rowOffset: firstLines)
    #expect(appended)
    // A second half that starts with a blank line is not taken.
    var blankFirst = CDNOWRows<CDNOWColumns>(context: context, expectedRows: 16)
    var blankLines = 0
    let blankText = Array("\n1 19970101 1 1.00\n".utf8)
    let readBlank = try CDNOWImporter.readLines(
      blankText, blankText.indices, into: &blankFirst, row: &blankLines, limit: 1 << 20)
    #expect(readBlank)
    let appendedBlank = first.append(blankFirst, lineCount: blankLines, rowOffset: 0)
    #expect(!appendedBlank)
  }

  @Test func largeTextsAreReadInHalves() throws {
    // The entry point reads a text of 1 MiB or more in halves, with the same log.
    let bytes = Array(try Data(contentsOf: try TestData.url("cdnow/CDNOW_master.txt")))
    #expect(bytes.count >= CDNOWImporter.parallelMinimumBytes)
    let context = ImportContext(mode: .lenient, timeZone: TimeZone(secondsFromGMT: 0)!)
    let log = try CDNOWImporter.importBytes(bytes, context: context)
    let expected = try CDNOWImporter.importBytes(bytes, context: context, into: CDNOWColumns.self)
    #expect(CDNOWColumnsEquivalenceTests.Columns(log) == CDNOWColumnsEquivalenceTests.Columns(expected))
    #expect(log.orderCount == 69_659)
  }
}
