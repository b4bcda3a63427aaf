public import Foundation
import _RetentionSupport

extension EventLog {
  /// The number of customers with events.
  public var customerCount: Int { columns.customerIDs.count }

  /// The ids of the customers with events, by customer number: in the order of their first
  /// event (customers whose first events share an instant in the log's fixed order of events).
  ///
  /// - Complexity: O(*c*) for *c* customers.
  public var customerIDs: [String] { (0..<customerCount).map { columns.customerIDs.string(Int32($0)) } }

  /// The id of a customer number.
  ///
  /// - Parameter customerNumber: A number in `0..<customerCount`.
  public func customerID(ofNumber customerNumber: Int) -> String { columns.customerIDs.string(Int32(customerNumber)) }

  /// The number of a customer id, or `nil` if the customer has no event.
  ///
  /// - Parameter customerID: A customer id, as the events give it.
  /// - Complexity: O(*k*) on average for an id of *k* bytes.
  public func customerNumber(of customerID: String) -> Int? { columns.customerIDs.number(of: customerID).map(Int.init) }

  /// The positions of the events of a customer number, oldest first.
  ///
  /// ```swift
  /// for customer in 0..<log.customerCount {
  ///   for position in log.positions(ofCustomerNumber: customer) where log.name(at: Int(position)) == .opened { ... }
  /// }
  /// ```
  ///
  /// - Parameter customerNumber: A number in `0..<customerCount`.
  /// - Returns: Positions in the log, sharing the log's index.
  public func positions(ofCustomerNumber customerNumber: Int) -> ArraySlice<Int32> {
    eventsOfCustomer.items(ofKey: customerNumber)
  }

  /// The events of a customer, oldest first.
  ///
  /// - Parameter customerID: A customer id.
  /// - Returns: The events; empty for a customer without events.
  /// - Complexity: O(*k*) for the customer's *k* events.
  public func events(ofCustomer customerID: String) -> [CustomerEvent] {
    guard let number = customerNumber(of: customerID) else { return [] }
    return storageRange(ofCustomerNumber: number).map { columns.event(at: $0, customerID: customerID) }
  }

  /// The events of a customer in a time interval (`start` included, `end` excluded), oldest
  /// first.
  ///
  /// - Parameters:
  ///   - customerID: A customer id.
  ///   - interval: The interval.
  /// - Returns: The events; empty for a customer without events.
  /// - Complexity: O(log *k* + *m*) for the customer's *k* events and *m* returned.
  public func events(ofCustomer customerID: String, in interval: Range<Date>) -> [CustomerEvent] {
    guard let number = customerNumber(of: customerID) else { return [] }
    let range = storageRange(ofCustomerNumber: number)
    let times = columns.times
    let lower = Self.first(in: range, notBefore: interval.lowerBound.timeIntervalSince1970) { times[$0] }
    let upper = Self.first(in: range, notBefore: interval.upperBound.timeIntervalSince1970) { times[$0] }
    return (lower..<Swift.max(lower, upper)).map { columns.event(at: $0, customerID: customerID) }
  }

  /// The range of positions of the events in a time interval (`start` included, `end` excluded).
  ///
  /// - Parameter interval: The interval.
  /// - Complexity: O(log *n*) for *n* events.
  public func positions(in interval: Range<Date>) -> Range<Int> {
    let lower = Self.first(in: indices, notBefore: interval.lowerBound.timeIntervalSince1970) { timeInterval(at: $0) }
    let upper = Self.first(in: indices, notBefore: interval.upperBound.timeIntervalSince1970) { timeInterval(at: $0) }
    return lower..<Swift.max(lower, upper)
  }

  /// The events of a kind, oldest first, optionally only those in a time interval.
  ///
  /// ```swift
  /// let checkouts = log.events(named: .checkoutStarted, in: now.addingTimeInterval(-3 * 86_400)..<now)
  /// ```
  ///
  /// - Parameters:
  ///   - name: The kind.
  ///   - interval: The interval (`start` included, `end` excluded), or `nil` for all.
  /// - Complexity: O(log *k* + *m*) for the *k* events of the kind and *m* returned.
  public func events(named name: EventName, in interval: Range<Date>? = nil) -> [CustomerEvent] {
    positions(named: name, in: interval).map { self[Int($0)] }
  }

  /// The positions of the events of a kind, oldest first, optionally only those in a time
  /// interval.
  ///
  /// - Parameters:
  ///   - name: The kind.
  ///   - interval: The interval (`start` included, `end` excluded), or `nil` for all.
  /// - Returns: Positions in the log, sharing the log's index.
  /// - Complexity: O(log *k*) for the *k* events of the kind.
  public func positions(named name: EventName, in interval: Range<Date>? = nil) -> ArraySlice<Int32> {
    let positions = eventsOfName.items(ofKey: Self.key(of: name))
    guard let interval else { return positions }
    let lower = Self.first(in: positions.indices, notBefore: interval.lowerBound.timeIntervalSince1970) {
      timeInterval(at: Int(positions[$0]))
    }
    let upper = Self.first(in: positions.indices, notBefore: interval.upperBound.timeIntervalSince1970) {
      timeInterval(at: Int(positions[$0]))
    }
    return positions[lower..<Swift.max(lower, upper)]
  }

  /// The number of events of a kind.
  public func count(of name: EventName) -> Int { eventsOfName.count(ofKey: Self.key(of: name)) }

  /// The time of the event at a position.
  ///
  /// - Parameter position: A position in `0..<count`.
  public func time(at position: Int) -> Date { Date(timeIntervalSince1970: timeInterval(at: position)) }

  /// The time of the event at a position in seconds since 1970-01-01 00:00 UTC.
  ///
  /// - Parameter position: A position in `0..<count`.
  public func timeInterval(at position: Int) -> Double { columns.times[Int(storageOfPosition[position])] }

  /// The kind of the event at a position.
  ///
  /// - Parameter position: A position in `0..<count`.
  public func name(at position: Int) -> EventName { columns.codes[Int(storageOfPosition[position])].name }

  /// The customer number of the event at a position, or `nil` for an anonymous visitor.
  ///
  /// - Parameter position: A position in `0..<count`.
  public func customerNumber(at position: Int) -> Int? {
    let customer = columns.customers[Int(storageOfPosition[position])]
    return customer < 0 ? nil : Int(customer)
  }

  /// The customer id of the event at a position, or `nil` for an anonymous visitor.
  ///
  /// - Parameter position: A position in `0..<count`.
  public func customerID(at position: Int) -> String? { customerNumber(at: position).map(customerID(ofNumber:)) }

  /// The time of the oldest event, or `nil` for an empty log.
  public var firstEventDate: Date? { isEmpty ? nil : time(at: 0) }

  /// The time of the newest event, or `nil` for an empty log.
  public var lastEventDate: Date? { isEmpty ? nil : time(at: count - 1) }

  /// The first index of `range` whose time (ascending over the range) is at or after `time`.
  private static func first(in range: Range<Int>, notBefore time: Double, _ timeOf: (Int) -> Double) -> Int {
    var low = range.lowerBound, high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      if timeOf(middle) < time { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
