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

/// Random bytes, truncated files and mutated rows never crash an importer: each either imports
/// with every row accounted for, or throws a `RetentionCoreError`.
struct ImporterFuzzTests {
  static let seed = #"""
    Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount
    #1,a@x.com,paid,10.00,2024-01-04 01:08:35 -0500,1,"A, b",10.00,S1,0
    #1,a@x.com,,,2024-01-04 01:08:35 -0500,2,"say ""hi""",1.00,S2,
    #2,b@x.com,refunded,5.00,2024-02-04 01:08:35 +0000,1,C,5.00,S3,5.00
    """#

  private func check(_ bytes: [UInt8], format: OrderFileFormat) {
    do {
      let log = try OrderLog(csv: bytes, format: format)
      let report = log.report
      if case .cdnow = format {
        #expect(report.rowsRead >= report.rowsRejected)
      } else {
        #expect(report.linesImported + report.rowsExcluded + report.rowsRejected == report.rowsRead)
      }
    } catch is RetentionCoreError {
      // A clear error is an acceptable outcome.
    } catch {
      Issue.record("unexpected error type: \(error)")
    }
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func mutatedAndTruncatedInputsNeverCrash(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var bytes = Array(Self.seed.utf8)
    let alphabet = Array(",\"\r\n 0123456789.-+eE#@abcNa".utf8) + [0xFF, 0xEF, 0xBB, 0xBF, 0x00]
    for _ in 0..<(1 + Int(generator.next() % 8)) {
      let position = Int(generator.next() % UInt64(bytes.count))
      switch generator.next() % 3 {
      case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
      case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
      default: bytes.remove(at: position)
      }
    }
    let truncated = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
    let random = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let formats: [OrderFileFormat] = [
      .shopify, .onlineRetail, .groceries, .cdnow,
      .lineItems(LineItemColumns(customer: "Email", order: "Name", date: "Created at", product: "Lineitem sku")),
      .transactions(TransactionColumns(customer: "Email", date: "Created at", amount: "Total")),
    ]
    for format in formats {
      check(bytes, format: format)
      check(truncated, format: format)
      check(random, format: format)
    }
  }
}

/// The parallel import of a file held in memory gives exactly the sequential result.
struct ParallelImportTests {
  @Test func parallelAndSequentialImportsAgree() throws {
    var text = "cust,order,date,sku,qty,price\n"
    var generator = SplitMix64(seed: 11)
    var row = 1
    while text.utf8.count < 1_300_000 {
      row += 1
      let order = row / 3
      let customer = order % 97
      if row % 5_003 == 0 {
        text += "c\(customer),\(order),2024-02-30,p1,1,1\n"  // an impossible date
      } else if row % 7_001 == 0 {
        text += "c\(customer),\(order),2024-01-01,\"p,\"\"x\"\"\n\",1\n"  // a ragged row with a quoted newline
      } else {
        let day = 1 + Int(generator.next() % 28)
        text += "c\(customer),\(order),2024-01-\(day < 10 ? "0" : "")\(day),p\(generator.next() % 50),\(1 + generator.next() % 3),\(Double(generator.next() % 1_000) / 100)\n"
      }
    }
    let bytes = Array(text.utf8)
    let columns = LineItemColumns(customer: "cust", order: "order", date: "date", product: "sku", quantity: "qty", unitPrice: "price")
    let context = ImportContext(mode: .lenient, timeZone: TimeZone(secondsFromGMT: 0)!)
    let importer = LineItemImporter(columns: columns, rules: .plain)
    let parallel = try importer.importOrders(bytes: bytes, context: context)
    let sequential = try importer.importOrders(CSVReader(data: bytes), context: context)
    #expect(recordBoundary(near: bytes.count / 2, in: bytes) != nil)
    #expect(parallel.report == sequential.report)
    #expect(parallel.report.rowsRejected > 2)
    #expect(parallel.orderIDs == sequential.orderIDs)
    #expect(parallel.customerIDs == sequential.customerIDs)
    #expect(parallel.lineProducts.map { parallel.products[Int($0)].id } == sequential.lineProducts.map { sequential.products[Int($0)].id })
    #expect(parallel.lineQuantities == sequential.lineQuantities)
    #expect(parallel.orderNetAmounts == sequential.orderNetAmounts)
  }

  /// An order whose rows lie on both sides of the split point: merged when the halves agree on
  /// its customer, rejected (its later rows, with the row of its first) when they do not.
  @Test func ordersSpanningTheSplitMergeOrConflictAsInASequentialImport() throws {
    // Long product ids, so that few rows pass the 1 MiB at which the import splits.
    let sku = String(repeating: "x", count: 70)
    let filler = (0..<7_000).map { "c\($0 % 50),o\($0),2024-01-02,\(sku)\($0 % 7),1,2.5" }
    for spanningCustomer in ["c-span", "c-other"] {
      var rows = ["cust,order,date,sku,qty,price"]
      rows += filler.prefix(2_000)
      rows.append("c-span,span,2024-01-03,p1,2,3")
      rows += filler.dropFirst(2_000)
      rows += filler.map { $0.replacingOccurrences(of: ",o", with: ",q") }
      rows.append("\(spanningCustomer),span,2024-01-03,p2,1,4")
      let bytes = Array((rows.joined(separator: "\n") + "\n").utf8)
      let split = try #require(recordBoundary(near: bytes.count / 2, in: bytes))
      let firstHalfRows = bytes[..<split].filter { $0 == UInt8(ascii: "\n") }.count
      // The split lies between the two rows of order "span" (row 2,002 and row 14,003).
      #expect(firstHalfRows > 2_002 && firstHalfRows < 14_003)
      let columns = LineItemColumns(customer: "cust", order: "order", date: "date", product: "sku", quantity: "qty", unitPrice: "price")
      let context = ImportContext(mode: .lenient, timeZone: TimeZone(secondsFromGMT: 0)!)
      let importer = LineItemImporter(columns: columns, rules: .plain)
      let parallel = try importer.importOrders(bytes: bytes, context: context)
      let sequential = try importer.importOrders(CSVReader(data: bytes), context: context)
      #expect(parallel.report == sequential.report)
      #expect(parallel.orderIDs == sequential.orderIDs)
      #expect(parallel.orderNetAmounts == sequential.orderNetAmounts)
      let span = try #require(parallel.orderIDs.firstIndex(of: "span"))
      if spanningCustomer == "c-span" {
        #expect(parallel.report.rowsRejected == 0)
        #expect(parallel.orderNetAmounts[span] == 2 * 3 + 1 * 4)
      } else {
        #expect(parallel.report.rejections.map(\.row) == [14_003])
        #expect(parallel.report.rejections.first?.reason.contains("row 2002") == true)
        #expect(parallel.orderNetAmounts[span] == 2 * 3)
      }
    }
  }
}
