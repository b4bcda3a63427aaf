import Foundation
import Testing
@testable import RetentionCore

/// The import accounting: every row read is imported, excluded or rejected, with the most
/// common reasons, in one formatter shared by the programs and the report.
struct ImportReportAccountingTests {
  static let onlineRetail = """
    InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
    536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850.0,United Kingdom
    536365,71053,LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom
    C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom
    C536380,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom
    536381,22139,TEA SET,1,12/1/2010 9:41,0,17809,United Kingdom
    536382,22139,TEA SET,1,13/45/2010 9:41,1,17809,United Kingdom
    536383,22139,TEA SET,1,14/45/2010 9:41,1,17809,United Kingdom
    536384,22139,TEA SET,x,12/2/2010 9:41,1,17809,United Kingdom
    536385,22139,TEA SET,1,12/2/2010 9:41,1,,United Kingdom
    536386,22139,TEA SET
    536387,22139,TEA SET,2,12/3/2010 9:41,1,17809,United Kingdom

    """

  @Test func everyRowIsCountedWithTheMostCommonReasons() throws {
    let report = try OrderLog(csv: Array(Self.onlineRetail.utf8), format: .onlineRetail).report
    #expect(report.rowsRead == 11)
    #expect(report.linesImported == 4)
    #expect(report.ordersImported == 3)
    #expect(report.rowsExcluded == 3)
    #expect(report.rowsRejected == 4)
    #expect(report.linesImported + report.rowsExcluded + report.rowsRejected == report.rowsRead)
    #expect(report.rejectedFraction == 4.0 / 11)
    #expect(
      report.mostCommonRejectionReasons() == [
        .init(reason: #"invalid date in "InvoiceDate""#, rows: 2),
        .init(reason: #"invalid number in "Quantity""#, rows: 1),
        .init(reason: "malformed CSV", rows: 1),
      ])
    #expect(report.mostCommonRejectionReasons(limit: 1).map(\.rows) == [2])
    #expect(
      report.mostCommonExclusionReasons() == [
        .init(reason: "cancellation invoice", rows: 2), .init(reason: "non-positive unit price", rows: 1),
      ])
    #expect(
      report.accountingLines(source: "retail.csv") == [
        "retail.csv: 11 rows read: 4 imported as 3 orders, 3 excluded, 4 rejected",
        "  excluded: cancellation invoice (2), non-positive unit price (1)",
        #"  rejected: invalid date in "InvoiceDate" (2), invalid number in "Quantity" (1), malformed CSV (1)"#,
      ])
    #expect(
      report.accountingLines(reasonLimit: 1).last
        == #"  rejected: invalid date in "InvoiceDate" (2), and 2 more reasons"#)
  }

  @Test func theReasonCountsAreCompleteBeyondTheStoredRejections() throws {
    var text = "customer,date,amount\n"
    for row in 0..<2_500 { text += "c\(row),not-a-date,1\n" }
    text += "c,2024-01-01,x\nd,2024-01-01,5\n"
    let report = try OrderLog(csv: Array(text.utf8), format: .transactions(TransactionColumns())).report
    #expect(report.rejections.count == ImportReport.maximumStoredRejections)
    #expect(report.rowsRejected == 2_501)
    #expect(report.rejectionReasons == [#"invalid date in "date""#: 2_500, #"invalid number in "amount""#: 1])
    #expect(report.accountingLines().first == "2,502 rows read: 1 imported as 1 order, 0 excluded, 2,501 rejected")
  }

  @Test func theParallelImportCountsReasonsAsASequentialOne() throws {
    // Over 1 MiB, so that the line-item importer splits the file into two parallel parts.
    var text = "cust,order,date,sku,qty,price\n"
    var row = 0
    while text.utf8.count < 1_200_000 {
      row += 1
      text += row % 7 == 0 ? "c\(row % 50),o\(row),2024-13-01,p,1,1\n" : "c\(row % 50),o\(row),2024-01-01,p,1,1\n"
    }
    let columns = LineItemColumns(
      customer: "cust", order: "order", date: "date", product: "sku", quantity: "qty", unitPrice: "price")
    let parallel = try OrderLog(csv: Array(text.utf8), format: .lineItems(columns)).report
    let sequential = try LineItemImporter(columns: columns, rules: .plain)
      .importOrders(
        CSVReader(data: Array(text.utf8)),
        context: ImportContext(mode: .lenient, timeZone: TimeZone(secondsFromGMT: 0)!)
      )
      .report
    #expect(parallel.rejectionReasons == [#"invalid date in "date""#: row / 7])
    #expect(parallel.rejectionReasons == sequential.rejectionReasons)
    #expect(parallel.accountingLines() == sequential.accountingLines())
  }

  @Test func aRowLongerThanTheConfiguredLimitIsRejected() throws {
    let text =
      "customer,date,amount\na,2024-01-01,1\n" + String(repeating: "b", count: 3_000)
      + ",2024-01-02,1\nc,2024-01-03,2\n"
    let format = OrderFileFormat.transactions(TransactionColumns())
    let strict = try OrderLog(csv: Array(text.utf8), format: format, options: ImportOptions(maximumRecordLength: 1_024))
    #expect(strict.report.rowsRejected == 1)
    #expect(strict.report.rejections.first?.row == 3)
    #expect(strict.report.rejections.first?.reason == "the row is longer than 1024 bytes, the most a row may hold")
    #expect(try OrderLog(csv: Array(text.utf8), format: format).report.rowsRejected == 0)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("long-row-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let fromFile = try OrderLog(contentsOf: file, format: format, options: ImportOptions(maximumRecordLength: 1_024))
    #expect(fromFile.report.rejectionReasons == ["row too long": 1])
  }
}
