public import Foundation

/// The one consent and contact model: who may get marketing, on which channel, how often.
///
/// The planner applies it; examples, exports and reports ask it the same questions: consent,
/// transactional messages, frequency caps and local sending hours.
///
/// **Consent** is per channel and is the latest statement known: a `subscribed` or
/// `unsubscribed` event on the channel and, for email, the Accepts Marketing flag of the
/// person's orders (the latest order that records it, when ``ordersGiveEmailConsent``). At
/// equal times an opt-out wins. Without any statement there is no consent, unless the channel
/// is in ``assumedConsent``. Phone calls need a `subscribed` event on `phone` by default:
/// advertising calls to consumers need their prior express consent in Germany (UWG section 7
/// (2) no. 1); a shop that calls only business buyers where presumed consent is allowed may add
/// `.phone` to ``assumedConsent`` at its own judgement.
///
/// **Transactional** messages (an order's shipping, delay and delivery notices) need no
/// consent, go at their time whatever the hour, and never count towards the caps.
///
/// **Frequency caps** count marketing messages only: a planned marketing message waits at
/// least the channel's cap after the person's previous marketing message on that channel (sent
/// as logged, or planned earlier in the same plan). A logged `message_sent` counts as
/// marketing unless its flow and step name a transactional step of the planner's flows, or its
/// flow is in ``transactionalFlows``; a message of an unknown flow, or without a flow, counts
/// as marketing (a cap errs on the side of sending less). Held-out messages never count.
///
/// **Sending hours**: marketing due outside the person's local ``sendingHours`` waits for the
/// next start of them (daylight saving respected).
///
/// ```swift
/// var policy = ContactPolicy()
/// policy.frequencyCaps[.email] = 24 * 3_600
/// policy.transactionalFlows.insert("order-confirmation")   // sent by the shop system
/// let mayMail = policy.hasConsent("p-17", on: .email, in: context)
/// ```
public struct ContactPolicy: Sendable, Hashable {
  /// The shortest time between two marketing messages to a person on a channel, in seconds;
  /// channels without an entry are not capped (default: email 16 h, SMS 24 h).
  public var frequencyCaps: [Channel: TimeInterval]
  /// The local hours (`0...24`) in which marketing may go, or `nil` for any time (default
  /// `9..<20`).
  public var sendingHours: Range<Int>?
  /// Whether an order's Accepts Marketing flag is an email opt-in or opt-out at the order's
  /// time (default `true`).
  public var ordersGiveEmailConsent: Bool
  /// The channels on which a person without any statement counts as consenting (default none).
  public var assumedConsent: Set<Channel>
  /// Flows outside the planner whose logged messages are transactional (for example the shop
  /// system's `order-confirmation`), so that they do not count towards the caps.
  public var transactionalFlows: Set<String>

  /// Creates a policy.
  ///
  /// - Parameters:
  ///   - frequencyCaps: The caps per channel in seconds (default email 16 h, SMS 24 h).
  ///   - sendingHours: The local sending hours of marketing (default `9..<20`), or `nil`.
  ///   - ordersGiveEmailConsent: Whether orders' Accepts Marketing counts (default `true`).
  ///   - assumedConsent: Channels that need no statement (default none).
  ///   - transactionalFlows: Outside flows whose messages are transactional (default none).
  public init(
    frequencyCaps: [Channel: TimeInterval] = [.email: 16 * 3_600, .sms: 24 * 3_600], sendingHours: Range<Int>? = 9..<20,
    ordersGiveEmailConsent: Bool = true, assumedConsent: Set<Channel> = [], transactionalFlows: Set<String> = []
  ) {
    if let sendingHours {
      precondition(
        sendingHours.lowerBound >= 0 && sendingHours.upperBound <= 24 && !sendingHours.isEmpty,
        "sending hours lie in 0...24")
    }
    precondition(frequencyCaps.values.allSatisfy { $0 >= 0 }, "frequency caps must not be negative")
    self.frequencyCaps = frequencyCaps
    self.sendingHours = sendingHours
    self.ordersGiveEmailConsent = ordersGiveEmailConsent
    self.assumedConsent = assumedConsent
    self.transactionalFlows = transactionalFlows
  }

  /// Whether the person agreed to marketing on a channel, as known at the context's planning
  /// instant.
  ///
  /// - Parameters:
  ///   - person: The person.
  ///   - channel: The channel.
  ///   - context: The events and orders.
  /// - Returns: The latest statement's answer, or whether the channel is assumed.
  /// - Complexity: O(*k* + *m*), where *k* and *m* are the person's events and orders.
  public func hasConsent(_ person: String, on channel: Channel, in context: CampaignContext) -> Bool {
    var statements = ConsentStatements()
    statements.add(orders: context.orders, of: person, through: context.asOf, policy: self)
    for event in context.knownEvents(of: person) { statements.add(event) }
    return statements.hasConsent(on: channel, policy: self)
  }

  /// The instant itself if its local hour lies in ``sendingHours`` (or there are none), else
  /// the next start of the sending hours.
  ///
  /// - Parameters:
  ///   - instant: When the message is due.
  ///   - zone: The person's time zone.
  /// - Returns: When it may go.
  public func sendingTime(for instant: Date, in zone: TimeZone) -> Date {
    guard let hours = sendingHours else { return instant }
    // Local wall-clock arithmetic with the zone's offset at the instant, then at the target
    // (they differ across a daylight-saving change); tested against `Calendar`.
    let seconds = instant.timeIntervalSince1970
    let local = seconds + Double(zone.secondsFromGMT(for: instant))
    let day = (local / 86_400).rounded(.down)
    let hour = Int(((local - day * 86_400) / 3_600).rounded(.down))
    if hours.contains(hour) { return instant }
    let targetLocal = (hour < hours.lowerBound ? day : day + 1) * 86_400 + Double(hours.lowerBound * 3_600)
    let guess = targetLocal - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: targetLocal)))
    return Date(
      timeIntervalSince1970: targetLocal - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))))
  }
}

/// The latest consent statement of one person per channel.
struct ConsentStatements {
  private var latest = ChannelValues<(time: Date, granted: Bool)>()

  /// Records a statement; a later one wins, and at equal times an opt-out.
  mutating func add(_ granted: Bool, on channel: Channel, at time: Date) {
    if let current = latest[channel], current.time > time || (current.time == time && !current.granted) { return }
    latest[channel] = (time, granted)
  }

  /// Records a `subscribed` or `unsubscribed` event; other events are ignored.
  mutating func add(_ event: CustomerEvent) {
    switch event.kind {
    case .subscribed(let channel): add(true, on: channel, at: event.time)
    case .unsubscribed(let channel): add(false, on: channel, at: event.time)
    default: break
    }
  }

  /// Records the email consent of the person's orders by `instant` (the latest one that records
  /// it decides).
  mutating func add(orders: OrderLog, of person: String, through instant: Date, policy: ContactPolicy) {
    guard policy.ordersGiveEmailConsent else { return }
    add(orders: orders, ofCustomerNumber: orders.customerNumber(of: person), through: instant, policy: policy)
  }

  /// Records the email consent of the orders of a customer number of the log (none for `nil`).
  mutating func add(orders: OrderLog, ofCustomerNumber number: Int?, through instant: Date, policy: ContactPolicy) {
    guard policy.ordersGiveEmailConsent, let number else { return }
    for index in orders.orderIndices(ofCustomerNumber: number) {
      let time = orders.date(ofOrder: Int(index))
      guard time <= instant, let consent = orders.acceptsMarketing(ofOrder: Int(index)) else { continue }
      add(consent, on: .email, at: time)
    }
  }

  /// The consent on a channel under a policy.
  func hasConsent(on channel: Channel, policy: ContactPolicy) -> Bool {
    latest[channel]?.granted ?? policy.assumedConsent.contains(channel)
  }
}
