import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct CSVReaderTests {
  private func records(_ text: String, chunkSize: Int? = nil) throws -> [[String]] {
    var reader = CSVReader(data: Array(text.utf8), chunkSize: chunkSize)
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.readRecord(into: &record) {
      rows.append((0..<record.count).map { record.string(at: $0) })
    }
    return rows
  }

  @Test func readsQuotesEscapedQuotesEmbeddedNewlinesAndCRLF() throws {
    let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n1,,3\r\n"
    let expected = [["a", "b", "c"], ["x, y", "say \"hi\"", "line1\nline2"], ["1", "", "3"]]
    #expect(try records(text) == expected)
    // Every chunk size, so that quotes, CR and LF fall on chunk boundaries.
    for size in 1...12 {
      #expect(try records(text, chunkSize: size) == expected, "chunk size \(size)")
    }
  }

  @Test func skipsTheByteOrderMarkAndAcceptsAMissingFinalNewline() throws {
    #expect(try records("\u{FEFF}id,name\n1,Ada") == [["id", "name"], ["1", "Ada"]])
  }

  @Test func readsEmptyQuotedFieldsAndLoneCarriageReturns() throws {
    #expect(try records("\"\",x\r\"\"\"\"\r") == [["", "x"], ["\""]])
  }

  @Test func countsRecordsNotPhysicalLines() throws {
    var reader = CSVReader(data: Array("h\n\"a\nb\"\nc\n".utf8))
    var record = CSVRecord()
    var numbers: [Int] = []
    while try reader.readRecord(into: &record) { numbers.append(reader.recordNumber) }
    #expect(numbers == [1, 2, 3])
  }

  @Test func reportsAnUnterminatedQuoteWithItsRow() throws {
    let error = #expect(throws: RetentionCoreError.self) { try records("a\n\"open,1\n2\n") }
    #expect(error?.code == .malformedCSV)
    #expect(error?.row == 2)
  }

  @Test func flagsTextAfterAClosingQuote() throws {
    var reader = CSVReader(data: Array("\"a\"b,c\n".utf8))
    var record = CSVRecord()
    #expect(try reader.readRecord(into: &record))
    #expect(record.malformed)
  }

  /// Random records written by the rules (plain fields, and quoted ones with separators,
  /// escaped quotes and line breaks; LF or CRLF line ends) read back exactly, whole and in
  /// chunks of every small size, so that both the in-place path for unquoted records and the
  /// copying path see records that end at, straddle and start on chunk boundaries.
  @Test(arguments: 0..<8 as Range<UInt64>)
  func randomRecordsReadBackExactly(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let plain = Array("abc 19.-")
    let special = Array("ab,\"\n\r ")
    var rows: [[String]] = []
    var text = ""
    for _ in 0..<(5 + Int(generator.next() % 30)) {
      let fieldCount = 1 + Int(generator.next() % 5)
      var row: [String] = []
      var written: [String] = []
      for _ in 0..<fieldCount {
        if generator.next() % 4 == 0 {
          let value = String((0..<Int(generator.next() % 6)).map { _ in special[Int(generator.next() % UInt64(special.count))] })
          row.append(value)
          written.append("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else {
          let value = String((0..<Int(generator.next() % 6)).map { _ in plain[Int(generator.next() % UInt64(plain.count))] })
          row.append(value)
          written.append(value)
        }
      }
      rows.append(row)
      text += written.joined(separator: ",") + (generator.next() % 2 == 0 ? "\n" : "\r\n")
    }
    #expect(try records(text) == rows)
    for size in 1...24 {
      #expect(try records(text, chunkSize: size) == rows, "chunk size \(size)")
    }
  }
}
