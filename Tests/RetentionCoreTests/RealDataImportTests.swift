import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// Imports of the shared real data sets; each expected number cites its source.
struct RealDataImportTests {
  private static func date(_ text: String) -> Date {
    let seconds = DateFormat.iso8601.seconds(text, utcOffset: 0)
    return Date(timeIntervalSince1970: seconds ?? .nan)
  }

  @Test func cdnowSampleReproducesThePublishedSummary() throws {
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
    // REFERENCES.md: 2,357 customers, 6,919 rows.
    #expect(log.report.rowsRead == 6_919)
    #expect(log.report.rowsRejected == 0)
    #expect(log.customerCount == 2_357)
    let summaries = log.summaries(
      SummaryOptions(observationEnd: Self.date("1998-06-30"), calibrationEnd: Self.date("1997-09-30"), unit: .weeks))
    // REFERENCES.md (Fader, Hardie & Lee 2005): 946 repeaters, 2,457 calibration repeat
    // purchases, 1,882 holdout purchases.
    #expect(summaries.count == 2_357)
    #expect(summaries.repeatCustomerCount == 946)
    #expect(summaries.repeatPurchaseCount == 2_457)
    #expect(summaries.holdoutPurchaseCount == 1_882)
    #expect(summaries.holdoutLength.unit == .weeks)
    #expect(summaries.holdoutLength.value.isApproximatelyEqual(to: 273.0 / 7, relativeTolerance: 1e-15))

    // The published per-customer summary (x, t_x, T to 2 decimals, zbar to 0.01).
    let published = try String(contentsOf: try TestData.url("cdnow/cdnow_customers_summary_with_transactions.csv"), encoding: .utf8)
    var checked = 0
    for line in published.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      let id = fields[0]
      let index = try #require(summaries.customerIDs.firstIndex(of: id))
      let s = summaries[index]
      #expect(s.frequency == Double(fields[1]), "x of \(id)")
      #expect(String(format: "%.2f", s.recency) == fields[2], "t_x of \(id)")
      #expect(String(format: "%.2f", s.age) == fields[3], "T of \(id)")
      #expect(abs(s.monetaryValue - (Double(fields[4]) ?? .nan)) <= 0.005 + 1e-9, "zbar of \(id)")
      checked += 1
    }
    #expect(checked == 2_357)
  }

  @Test func cdnowMasterImportsEveryRow() throws {
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_master.txt"), format: .cdnow)
    // REFERENCES.md: 23,570 customers, 69,659 rows (the header line is not a row).
    #expect(log.report.rowsRead == 69_659)
    #expect(log.report.linesImported == 69_659)
    #expect(log.customerCount == 23_570)
  }

  @Test func shopifySampleRoundTrips() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let truth = try JSONSerialization.jsonObject(
      with: Data(contentsOf: try TestData.url("shopify/orders_export_sample.truth.json"))) as? [String: Any]
    let truthOrders = try #require(truth?["orders"] as? Int)
    #expect(log.report.rowsRejected == 0, "\(log.report.rejections.prefix(5))")
    #expect(log.orderCount == truthOrders)
    #expect(log.report.linesImported + log.report.rowsExcluded + log.report.rowsRejected == log.report.rowsRead)
    #expect(log.currency == "EUR")
    // The export has refunds, cancellations and guest orders (REFERENCES.md's list of traps).
    #expect(log.report.cancelledOrders > 0)
    #expect(log.report.refundedOrders + log.report.partiallyRefundedOrders > 0)
    #expect(log.report.guestOrders > 0)
    #expect(log.orderStatuses.contains { if case .partiallyRefunded = $0 { true } else { false } })
    // No phone or zip keeps Excel's leading apostrophe.
    for index in log.indices {
      let reference = log.customerReference(ofOrder: index)
      #expect(reference.phone?.hasPrefix("'") != true)
      #expect(reference.address?.zip?.hasPrefix("'") != true)
    }
  }

  @Test(.fullData) func onlineRetailAccountsForEveryLine() throws {
    let log = try OrderLog(contentsOf: try FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let report = log.report
    // REFERENCES.md: 541,909 lines, 9,288 cancellation lines, 135,080 lines without a customer id.
    #expect(report.rowsRead == 541_909)
    #expect(report.linesImported + report.rowsExcluded + report.rowsRejected == 541_909)
    #expect(report.rowsRejected == 0, "\(report.rejections.prefix(5))")
    #expect(report.exclusions["cancellation invoice"] == 9_288)
    // Independent count (pandas on the file): among non-C lines, 1,336 have quantity <= 0 and
    // 1,181 more have a unit price <= 0.
    #expect(report.exclusions["non-positive quantity"] == 1_336)
    #expect(report.exclusions["non-positive unit price"] == 1_181)
    #expect(report.guestOrders > 0 && report.guestLines > 0)
    // REFERENCES.md: 4,372 customers in the file; 4,338 of them (pandas on the file) have a purchase line under
    // this convention (the others only have cancellations).
    #expect(log.customerCount == 4_338)
  }

  @Test func groceriesBasketsAreMemberDays() throws {
    let log = try OrderLog(contentsOf: try TestData.url("groceries/Groceries_dataset.csv"), format: .groceries)
    let report = log.report
    // REFERENCES.md: 38,765 item purchases, 3,898 members.
    #expect(report.rowsRead == 38_765)
    // Independent count (pandas on the file): 39 rows have an empty item or date and are
    // rejected with their reason; 15 of the good rows have no member number (guest baskets).
    #expect(report.rowsRejected == 39)
    #expect(Set(report.rejections.compactMap(\.field)) == ["itemDescription", "Date"])
    #expect(report.linesImported == 38_726)
    #expect(report.guestOrders == 15)
    #expect(log.customerCount == 3_898)
    // Independent count: 14,963 distinct (member, date) baskets of good rows, plus the 15 guests.
    #expect(log.orderCount == 14_963 + 15)
  }
}
