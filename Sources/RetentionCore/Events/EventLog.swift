import Foundation

/// The events of a shop, sorted by time (stable for equal times) and grouped by customer.
public struct EventLog: Sendable {
  /// All events, oldest first.
  public let events: [CustomerEvent]
  private let byCustomer: [String: [Int]]

  /// Sorts and indexes events.
  ///
  /// - Parameter events: The events, in any order.
  /// - Complexity: O(*n* log *n*), where *n* is the number of events.
  public init(_ events: some Sequence<CustomerEvent>) {
    let sorted = events.enumerated().sorted {
      $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset
    }.map(\.element)
    self.events = sorted
    var index: [String: [Int]] = [:]
    for (position, event) in sorted.enumerated() {
      if let customer = event.customerID { index[customer, default: []].append(position) }
    }
    byCustomer = index
  }

  /// The events of a customer, oldest first.
  ///
  /// - Parameter customerID: The customer id.
  /// - Complexity: O(*k*), where *k* is the number of the customer's events.
  public func events(ofCustomer customerID: String) -> [CustomerEvent] {
    (byCustomer[customerID] ?? []).map { events[$0] }
  }

  /// The ids of the customers with events, sorted.
  public var customerIDs: [String] { byCustomer.keys.sorted() }
}
