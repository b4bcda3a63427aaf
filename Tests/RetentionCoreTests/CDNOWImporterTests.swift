import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The CDNOW import against the orders its rows stand for.
///
/// The CDNOW importer adds each row to the log builder without making an `Order`. These tests
/// compare what it imports with the orders the rows stand for (Fader, Hardie & Lee 2005: one
/// order of `cds` CDs worth `dollars`, in USD, with the customer id without leading zeros; a
/// sample row's customer is its sample id), built by a plain reading of the file and passed to
/// `OrderLog(_:)`.
struct CDNOWImporterTests {
  /// The orders of a CDNOW text, with the row each came from (the header is row 1), and the
  /// rows that are not orders.
  static func referenceOrders(_ text: String) -> (orders: [Order], rows: [Int], rejectedRows: [Int]) {
    var orders: [Order] = [], rows: [Int] = [], rejectedRows: [Int] = []
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    // "\r\n" is one `Character`.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (offset, line) in lines.enumerated() {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
      guard let first = fields.first, first.first?.isNumber == true else { continue }
      let row = offset + 1
      let customerField = fields.count == 5 ? fields[1] : fields[0]
      let dateField = fields[fields.count - 3]
      guard let customer = Int(customerField), dateField.count == 8,
        let year = Int(dateField.prefix(4)), let month = Int(dateField.dropFirst(4).prefix(2)),
        let day = Int(dateField.suffix(2)),
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
        calendar.component(.day, from: date) == day,
        let cds = Double(fields[fields.count - 2]), let dollars = Double(fields[fields.count - 1]),
        cds >= 0, dollars >= 0, cds == 0 || (dollars / cds).isFinite
      else {
        rejectedRows.append(row)
        continue
      }
      orders.append(
        Order(
          id: "\(customer)-\(row)", customer: CustomerReference(id: "\(customer)"), placedAt: date,
          lines: [LineItem(productID: "CD", quantity: cds, unitPrice: cds > 0 ? dollars / cds : 0)], total: dollars,
          currency: "USD"))
      rows.append(row)
    }
    return (orders, rows, rejectedRows)
  }

  /// Checks that two logs hold the same orders, customers and products.
  static func expectSameOrders(_ log: OrderLog, _ expected: OrderLog) {
    #expect(log.orderCount == expected.orderCount)
    #expect(log.orderIDs == expected.orderIDs)
    #expect(log.customerIDs == expected.customerIDs)
    #expect(log.orderCustomers == expected.orderCustomers)
    #expect(log.orderTimes == expected.orderTimes)
    #expect(log.orderGrossAmounts == expected.orderGrossAmounts)
    #expect(log.orderNetAmounts == expected.orderNetAmounts)
    #expect(log.orderLineStarts == expected.orderLineStarts)
    #expect(log.lineQuantities == expected.lineQuantities)
    #expect(log.lineUnitPrices == expected.lineUnitPrices)
    #expect(log.products == expected.products)
    #expect(log.customerOrderIndices == expected.customerOrderIndices)
    #expect(log.currency == expected.currency)
    #expect(log.report.ordersImported == expected.report.ordersImported)
    #expect(log.report.linesImported == expected.report.linesImported)
    guard log.orderCount == expected.orderCount else { return }
    for index in 0..<log.orderCount { #expect(log[index] == expected[index], "order \(index)") }
  }

  @Test(arguments: ["cdnow/CDNOW_master.txt", "cdnow/CDNOW_sample.txt"])
  func importEqualsTheOrdersTheRowsStandFor(file: String) throws {
    let url = try TestData.url(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    let reference = Self.referenceOrders(text)
    #expect(reference.rejectedRows.isEmpty)
    let log = try OrderLog(contentsOf: url, format: .cdnow)
    Self.expectSameOrders(log, try OrderLog(reference.orders))
    #expect(log.report.rowsRead == reference.orders.count)
    #expect(log.report.rowsRejected == 0)
  }

  @Test func edgeRowsEqualTheDefinition() throws {
    let text = """
       customer_id  date number_of_cds  dollar_value\r
       00010 19970301  0    0.00\r
       00002 19970112  1   12.00\r
       00002 19970112  2   12.00\r
       00003 19970231  2   20.76\r
       0 19971231  1e-320   5.00\r
       00004 19970105  3   -1.00\r
       7 19970101  2.5   10\r
       00002 19970101  1   9.99\r

      """ + "  \n"  // and a blank row
    let reference = Self.referenceOrders(text)
    #expect(reference.rejectedRows == [5, 6, 7])  // 31 February, an infinite unit price, negative dollars
    let log = try OrderLog(csv: Array(text.utf8), format: .cdnow)
    Self.expectSameOrders(log, try OrderLog(reference.orders))
    #expect(log.report.rejections.map(\.row) == reference.rejectedRows)
    #expect(log.report.rejections.map(\.field) == ["date", "unitPrice", "dollars"])
    #expect(log.report.rowsRead == reference.orders.count + reference.rejectedRows.count + 1)  // and the blank row
    #expect(log.report.rowsExcluded == 1)
  }
}
