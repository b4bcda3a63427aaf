public import Foundation

/// Starts the browse-abandonment flow: an identified person who looked at one product several
/// times without buying.
///
/// For each person and product, views are counted within ``viewWindow`` of each other; the
/// view that makes ``minimumViews`` (default 2) is an entry (key
/// `view:<product>:<seconds since 1970>`) featuring the product, and counting starts afresh
/// after it. People who bought within ``recentOrderDays`` (default 10) before the entry are
/// left alone. Anonymous visitors never enter. With the flow's exits, a cart addition, a
/// checkout or an order after the entry ends it.
///
/// ```swift
/// let trigger = BrowseAbandonmentTrigger(minimumViews: 3)
/// ```
public struct BrowseAbandonmentTrigger: CampaignTrigger {
  /// How many views of one product make an entry.
  public var minimumViews: Int
  /// How close together the counted views lie, in seconds.
  public var viewWindow: TimeInterval
  /// Days before the entry in which a purchase keeps the person out.
  public var recentOrderDays: Double

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - minimumViews: Views of one product that make an entry (default 2, at least 1).
  ///   - viewWindow: How close together they lie, in seconds (default 7 days).
  ///   - recentOrderDays: The quiet period after a purchase, in days (default 10).
  public init(minimumViews: Int = 2, viewWindow: TimeInterval = 7 * 86_400, recentOrderDays: Double = 10) {
    precondition(minimumViews >= 1, "at least one view")
    self.minimumViews = minimumViews
    self.viewWindow = viewWindow
    self.recentOrderDays = recentOrderDays
  }

  /// `browse-abandonment`.
  public var name: String { "browse-abandonment" }

  /// The entries at the context's entry times, by the planning instant.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(log *e* + *r* + *k*), where *e* is the number of events, *r* the views
  ///   from a view window before the first entry time to the planning instant and *k* the events
  ///   of the people with enough views of a product.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    // The products viewed at the entry times; then only people with enough views of one of them
    // within the view window before (a necessary condition) get the full look at their history.
    // Keyed by the event log's customer number: only the views of these people are spelled out.
    let events = context.events
    var viewed: [Int: Set<String>] = [:]
    for position in context.entryPositions(named: .productViewed) {
      if let customer = events.customerNumber(at: Int(position)), case .productViewed(let product) = events[Int(position)].kind {
        viewed[customer, default: []].insert(product)
      }
    }
    guard let first = context.entryTimes.first?.lowerBound.addingTimeInterval(-viewWindow), first <= context.asOf,
      !viewed.isEmpty
    else { return [] }
    var counts: [String: [String: Int]] = [:]
    let known = CampaignContext.through(context.asOf).upperBound
    for position in events.positions(named: .productViewed, in: first..<Swift.max(first, known)) {
      guard let customer = events.customerNumber(at: Int(position)), let products = viewed[customer],
        case .productViewed(let product) = events[Int(position)].kind, products.contains(product)
      else { continue }
      counts[events.customerID(ofNumber: customer), default: [:]][product, default: 0] += 1
    }
    return counts.filter { $0.value.values.contains { $0 >= minimumViews } }.keys.flatMap {
      entries(of: $0, in: context)
    }
  }

  private func entries(of person: String, in context: CampaignContext) -> [FlowEntry] {
    var views: [String: [Date]] = [:]
    for event in context.knownEvents(of: person) {
      if case .productViewed(let product) = event.kind { views[product, default: []].append(event.time) }
    }
    let purchases = context.purchaseTimes(ofCustomer: person)
    var result: [FlowEntry] = []
    for (product, times) in views {
      var counted: [Date] = []
      for time in times {
        counted.removeAll { time.timeIntervalSince($0) > viewWindow }
        counted.append(time)
        guard counted.count >= minimumViews else { continue }
        counted.removeAll()
        let quiet = time.addingTimeInterval(-recentOrderDays * 86_400)
        guard context.isEntryTime(time), !purchases.contains(where: { $0 > quiet && $0 <= time }) else { continue }
        result.append(
          FlowEntry(
            person: person, time: time, key: "view:\(product):\(wholeSeconds(time))", products: [product],
            reason: "viewed \(product) \(minimumViews) times by \(isoTime(time)) without adding it to the cart"))
      }
    }
    return result
  }
}
