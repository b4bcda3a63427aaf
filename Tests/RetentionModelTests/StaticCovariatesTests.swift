import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct StaticCovariatesTests {
  static func read(_ text: String) throws -> StaticCovariates {
    try StaticCovariates(csv: Array(text.utf8))
  }

  @Test func readsCustomerAndNumericColumns() throws {
    let covariates = try Self.read("newsletter,customer,age\n1,c1,34\n\n0, c2 ,51.5\n")
    #expect(covariates.columnNames == ["newsletter", "age"])
    #expect(covariates.customerIDs == ["c1", "c2"])
    #expect(covariates.rows == [[1, 34], [0, 51.5]])
    #expect(covariates.blocks.map(\.name) == ["newsletter", "age"])
  }

  @Test(
    arguments: [
      ("customer,x\nc1,abc\n", RetentionCoreError.Code.invalidNumber, 2, "x"),
      ("customer,x\nc1,1\nc2,\n", .missingField, 3, "x"),
      ("customer,x\nc1,1\nc1,2\n", .invalidValue, 3, "customer"),
      ("customer,x\nc1,inf\n", .notFinite, 2, "x"),
      ("customer,x\n,1\n", .missingField, 2, "customer"),
    ] as [(String, RetentionCoreError.Code, Int, String)])
  func badValuesNameTheirRowAndColumn(text: String, code: RetentionCoreError.Code, row: Int, field: String) throws {
    let error = try #require(throws: RetentionCoreError.self) { try Self.read(text) }
    #expect(error.code == code)
    #expect(error.row == row)
    #expect(error.field == field)
  }

  @Test(
    arguments: [
      ("", RetentionCoreError.Code.emptyInput),
      ("id,x\n1,2\n", .wrongHeader),
      ("customer\nc1\n", .wrongHeader),
      ("customer,x,x\nc1,1,2\n", .wrongHeader),
      ("customer,x\nc1,1,2\n", .malformedCSV),
    ] as [(String, RetentionCoreError.Code)])
  func badLayoutsAreErrors(text: String, code: RetentionCoreError.Code) throws {
    let error = try #require(throws: RetentionCoreError.self) { try Self.read(text) }
    #expect(error.code == code)
  }

  @Test func everySummarisedCustomerNeedsARow() throws {
    let summaries = CustomerSummaries(
      options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 0), unit: .weeks),
      customerIDs: ["a", "b", "c"], frequency: [0, 1, 2], recency: [0, 3, 4], age: [10, 10, 10],
      monetaryValue: [0, 0, 0], orderCounts: [1, 2, 3], revenue: [0, 0, 0], firstOrderTimes: [0, 0, 0],
      lastOrderTimes: [0, 0, 0])
    let partial = try StaticCovariates(columnNames: ["z"], customerIDs: ["a", "c", "x"], rows: [[1], [0], [1]])
    let error = try #require(throws: RetentionModelError.self) { try CovariateData(summaries, covariates: partial) }
    #expect(error.code == .invalidData)
    #expect(error.reason.contains("1 of 3 customers") && error.reason.contains("'b'"))

    let full = try StaticCovariates(
      columnNames: ["z"], customerIDs: ["c", "x", "b", "a"], rows: [[1], [1], [0], [1]])
    let data = try CovariateData(summaries, covariates: full)
    #expect(data.unmatchedCovariateRows == 1)
    #expect(data.profiles == [[0], [1]])
    #expect(data.customerCount == 3)
    // b (x 1) has z 0; a (x 0) and c (x 2) have z 1.
    #expect(data.triples[0].frequency == [1])
    #expect(data.triples[1].frequency == [0, 2])
    #expect(data.pooled.customerCount == 3)
  }

  @Test func rowsAndBlocksAreChecked() throws {
    #expect(throws: RetentionModelError.self) {
      try StaticCovariates(columnNames: ["z"], customerIDs: ["a", "a"], rows: [[1], [0]])
    }
    #expect(throws: RetentionModelError.self) {
      try StaticCovariates(columnNames: ["z"], customerIDs: ["a"], rows: [[.nan]])
    }
    #expect(throws: RetentionModelError.self) {
      try StaticCovariates(
        columnNames: ["z", "w"], customerIDs: ["a"], rows: [[1, 2]], blocks: [.init(name: "z", columns: ["z"])])
    }
  }

  @Test func firstOrdersBecomeDummiesAgainstTheMostFrequentLevel() throws {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    var orders: [Order] = []
    // 40 web, 35 instagram, 3 pos customers (pooled into "other"), 2 without a channel
    // ("unknown", also pooled); each with a later order through another channel, which does
    // not count.
    let channels =
      Array(repeating: "web", count: 40) + Array(repeating: "instagram", count: 35)
      + Array(repeating: "pos", count: 3) + [nil, nil] as [String?]
    for (index, channel) in channels.enumerated() {
      let customer = CustomerReference(id: "c\(index)")
      orders.append(
        Order(
          id: "o\(index)", customer: customer, placedAt: start,
          lines: [LineItem(productID: "p", quantity: index % 2 == 0 ? 1 : 3, unitPrice: 5)],
          channel: channel))
      orders.append(Order(id: "late\(index)", customer: customer, placedAt: start + 86_400, channel: "email"))
    }
    // A cancelled first order does not count: this customer's first purchase is through pos.
    let late = CustomerReference(id: "c80")
    orders.append(Order(id: "x1", customer: late, placedAt: start, status: .cancelled, channel: "instagram"))
    orders.append(Order(id: "x2", customer: late, placedAt: start + 3_600, channel: "pos"))
    let log = try OrderLog(orders)
    let covariates = try StaticCovariates.firstOrder(
      of: log, attributes: [.source, .multipleItems], minimumCustomersPerLevel: 30)
    #expect(
      covariates.blocks == [
        StaticCovariates.Block(name: "source", columns: ["source=instagram", "source=other"], referenceLevel: "web"),
        StaticCovariates.Block(name: "multipleItems", columns: ["multipleItems=yes"], referenceLevel: "no"),
      ])
    #expect(covariates.customerCount == 81)
    let row = Dictionary(uniqueKeysWithValues: zip(covariates.customerIDs, covariates.rows))
    #expect(row["c0"] == [0, 0, 0])
    #expect(row["c41"] == [1, 0, 1])
    #expect(row["c76"] == [0, 1, 0])
    #expect(row["c79"] == [0, 1, 1])
    #expect(row["c80"] == [0, 1, 0])

    let error = try #require(throws: RetentionModelError.self) {
      try StaticCovariates.firstOrder(of: log, attributes: [.country])
    }
    #expect(error.reason.contains("same country"))
  }

  /// `discount` is 1 when the first purchase used a code, against the reference `no` even when
  /// most first orders used one; orders that do not say are `unknown`; a log without any codes
  /// is an error that says where codes come from.
  @Test func discountDummySaysWhetherTheFirstOrderUsedACode() throws {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    var orders: [Order] = []
    // 50 customers with a code on their first purchase, 35 without, 40 whose order does not say;
    // each with a later order of the other kind, which does not count.
    let kinds = Array(repeating: ["WELCOME10"], count: 50) + Array(repeating: [], count: 35)
      + Array(repeating: nil, count: 40) as [[String]?]
    for (index, codes) in kinds.enumerated() {
      let customer = CustomerReference(id: "c\(index)")
      orders.append(Order(id: "o\(index)", customer: customer, placedAt: start, discountCodes: codes))
      orders.append(
        Order(id: "late\(index)", customer: customer, placedAt: start + 86_400, discountCodes: codes == [] ? ["X"] : []))
    }
    // A cancelled first order with a code does not count.
    let late = CustomerReference(id: "c200")
    orders.append(Order(id: "x1", customer: late, placedAt: start, status: .cancelled, discountCodes: ["A"]))
    orders.append(Order(id: "x2", customer: late, placedAt: start + 3_600, discountCodes: []))
    let covariates = try StaticCovariates.firstOrder(of: try OrderLog(orders), attributes: [.discount])
    #expect(
      covariates.blocks == [
        StaticCovariates.Block(
          name: "discount", columns: ["discount=unknown", "discount=yes"], referenceLevel: "no")
      ])
    let row = Dictionary(uniqueKeysWithValues: zip(covariates.customerIDs, covariates.rows))
    #expect(row["c0"] == [0, 1])
    #expect(row["c60"] == [0, 0])
    #expect(row["c100"] == [1, 0])
    #expect(row["c200"] == [0, 0])

    let unknown = try OrderLog(kinds.indices.map { Order(id: "o\($0)", customer: CustomerReference(id: "c\($0)"), placedAt: start) })
    let error = try #require(throws: RetentionModelError.self) {
      try StaticCovariates.firstOrder(of: unknown, attributes: [.discount])
    }
    #expect(error.reason.contains("carries no discount codes"))
  }

  /// The committed Shopify export, keyed by email: 986 customers have a purchase, and the first
  /// purchase of 54 of them used a code (counted from the CSV with Python's `csv` module: orders
  /// by Name, cancelled, voided and fully refunded orders left out, the earliest Created at
  /// first, ties by Name).
  @Test func discountDummiesOfTheCommittedShopifyExport() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let covariates = try StaticCovariates.firstOrder(of: log, attributes: [.discount])
    #expect(covariates.columnNames == ["discount=yes"])
    #expect(covariates.customerCount == 986)
    #expect(covariates.rows.count { $0 == [1] } == 54)
  }
}
