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

struct CustomerSummariesTests {
  @Test func mergesSameDayPurchasesAndSplitsCalibrationFromHoldout() throws {
    let day = OrderLogTests.day
    func order(_ id: String, _ d: Double, _ total: Double) -> Order {
      Order(id: id, customer: CustomerReference(id: "ada"), placedAt: Date(timeIntervalSince1970: d * day), total: total)
    }
    // Days 0, 0.5 (same day), 7, 14 in calibration (ends day 20); 25 and 25.2 in the holdout;
    // 40 after the observation end (day 30).
    let log = try OrderLog([
      order("1", 0, 10), order("2", 0.5, 5), order("3", 7, 20), order("4", 14, 40), order("5", 25, 8), order("6", 25.2, 2),
      order("7", 40, 100),
    ])
    let options = SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: 30 * day), calibrationEnd: Date(timeIntervalSince1970: 20 * day),
      unit: .weeks)
    let summaries = log.summaries(options)
    let ada = summaries[0]
    #expect(ada.frequency == 2)
    #expect(ada.recency == 14.0 / 7)
    #expect(ada.age == 20.0 / 7)
    #expect(ada.monetaryValue == 30)  // (20 + 40) / 2: repeat purchase days only
    #expect(ada.orders == 4)
    #expect(ada.revenue == 75)
    #expect(ada.holdoutFrequency == 1)
    #expect(ada.holdoutRevenue == 10)
    #expect(summaries.holdoutLength == .weeks(10.0 / 7))
    #expect(summaries.compressed().count == [1])
  }

  @Test func compressedTriplesMergeByAddition() {
    let a = FrequencyRecencyData(frequency: [0, 1, 1], recency: [0, 2, 2], age: [5, 5, 5], unit: .weeks)
    let b = FrequencyRecencyData(frequency: [1, 3], recency: [2, 4], age: [5, 6], unit: .weeks)
    let merged = a.merging(b)
    #expect(merged.frequency == [0, 1, 3])
    #expect(merged.count == [1, 3, 1])
    #expect(merged.customerCount == 5)
    #expect(merged == FrequencyRecencyData(frequency: [0, 1, 1, 1, 3], recency: [0, 2, 2, 2, 4], age: [5, 5, 5, 5, 6], unit: .weeks))
  }

  /// The hash table compresses exactly like counting equal triples by hand: -0.0 equals 0.0,
  /// weights add up, and many colliding-prone near-equal values stay apart.
  @Test(arguments: 0..<5 as Range<UInt64>)
  func compressionCountsEveryDistinctTriple(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = 5_000
    let x = (0..<n).map { _ in Double(generator.next() % 4) }
    let tx = (0..<n).map { index in x[index] == 0 ? (index % 2 == 0 ? -0.0 : 0.0) : Double(generator.next() % 3) / 7 }
    let t = (0..<n).map { _ in 10 + Double(generator.next() % 3) * 0x1p-40 }
    let weights = (0..<n).map { _ in Double(1 + generator.next() % 3) }
    let data = FrequencyRecencyData(frequency: x, recency: tx, age: t, unit: .weeks, weights: weights)
    // The reference: a linear scan over the distinct triples seen so far.
    var distinct: [(Double, Double, Double)] = []
    var totals: [Double] = []
    for index in 0..<n {
      if let k = distinct.firstIndex(where: { $0.0 == x[index] && $0.1 == tx[index] && $0.2 == t[index] }) {
        totals[k] += weights[index]
      } else {
        distinct.append((x[index], tx[index], t[index]))
        totals.append(weights[index])
      }
    }
    #expect(data.uniqueCount == distinct.count)
    #expect(data.customerCount == weights.reduce(0, +))
    for k in distinct.indices {
      let position = data.frequency.indices.first {
        data.frequency[$0] == distinct[k].0 && data.recency[$0] == distinct[k].1 && data.age[$0] == distinct[k].2
      }
      #expect(position.map { data.count[$0] } == totals[k])
    }
    #expect(!data.recency.contains { $0 == 0 && $0.sign == .minus })
  }
}
