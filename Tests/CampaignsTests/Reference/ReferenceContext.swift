import Foundation
@testable import Campaigns

// The context's event queries as they were before the columnar event log was read by kind and
// position (commit fa41103): binary searches over every event spelled out.
extension CampaignContext {
  /// The events at the entry times known at `asOf`, oldest first.
  var referenceEntryEvents: [ArraySlice<CustomerEvent>] {
    let all = events.events
    return entryTimes.map { interval in
      let start = Self.referenceFirst(in: all) { $0 >= interval.lowerBound }
      let end = Swift.min(
        Self.referenceFirst(in: all) { $0 >= interval.upperBound }, Self.referenceFirst(in: all) { $0 > asOf })
      return all[start..<Swift.max(start, end)]
    }
  }

  /// The events at instants in an interval, both ends included, oldest first.
  func referenceEvents(in interval: ClosedRange<Date>) -> ArraySlice<CustomerEvent> {
    let all = events.events
    let start = Self.referenceFirst(in: all) { $0 >= interval.lowerBound }
    return all[start..<Swift.max(start, Self.referenceFirst(in: all) { $0 > interval.upperBound })]
  }

  /// The distinct products a person bought in an interval up to `asOf`, as
  /// `purchasedProducts(of:in:)` found them before it read the `order_placed` events by kind
  /// (commit 6dc36ed): every event of the person spelled out.
  func referencePurchasedProducts(of person: String, in interval: ClosedRange<Date>) -> [String] {
    var products: [String] = []
    var seen: Set<String> = []
    func take(_ product: String) { if seen.insert(product).inserted { products.append(product) } }
    if let number = orders.customerNumber(of: person) {
      for index in orders.orderIndices(ofCustomerNumber: number) {
        let order = Int(index)
        let time = orders.date(ofOrder: order)
        guard orders.orderIsPurchase[order], interval.contains(time), time <= asOf else { continue }
        for line in orders.lines(ofOrder: order) where line.quantity > 0 { take(line.productID) }
      }
    }
    for event in events.events(ofCustomer: person) where interval.contains(event.time) && event.time <= asOf {
      if case .orderPlaced(_, let productIDs) = event.kind { productIDs.forEach(take) }
    }
    return products
  }

  /// The position of the first event whose time satisfies a monotone predicate.
  static func referenceFirst(in all: [CustomerEvent], where isAfter: (Date) -> Bool) -> Int {
    var low = 0, high = all.count
    while low < high {
      let middle = (low + high) / 2
      if isAfter(all[middle].time) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
