import Foundation
import Testing
import RetentionCore

/// Customers' and guests' purchases are counted apart, up to a day, and the note says which
/// orders a figure includes.
struct PurchaseTotalsTests {
  @Test func splitsCustomersAndGuestsUpToTheEndDay() throws {
    let day = 86_400.0
    let orders = [
      Order(id: "1", customer: CustomerReference(id: "a"), placedAt: Date(timeIntervalSince1970: 0), total: 10),
      Order(id: "2", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: day), total: 4),
      Order(id: "3", customer: CustomerReference(id: "a"), placedAt: Date(timeIntervalSince1970: 2 * day), total: 6),
      Order(
        id: "4", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: 2 * day + 100),
        status: .cancelled,
        total: 50),
      Order(id: "5", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: 5 * day), total: 1),
    ]
    let log = try OrderLog(orders)
    let all = log.purchaseTotals()
    #expect(all == PurchaseTotals(customerOrders: 2, customerRevenue: 16, guestOrders: 2, guestRevenue: 5))
    let throughDayTwo = log.purchaseTotals(through: Date(timeIntervalSince1970: 2 * day + 3_600))
    #expect(throughDayTwo == PurchaseTotals(customerOrders: 2, customerRevenue: 16, guestOrders: 1, guestRevenue: 4))
    #expect(
      throughDayTwo.inclusionNote(currency: "EUR") == "customers' orders only; 1 guest order (4.00 EUR) not included")
    #expect(all.inclusionNote(currency: nil) == "customers' orders only; 2 guest orders (5.00) not included")
    #expect(
      log.purchaseTotals(through: Date(timeIntervalSince1970: 0)).inclusionNote(currency: "EUR")
        == "customers' orders only")
    // The summaries count exactly the customers' side.
    let summaries = log.summaries(SummaryOptions(observationEnd: Date(timeIntervalSince1970: 5 * day)))
    #expect(summaries.totalRevenue == all.customerRevenue)
    #expect(Int(summaries.orderCounts.reduce(0, +)) == all.customerOrders)
  }
}
