public import Foundation

/// What the triggers see when the planner runs: the events, the orders, the planning window
/// and instant, the people's time zones, and a recommender for product picks.
///
/// The planner plans the steps due in ``window`` and judges everything (exits, conditions,
/// consent, what was sent) on what is known at ``asOf``: events and orders after it are
/// ignored. Nothing reads the system clock. Two ways to run every day:
/// - ahead: at midnight, plan the day to come (`window: t..<t+1 day`, `asOf` its start, the
///   default); steps due a little before (the planner's catch-up) go at once;
/// - behind: at midnight, plan the day that ended (`window: t-1 day..<t`, `asOf: t`): every
///   step due in it is known by then, goes late at `asOf` (within sending hours), and an order
///   placed since stops it.
///
/// ```swift
/// let context = CampaignContext(
///   events: events, orders: log, window: now..<now.addingTimeInterval(86_400),
///   timeZones: ["p-17": TimeZone(identifier: "Europe/Berlin")!])
/// ```
public struct CampaignContext: Sendable {
  /// The events.
  public let events: EventLog
  /// The orders (a person-keyed log: its customer ids are people).
  public let orders: OrderLog
  /// The planning window: steps due in it are planned.
  public let window: Range<Date>
  /// The planning instant: what the plan knows (by default the start of ``window``).
  public let asOf: Date
  /// People's time zones.
  public var timeZones: [String: TimeZone]
  /// The time zone of people missing from ``timeZones``.
  public var defaultTimeZone: TimeZone
  /// The recommender that picks products for related-product messages and nudges, if any.
  public var recommender: (any Recommender)?
  /// The filter applied to its picks (by default: no durable goods bought before).
  public var recommendationFilter: RecommendationFilter
  /// The entry times whose steps can fall in the window, as the planner sets them for each flow
  /// from its steps' waits and its catch-up (one interval per step, merged, oldest first;
  /// everything when unknown): a trigger whose steps wait from the entry may skip entries at
  /// other times to save work.
  public var entryTimes: [Range<Date>]
  /// The steps the planner keeps for the flow it asks, or `nil` outside the planner: a trigger
  /// that sets its entries' step times (win-back) may leave out entries without a step due,
  /// which the planner would drop.
  var plannedDue: PlannedDue?
  private let orderEventTimes: [String: [Double]]
  /// The people with a purchase known at ``asOf``: the order log's customers in the log's order
  /// (by first order), then the people known only from `order_placed` events, sorted.
  public let purchasingCustomers: [String]
  /// The order log's customer numbers of ``purchasingCustomers`` (its first part), in order.
  let purchasingOrderCustomers: [Int32]
  /// The people of ``purchasingCustomers`` known only from `order_placed` events, sorted.
  let purchasingEventCustomers: [String]
  /// Per customer number of the order log: the first and the last time (seconds) of its orders
  /// that are purchases known at ``asOf`` (infinity and minus infinity without any), found in
  /// one pass over the orders in their order, so that the triggers and histories that ask
  /// every buyer read two numbers instead of walking each one's orders.
  private let orderPurchaseFirst: [Double], orderPurchaseLast: [Double]

  /// Creates a context.
  ///
  /// - Parameters:
  ///   - events: The events.
  ///   - orders: The orders.
  ///   - window: The planning window.
  ///   - asOf: The planning instant (default: the start of the window).
  ///   - timeZones: People's time zones.
  ///   - defaultTimeZone: The time zone of the others (UTC by default).
  ///   - recommender: Picks products, or `nil`.
  ///   - recommendationFilter: The filter of its picks.
  /// - Complexity: O(*n* + *e*), where *n* is the number of orders and *e* of events.
  public init(
    events: EventLog, orders: OrderLog, window: Range<Date>, asOf: Date? = nil, timeZones: [String: TimeZone] = [:],
    defaultTimeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, recommender: (any Recommender)? = nil,
    recommendationFilter: RecommendationFilter = RecommendationFilter(excludesPurchasedDurables: true)
  ) {
    self.events = events
    self.orders = orders
    self.window = window
    self.asOf = asOf ?? window.lowerBound
    self.timeZones = timeZones
    self.defaultTimeZone = defaultTimeZone
    self.recommender = recommender
    self.recommendationFilter = recommendationFilter
    self.entryTimes = [Date.distantPast..<Date.distantFuture]
    let now = self.asOf.timeIntervalSince1970
    // Only the `order_placed` events are read (by kind), not the whole log.
    var orderEvents: [String: [Double]] = [:]
    for position in events.positions(named: .orderPlaced, in: Self.through(self.asOf)) {
      if let customer = events.customerID(at: Int(position)) {
        orderEvents[customer, default: []].append(events.timeInterval(at: Int(position)))
      }
    }
    orderEventTimes = orderEvents
    var first = [Double](repeating: .infinity, count: orders.customerCount)
    var last = [Double](repeating: -.infinity, count: orders.customerCount)
    for order in orders.indices where orders.orderIsPurchase[order] && orders.orderTimes[order] <= now {
      let customer = Int(orders.orderCustomers[order])
      guard customer >= 0 else { continue }  // a guest order: no customer's
      first[customer] = Swift.min(first[customer], orders.orderTimes[order])
      last[customer] = Swift.max(last[customer], orders.orderTimes[order])
    }
    orderPurchaseFirst = first
    orderPurchaseLast = last
    var buyers: [String] = []
    var numbers: [Int32] = []
    buyers.reserveCapacity(orders.customerCount)
    numbers.reserveCapacity(orders.customerCount)
    // The customers with a purchase known at `asOf`, in the log's order.
    for customer in 0..<orders.customerCount where last[customer] > -.infinity {
      buyers.append(orders.customerIDs[customer])
      numbers.append(Int32(customer))
    }
    let eventBuyers = orderEvents.keys.filter { orders.customerNumber(of: $0) == nil }.sorted()
    purchasingCustomers = buyers + eventBuyers
    purchasingOrderCustomers = numbers
    purchasingEventCustomers = eventBuyers
  }

  /// The person's purchase times known at ``asOf`` (orders and `orderPlaced` events), oldest
  /// first, each instant once.
  ///
  /// - Parameter customer: The person.
  /// - Complexity: O(*k* log *k*), where *k* is the number of the person's orders.
  public func purchaseTimes(ofCustomer customer: String) -> [Date] {
    purchaseSeconds(of: customer).map(Date.init(timeIntervalSince1970:))
  }

  /// Whether the person ordered after an instant (and by ``asOf``): the usual exit condition.
  ///
  /// - Parameters:
  ///   - customer: The person.
  ///   - instant: The instant.
  /// - Complexity: O(*k* log *k*), where *k* is the number of the person's orders.
  public func hasOrdered(_ customer: String, after instant: Date) -> Bool {
    (purchaseSeconds(of: customer).last).map { $0 > instant.timeIntervalSince1970 } ?? false
  }

  /// The person's time zone.
  ///
  /// - Parameter customer: The person.
  public func timeZone(of customer: String) -> TimeZone {
    timeZones[customer] ?? defaultTimeZone
  }

  /// Up to `count` product ids the recommender picks for the person (none without a recommender).
  ///
  /// - Parameters:
  ///   - customer: The person.
  ///   - count: How many.
  /// - Complexity: That of the recommender.
  public func recommendedProducts(for customer: String, count: Int = 3) -> [String] {
    recommender?.recommendations(forCustomer: customer, count: count, filter: recommendationFilter).map(\.productID)
      ?? []
  }

  /// The events at instants in an interval, oldest first (found by binary search in the
  /// time-sorted log).
  ///
  /// - Parameter interval: The instants, both ends included.
  /// - Complexity: O(log *e* + *m*), where *e* is the number of events and *m* those returned.
  public func events(in interval: ClosedRange<Date>) -> ArraySlice<CustomerEvent> {
    let upper = Date(timeIntervalSince1970: interval.upperBound.timeIntervalSince1970.nextUp)
    return ArraySlice(events.positions(in: interval.lowerBound..<Swift.max(interval.lowerBound, upper)).map { events[$0] })
  }

  /// The events at instants in a half-open interval, oldest first.
  ///
  /// - Parameter interval: The instants.
  /// - Complexity: O(log *e* + *m*), where *e* is the number of events and *m* those returned.
  public func events(in interval: Range<Date>) -> ArraySlice<CustomerEvent> {
    ArraySlice(events.positions(in: interval).map { events[$0] })
  }

  /// The events of a person known at ``asOf``, oldest first.
  ///
  /// - Parameter person: The person.
  /// - Complexity: O(*k*), where *k* is the number of the person's events.
  public func knownEvents(of person: String) -> [CustomerEvent] {
    let all = events.events(ofCustomer: person)
    guard let last = all.last, last.time > asOf else { return all }
    return Array(all.prefix { $0.time <= asOf })
  }

  /// The person's latest purchase known at ``asOf``.
  ///
  /// - Parameters:
  ///   - customer: The person.
  ///   - orderCustomer: The person's customer number in the order log, when the caller knows
  ///     whether they have one (saves looking it up).
  func latestPurchase(of customer: String, orderCustomer: Int?? = nil) -> Date? {
    var latest = orderEventTimes.isEmpty ? nil : orderEventTimes[customer]?.last
    if let number = orderCustomer ?? orders.customerNumber(of: customer), orderPurchaseLast[number] > -.infinity {
      latest = Swift.max(latest ?? -.infinity, orderPurchaseLast[number])
    }
    return latest.map(Date.init(timeIntervalSince1970:))
  }

  private func purchaseSeconds(of customer: String) -> [Double] {
    purchaseSeconds(of: customer, orderCustomer: orders.customerNumber(of: customer))
  }

  /// The purchase times of a person, in seconds, ascending, each once (orders and
  /// `order_placed` events known at ``asOf``).
  ///
  /// - Parameters:
  ///   - customer: The person.
  ///   - orderCustomer: The person's customer number in the order log, or `nil` for none.
  func purchaseSeconds(of customer: String, orderCustomer: Int?) -> [Double] {
    let now = asOf.timeIntervalSince1970
    var times = orderEventTimes.isEmpty ? [] : orderEventTimes[customer] ?? []
    if let number = orderCustomer {
      for index in orders.orderIndices(ofCustomerNumber: number) {
        let order = Int(index)
        if orders.orderIsPurchase[order] && orders.orderTimes[order] <= now { times.append(orders.orderTimes[order]) }
      }
    }
    times.sort()
    var unique = 0
    for time in times where unique == 0 || times[unique - 1] != time {
      times[unique] = time
      unique += 1
    }
    times.removeLast(times.count - unique)
    return times
  }

  /// The first and last of a person's purchase times known at ``asOf``, in seconds (those of
  /// ``purchaseSeconds(of:orderCustomer:)``), or `nil` for none, without building the list: the
  /// triggers that walk every buyer look at these first.
  ///
  /// - Parameters:
  ///   - customer: The person.
  ///   - orderCustomer: The person's customer number in the order log, or `nil` for none.
  func purchaseSpan(of customer: String, orderCustomer: Int?) -> (first: Double, last: Double)? {
    var first = Double.infinity, last = -Double.infinity
    if !orderEventTimes.isEmpty, let times = orderEventTimes[customer] {
      for time in times {
        first = Swift.min(first, time)
        last = Swift.max(last, time)
      }
    }
    if let number = orderCustomer {
      first = Swift.min(first, orderPurchaseFirst[number])
      last = Swift.max(last, orderPurchaseLast[number])
    }
    return first <= last ? (first, last) : nil
  }

  /// ``purchasingCustomers`` with their customer numbers in the order log (`nil` for the people
  /// known only from `order_placed` events), without looking the numbers up.
  var purchasingPeople: some Sequence<(person: String, orderCustomer: Int?)> {
    purchasingOrderCustomers.lazy.map { (orders.customerIDs[Int($0)], Int($0)) }
      + purchasingEventCustomers.lazy.map { ($0, nil) }
  }

  /// The instants up to and including `instant`, as a half-open range for the event log's queries.
  static func through(_ instant: Date) -> Range<Date> {
    let end = instant.timeIntervalSince1970.nextUp
    return Date(timeIntervalSince1970: -.infinity)..<Date(timeIntervalSince1970: end.isNaN ? -.infinity : end)
  }
}

extension CampaignContext {
  /// The positions (time order) of the events of a kind at the ``entryTimes`` known at
  /// ``asOf``, oldest first: where a trigger whose steps wait from the entry finds its entries.
  ///
  /// - Parameter name: The kind.
  /// - Complexity: O(*t* log *e* + *r*), where *t* is the number of entry intervals, *e* the
  ///   events of the kind and *r* those returned.
  func entryPositions(named name: EventName) -> [Int32] {
    let known = Self.through(asOf).upperBound
    var positions: [Int32] = []
    for interval in entryTimes {
      let upper = Swift.min(interval.upperBound, known)
      guard upper > interval.lowerBound else { continue }
      positions.append(contentsOf: events.positions(named: name, in: interval.lowerBound..<upper))
    }
    return positions
  }

  /// Whether an instant lies in the ``entryTimes``.
  func isEntryTime(_ instant: Date) -> Bool {
    entryTimes.contains { $0.contains(instant) }
  }
}
