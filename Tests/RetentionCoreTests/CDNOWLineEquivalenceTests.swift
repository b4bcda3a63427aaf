import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The CDNOW import of a file in memory against the CSV reader's reading of the same bytes.
///
/// `CDNOWImporter.importBytes` splits the whole text into lines itself; the plain reference is
/// `importLines`, which takes each record of a `CSVReader` with no separator. Both must import
/// the same log, report and errors on any input, including the inputs the fast path hands to the
/// reader (a quote, a NUL byte, a byte-order mark, an overlong line). (`CDNOWImporterTests`
/// checks the import against the orders the rows stand for.)
struct CDNOWLineEquivalenceTests {
  /// Imports `bytes` both ways, in lenient and strict mode, and expects the same outcome.
  static func expectSameImport(_ bytes: [UInt8], maximumRecordLength: Int = 1 << 20, _ comment: Comment? = nil) {
    for mode in [ImportMode.lenient, .strict] {
      let context = ImportContext(
        mode: mode, timeZone: TimeZone(secondsFromGMT: 3_600)!, maximumRecordLength: maximumRecordLength)
      let fast = Result { try CDNOWImporter.importBytes(bytes, context: context) }
      let reference = Result {
        try CDNOWImporter.importLines(
          CSVReader(data: bytes, separator: 0, maximumRecordLength: maximumRecordLength), context: context)
      }
      switch (fast, reference) {
      case (.success(let log), .success(let expected)):
        #expect(LogContents(log) == LogContents(expected), comment)
        #expect(log.orderIDs == expected.orderIDs, comment)
      case (.failure(let error), .failure(let expected)):
        #expect(error as? RetentionCoreError == expected as? RetentionCoreError, comment)
      default:
        Issue.record("one way failed and the other did not: \(fast) against \(reference); \(comment ?? "")")
      }
    }
  }

  /// A random CDNOW-like text: mostly good master or sample rows, with bad fields, blank lines,
  /// mixed line ends, stray whitespace, and now and then a byte the fast path leaves to the reader.
  static func randomText(seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &generator)] }
    let sample = Bool.random(using: &generator)
    var text: [UInt8] = []
    if Bool.random(using: &generator) { text += Array("  customer_id  date number_of_cds  dollar_value".utf8) + [0x0D, 0x0A] }
    let rowCount = Int.random(in: 0...60, using: &generator)
    var customer = Int.random(in: 0...30, using: &generator)
    for _ in 0..<rowCount {
      if Int.random(in: 0..<4, using: &generator) == 0 { customer += Int.random(in: 1...3, using: &generator) }
      let customerText = String(repeating: "0", count: Int.random(in: 0...4, using: &generator)) + "\(customer)"
      var fields = [
        pick([customerText, customerText, customerText, "4.0", "1e1", "-3", "x7", "12345678901234567890"]),
        pick(["19970101", "19970315", "19971231", "19980630", "19970231", "1997011", "2000229", "20000229", "abcdefgh"]),
        pick(["1", "2", "3", "0", "1.5", "-1", "nan", "1e-320", "inf", "0x10"]),
        pick(["11.77", "12.00", "0.00", "9.99", "77", "1234567.891", "-1.00", "1e400", "12345678901234567.5", "+5", ".5", "5."]),
      ]
      if sample { fields.insert("\(Int.random(in: 1...999, using: &generator))", at: 0) }
      if Int.random(in: 0..<30, using: &generator) == 0 { fields.removeLast() }
      if Int.random(in: 0..<30, using: &generator) == 0 { fields.append("7") }
      let separator = pick([" ", "  ", "\t", " \t "])
      var line = Array((pick(["", " ", "   "]) + fields.joined(separator: separator) + pick(["", " "])).utf8)
      switch Int.random(in: 0..<120, using: &generator) {
      case 0: line.insert(UInt8(ascii: "\""), at: 0)
      case 1: line.append(0)
      case 2: line += [0xC3, 0x28]  // invalid UTF-8
      case 3: line = []  // a blank line
      default: break
      }
      text += line
      text += pick([[0x0A], [0x0D, 0x0A], [0x0D, 0x0A], [0x0D]])
    }
    if Bool.random(using: &generator), !text.isEmpty { text.removeLast() }  // no line end at the end
    if Int.random(in: 0..<40, using: &generator) == 0 { text = [0xEF, 0xBB, 0xBF] + text }
    return text
  }

  @Test(arguments: 0..<200 as Range<UInt64>)
  func randomTextsImportAlike(seed: UInt64) {
    let text = Self.randomText(seed: seed)
    Self.expectSameImport(text, "seed \(seed)")
    Self.expectSameImport(text, maximumRecordLength: 24, "seed \(seed), rows of at most 24 bytes")
  }

  @Test(arguments: [
    "", "\n", "\r\n\r\n", "  \n", "customer date cds dollars\n", "1 19970101 1 11.77", "1 19970101 1 11.77\r",
    "1 19970101 1 11.77\r\r\n2 19970102 1 1\n", "\"1 19970101\n 1 11.77\"\n2 19970101 1 1\n",
    "1 19970101 1 11.77\n\0\n2 19970101 1 1\n", "\u{FEFF}1 19970101 1 11.77\n", "1 19970101 1 1\n1 19970101 1 1 5\n",
    "1 19970101 1 1\nx 19970101 1 1\n", "00000 19970101 1 1\n000 19970102 2 2\n0 19970103 3 3\n",
  ])
  func edgeTextsImportAlike(text: String) {
    Self.expectSameImport(Array(text.utf8), "\(text.debugDescription)")
  }

  @Test func utf16TextIsRefusedAlike() {
    let text: [UInt8] = [0xFF, 0xFE] + Array("1 19970101 1 11.77\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    Self.expectSameImport(text)
    #expect(throws: RetentionCoreError.self) { try OrderLog(csv: text, format: .cdnow) }
  }

  /// The published files, whose rows after the first take the plain-row path in memory.
  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func publishedFilesImportAlike(file: String) throws {
    Self.expectSameImport(Array(try Data(contentsOf: try TestData.url(file))), Comment(rawValue: file))
  }

  @Test func fileImportEqualsTheBytesImport() throws {
    let url = try TestData.url("cdnow/CDNOW_sample.txt")
    let bytes = Array(try Data(contentsOf: url))
    let fromFile = try OrderLog(contentsOf: url, format: .cdnow)
    let fromBytes = try OrderLog(csv: bytes, format: .cdnow)
    #expect(LogContents(fromFile) == LogContents(fromBytes))
    #expect(fromFile.orderCount == 6_919)  // the sample's rows (Fader, Hardie & Lee 2005)
  }

  @Test func binaryFileIsRefusedAfterItsFirstLine() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdnow-binary-\(UInt64.random(in: 0...UInt64.max)).bin")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data([0x31, 0x00, 0x32] + [UInt8](repeating: 0x41, count: 200_000)).write(to: url)
    let error = try #require(throws: RetentionCoreError.self) { try OrderLog(contentsOf: url, format: .cdnow) }
    #expect(error.code == .notText)
    #expect(error.row == 1)
  }
}
