import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct CSVWriterTests {
  /// Every record of CSV text, read with the SDK's own reader; a malformed record fails the test.
  private func records(_ text: String) throws -> [[String]] {
    var reader = CSVReader(data: Array(text.utf8))
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.readRecord(into: &record) {
      #expect(!record.malformed, "record \(reader.recordNumber) is malformed")
      rows.append((0..<record.count).map { record.string(at: $0) })
    }
    return rows
  }

  @Test func writesTheHandWrittenText() {
    var writer = CSVWriter(header: ["id", "name", "orders", "revenue", "share", "note"])
    writer.append([.text("c1"), .text("Ann"), .integer(3), .number(120.5, fractionDigits: 2), .number(0.25), "ok"])
    writer.append([
      "=HYPERLINK(\"http://x\",\"y\")", "+1+1", .integer(-2), .number(-3.5, fractionDigits: 2), .number(-3.5),
      "-2+3",
    ])
    writer.append(["@SUM(A1)", "\tTab", .integer(0), .number(0, fractionDigits: 0), .number(1e-5), "\rCR"])
    writer.append(["O\"Brien, Pat", "line1\nline2", .integer(7), .number(2.675, fractionDigits: 2), .number(100), ""])
    let expected =
      "id,name,orders,revenue,share,note\r\n"
      + "c1,Ann,3,120.50,0.25,ok\r\n"
      + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+1,-2,-3.50,-3.5,'-2+3\r\n"
      + "'@SUM(A1),'\tTab,0,0,1e-05,\"'\rCR\"\r\n"
      // 2.675 is 2.67499999... in binary, so two digits round it down, as printf does.
      + "\"O\"\"Brien, Pat\",\"line1\nline2\",7,2.67,100.0,\r\n"
    #expect(writer.text == expected)
    #expect(writer.rowCount == 4)
    #expect(writer.columnCount == 6)
    #expect(writer.data == Data(expected.utf8))
  }

  @Test(arguments: [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("-3.5", "'-3.5"), ("-cmd", "'-cmd"), ("=", "'="), ("Ann", "Ann"), ("", ""), (" =1", " =1"), ("a=1", "a=1"),
    ("'=1", "'=1"), ("3.5", "3.5"),
  ])
  func neutralisesTextThatBeginsWithAFormulaTrigger(text: String, expected: String) throws {
    #expect(CSVWriter.neutralised(text) == expected)
    var writer = CSVWriter(header: ["a", "b"])
    writer.append([.text(text), "x"])
    #expect(try records(writer.text) == [["a", "b"], [expected, "x"]])
  }

  @Test func carriageReturnsAreNeutralisedAndQuoted() throws {
    // "\r\n" is one Character; the check looks at the first Unicode scalar.
    for text in ["\r=1+1", "\r\n=1+1", "\rplain"] {
      #expect(CSVWriter.neutralised(text) == "'" + text)
      var writer = CSVWriter(header: ["a"])
      writer.append([.text(text)])
      #expect(writer.text == "a\r\n\"'" + text + "\"\r\n")
      #expect(try records(writer.text) == [["a"], ["'" + text]])
    }
  }

  @Test func numbersTheWriterFormatsStayNumbers() throws {
    var writer = CSVWriter(header: ["n"])
    let cells: [(CSVCell, String)] = [
      (.integer(-3), "-3"), (.integer(Int.min), "-9223372036854775808"), (.number(-3.5), "-3.5"),
      (.number(-0.004, fractionDigits: 2), "-0.00"), (.number(-1e300), "-1e+300"),
      (.number(12, fractionDigits: 3), "12.000"),
      (.text("-3.5"), "'-3.5"), (.text("-3"), "'-3"),
    ]
    for (cell, _) in cells { writer.append([cell]) }
    #expect(try records(writer.text) == [["n"]] + cells.map { [$0.1] })
  }

  @Test func nonFiniteNumbersAreWrittenAsNeutralisedText() throws {
    var writer = CSVWriter(header: ["n"])
    for value in [Double.nan, .infinity, -.infinity] { writer.append([.number(value, fractionDigits: 2)]) }
    writer.append([.number(-.infinity)])
    #expect(writer.text == "n\r\nnan\r\ninf\r\n'-inf\r\n'-inf\r\n")
  }

  @Test func headerNamesAreTextCellsToo() throws {
    let writer = CSVWriter(header: ["=id", "a,b"])
    #expect(writer.text == "'=id,\"a,b\"\r\n")
    #expect(writer.rowCount == 0)
  }

  @Test func aRecordOfOneEmptyFieldIsNotABlankLine() throws {
    var writer = CSVWriter(header: ["person"])
    writer.append([""])
    writer.append(["p1"])
    #expect(writer.text == "person\r\n\"\"\r\np1\r\n")
    var reader = CSVReader(data: Array(writer.text.utf8))
    var record = CSVRecord()
    var counts: [Int] = []
    while try reader.readRecord(into: &record) { counts.append(record.count) }
    #expect(counts == [1, 1, 1])
  }

  @Test func writesAFileAndNamesTheFileItCannotWrite() throws {
    var writer = CSVWriter(header: ["a", "b"])
    writer.append(["=1", .integer(2)])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try writer.write(to: url)
    #expect(try Data(contentsOf: url) == Data("a,b\r\n'=1,2\r\n".utf8))

    let missing = URL(fileURLWithPath: "/no/such/folder/out.csv")
    let error = #expect(throws: RetentionCoreError.self) { try writer.write(to: missing) }
    #expect(error?.code == .ioFailure)
    #expect(error?.reason.contains("/no/such/folder/out.csv") == true)
  }

  @Test func aRowOfTheWrongWidthIsAProgrammerError() async {
    await #expect(processExitsWith: .failure) {
      var writer = CSVWriter(header: ["a", "b"])
      writer.append(["only one"])
    }
  }

  /// Random text made of formula triggers, quotes, separators, line breaks and ordinary
  /// characters reads back from the writer's output exactly as ``CSVWriter/neutralised(_:)``
  /// says, with the same number of fields in every record, and no text field that reads back
  /// begins with a formula trigger.
  @Test(arguments: 0..<20 as Range<UInt64>)
  func randomTextReadsBackNeutralisedAndWellFormed(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    // Characters, not a string: "\r\n" in a string literal would be one Character.
    let alphabet: [Character] = [
      "=", "+", "-", "@", "\t", "\r", "\n", ",", "\"", "'", " ", "a", "Z", "9", ".", "é", "😀",
    ]
    var expected: [[String]] = [["text", "integer", "number"]]
    var writer = CSVWriter(header: expected[0])
    for _ in 0..<(1 + Int(generator.next() % 40)) {
      let text = String(
        (0..<Int(generator.next() % 8)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
      let integer = Int(truncatingIfNeeded: generator.next()) % 1000
      let cents = Int(generator.next() % 20_001) - 10_000
      writer.append([.text(text), .integer(integer), .number(Double(cents) / 100, fractionDigits: 2)])
      let prefix = text.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" : ""
      let hundredths = abs(cents) % 100
      let decimal = (cents < 0 ? "-" : "") + "\(abs(cents) / 100)." + (hundredths < 10 ? "0" : "") + "\(hundredths)"
      expected.append([prefix + text, "\(integer)", decimal])
    }
    let read = try records(writer.text)
    #expect(read == expected)
    #expect(read.allSatisfy { $0.count == 3 })
    for row in read.dropFirst() {
      #expect(
        row[0].unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } != true, "\(row[0].debugDescription)"
      )
    }
  }
}
