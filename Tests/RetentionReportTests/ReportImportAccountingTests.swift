import Foundation
import Testing
import _TestSupport

@testable import RetentionReport

/// The report shows the import accounting (as the programs print it) and says which orders its
/// figures include: customers' orders only, with the guest orders left out counted.
struct ReportImportAccountingTests {
  /// Customers a (two orders), b (one), a guest order of 500 and a rejected row.
  static let csv = """
    customer,date,product,amount
    a,2024-01-01,tea,10
    a,2024-02-01,tea,30
    b,2024-01-15,cake,20
    ,2024-01-20,cake,500
    c,2024-13-01,tea,5

    """

  static func report() throws -> ShopReport {
    let columns = LineItemColumns(customer: "customer", date: "date", product: "product", unitPrice: "amount")
    let log = try OrderLog(csv: Array(csv.utf8), format: .lineItems(columns))
    return ShopReport(log: log, options: ShopReportOptions(currency: "EUR"))
  }

  @Test func theReportCarriesTheAccountingOfTheImport() throws {
    let report = try Self.report()
    let accounting = report.importAccounting
    #expect(accounting.rowsRead == 5)
    #expect(accounting.rowsImported == 4)
    #expect(accounting.ordersImported == 4)
    #expect(accounting.rowsRejected == 1)
    #expect(accounting.rejectionReasons == [.init(reason: #"invalid date in "date""#, rows: 1)])
    #expect(
      accounting.lines == [
        "5 rows read: 4 imported as 4 orders, 0 excluded, 1 rejected", #"rejected: invalid date in "date" (1)"#,
      ])
    let html = report.html()
    let (page, error) = PageScanner.scan(html)
    #expect(error == nil)
    #expect(page.ids.contains("data-import"))
    #expect(html.contains("<li>5 rows read: 4 imported as 4 orders, 0 excluded, 1 rejected</li>"))
    #expect(report.markdown().contains("## The data behind these figures\n\n- 5 rows read: 4 imported as 4 orders"))
  }

  @Test func figuresCountCustomersOrdersOnlyAndSaySo() throws {
    let overview = try Self.report().overview
    #expect(overview.customers == 2)
    #expect(overview.orders == 3)
    #expect(overview.revenue == 60)
    #expect(overview.guestOrders == 1)
    #expect(overview.guestRevenue == 500)
    // The median of the customers' orders 10, 20, 30; with the guest's 500 it would be 25.
    #expect(overview.medianOrderValue == 20)
    #expect(overview.includes == "customers' orders only; 1 guest order (€500) not included")
    let report = try Self.report()
    #expect(report.html().contains("(customers&#39; orders only; 1 guest order (€500) not included)"))
  }
}
