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

  // MARK: Records that are too long, or not text

  /// Reads every record, returning the fields of each, or its defect.
  private func outcomes(_ bytes: [UInt8], limit: Int, chunkSize: Int? = nil) throws -> [String] {
    var reader = CSVReader(data: bytes, maximumRecordLength: limit, chunkSize: chunkSize)
    var record = CSVRecord()
    var rows: [String] = []
    while try reader.readRecord(into: &record) {
      if let defect = record.defect {
        #expect(record.count == 0)
        rows.append(defect == .containsNUL ? "<NUL>" : "<too long>")
      } else {
        rows.append((0..<record.count).map { record.string(at: $0) }.joined(separator: "|"))
      }
    }
    return rows
  }

  @Test func aRecordLongerThanTheLimitIsSkippedAndTheNextOneRead() throws {
    let long = String(repeating: "x", count: 40)
    let quotedLong = "\"" + String(repeating: "y,\n", count: 20) + "\""
    let manyFields = String(repeating: ",", count: 40)
    let text = "a,b\n\(long),1\nc,d\n\(quotedLong),2\ne,f\n\(manyFields)\r\ng,h"
    let expected = ["a|b", "<too long>", "c|d", "<too long>", "e|f", "<too long>", "g|h"]
    #expect(try outcomes(Array(text.utf8), limit: 16) == expected)
    for size in [1, 2, 3, 5, 7, 16, 17, 64] {
      #expect(try outcomes(Array(text.utf8), limit: 16, chunkSize: size) == expected, "chunk size \(size)")
    }
    // A record of exactly the limit (field bytes and separators) is kept.
    #expect(try outcomes(Array("h\nabcd,efgh\n".utf8), limit: 9) == ["h", "abcd|efgh"])
    #expect(try outcomes(Array("h\nabcd,efghi\n".utf8), limit: 9) == ["h", "<too long>"])
  }

  @Test func aLongRecordIsNotHeldInMemory() throws {
    // A 24 MiB record between two short ones, read with the default 1 MiB limit: the record's
    // storage never grows past the limit (the record is dropped as soon as it passes it).
    var bytes = Array("id,name\n".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "q"), count: 24 << 20)
    bytes += Array(",1\nlast,row\n".utf8)
    for chunkSize in [nil, 1 << 22] as [Int?] {
      var reader = CSVReader(data: bytes, chunkSize: chunkSize)
      var record = CSVRecord()
      #expect(try reader.readRecord(into: &record))
      #expect(try reader.readRecord(into: &record))
      #expect(record.defect == .tooLong(limit: CSVReader.defaultMaximumRecordLength))
      #expect(record.bytes.capacity <= 2 * CSVReader.defaultMaximumRecordLength)
      #expect(record.ends.capacity <= 1 << 12)
      #expect(try reader.readRecord(into: &record))
      #expect(record.string(at: 1) == "row")
      #expect(reader.recordNumber == 3)
    }
  }

  @Test func aFirstRecordThatIsTooLongOrNotTextThrowsAtOnce() throws {
    let tooLong = #expect(throws: RetentionCoreError.self) { try outcomes(Array((String(repeating: "h", count: 100) + "\n1\n").utf8), limit: 50) }
    #expect(tooLong?.code == .recordTooLong)
    #expect(tooLong?.row == 1)
    for chunkSize in [nil, 3] as [Int?] {
      let nul = #expect(throws: RetentionCoreError.self) { try outcomes([0x61, 0x2C, 0x00, 0x62, 0x0A, 0x31, 0x0A], limit: 100, chunkSize: chunkSize) }
      #expect(nul?.code == .notText)
      #expect(nul?.description.contains("NUL") == true)
    }
    // UTF-16 (a spreadsheet's "Unicode text"), little and big endian.
    for bom in [[0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]] {
      let utf16 = #expect(throws: RetentionCoreError.self) { try outcomes(bom + [0x61, 0x00, 0x0A, 0x00], limit: 100) }
      #expect(utf16?.code == .notText)
      #expect(utf16?.reason.contains("UTF-16") == true)
    }
  }

  @Test func aLaterRecordWithANULByteIsMarkedAndSkipped() throws {
    let bytes: [UInt8] = Array("a,b\nx,".utf8) + [0, 0, 0] + Array("y\n\"q\u{0}\",z\nc,d\n".utf8)
    let expected = ["a|b", "<NUL>", "<NUL>", "c|d"]
    #expect(try outcomes(bytes, limit: 100) == expected)
    for size in 1...9 {
      #expect(try outcomes(bytes, limit: 100, chunkSize: size) == expected, "chunk size \(size)")
    }
  }

  @Test func aSeparatorOfZeroReadsEachLineAsOneField() throws {
    #expect(try outcomes(Array("a b,c\n d\te \n".utf8), limit: 100).count == 2)
    var reader = CSVReader(data: Array("a b,c\n".utf8), separator: 0)
    var record = CSVRecord()
    #expect(try reader.readRecord(into: &record))
    #expect(record.count == 1 && record.string(at: 0) == "a b,c")
  }
}
