import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// Shopify's `Discount Code` column: an order-level field, read like the others, carried by the
/// order log as ``Order/discountCodes``.
struct ShopifyDiscountCodeTests {
  static let header =
    "Name,Email,Financial Status,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku"

  /// The committed export: 261 of its 5,026 orders name a code (always `WELCOME10`, on the
  /// order's first row), counted from the CSV with Python's `csv` module; every order is
  /// imported, so the log has the same 261, and the other orders an empty list.
  @Test func theCommittedExportCarriesItsDiscountCodes() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    #expect(log.orderCount == 5_026)
    let codes = log.indices.map { log.discountCodes(ofOrder: $0) }
    #expect(codes.allSatisfy { $0 != nil })
    #expect(codes.count { $0 == ["WELCOME10"] } == 261)
    #expect(codes.count { $0 == [] } == 5_026 - 261)
    // The rebuilt order carries them too.
    let first = try #require(codes.firstIndex { $0 == ["WELCOME10"] })
    #expect(log[first].discountCodes == ["WELCOME10"])
  }

  /// A code on any row of the order counts; several codes are split at commas; two rows that
  /// name different codes reject the order (as any order-level field); an export without the
  /// column says nothing (`nil`), an empty cell says "no code" (`[]`).
  @Test func codesAreAnOrderLevelField() throws {
    let rows = [
      Self.header,
      "#1,ada@example.com,paid,20.00,,2024-01-04 10:00:00 +0100,1,Beans,10.00,B1",
      "#1,ada@example.com,,,SPRING5,2024-01-04 10:00:00 +0100,1,Filters,10.00,F1",
      "#2,bob@example.com,paid,9.00,\" SPRING5 , FREESHIP \",2024-01-05 10:00:00 +0100,1,Filters,9.00,F1",
      "#3,cem@example.com,paid,5.00,,2024-01-06 10:00:00 +0100,1,Mug,5.00,M1",
      "#4,dan@example.com,paid,5.00,SPRING5,2024-01-07 10:00:00 +0100,1,Mug,5.00,M1",
      "#4,dan@example.com,,,WINTER,2024-01-07 10:00:00 +0100,1,Mug,5.00,M1",
    ]
    let log = try OrderLog(csv: Array((rows.joined(separator: "\n") + "\n").utf8), format: .shopify)
    #expect(log.orderIDs == ["#1", "#2", "#3"])
    #expect(log.indices.map { log.discountCodes(ofOrder: $0) } == [["SPRING5"], ["SPRING5", "FREESHIP"], []])
    let rejection = try #require(log.report.rejections.first)
    #expect(rejection.row == 7 && rejection.field == "Discount Code")
    #expect(rejection.reason.contains("\"WINTER\"") && rejection.reason.contains("\"SPRING5\""))

    let withoutColumn = [
      "Name,Email,Created at,Lineitem quantity,Lineitem name,Lineitem price",
      "#1,ada@example.com,2024-01-04 10:00:00 +0100,1,Beans,10.00",
    ]
    let unknown = try OrderLog(csv: Array((withoutColumn.joined(separator: "\n") + "\n").utf8), format: .shopify)
    #expect(unknown.discountCodes(ofOrder: 0) == nil)
    #expect(unknown[0].discountCodes == nil)
  }

  /// Orders built in code keep their codes through the log's sort, and an order repeated with
  /// other codes is a conflict, like any other order-level field.
  @Test func theLogKeepsCodesThroughSortingAndRejectsConflictingRepeats() throws {
    func order(_ id: String, day: Double, codes: [String]?) -> Order {
      Order(
        id: id, customer: CustomerReference(id: "c"), placedAt: Date(timeIntervalSince1970: day * 86_400),
        discountCodes: codes)
    }
    let log = try OrderLog([
      order("late", day: 3, codes: ["A"]), order("early", day: 1, codes: nil), order("middle", day: 2, codes: []),
      order("late", day: 3, codes: ["B"]),
    ])
    #expect(log.orderIDs == ["early", "middle", "late"])
    #expect(log.map(\.discountCodes) == [nil, [], ["A"]])
    #expect(log.report.rejections.map(\.row) == [4])
    #expect(log.report.rejections.first?.field == "id")
    let plain = try OrderLog([order("x", day: 1, codes: nil)])
    #expect(plain.orderDiscountCodeIndices.isEmpty)
    #expect(plain.discountCodes(ofOrder: 0) == nil)
  }
}
