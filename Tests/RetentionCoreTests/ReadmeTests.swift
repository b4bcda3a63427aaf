import Foundation
import Testing
import Segmentation

/// Compiles and runs the README's quick start, so the first code a user copies always works.
struct ReadmeTests {
  @Test func quickStartCompilesAndRuns() throws {
    let orders = [
      Order(id: "#1001", customer: CustomerReference(id: "ada@example.com"),
            placedAt: Date(timeIntervalSince1970: 1_700_000_000),
            lines: [LineItem(productID: "BEANS-250", quantity: 2, unitPrice: 8.5)]),
      Order(id: "#1002", customer: CustomerReference(id: "ada@example.com"),
            placedAt: Date(timeIntervalSince1970: 1_702_000_000),
            lines: [LineItem(productID: "FILTERS", quantity: 1, unitPrice: 4.2)]),
    ]
    let log = try OrderLog(orders)
    let summaries = log.summaries(SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: 1_704_000_000), unit: .weeks))
    let ada = summaries[0]
    // 1,700,000,000 s is 2023-11-14 and 1,702,000,000 s is 2023-12-08 (UTC): 24 days apart;
    // 1,704,000,000 s is 2023-12-31: 47 days after the first order.
    #expect(ada.frequency == 1)
    #expect(ada.recency == 24.0 / 7)
    #expect(ada.age == 47.0 / 7)
    #expect(ada.monetaryValue == 4.2)
  }
}
