import Foundation
import FoundationXML
import Testing
import _TestSupport

@testable import RetentionReport

/// Parses a page as XML and collects the `id`s of elements and the names of elements used.
final class PageScanner: NSObject, XMLParserDelegate {
  var ids: Set<String> = []
  var elements: [String: Int] = [:]
  var sectionsWithSVG: Set<String> = []
  private var openSections: [String] = []

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements[elementName, default: 0] += 1
    if let id = attributes["id"] { ids.insert(id) }
    if elementName == "section" { openSections.append(attributes["id"] ?? "") }
    if elementName == "svg", let section = openSections.last { sectionsWithSVG.insert(section) }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    if elementName == "section" { _ = openSections.popLast() }
  }

  /// Parses `text`; returns `nil` when it is well-formed, else the parser's error.
  static func scan(_ text: String) -> (PageScanner, (any Error)?) {
    let scanner = PageScanner()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = scanner
    let ok = parser.parse()
    return (scanner, ok ? nil : parser.parserError ?? CocoaError(.fileReadCorruptFile))
  }
}

struct ShopReportTests {
  static let day = 86_400.0
  /// 2024-01-01 00:00 UTC.
  static let start = 1_704_067_200.0

  static func order(_ id: String, _ customer: String, day: Double, amount: Double) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: Date(timeIntervalSince1970: start + day * Self.day),
      lines: [LineItem(productID: "P", quantity: 1, unitPrice: amount)])
  }

  /// Four customers over 200 days: A buys twice (10, 30), B once (60), C three times (20 each),
  /// D once (100), and E once (50) on the last day.
  static func smallLog() throws -> OrderLog {
    try OrderLog([
      order("1", "A", day: 0, amount: 10), order("2", "A", day: 40, amount: 30),
      order("3", "B", day: 5, amount: 60),
      order("4", "C", day: 10, amount: 20), order("5", "C", day: 50, amount: 20), order("6", "C", day: 120, amount: 20),
      order("7", "D", day: 30, amount: 100),
      order("8", "E", day: 199, amount: 50),
    ])
  }

  static func assertNoNonFiniteText(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for word in ["nan", "NaN", "inf", "Infinity"] {
      #expect(!text.contains(word), "found \(word)", sourceLocation: sourceLocation)
    }
  }

  @Test func overviewMatchesHandCounts() throws {
    let report = ShopReport(log: try Self.smallLog(), options: ShopReportOptions(currency: "EUR"))
    // By hand: 5 customers, 8 orders, revenue 10+30+60+60+100+50 = 310; repeaters A and C
    // (2 of 5 = 40 %) with 40 + 60 = 100 of 310 = 32.3 % of revenue.
    #expect(report.overview.customers == 5)
    #expect(report.overview.orders == 8)
    #expect(report.overview.revenue.isApproximatelyEqual(to: 310, absoluteTolerance: 1e-9))
    #expect(report.overview.repeatCustomerShare.isApproximatelyEqual(to: 0.4, absoluteTolerance: 1e-12))
    #expect(report.overview.repeatRevenueShare.isApproximatelyEqual(to: 100.0 / 310, absoluteTolerance: 1e-12))
    #expect(report.overview.reading == "40 % of your customers are repeat buyers and bring 32 % of revenue.")
    // Ladder by hand: 5 with one order, 2 with two (40 %), 1 of those with three (50 %).
    #expect(report.ladder.steps[0].probability.isApproximatelyEqual(to: 0.4, absoluteTolerance: 1e-12))
    #expect(report.ladder.steps[1].probability.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-12))
    // The top 10 % of 5 customers is one customer, D, with 100 of 310.
    #expect(report.concentration.topDecileShare.isApproximatelyEqual(to: 100.0 / 310, absoluteTolerance: 1e-12))
  }

  @Test func calibrationEndsTwoThirdsThroughTheWholeWeeksAndSaysSo() throws {
    let tracking = try #require(ShopReport(log: try Self.smallLog()).tracking)
    // By hand: days 0...199 are 200 days, 28 whole weeks = 196 days; two thirds is 130.67 days,
    // so the calibration is days 0...129, ending 2024-01-01 + 129 days = 2024-05-09, and it
    // covers 130 / 7 = 18 whole weeks.
    #expect(tracking.calibrationEnd == "2024-05-09")
    #expect(tracking.calibrationWeeks == 18)
    #expect(tracking.predicted.count == 28)
    #expect(tracking.reading.contains("first 18 weeks (to 2024-05-09, 67 % of the history)"))
    // Actual repeat purchase days after the calibration end: none (C's third order is day 120).
    #expect(tracking.holdoutActual == 0)
  }

  @Test func htmlIsWellFormedAndHasEveryChart() throws {
    let report = ShopReport(log: try Self.smallLog(), options: ShopReportOptions(title: "Tea & <Cake>"))
    let html = report.html()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    let (scanner, error) = PageScanner.scan(html)
    #expect(error == nil, "\(String(describing: error))")
    for id in ShopReport.chartIdentifiers {
      #expect(scanner.sectionsWithSVG.contains(id), "chart \(id)")
    }
    for kind in [ActionList.Kind.nudgeFirstTimeBuyers, .winBack, .replenishmentDue, .guestRegistration, .topCustomers] {
      #expect(scanner.ids.contains(kind.rawValue), "action list \(kind.rawValue)")
    }
    #expect(scanner.elements["script"] == nil)
    #expect(
      !html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
    #expect(!html.contains("https://"))
    #expect(html.contains("Tea &amp; &lt;Cake&gt;"))
    Self.assertNoNonFiniteText(html)
  }

  @Test(arguments: 0..<4)
  func degenerateLogsGiveFiniteOutputs(_ shape: Int) throws {
    let orders: [Order]
    switch shape {
    case 0: orders = []
    case 1: orders = [Self.order("1", "A", day: 0, amount: 10)]
    case 2: orders = [Self.order("1", "A", day: 0, amount: 10), Self.order("2", "A", day: 0, amount: 0)]
    default: orders = (0..<30).map { Self.order("\($0)", "C\($0 % 3)", day: Double($0), amount: 0) }
    }
    let report = ShopReport(log: try OrderLog(orders))
    let html = report.html()
    #expect(PageScanner.scan(html).1 == nil)
    Self.assertNoNonFiniteText(html)
    Self.assertNoNonFiniteText(report.markdown())
    let json = String(decoding: try report.json(), as: UTF8.self)
    Self.assertNoNonFiniteText(json)
  }

  @Test func callerSuppliedReplenishmentRowsReplaceThePlannedList() throws {
    let rows = [ActionRow(customerID: "C", contact: "c@example.com", detail: "tea due in 3 days", value: .nan)]
    let report = ShopReport(log: try Self.smallLog(), replenishment: rows)
    let list = try #require(report.actions.first { $0.kind == .replenishmentDue })
    #expect(!list.isPlaceholder)
    #expect(list.rows == rows)
    #expect(list.rows[0].value == nil)
    #expect(list.flow == nil && list.withheld == nil)
    #expect(report.html().contains("tea due in 3 days"))
    // Without rows, the list is the planned replenishment flow (nobody is due in this log).
    let planned = try #require(
      ShopReport(log: try Self.smallLog()).actions.first { $0.kind == .replenishmentDue })
    #expect(!planned.isPlaceholder)
    #expect(planned.flow == "replenishment")
    #expect(planned.rows.isEmpty && planned.totalCount == 0)
  }

  @Test func markdownAndJSONCarryTheSameReadings() throws {
    let report = ShopReport(log: try Self.smallLog())
    let markdown = report.markdown()
    let json = try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
    let overview = try #require(json?["overview"] as? [String: Any])
    #expect(overview["reading"] as? String == report.overview.reading)
    for reading in [
      report.overview.reading, report.concentration.reading, report.ladder.reading, report.segments.reading,
    ] {
      #expect(markdown.contains(reading))
    }
    let decoded = try JSONDecoder().decode(ShopReport.self, from: try report.json())
    #expect(decoded == report)
  }
}
