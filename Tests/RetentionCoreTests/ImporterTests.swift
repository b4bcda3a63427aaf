import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct ImporterTests {
  private func log(_ text: String, _ format: OrderFileFormat, mode: ImportMode = .lenient) throws -> OrderLog {
    try OrderLog(csv: Array(text.utf8), format: format, mode: mode)
  }

  private let columns = LineItemColumns(
    customer: "cust", order: "order", date: "date", product: "sku", quantity: "qty", unitPrice: "price")

  @Test func linesWithAMappingNameTheRowAndFieldOfEachBadValue() throws {
    let text = """
      cust,order,date,sku,qty,price
      a,1,2024-01-02,p1,2,3.5
      a,1,2024-01-02,p2,1,1
      b,2,2024-02-30,p1,1,1
      b,3,2024-03-01,p1,x,1
      b,4,2024-03-01,p1,1,NaN
      b,5,2024-03-01,p1,1,-2
      b,6,2024-03-01,p1,1
      c,7,2024-03-02,p1,1,2

      """
    let log = try log(text, .lineItems(columns))
    let report = log.report
    #expect(report.rowsRead == 8)
    #expect(log.orderCount == 2)
    #expect(report.linesImported == 3)
    #expect(report.rowsRejected == 5)
    let expected: [(Int, String?)] = [(4, "date"), (5, "qty"), (6, "price"), (7, "price"), (8, nil)]
    #expect(report.rejections.map(\.row) == expected.map(\.0))
    #expect(report.rejections.map(\.field) == expected.map(\.1))
    #expect(report.rejections[0].reason.contains("2024-02-30"))
    #expect(report.rejections[4].reason.contains("ragged"))
    let error = #expect(throws: RetentionCoreError.self) { try self.log(text, .lineItems(columns), mode: .strict) }
    #expect(error?.row == 4)
    #expect(error?.field == "date")
  }

  @Test func wrongHeadersAndEmptyFilesGetClearErrors() throws {
    let wrong = #expect(throws: RetentionCoreError.self) { try self.log("a,b\n1,2\n", .lineItems(columns)) }
    #expect(wrong?.code == .wrongHeader)
    #expect(wrong?.field == "cust")
    let empty = #expect(throws: RetentionCoreError.self) { try self.log("", .shopify) }
    #expect(empty?.code == .emptyInput)
    let headerOnly = #expect(throws: RetentionCoreError.self) { try self.log("cust,order,date,sku,qty,price\n", .lineItems(columns)) }
    #expect(headerOnly?.code == .emptyInput)
  }

  @Test func onlineRetailConventions() throws {
    let text = """
      InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
      536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,12/1/2010 8:26,2.55,17850.0,United Kingdom
      536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom
      C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom
      536380,22961,JAM MAKING SET PRINTED,-24,12/1/2010 9:41,1.45,17809,United Kingdom
      536381,22139,RETROSPOT TEA SET,1,12/1/2010 9:41,0,17809,United Kingdom
      536382,22139,RETROSPOT TEA SET,2,12/1/2010 10:00,4.25,,United Kingdom
      """
    let log = try log(text, .onlineRetail)
    let report = log.report
    #expect(report.rowsRead == 6)
    #expect(report.linesImported == 3)
    #expect(report.exclusions == ["cancellation invoice": 1, "non-positive quantity": 1, "non-positive unit price": 1])
    #expect(report.guestOrders == 1)
    #expect(log.customerIDs == ["17850"])
    #expect(log.currency == "GBP")
    #expect(abs(log.revenue() - (6 * 2.55 + 6 * 3.39 + 2 * 4.25)) < 1e-9)
  }

  @Test func shopifyOrderFieldsAndStatuses() throws {
    let text = """
      Name,Email,Financial Status,Accepts Marketing,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Company,Billing Zip,Billing Phone,Cancelled at,Refunded Amount,Tags,Source
      #1,Ada@Example.com ,partially_refunded,yes,EUR,50.00,2024-01-04 01:08:35 -0500,1,"Beans, dark",30.00,B1,Ada L,,'01234,'+44 20 1234,,10.00,"wholesale, vip",web
      #1,Ada@Example.com ,,,,,2024-01-04 01:08:35 -0500,2,Filters,10.00,F1,,,,,,,,
      #2,,voided,no,EUR,5.00,2024-01-05 10:00:00 +0100,1,Filters,5.00,F1,Guest,,,,,0.00,,pos
      #3,bob@example.com,paid,no,EUR,5.00,2024-01-05 10:00:00 +0100,1,Filters,5.00,F1,Bob,,,,2024-01-06 10:00:00 +0100,0.00,,web
      """
    let log = try log(text, .shopify)
    #expect(log.orderCount == 3)
    #expect(log.report.rowsRejected == 0)
    let first = log[0]
    #expect(first.id == "#1")
    #expect(first.customer.id == "ada@example.com")
    #expect(first.customer.phone == "+44 20 1234")
    #expect(first.customer.address?.zip == "01234")
    #expect(first.status == .partiallyRefunded(amount: 10))
    #expect(first.netAmount == 40)
    #expect(first.lines.count == 2)
    #expect(first.tags == ["wholesale", "vip"])
    #expect(first.acceptsMarketing == true)
    #expect(first.placedAt == Date(timeIntervalSince1970: 1_704_348_515))  // 2024-01-04 06:08:35 UTC
    #expect(log[1].status == .voided)
    #expect(log[1].customer.isGuest)
    #expect(log[2].status == .cancelled)
    #expect(log.purchaseCount == 1)
  }

  @Test func transactionsAndCDNOW() throws {
    let transactions = try log("cust,date,sales\n1,2006-01-01,5\n1,2006-01-09,7.5\n2,2006-01-03,1\n", .transactions(TransactionColumns(customer: "cust", date: "date", amount: "sales")))
    #expect(transactions.orderCount == 3)
    #expect(transactions.report.linesImported == 3)
    #expect(transactions.revenue() == 13.5)
    let cdnow = try log(" 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n 00003 1997013x  2   20.76\r\n", .cdnow)
    #expect(cdnow.orderCount == 3)
    #expect(cdnow.report.rejections.first?.row == 4)
    #expect(cdnow.report.rejections.first?.field == "date")
  }
}
