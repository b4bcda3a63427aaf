import Foundation
import RetentionCore
import Testing

@testable import Campaigns

/// The context's purchase span and latest purchase (read from per-customer times found in one
/// pass over the orders) against the plain list of each person's purchase times, which walks
/// the person's orders and `order_placed` events.
struct CampaignContextPurchaseSpanTests {
  @Test(arguments: [1, 2] as [UInt64], [0.3, 0.7, 1.2] as [Double])
  func spanAndLatestPurchaseMatchTheListOfPurchases(seed: UInt64, fractionOfHistory: Double) throws {
    let shop = try PlanEquivalenceTests.shop(seed: seed)
    let orders = try OrderLog(shop.orders)
    let events = EventLog(shop.events)
    let asOf = shop.start.addingTimeInterval(fractionOfHistory * 200 * PlanEquivalenceTests.day)
    let context = CampaignContext(events: events, orders: orders, window: asOf..<asOf.addingTimeInterval(86_400))
    var people = orders.customerIDs + events.compactMap(\.customerID) + ["nobody"]
    people = Array(Set(people)).sorted()
    var buyers: [String] = []
    for person in people {
      let number = orders.customerNumber(of: person)
      let times = context.purchaseSeconds(of: person, orderCustomer: number)
      let span = context.purchaseSpan(of: person, orderCustomer: number)
      #expect(span?.first == times.first, "\(person)")
      #expect(span?.last == times.last, "\(person)")
      #expect(context.latestPurchase(of: person) == times.last.map(Date.init(timeIntervalSince1970:)), "\(person)")
      #expect(
        context.latestPurchase(of: person, orderCustomer: .some(number))
          == times.last.map(Date.init(timeIntervalSince1970:)), "\(person)")
      if number != nil && orders.orderIndices(ofCustomer: person).contains(where: {
        orders.orderIsPurchase[$0] && orders.orderTimes[$0] <= asOf.timeIntervalSince1970
      }) {
        buyers.append(person)
      }
    }
    // The order log's buyers, in the log's order (by customer number), lead the purchasing customers.
    let expectedBuyers = buyers.sorted { (orders.customerNumber(of: $0) ?? 0) < (orders.customerNumber(of: $1) ?? 0) }
    #expect(Array(context.purchasingCustomers.prefix(expectedBuyers.count)) == expectedBuyers)
    #expect(!expectedBuyers.isEmpty)
  }
}
