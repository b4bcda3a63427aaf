import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

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
