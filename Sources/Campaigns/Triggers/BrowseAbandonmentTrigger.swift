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

  /// The entries from the context's earliest entry to the planning instant.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(log *e* + *r* + *k* log *k*), where *e* is the number of events, *r* the
  ///   number since the earliest entry and *k* the events of the people who viewed a product
  ///   in them.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    var people: Set<String> = []
    for event in context.entryEvents {
      if case .productViewed = event.kind, let person = event.customerID { people.insert(person) }
    }
    return people.flatMap { entries(of: $0, in: context) }
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
        guard time >= context.earliestEntry, !purchases.contains(where: { $0 > quiet && $0 <= time }) else { continue }
        result.append(
          FlowEntry(
            person: person, time: time, key: "view:\(product):\(wholeSeconds(time))", products: [product],
            reason: "viewed \(product) \(minimumViews) times by \(isoTime(time)) without adding it to the cart"))
      }
    }
    return result
  }
}
