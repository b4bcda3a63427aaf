import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct OrderLogTests {
  static let day = 86_400.0
  static func order(
    _ id: String, _ customer: String?, day: Double, status: OrderStatus = .paid, lines: [LineItem] = [],
    total: Double? = nil, currency: String? = nil
  ) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: Date(timeIntervalSince1970: day * Self.day),
      status: status, lines: lines, total: total, currency: currency)
  }

  @Test func sortsByTimeAndInternsCustomersAndProducts() throws {
    let log = try OrderLog([
      Self.order("b", "bob", day: 5, lines: [LineItem(productID: "p1", quantity: 1, unitPrice: 3)]),
      Self.order("a", "ada", day: 1, lines: [LineItem(productID: "p2", quantity: 2, unitPrice: 4)]),
      Self.order("c", "ada", day: 3, lines: [LineItem(productID: "p1", quantity: 1, unitPrice: 3)]),
    ])
    #expect(log.orderIDs == ["a", "c", "b"])
    #expect(log.customerIDs == ["ada", "bob"])
    #expect(log.products.map(\.id) == ["p1", "p2"])  // products are numbered in input order
    #expect(log.orders(ofCustomer: "ada").map(\.id) == ["a", "c"])
    #expect(log.orders(ofCustomer: "nobody").isEmpty)
    #expect(log.revenue() == 8 + 3 + 3)
    #expect(log[0].lines == [LineItem(productID: "p2", quantity: 2, unitPrice: 4)])
    let range = Date(timeIntervalSince1970: 2 * Self.day)..<Date(timeIntervalSince1970: 5 * Self.day)
    #expect(log.orders(placedIn: range).map(\.id) == ["c"])
    #expect(log.revenue(placedIn: range) == 3)
  }

  @Test func mergesTheLineRowsOfOneOrderAndRejectsConflicts() throws {
    let line1 = LineItem(productID: "p1", quantity: 1, unitPrice: 2)
    let line2 = LineItem(productID: "p2", quantity: 1, unitPrice: 5)
    let log = try OrderLog([
      Self.order("x", "ada", day: 1, lines: [line1]),
      Self.order("x", "ada", day: 1, lines: [line2]),
      Self.order("x", "bob", day: 1, lines: [line2]),
    ])
    #expect(log.orderCount == 1)
    #expect(log.lines(ofOrder: 0) == [line1, line2])
    #expect(log.report.rowsRejected == 1)
    #expect(log.report.rejections.first?.row == 3)
    #expect(log.report.rejections.first?.field == "id")
    #expect(throws: RetentionCoreError.self) {
      try OrderLog([Self.order("x", "ada", day: 1), Self.order("x", "bob", day: 2)], mode: .strict)
    }
  }

  @Test func excludesCancellationsAndNetsRefunds() throws {
    let log = try OrderLog([
      Self.order("1", "ada", day: 1, total: 100),
      Self.order("2", "ada", day: 2, status: .partiallyRefunded(amount: 30), total: 100),
      Self.order("3", "ada", day: 3, status: .refunded(amount: 100), total: 100),
      Self.order("4", "ada", day: 4, status: .cancelled, total: 100),
      Self.order("5", "ada", day: 5, status: .voided, total: 100),
      Self.order("6", nil, day: 6, total: 10),
    ])
    #expect(log.orderCount == 6)
    #expect(log.purchaseCount == 3)
    #expect(log.revenue() == 100 + 70 + 10)
    #expect(log.report.cancelledOrders == 2)
    #expect(log.report.refundedOrders == 1)
    #expect(log.report.partiallyRefundedOrders == 1)
    #expect(log.report.guestOrders == 1)
    let summaries = log.summaries(SummaryOptions(observationEnd: Date(timeIntervalSince1970: 10 * Self.day), unit: .days))
    #expect(summaries.count == 1)
    #expect(summaries[0].orders == 2)
    #expect(summaries[0].revenue == 170)
  }

  @Test(arguments: [
    (LineItem(productID: "p", quantity: .nan, unitPrice: 1), "quantity"),
    (LineItem(productID: "p", quantity: -1, unitPrice: 1), "quantity"),
    (LineItem(productID: "p", quantity: 1, unitPrice: -1), "unitPrice"),
    (LineItem(productID: "p", quantity: 1, unitPrice: .infinity), "unitPrice"),
    (LineItem(productID: "", quantity: 1, unitPrice: 1), "productID"),
  ])
  func rejectsBadLinesNamingTheField(line: LineItem, field: String) throws {
    let log = try OrderLog([Self.order("ok", "ada", day: 1), Self.order("bad", "ada", day: 2, lines: [line])])
    #expect(log.orderCount == 1)
    #expect(log.report.rejections == [ImportReport.Rejection(row: 2, field: field, reason: log.report.rejections[0].reason)])
    let error = #expect(throws: RetentionCoreError.self) { try OrderLog([Self.order("bad", "ada", day: 2, lines: [line])], mode: .strict) }
    #expect(error?.field == field)
  }

  @Test func refusesASecondCurrencyUnlessOneIsChosen() throws {
    let orders = [Self.order("1", "ada", day: 1, currency: "EUR"), Self.order("2", "bob", day: 2, currency: "USD")]
    let error = #expect(throws: RetentionCoreError.self) { try OrderLog(orders) }
    #expect(error?.code == .mixedCurrency)
    #expect(error?.reason.contains("EUR (1 order), USD (1 order)") == true)
    let log = try OrderLog(orders, options: ImportOptions(currency: .only("USD")))
    #expect(log.currency == "USD")
    #expect(log.orderIDs == ["2"])
    #expect(log.report.rejections.first?.field == "currency")
  }

  @Test func emptyLogHasNoSummaries() throws {
    let log = try OrderLog([Order]())
    #expect(log.isEmpty)
    #expect(log.summaries(SummaryOptions(observationEnd: Date())).isEmpty)
    #expect(log.firstOrderDate == nil)
  }
}
