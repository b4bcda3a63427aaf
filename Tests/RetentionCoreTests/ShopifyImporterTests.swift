import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The Shopify importer reads orders, not row positions: each order-level field comes from the
/// row that carries it, wherever that row is, and rows that disagree are a rejection.
struct ShopifyImporterTests {
  private static func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: try TestData.url("fixtures/\(name)")))
  }

  /// `fixtures/shopify_nonadjacent_rows.csv`: the rows of #1 and #2 are interleaved, and each
  /// order's fields sit on a later row than its first (#1 on its second row, #2 in the middle);
  /// #3's product name holds a line break.
  @Test func orderFieldsComeFromTheRowThatCarriesThem() throws {
    let log = try OrderLog(csv: try Self.fixture("shopify_nonadjacent_rows.csv"), format: .shopify)
    #expect(log.report.rowsRead == 6)
    #expect(log.report.rowsRejected == 0, "\(log.report.rejections)")
    #expect(log.report.linesImported == 6)
    #expect(log.orderIDs == ["#1", "#2", "#3"])
    let ada = log[0]
    #expect(ada.customer.id == "ada@example.com")
    #expect(ada.customer.email == "Ada@Example.com")
    #expect(ada.customer.name == "Ada L")
    #expect(ada.customer.phone == "+44 20 1234")
    #expect(ada.customer.address?.zip == "01234")
    #expect(ada.status == .partiallyRefunded(amount: 10))
    #expect(ada.total == 50)
    #expect(ada.netAmount == 40)
    #expect(ada.currency == "EUR")
    #expect(ada.tags == ["wholesale", "vip"])
    #expect(ada.channel == "web")
    #expect(ada.acceptsMarketing == true)
    #expect(ada.placedAt == Date(timeIntervalSince1970: 1_704_348_515))  // 2024-01-04 06:08:35 UTC
    #expect(ada.lines.map(\.productID) == ["B1", "F1"])
    #expect(ada.lines.map(\.quantity) == [1, 2])
    let bob = log[1]
    #expect(bob.status == .voided)
    #expect(bob.total == 12)
    #expect(bob.channel == "pos")
    #expect(bob.acceptsMarketing == false)
    #expect(bob.lines.count == 3)
    let cem = log[2]
    #expect(cem.status == .refunded(amount: 9))
    #expect(cem.lines.first?.name == "Mug\nwith lid")
    #expect(log.purchaseCount == 1)
    #expect(log.revenue() == 40)
  }

  /// All 720 orders of the fixture's six records give one and the same log.
  @Test func everyRowOrderGivesTheSameLog() throws {
    let records = CSVRecords(try Self.fixture("shopify_nonadjacent_rows.csv"))
    #expect(records.rows.count == 6)
    let reference = LogContents(try OrderLog(csv: records.text(order: Array(records.rows.indices)), format: .shopify))
    func permutations(_ items: [Int]) -> [[Int]] {
      guard let first = items.first else { return [[]] }
      return permutations(Array(items.dropFirst())).flatMap { rest in
        (0...rest.count).map { position in
          var permutation = rest
          permutation.insert(first, at: position)
          return permutation
        }
      }
    }
    let orders = permutations(Array(records.rows.indices))
    #expect(orders.count == 720)
    for order in orders {
      let log = try OrderLog(csv: records.text(order: order), format: .shopify)
      #expect(LogContents(log) == reference, "rows in order \(order)")
    }
  }

  /// `fixtures/shopify_conflicting_order_fields.csv`: #1 gives Total 50.00 in row 2 and 45.00 in
  /// row 4; #3 gives Accepts Marketing yes in row 5 and no in row 6; #4 gives two creation times.
  @Test func conflictingOrderFieldsRejectTheOrderNamingRowFieldAndBothValues() throws {
    let bytes = try Self.fixture("shopify_conflicting_order_fields.csv")
    let log = try OrderLog(csv: bytes, format: .shopify)
    #expect(log.orderIDs == ["#2"])
    #expect(log.report.rowsRead == 8)
    #expect(log.report.linesImported == 1)
    // #1 has three rows, #3 and #4 two each: every row of a conflicting order is rejected.
    #expect(log.report.rowsRejected == 7)
    let rejections = log.report.rejections
    #expect(rejections.map(\.row) == [4, 6, 9])
    #expect(rejections.map(\.field) == ["Total", "Accepts Marketing", "Created at"])
    #expect(rejections[0].reason.contains("\"45.00\"") && rejections[0].reason.contains("\"50.00\""))
    #expect(rejections[0].reason.contains("row 2") && rejections[0].reason.contains("#1"))
    #expect(
      rejections[1].reason.contains("\"no\"") && rejections[1].reason.contains("\"yes\"")
        && rejections[1].reason.contains("row 5"))
    #expect(rejections[2].reason.contains("2024-01-08") && rejections[2].reason.contains("2024-01-07"))
    #expect(log.report.linesImported + log.report.rowsExcluded + log.report.rowsRejected == log.report.rowsRead)

    let error = #expect(throws: RetentionCoreError.self) { try OrderLog(csv: bytes, format: .shopify, mode: .strict) }
    #expect(error?.code == .conflictingOrder)
    #expect(error?.row == 4)
    #expect(error?.field == "Total")
  }

  /// The same conflict is found whichever row comes first; only the row named changes.
  @Test func aConflictIsFoundInAnyRowOrder() throws {
    let records = CSVRecords(try Self.fixture("shopify_conflicting_order_fields.csv"))
    var generator = SplitMix64(seed: 7)
    for _ in 0..<20 {
      let log = try OrderLog(csv: records.shuffled(using: &generator), format: .shopify)
      #expect(log.orderIDs == ["#2"])
      #expect(log.report.rowsRejected == 7)
      #expect(Set(log.report.rejections.compactMap(\.field)) == ["Total", "Accepts Marketing", "Created at"])
    }
  }

  /// A conflict quotes both values, cut to a bounded length and with control characters escaped.
  @Test func conflictMessagesAreBounded() throws {
    let long = String(repeating: "x", count: 5_000), other = "\u{1B}[2J" + String(repeating: "y", count: 5_000)
    let text = """
      Name,Created at,Lineitem quantity,Lineitem name,Lineitem price,Tags
      #1,2024-01-04 10:00:00 +0100,1,Beans,3.00,\(long)
      #1,2024-01-04 10:00:00 +0100,1,Mug,4.00,"\(other)"

      """
    let log = try OrderLog(csv: Array(text.utf8), format: .shopify)
    let rejection = try #require(log.report.rejections.first)
    #expect(rejection.row == 3)
    #expect(rejection.field == "Tags")
    #expect(rejection.reason.count < 250, "\(rejection.reason.count) characters")
    #expect(rejection.reason.contains("xxxxxxxxxx…") && rejection.reason.contains("\\u{1B}[2Jyyyyyyyyyy"))
    #expect(!rejection.reason.unicodeScalars.contains { $0.value < 0x20 })
    #expect(log.report.rowsRejected == 2)
  }

  /// A bad row rejects its order whole: the order's other rows do not make a smaller order.
  @Test func aBadRowRejectsItsWholeOrder() throws {
    let text = """
      Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price
      #1,ada@example.com,paid,13.00,2024-01-04 10:00:00 +0100,1,Beans,x
      #2,bob@example.com,paid,5.00,2024-01-05 10:00:00 +0100,1,Mug,5.00
      #1,ada@example.com,,,2024-01-04 10:00:00 +0100,1,Mug,5.00
      #3,cem@example.com,sold,5.00,2024-01-06 10:00:00 +0100,1,Mug,5.00

      """
    let log = try OrderLog(csv: Array(text.utf8), format: .shopify)
    #expect(log.orderIDs == ["#2"])
    #expect(log.report.rowsRejected == 3)
    #expect(log.report.rejections.map(\.row) == [2, 5])
    #expect(log.report.rejections.map(\.field) == ["Lineitem price", "Financial Status"])
    #expect(log.report.rejections[0].reason.contains("is rejected with all its rows"))
  }
}

/// Every phone column of a Shopify export is kept: Phone, Billing Phone and Shipping Phone.
struct ShopifyPhoneColumnsTests {
  /// `fixtures/shopify/identity_phone_columns.csv`: the first non-empty of Phone, Billing Phone
  /// and Shipping Phone is the reference's `phone`, the others (as written, each once) its
  /// `additionalPhones`.
  @Test func everyPhoneColumnIsAPhoneOfTheOrder() throws {
    let log = try OrderLog(
      contentsOf: try TestData.url("fixtures/shopify/identity_phone_columns.csv"), format: .shopify)
    #expect(log.orderCount == 12)
    func customer(_ id: String) throws -> CustomerReference {
      log.customerReference(ofOrder: try #require(log.orderIDs.firstIndex(of: id)))
    }
    // Phone, Billing Phone and Shipping Phone, all different.
    let ida = try customer("#3011")
    #expect(ida.phone == "030 1230001")
    #expect(ida.additionalPhones == ["0151 1230002", "089 1230003"])
    #expect(ida.phones == ["030 1230001", "0151 1230002", "089 1230003"])
    // The same number in the billing and shipping columns is one phone.
    let tom = try customer("#3003")
    #expect(tom.phone == "+49 40 7777777" && tom.additionalPhones.isEmpty)
    // Phone comes first; a Billing Phone written differently is kept beside it.
    let kim = try customer("#3008")
    #expect(kim.phone == "+1 555 010 4001" && kim.additionalPhones == ["5550104001"])
    // Only a Shipping Phone.
    #expect(try customer("#3009").phones == ["(555) 010-4001"])
    // Excel's text marker is dropped in every phone column.
    #expect(try customer("#3010").phone == "0000000")
  }
}
