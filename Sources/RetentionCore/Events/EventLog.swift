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
/// of each customer and of each kind indexed; ten million events take about 250 MB. Customers
/// are numbered in the order of their first event (``customerIDs``).
public struct EventLog: Sendable {
  /// What the build did with every input event or row.
  public internal(set) var report: ImportReport
  /// How the log was re-keyed from customer strings to people, for a log keyed by person (see
  /// `EventLog.keyed(by:orders:resolver:)` in `Segmentation`); `nil` otherwise.
  public internal(set) var personKeying: PersonKeying? = nil
  /// The events as columns.
  package let columns: EventColumns
  /// The events of each customer number, oldest first.
  package let eventsOfCustomer: InvertedIndex
  /// The events of each kind (by position in `EventName.allCases`), oldest first.
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
    let (columns, duplicates) = EventLogBuilder(parts).columns()
    var report = ImportReport()
    var offset = 0
    for part in parts {
      report.add(part.report, shiftingRowsBy: offset)
      report.rowsRead += part.rowsRead
      offset += part.recordsRead
    }
    if duplicates > 0 { report.exclude("duplicate event", rows: duplicates) }
    report.eventsImported = columns.count
    self.init(columns: columns, report: report)
  }

  /// Indexes columns already in log order.
  package init(columns: EventColumns, report: ImportReport) {
    self.columns = columns
    self.report = report
    // Both indexes in two parts each, in parallel: the same as one part.
    let items = Array(0..<Int32(columns.count))
    let parts = ParallelWork.halves(columns.count, minimum: 1 << 16)
    eventsOfCustomer = InvertedIndex(
      keyCount: columns.customerIDs.count, keys: columns.customers, width: 1, groupOfItem: items, parts: parts)
    let nameKeys = columns.codes.map { Self.nameKey[Int($0.rawValue)] }
    eventsOfName = InvertedIndex(
      keyCount: EventName.allCases.count, keys: nameKeys, width: 1, groupOfItem: items, parts: parts)
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
  public subscript(position: Int) -> CustomerEvent { columns.event(at: position) }
}
