public import Foundation

/// What the triggers see when the planner runs: the events, the orders, the planning window,
/// the customers' time zones and consent, and a recommender for product picks.
///
/// The planner runs at ``asOf`` (the start of ``window``) and plans the messages whose send
/// time falls in the window; exit conditions ("ordered since") are judged on what is known at
/// ``asOf``. Nothing reads the system clock.
///
/// ```swift
/// let context = CampaignContext(
///   events: events, orders: log, window: now..<now.addingTimeInterval(86_400),
///   timeZones: ["c-17": TimeZone(identifier: "Europe/Berlin")!])
/// ```
public struct CampaignContext: Sendable {
  /// Consent when no event or order says otherwise, per channel.
  public var defaultConsent: [Channel: Bool]
  /// The events.
  public let events: EventLog
  /// The orders.
  public let orders: OrderLog
  /// The planning window: messages sent in it are planned.
  public let window: Range<Date>
  /// Customers' time zones.
  public var timeZones: [String: TimeZone]
  /// The time zone of customers missing from ``timeZones``.
  public var defaultTimeZone: TimeZone
  /// The recommender that picks products for nudges and related-product messages, if any.
  public var recommender: (any Recommender)?
  /// The filter applied to its picks (by default: no durable goods bought before).
  public var recommendationFilter: RecommendationFilter
  private let purchaseTimes: [String: [Double]]

  /// Creates a context.
  ///
  /// - Parameters:
  ///   - events: The events.
  ///   - orders: The orders.
  ///   - window: The planning window; its start is the planning instant.
  ///   - timeZones: Customers' time zones.
  ///   - defaultTimeZone: The time zone of the others (UTC by default).
  ///   - defaultConsent: Consent without evidence: email and SMS need an opt-in (a `subscribed`
  ///     event, or an order that accepted marketing for email); phone calls are allowed.
  ///   - recommender: Picks products, or `nil`.
  ///   - recommendationFilter: The filter of its picks.
  /// - Complexity: O(*n* + *e*), where *n* is the number of orders and *e* the number of events.
  public init(
    events: EventLog, orders: OrderLog, window: Range<Date>, timeZones: [String: TimeZone] = [:],
    defaultTimeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
    defaultConsent: [Channel: Bool] = [.email: false, .sms: false, .phone: true],
    recommender: (any Recommender)? = nil,
    recommendationFilter: RecommendationFilter = RecommendationFilter(excludesPurchasedDurables: true)
  ) {
    self.events = events
    self.orders = orders
    self.window = window
    self.timeZones = timeZones
    self.defaultTimeZone = defaultTimeZone
    self.defaultConsent = defaultConsent
    self.recommender = recommender
    self.recommendationFilter = recommendationFilter
    let now = window.lowerBound.timeIntervalSince1970
    var times: [String: [Double]] = [:]
    for customer in 0..<orders.customerCount {
      let list = orders.orderIndices(ofCustomerNumber: customer).compactMap { index -> Double? in
        let order = Int(index)
        return orders.orderIsPurchase[order] && orders.orderTimes[order] <= now ? orders.orderTimes[order] : nil
      }
      if !list.isEmpty { times[orders.customerIDs[customer]] = list }
    }
    for event in events.events {
      guard case .orderPlaced = event.kind, let customer = event.customerID, event.time.timeIntervalSince1970 <= now
      else { continue }
      times[customer, default: []].append(event.time.timeIntervalSince1970)
    }
    purchaseTimes = times.mapValues { Array(Set($0)).sorted() }
  }

  /// The planning instant: the start of the window.
  public var asOf: Date { window.lowerBound }

  /// The customer's purchase times known at ``asOf`` (orders and `orderPlaced` events), oldest first.
  ///
  /// - Parameter customer: The customer id.
  public func purchaseTimes(ofCustomer customer: String) -> [Date] {
    (purchaseTimes[customer] ?? []).map(Date.init(timeIntervalSince1970:))
  }

  /// Whether the customer ordered after an instant (and by ``asOf``): the usual exit condition.
  ///
  /// - Parameters:
  ///   - customer: The customer id.
  ///   - instant: The instant.
  public func hasOrdered(_ customer: String, after instant: Date) -> Bool {
    (purchaseTimes[customer]?.last).map { $0 > instant.timeIntervalSince1970 } ?? false
  }

  /// The customers with purchases known at ``asOf``, sorted.
  public var purchasingCustomers: [String] { purchaseTimes.keys.sorted() }

  /// The customer's time zone.
  ///
  /// - Parameter customer: The customer id.
  public func timeZone(of customer: String) -> TimeZone {
    timeZones[customer] ?? defaultTimeZone
  }

  /// Whether the customer agreed to marketing on a channel at an instant: the latest
  /// `subscribed`/`unsubscribed` event (and for email the latest order's consent) before it
  /// decides; without any, ``defaultConsent``.
  ///
  /// - Complexity: O(*k* + *m*), where *k* and *m* are the customer's events and orders.
  public func hasConsent(_ customer: String, on channel: Channel, at instant: Date) -> Bool {
    var latest: (time: Date, consent: Bool)? = nil
    if channel == .email, let number = orders.customerNumber(of: customer) {
      for index in orders.orderIndices(ofCustomerNumber: number) {
        let time = orders.date(ofOrder: Int(index))
        if time <= instant, let consent = orders.acceptsMarketing(ofOrder: Int(index)) { latest = (time, consent) }
      }
    }
    for event in events.events(ofCustomer: customer) where event.time <= instant {
      switch event.kind {
      case .subscribed(let eventChannel) where eventChannel == channel:
        if latest == nil || event.time >= latest!.time { latest = (event.time, true) }
      case .unsubscribed(let eventChannel) where eventChannel == channel:
        if latest == nil || event.time >= latest!.time { latest = (event.time, false) }
      default: break
      }
    }
    return latest?.consent ?? defaultConsent[channel] ?? false
  }

  /// The messages already sent to a customer: (id, kind, channel, time), oldest first.
  ///
  /// - Parameter customer: The customer id.
  public func sentMessages(to customer: String) -> [(id: String, kind: MessageKind, channel: Channel, time: Date)] {
    events.events(ofCustomer: customer).compactMap { event in
      guard case .messageSent(let message) = event.kind else { return nil }
      return (message.id, MessageKind(rawValue: message.flow ?? ""), message.channel ?? .email, event.time)
    }
  }

  /// Up to `count` product ids the recommender picks for the customer (none without a recommender).
  ///
  /// - Parameters:
  ///   - customer: The customer id.
  ///   - count: How many.
  public func recommendedProducts(for customer: String, count: Int = 3) -> [String] {
    recommender?.recommendations(forCustomer: customer, count: count, filter: recommendationFilter).map(\.productID)
      ?? []
  }
}
