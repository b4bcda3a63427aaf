import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// No silent winner among currencies (issue 15, section 3): a mixed input is refused with the
/// currencies and their order counts, a chosen currency keeps its orders and rejects the others
/// with their reason, and a converter converts at the caller's rates or rejects.
struct CurrencyChoiceTests {
  /// `fixtures/shopify_mixed_currencies.csv`: a USD order on the first row, then EUR orders
  /// #1001, #1003, #1004, #1005 (five rows, totals 28 + 10 + 14 + 24 = 76 EUR) and USD orders
  /// #1006 (row 2, 30 USD on 2024-03-05) and #1002 (row 7, 16 USD on 2024-03-01).
  private static func mixed() throws -> [UInt8] {
    Array(try Data(contentsOf: try TestData.url("fixtures/shopify_mixed_currencies.csv")))
  }

  /// The start of a `yyyy-MM-dd` day in UTC (NaN seconds for a typo, which fails the test).
  private static func day(_ text: String) -> Date {
    let seconds = DateFormat.iso8601.seconds(text, utcOffset: 0)
    return Date(timeIntervalSince1970: seconds ?? .nan)
  }

  @Test(arguments: [ImportMode.lenient, .strict])
  func aMixedFileIsRefusedWithEachCurrencyAndItsOrderCount(mode: ImportMode) throws {
    let error = #expect(throws: RetentionCoreError.self) {
      try OrderLog(csv: try Self.mixed(), format: .shopify, mode: mode)
    }
    #expect(error?.code == .mixedCurrency)
    let reason = error?.reason ?? ""
    #expect(reason.contains("EUR (4 orders), USD (2 orders)"), "\(reason)")
    #expect(reason.contains("--currency CODE") && reason.contains("CurrencyConverter"), "\(reason)")
  }

  @Test func aChosenCurrencyKeepsItsOrdersAndRejectsTheOthers() throws {
    let log = try OrderLog(csv: try Self.mixed(), format: .shopify, options: ImportOptions(currency: .only("EUR")))
    #expect(log.currency == "EUR")
    #expect(log.orderIDs == ["#1001", "#1003", "#1004", "#1005"])
    #expect(log.revenue() == 76)
    let report = log.report
    #expect(report.rowsRead == 7)
    #expect(report.linesImported == 5)
    #expect(report.rowsRejected == 2)
    #expect(report.rejections.map(\.row) == [2, 7])
    #expect(
      report.rejections.allSatisfy { $0.field == "currency" && $0.reason.contains("USD") && $0.reason.contains("EUR") })

    let dollars = try OrderLog(csv: try Self.mixed(), format: .shopify, options: ImportOptions(currency: .only("usd")))
    #expect(dollars.currency == "USD")
    #expect(dollars.orderIDs == ["#1002", "#1006"])
    #expect(dollars.revenue() == 46)
    #expect(dollars.report.rowsRejected == 5)

    let strict = #expect(throws: RetentionCoreError.self) {
      try OrderLog(
        csv: try Self.mixed(), format: .shopify, options: ImportOptions(mode: .strict, currency: .only("EUR")))
    }
    #expect(strict?.code == .mixedCurrency)
  }

  @Test func aConverterConvertsAtTheDaysRateAndRejectsAMissingRate() throws {
    var rates = ExchangeRates(target: "EUR")
    try rates.setRate(0.9, for: "USD", on: "2024-03-05")
    let log = try OrderLog(
      csv: try Self.mixed(), format: .shopify, options: ImportOptions(currency: .converted(to: "EUR", using: rates)))
    #expect(log.currency == "EUR")
    #expect(log.orderIDs == ["#1001", "#1003", "#1004", "#1005", "#1006"])
    let converted = try #require(log.last)
    // 30 USD x 0.9 = 27 EUR; its line: 2 x 15 USD -> 2 x 13.5 EUR.
    #expect(converted.total.map { $0.isApproximatelyEqual(to: 27, absoluteTolerance: 1e-12) } == true)
    #expect(converted.lines.first.map { $0.unitPrice.isApproximatelyEqual(to: 13.5, absoluteTolerance: 1e-12) } == true)
    #expect(converted.currency == "EUR")
    #expect(log.revenue().isApproximatelyEqual(to: 76 + 27, absoluteTolerance: 1e-9))
    // #1002 was placed on 2024-03-01, a day without a USD rate: rejected, not guessed.
    #expect(log.report.rowsRejected == 1)
    let rejection = try #require(log.report.rejections.first)
    #expect(rejection.row == 7)
    #expect(rejection.reason.contains("no exchange rate from USD to EUR") && rejection.reason.contains("2024-03-01"))
  }

  /// The issue's case: one USD order at the top of the EUR export.
  @Test func oneForeignOrderAtTheTopOfTheSampleNoLongerWins() throws {
    var records = CSVRecords(Array(try Data(contentsOf: try TestData.url("shopify/orders_export_sample.csv"))))
    let first = String(decoding: records.rows[0], as: UTF8.self)
    #expect(first.hasPrefix("#6026,"))
    var rows = records.rows
    rows[0] = Array(first.replacingOccurrences(of: ",EUR,", with: ",USD,").utf8)
    records = CSVRecords(records.header + rows.joined())
    let bytes = records.text(order: Array(records.rows.indices))
    let error = #expect(throws: RetentionCoreError.self) { try OrderLog(csv: bytes, format: .shopify) }
    #expect(error?.reason.contains("EUR (5025 orders), USD (1 order)") == true, "\(error?.reason ?? "")")
    let kept = try OrderLog(csv: bytes, format: .shopify, options: ImportOptions(currency: .only("EUR")))
    // Order #6026 has three rows (counted from the file); all 5,025 other orders are kept.
    #expect(kept.orderCount == 5_025)
    #expect(kept.report.rowsRejected == 3)
    #expect(kept.report.rejections.map(\.row) == [2])
  }

  @Test func ordersBuiltInCodeFollowTheSameChoice() throws {
    func order(_ id: String, _ currency: String?, day: String, total: Double, status: OrderStatus = .paid) -> Order {
      Order(
        id: id, customer: CustomerReference(id: "c-\(id)"), placedAt: Self.day(day), status: status,
        lines: [LineItem(productID: "p", quantity: 2, unitPrice: total / 2)], total: total, currency: currency)
    }
    let orders = [
      order("1", "EUR", day: "2024-03-01", total: 10),
      order("2", "usd", day: "2024-03-01", total: 100, status: .partiallyRefunded(amount: 20)),
      order("3", "USD", day: "2024-03-02", total: 50), order("4", nil, day: "2024-03-02", total: 7),
    ]
    let refused = #expect(throws: RetentionCoreError.self) { try OrderLog(orders) }
    #expect(refused?.reason.contains("USD (2 orders), EUR (1 order)") == true, "\(refused?.reason ?? "")")

    let euros = try OrderLog(orders, options: ImportOptions(currency: .only("EUR")))
    #expect(euros.orderIDs == ["1", "4"])
    #expect(euros.report.rejections.map(\.row) == [2, 3])
    #expect(euros[1].currency == nil)  // named no currency: kept, taken to be in the log's

    var rates = ExchangeRates(target: "EUR")
    try rates.setRate(0.5, for: "USD", on: "2024-03-01")
    let converted = try OrderLog(orders, options: ImportOptions(currency: .converted(to: "EUR", using: rates)))
    #expect(converted.orderIDs == ["1", "2", "4"])
    #expect(converted.report.rejections.map(\.row) == [3])
    let second = converted[1]
    // 100 USD less a 20 USD refund at 0.5: 50 EUR gross, 10 EUR refunded, 40 EUR net.
    #expect(second.total == 50)
    #expect(second.status == .partiallyRefunded(amount: 10))
    #expect(second.netAmount == 40)
    #expect(second.lines.map(\.unitPrice) == [25])
    #expect(converted.revenue() == 10 + 40 + 7)
  }

  @Test func lineItemFilesWithACurrencyColumnFollowTheSameChoice() throws {
    let text = """
      cust,order,date,sku,qty,price,cur
      a,1,2024-03-01,p1,1,10,GBP
      a,1,2024-03-01,p2,1,5,GBP
      b,2,2024-03-01,p1,2,10,EUR
      c,3,2024-03-02,p1,1,10,GBP

      """
    let columns = LineItemColumns(
      customer: "cust", order: "order", date: "date", product: "sku", quantity: "qty", unitPrice: "price",
      currency: "cur")
    let error = #expect(throws: RetentionCoreError.self) {
      try OrderLog(csv: Array(text.utf8), format: .lineItems(columns))
    }
    #expect(error?.reason.contains("GBP (2 orders), EUR (1 order)") == true)
    let pounds = try OrderLog(
      csv: Array(text.utf8), format: .lineItems(columns), options: ImportOptions(currency: .only("GBP")))
    #expect(pounds.orderIDs == ["1", "3"])
    #expect(pounds.revenue() == 25)
    #expect(pounds.report.rejections.map(\.row) == [4])
    var rates = ExchangeRates(target: "GBP")
    try rates.setRate(0.8, for: "EUR", on: "2024-03-01")
    let converted = try OrderLog(
      csv: Array(text.utf8), format: .lineItems(columns),
      options: ImportOptions(currency: .converted(to: "GBP", using: rates)))
    #expect(converted.revenue().isApproximatelyEqual(to: 25 + 16, absoluteTolerance: 1e-12))
    #expect(converted.lineUnitPrices.contains(8))
  }

  @Test func aFileInOneCurrencyIsUnchangedAndCDNOWIsDollars() throws {
    let cdnow = " 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n"
    #expect(try OrderLog(csv: Array(cdnow.utf8), format: .cdnow).currency == "USD")
    let euros = try OrderLog(csv: Array(cdnow.utf8), format: .cdnow, options: ImportOptions(currency: .only("EUR")))
    #expect(euros.isEmpty)
    #expect(euros.report.rowsRejected == 2)
    let lower = try OrderLog([
      Order(id: "1", customer: CustomerReference(id: "a"), placedAt: Self.day("2024-01-01"), currency: "eur")
    ])
    #expect(lower.currency == "EUR")
    let bad = try OrderLog([
      Order(id: "1", customer: CustomerReference(id: "a"), placedAt: Self.day("2024-01-01"), currency: "EURO")
    ])
    #expect(bad.isEmpty)
    #expect(bad.report.rejections.first?.field == "currency")
  }

  @Test func exchangeRatesHoldForOneDayInTheirClock() throws {
    var rates = ExchangeRates(
      target: "eur", clock: DayClock(timeZone: try #require(TimeZone(identifier: "Europe/Berlin"))))
    #expect(rates.target == "EUR")
    try rates.setRate(0.9, for: "usd", on: "2024-03-01")
    #expect(rates.count == 1)
    // 2024-02-29 23:30 UTC is 2024-03-01 00:30 in Berlin (UTC+1 in winter).
    let lateUTC = Self.day("2024-02-29").addingTimeInterval(23.5 * 3_600)
    #expect(rates.rate(from: "USD", to: "EUR", at: lateUTC) == 0.9)
    #expect(rates.rate(from: "USD", to: "EUR", at: Self.day("2024-03-02").addingTimeInterval(12 * 3_600)) == nil)
    #expect(rates.rate(from: "EUR", to: "EUR", at: lateUTC) == 1)
    #expect(rates.rate(from: "USD", to: "GBP", at: lateUTC) == nil)
    for (rate, code, day) in [
      (0.0, "USD", "2024-03-01"), (.nan, "USD", "2024-03-01"), (1, "US", "2024-03-01"), (1, "USD", "2024-02-30"),
      (1, "USD", "1 March"),
    ] {
      #expect(throws: RetentionCoreError.self, "\(rate) \(code) \(day)") { try rates.setRate(rate, for: code, on: day) }
    }
  }
}
