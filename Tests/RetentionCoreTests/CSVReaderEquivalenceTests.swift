import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The fast `CSVReader` (runs of ordinary bytes skipped at once, unquoted records read in place,
/// input in chunks) reads exactly what a plain byte-at-a-time reader of RFC 4180 reads, on
/// random well-formed and malformed input, whole and in chunks of many sizes.
struct CSVReaderEquivalenceTests {
  /// A record as the plain reader sees it: its fields and whether it had text after a closing
  /// quote; or the row of an unterminated quote.
  enum Outcome: Equatable {
    case record([String], malformed: Bool)
    case unterminatedQuote(row: Int)
  }

  /// The plain reader: one byte at a time, one state machine, the whole input at once.
  ///
  /// A field that starts with a quote is quoted: inside, `""` is a quote and a lone quote closes
  /// it; text after the closing quote is kept and marks the record malformed. Elsewhere a quote
  /// is an ordinary byte. The separator ends a field; LF, CR or CRLF ends a record; a leading
  /// UTF-8 byte-order mark is skipped; the end of the input ends the last record.
  static func plainRead(_ input: [UInt8]) -> [Outcome] {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var bytes = input[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var outcomes: [Outcome] = []
    var fields: [String] = [], field: [UInt8] = []
    var malformed = false, fieldStart = true, inQuotes = false, afterQuote = false
    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field = []
      fieldStart = true
      afterQuote = false
    }
    func endRecord() {
      endField()
      outcomes.append(.record(fields, malformed: malformed))
      fields = []
      malformed = false
    }
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      if inQuotes {
        if byte != quote {
          field.append(byte)
        } else if index < bytes.endIndex && bytes[index] == quote {
          field.append(quote)
          index += 1
        } else {
          inQuotes = false
          afterQuote = true
        }
      } else if byte == comma {
        endField()
      } else if byte == lf || byte == cr {
        if byte == cr && index < bytes.endIndex && bytes[index] == lf { index += 1 }
        endRecord()
      } else if byte == quote && fieldStart {
        inQuotes = true
        fieldStart = false
      } else {
        if afterQuote { malformed = true }
        fieldStart = false
        field.append(byte)
      }
    }
    if inQuotes {
      outcomes.append(.unterminatedQuote(row: outcomes.count + 1))
    } else if !fields.isEmpty || !field.isEmpty || !fieldStart || afterQuote {
      endRecord()
    }
    return outcomes
  }

  /// What the fast reader reads, in chunks of `chunkSize` bytes.
  static func fastRead(_ input: [UInt8], chunkSize: Int?) -> [Outcome] {
    var reader = CSVReader(data: input, chunkSize: chunkSize)
    var record = CSVRecord()
    var outcomes: [Outcome] = []
    do {
      while try reader.readRecord(into: &record) {
        outcomes.append(.record((0..<record.count).map { record.string(at: $0) }, malformed: record.malformed))
      }
    } catch let error as RetentionCoreError where error.code == .malformedCSV {
      outcomes.append(.unterminatedQuote(row: error.row ?? -1))
    } catch {
      outcomes.append(.unterminatedQuote(row: -2))
    }
    return outcomes
  }

  /// Random text over an alphabet of the bytes that matter (separator, quote, CR, LF), plain
  /// letters, a space and a two-byte UTF-8 letter, with long plain runs now and then.
  static func randomInput(_ generator: inout SplitMix64) -> [UInt8] {
    let alphabet = Array("ab ,,\"\"\n\r".utf8) + Array("é".utf8)
    var bytes: [UInt8] = generator.next() % 8 == 0 ? [0xEF, 0xBB, 0xBF] : []
    for _ in 0..<Int(generator.next() % 120) {
      if generator.next() % 16 == 0 {
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: Int(generator.next() % 40))
      } else {
        bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
      }
    }
    return bytes
  }

  @Test(arguments: 0..<200 as Range<UInt64>)
  func fastReaderReadsWhatThePlainReaderReads(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let input = Self.randomInput(&generator)
    let expected = Self.plainRead(input)
    // The byte-order mark is looked for in the first chunk only (a file's first 4 MiB), so
    // chunks shorter than the mark are left out for input that starts with one.
    let hasMark = input.starts(with: [0xEF, 0xBB, 0xBF])
    for chunkSize in [nil, 1, 2, 3, 5, 8, 13, 64] as [Int?] where !hasMark || (chunkSize ?? 3) >= 3 {
      #expect(Self.fastRead(input, chunkSize: chunkSize) == expected, "chunk size \(String(describing: chunkSize)): \(Array(input))")
    }
  }

  @Test func edgeCasesAgree() {
    let cases = [
      "", "\n", "\r", "\r\n", "a", "a,", ",", "\"\"", "\"", "\"a\"\"", "\"a\"b,c\n", "a\"b\n", "\"a\r\nb\"\r\n",
      "a\r\r\nb", "\u{FEFF}x,y", "\u{FEFF}", "\"\"\"\"", "x,\"\"\"", "a,b\n\nc,d\n",
      // A CRLF that ends a chunk, then a blank line (the blank line was once taken for the LF).
      "\r,\r\n\n",
    ]
    for text in cases {
      let input = Array(text.utf8)
      let expected = Self.plainRead(input)
      for chunkSize in [nil, 1, 2, 3] as [Int?] where !text.hasPrefix("\u{FEFF}") || (chunkSize ?? 3) >= 3 {
        #expect(Self.fastRead(input, chunkSize: chunkSize) == expected, "\(text.debugDescription) chunk \(String(describing: chunkSize))")
      }
    }
    // The plain reader itself, on the documented rules (expected values written by hand).
    #expect(Self.plainRead(Array("\"a\"\"b\",c\r\nd".utf8)) == [.record(["a\"b", "c"], malformed: false), .record(["d"], malformed: false)])
    #expect(Self.plainRead(Array("x\n\"open".utf8)) == [.record(["x"], malformed: false), .unterminatedQuote(row: 2)])
  }
}
