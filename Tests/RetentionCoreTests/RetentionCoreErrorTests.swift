import Foundation
import Testing
@testable import RetentionCore

/// Messages never echo more than 200 characters of the input, nor raw control bytes.
struct RetentionCoreErrorTests {
  /// Whether a text is safe to print on a terminal: no C0/C1 control character, no DEL.
  static func isPrintable(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }

  @Test func excerptsEscapeControlAndInvisibleCharacters() {
    #expect(RetentionCoreError.excerpt("a\u{0}b\tc\r\nd\u{1B}[31m") == #"a\u{0}b\u{9}c\u{D}\u{A}d\u{1B}[31m"#)
    #expect(RetentionCoreError.excerpt("\u{202E}gnp.exe") == #"\u{202E}gnp.exe"#)
    #expect(RetentionCoreError.excerpt("Müller ✓ 😀") == "Müller ✓ 😀")
    #expect(RetentionCoreError.excerpt("\u{7F}\u{85}") == #"\u{7F}\u{85}"#)
  }

  @Test func excerptsKeepAtMost200CharactersOfTheInput() {
    let long = String(repeating: "x", count: 50_000)
    let excerpt = RetentionCoreError.excerpt(long)
    #expect(excerpt.hasPrefix(String(repeating: "x", count: 200) + "…"))
    #expect(!excerpt.hasPrefix(String(repeating: "x", count: 201)))
    #expect(excerpt.hasSuffix("(50000 bytes in all)"))
    #expect(RetentionCoreError.excerpt(String(repeating: "y", count: 200)) == String(repeating: "y", count: 200))
    #expect(RetentionCoreError.excerpt("abcdef", limit: 3) == "abc… (6 bytes in all)")
  }

  @Test func descriptionsAreBoundedAndPrintableWhateverTheReasonHolds() {
    let hostile = String(repeating: "\u{1B}[2J\u{0}", count: 100_000)
    let error = RetentionCoreError(.invalidNumber, row: 3, field: hostile, reason: "not a number: " + hostile)
    let text = error.description
    #expect(Self.isPrintable(text))
    #expect(text.count < RetentionCoreError.maximumFieldLength + RetentionCoreError.maximumReasonLength + 200)
    let rejection = ImportReport.Rejection(row: 3, field: hostile, reason: hostile)
    #expect(Self.isPrintable(rejection.description))
    #expect(rejection.description.count < 1_000)
  }

  @Test func importRejectionsQuoteAtMost200CharactersOfABadValue() throws {
    let huge = String(repeating: "9x", count: 200_000)
    let control = "2024-01-0\u{1B}]0;pwned\u{7}1"
    let text = "customer,date,amount\na,2024-01-01,\(huge)\nb,\(control),1\nc,2024-01-02,1\n"
    let log = try OrderLog(
      csv: Array(text.utf8),
      format: .transactions(TransactionColumns(customer: "customer", date: "date", amount: "amount")))
    #expect(log.report.rowsRejected == 2)
    for rejection in log.report.rejections {
      #expect(Self.isPrintable(rejection.description))
      #expect(rejection.description.count < 300, "\(rejection.description.count) characters")
    }
    let quoted = try #require(log.report.rejections.first?.reason)
    #expect(quoted.contains(String(repeating: "9x", count: 100) + "…"))
    #expect(log.report.rejections.last?.reason.contains(#"\u{1B}]0;pwned\u{7}"#) == true)
  }

  @Test func aHugeHeaderIsNeitherReadWholeNorEchoed() throws {
    // A 3 MB first line: more than the 1 MiB row limit, so the file is refused at its first row.
    let header = String(repeating: "h", count: 3_000_000) + ",b\n1,2\n"
    let refused = #expect(throws: RetentionCoreError.self) {
      try OrderLog(csv: Array(header.utf8), format: .lineItems(LineItemColumns(customer: "c", date: "d", product: "p")))
    }
    #expect(refused?.code == .recordTooLong)
    #expect((refused?.description.count ?? .max) < 200)
    // Under the limit, a header of long names is listed briefly when a column is missing.
    let names = (0..<40).map { "column\($0)" + String(repeating: "n", count: 20_000) }.joined(separator: ",")
    let missing = #expect(throws: RetentionCoreError.self) {
      try OrderLog(
        csv: Array((names + "\n" + Array(repeating: "1", count: 40).joined(separator: ",") + "\n").utf8),
        format: .shopify)
    }
    #expect(missing?.code == .wrongHeader)
    #expect((missing?.description.count ?? .max) < 400)
    #expect(missing?.description.contains("column0") == true)
  }
}
