import Foundation
package import _RetentionSupport

/// The events of a shop (views, carts, checkouts, deliveries, messages and what became of them,
/// consent, accounts, surveys): validated, sorted by time and indexed by customer and kind.
///
/// Build a log from events in code, or import an event file (see
/// ``init(contentsOf:format:options:)``):
///
/// ```swift
/// let log = try EventLog(contentsOf: URL(fileURLWithPath: "events.csv"))
/// print(log.report.eventsImported, log.report.rowsRejected, log.customerCount)
/// for event in log.events(ofCustomer: "c-17") { print(event.time, event.kind.name) }
/// let checkouts = log.events(named: .checkoutStarted, in: yesterday..<today)
/// ```
///
/// The log is a random-access collection of its events, oldest first (`log[i]` spells out event
/// `i`). Events of one instant are in a fixed order of their content (kind, customer, product,
/// order, message, ...; see ``EventName``), so that the same events in any order give the same
/// log; an event given twice with every field equal is kept once (the second is counted in
/// ``ImportReport/exclusions`` as `duplicate event`). Every event is accounted for in
/// ``report``.
///
/// Internally the log is columnar: a time, a one-byte kind and a few 32-bit numbers per event,
/// with customer, product, order, message and flow ids stored once each as bytes, and the events
/// of each customer and of each kind indexed; ten million events take about 300 MB. Customers
/// are numbered in the order of their first event (``customerIDs``).
public struct EventLog: Sendable {
  /// What the build did with every input event or row.
  public internal(set) var report: ImportReport
  /// How the log was re-keyed from customer strings to people, for a log keyed by person (see
  /// `EventLog.keyed(by:orders:resolver:)` in `Segmentation`); `nil` otherwise.
  public internal(set) var personKeying: PersonKeying? = nil
  /// The events as columns, customer by customer.
  ///
  /// Customers are in the order of their first event, each customer's events oldest first, and
  /// the anonymous events last, oldest first: a customer's history is one contiguous run of
  /// every column. A storage position is an index of these columns; a position (as the public
  /// API says) is an index in time order.
  package let columns: EventColumns
  /// The positions (time order) of each customer number's events, oldest first.
  ///
  /// The key after the last customer holds the anonymous events. Its `items` are the position
  /// of each storage position, and its `starts` where each customer's run begins in storage.
  package let eventsOfCustomer: InvertedIndex
  /// The storage position of each position (time order).
  package let storageOfPosition: [Int32]
  /// The positions (time order) of the events of each kind (by position in `EventName.allCases`).
  package let eventsOfName: InvertedIndex

  /// Sorts, validates and indexes events built in code.
  ///
  /// Events are checked by the rules of an event file's rows: a finite time; a customer (not
  /// empty) except for product views and cart additions (anonymous visitors); non-empty product,
  /// order and message ids; a checkout with at least one product; a step from 1; a finite survey
  /// score. An event that breaks them is rejected into ``report`` with its 1-based position as
  /// the row. Strings are taken as given (not trimmed); an empty flow is no flow.
  ///
  /// ```swift
  /// let log = EventLog([
  ///   CustomerEvent(customerID: "c-17", time: t0, kind: .checkoutStarted(productIDs: ["BEANS-250"])),
  ///   CustomerEvent(customerID: nil, time: t1, kind: .productViewed(productID: "FILTER-4")),
  /// ])
  /// ```
  ///
  /// - Parameter events: The events, in any order.
  /// - Complexity: O(*n*) for *n* events, plus O(*r* log *r*) for the *r* events that share their
  ///   time with another.
  public init(_ events: some Sequence<CustomerEvent>) {
    var part = EventImportPart(mode: .lenient)
    for (offset, event) in events.enumerated() {
      part.rowsRead += 1
      do {
        try part.append(event, row: offset + 1)
      } catch {
        part.report.reject(error)
      }
    }
    self.init(parts: [part])
  }

  /// Builds the log from the parts of an input, in input order, with their accounting.
  init(parts: [EventImportPart]) {
    let merged = EventLogBuilder(parts).merged
    let order = EventOrdering(merged).sortedPositions(droppingDuplicates: true)
    var report = ImportReport()
    var offset = 0
    for part in parts {
      report.add(part.report, shiftingRowsBy: offset)
      report.rowsRead += part.rowsRead
      offset += part.recordsRead
    }
    if order.duplicates > 0 { report.exclude("duplicate event", rows: order.duplicates) }
    report.eventsImported = order.positions.count
    self.init(arranging: merged, timeOrder: order.positions, report: report)
  }

  /// Stores events customer by customer and indexes them.
  ///
  /// Customers are numbered in the order of their first event; every table is renumbered in the
  /// order of the stored events (``EventColumns/reordered(_:)``).
  ///
  /// - Parameters:
  ///   - columns: Events in any order.
  ///   - timeOrder: Positions in `columns` of the events to keep, in log order (by time, then
  ///     content).
  ///   - report: The accounting.
  /// - Complexity: O(*n* + *s*) for *n* events and *s* table entries.
  package init(arranging columns: EventColumns, timeOrder: [Int32], report: ImportReport) {
    // Customers numbered by their first event; anonymous events take the key after the last.
    var numberOfCustomer = [Int32](repeating: -1, count: columns.customerIDs.count)
    var customerCount: Int32 = 0
    var customerKeys = timeOrder.map { position -> Int32 in
      let customer = Int(columns.customers[Int(position)])
      guard customer >= 0 else { return -1 }
      if numberOfCustomer[customer] < 0 {
        numberOfCustomer[customer] = customerCount
        customerCount += 1
      }
      return numberOfCustomer[customer]
    }
    for index in customerKeys.indices where customerKeys[index] < 0 { customerKeys[index] = customerCount }
    let positions = Array(0..<Int32(timeOrder.count))
    let parts = ParallelWork.halves(timeOrder.count, minimum: 1 << 16)
    let grouped = InvertedIndex(
      keyCount: Int(customerCount) + 1, keys: customerKeys, width: 1, groupOfItem: positions, parts: parts)
    self.columns = columns.reordered(grouped.items.map { timeOrder[Int($0)] })
    var storage = [Int32](repeating: 0, count: timeOrder.count)
    for (place, position) in grouped.items.enumerated() { storage[Int(position)] = Int32(place) }
    let nameKeys = timeOrder.map { Self.nameKey[Int(columns.codes[Int($0)].rawValue)] }
    self.report = report
    eventsOfCustomer = grouped
    storageOfPosition = storage
    eventsOfName = InvertedIndex(
      keyCount: EventName.allCases.count, keys: nameKeys, width: 1, groupOfItem: positions, parts: parts)
  }

  /// The storage positions of a customer's events (oldest first); the customer number after the
  /// last holds the anonymous events.
  package func storageRange(ofCustomerNumber customerNumber: Int) -> Range<Int> {
    eventsOfCustomer.range(ofKey: customerNumber)
  }

  /// The position in `EventName.allCases` of each code's name.
  private static let nameKey: [Int32] = EventCode.allCases.map { code in
    Int32(EventName.allCases.firstIndex(of: code.name) ?? 0)
  }

  /// The position in `EventName.allCases` of a name.
  static func key(of name: EventName) -> Int { names.firstIndex(of: name) ?? 0 }

  private static let names = EventName.allCases

  /// All events, oldest first, spelled out.
  ///
  /// For large logs iterate the log itself (a collection of its events) or use the queries
  /// (``events(ofCustomer:)``, ``events(named:in:)``, ``positions(in:)``), which spell out only
  /// the events they return.
  ///
  /// - Complexity: O(*n*) for *n* events.
  public var events: [CustomerEvent] { Array(self) }
}

extension EventLog: RandomAccessCollection {
  /// The position of the oldest event.
  public var startIndex: Int { 0 }
  /// One past the position of the newest event.
  public var endIndex: Int { columns.count }

  /// The event at a position, spelled out.
  ///
  /// - Parameter position: A position in `0..<count` (0 is the oldest event).
  public subscript(position: Int) -> CustomerEvent { columns.event(at: Int(storageOfPosition[position])) }
}
