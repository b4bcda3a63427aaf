import Foundation
import RetentionReport
import Segmentation
import Testing
import _TestSupport

/// Compiles and runs the code of Documentation/GettingStarted.md.
struct GettingStartedGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("GettingStarted.md", isCompiledBy: #filePath)
  }

  @Test func firstReport() throws {
    let url = GuideSnippets.sampleURL
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString).html")
    defer { try? FileManager.default.removeItem(at: output) }

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let report = ShopReport(log: log, options: ShopReportOptions(title: "My shop", currency: "GBP"))
    try report.html().write(to: output, atomically: true, encoding: .utf8)
    print(report.overview.reading)  // "66 % of your customers are repeat buyers and bring 91 % of revenue."
    for list in report.actions {
      print(list.title, list.totalCount)  // "First-time buyers to nudge 0", ...: the file records no consent
    }

    #expect(report.overview.reading.hasSuffix("of revenue."))
    #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
  }

  @Test func ratesForSeveralCurrencies() throws {
    // fixtures/shopify_mixed_currencies.csv: four EUR orders, USD orders on 2024-03-01 (16 USD)
    // and 2024-03-05.
    let url = try TestData.url("fixtures/shopify_mixed_currencies.csv")

    var rates = ExchangeRates(target: "EUR")
    try rates.setRate(0.92, for: "USD", on: "2024-03-01")   // one rate per currency and day
    let log = try OrderLog(
      contentsOf: url, format: .shopify, options: ImportOptions(currency: .converted(to: "EUR", using: rates)))

    #expect(log.currency == "EUR")
    #expect(log.orderCount == 5)
    // 76 EUR of EUR orders plus 16 USD x 0.92; the order of 2024-03-05 has no rate.
    #expect(log.revenue().isApproximatelyEqual(to: 76 + 16 * 0.92, absoluteTolerance: 1e-9))
    #expect(log.report.rowsRejected == 1)
  }

  @Test func yourOrdersInCode() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    print(log.report.rowsRead, log.report.rowsRejected)
    for rejection in log.report.rejections.prefix(10) { print(rejection) }  // row, field, reason

    #expect(log.report.rowsRead == log.report.linesImported + log.report.rowsExcluded + log.report.rowsRejected)
  }

  @Test func firstSegmentInASwiftServer() throws {
    /// The members of "first-time buyers of the last 30 days", for an email tool.
    struct Member: Codable, Sendable {
      var id: String
      var email: String?
      var reason: String
    }

    func firstTimeBuyersToNudge(orders: [Order], asOf now: Date) throws -> [Member] {
      let log = try OrderLog(orders)
      let people = DeterministicIdentityResolver().resolve(log)
      let profiles = CustomerProfiles(log: log, resolution: people, asOf: now)
      let segment = FirstTimeBuyers().and(NewCustomers(withinDays: 30))
      return profiles.members(of: segment).map { member in
        Member(id: member.id, email: profiles[member.position].email, reason: member.reason)
      }
    }

    // In a Vapor or Hummingbird route: fetch the orders, call the function, return JSON.
    let recent = [
      Order(
        id: "1", customer: CustomerReference(id: "c1", email: "Ann@Example.com"),
        placedAt: Date(timeIntervalSince1970: 1_700_000_000),
        lines: [LineItem(productID: "TEA", quantity: 1, unitPrice: 9)])
    ]
    let members = try firstTimeBuyersToNudge(orders: recent, asOf: Date(timeIntervalSince1970: 1_700_500_000))
    let body = try JSONEncoder().encode(members)

    #expect(members.count == 1)
    #expect(members[0].email?.lowercased() == "ann@example.com")
    #expect(!body.isEmpty)
  }

  @Test func customerSummaries() throws {
    let url = try TestData.url("cdnow/CDNOW_sample.txt")

    let log = try OrderLog(contentsOf: url, format: .cdnow)
    let end = Date(timeIntervalSince1970: 899_164_800)  // 1998-06-30, UTC
    let calibrationEnd = Date(timeIntervalSince1970: 875_577_600)  // 1997-09-30, UTC
    let options = SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks)
    let summaries = log.summaries(options)  // x, t_x, T, z̄ per customer, holdout counts
    let triples = summaries.compressed()  // unique (x, t_x, T) with counts; merge shards by addition

    // The guide's claim, from Fader, Hardie & Lee (2005) via REFERENCES.md: 946 repeaters, 2,457
    // calibration repeat purchases, 1,882 holdout purchases on the CDNOW 1/10 sample.
    #expect(summaries.frequency.count { $0 > 0 } == 946)
    #expect(summaries.frequency.reduce(0, +) == 2_457)
    #expect(summaries.holdoutFrequency.reduce(0, +) == 1_882)
    #expect(triples.customerCount == Double(summaries.count))
  }
}
