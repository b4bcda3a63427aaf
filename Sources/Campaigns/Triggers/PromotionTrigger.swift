public import Foundation

/// A promotion: a campaign that starts and ends at given times, with its series of messages.
///
/// Everyone in the audience enters at ``startsAt`` (key: the promotion's name); ``steps`` is the
/// series, which ``Flow/promotion(_:controlShare:)`` turns into a flow that ends for a person
/// who buys (so buyers get nothing more) or unsubscribes:
/// 1. `promotion` at the start;
/// 2. `promotion-resend` ``resendAfter`` (default 48 h) after the start, to those who did not
///    open step 1 (machine opens, such as mail privacy proxies, do not count), when that is
///    before the last-day reminder (or, without one, before the end);
/// 3. `promotion-last-day` 24 hours before the end, when ``hasLastDayReminder`` and the
///    promotion runs 48 hours or more;
/// 4. `promotion-extended` at the end, when ``isExtendedByADay``: the promotion runs a day
///    longer.
///
/// ```swift
/// let sale = PromotionTrigger(
///   name: "summer-sale", startsAt: start, endsAt: start.addingTimeInterval(5 * 86_400),
///   products: ["BEANS-250"], incentive: "20% off", isExtendedByADay: true)
/// let flow = Flow.promotion(sale)
/// ```
public struct PromotionTrigger: CampaignTrigger {
  /// The promotion's name; also the flow's name.
  public var name: String
  /// When it starts (the first send).
  public var startsAt: Date
  /// When it ends (before an extension).
  public var endsAt: Date
  /// The people to reach, or `nil` for everyone with a purchase or a `subscribed` event known
  /// at the planning instant.
  public var audience: Set<String>?
  /// The featured product ids.
  public var products: [String]
  /// The incentive, if any (for example `20% off`).
  public var incentive: String?
  /// The wait from the start to the resend to non-openers, in seconds.
  public var resendAfter: TimeInterval
  /// Whether a reminder goes 24 hours before the end.
  public var hasLastDayReminder: Bool
  /// Whether the promotion is extended by a day, announced at the end.
  public var isExtendedByADay: Bool
  /// The channel.
  public var channel: Channel

  /// Creates a promotion.
  ///
  /// - Parameters:
  ///   - name: The name (the flow's name).
  ///   - startsAt: The start.
  ///   - endsAt: The end, after the start.
  ///   - audience: The people, or `nil` for everyone with a purchase or a subscription.
  ///   - products: The featured products.
  ///   - incentive: The incentive, if any.
  ///   - resendAfter: Seconds from the start to the resend (default 48 hours).
  ///   - hasLastDayReminder: Whether to remind on the last day (default `true`).
  ///   - isExtendedByADay: Whether the promotion is extended by a day (default `false`).
  ///   - channel: The channel (default email).
  public init(
    name: String, startsAt: Date, endsAt: Date, audience: Set<String>? = nil, products: [String] = [],
    incentive: String? = nil, resendAfter: TimeInterval = 48 * 3_600, hasLastDayReminder: Bool = true,
    isExtendedByADay: Bool = false, channel: Channel = .email
  ) {
    precondition(endsAt > startsAt, "a promotion ends after it starts")
    precondition(resendAfter >= 0, "the resend wait must not be negative")
    self.name = name
    self.startsAt = startsAt
    self.endsAt = endsAt
    self.audience = audience
    self.products = products
    self.incentive = incentive
    self.resendAfter = resendAfter
    self.hasLastDayReminder = hasLastDayReminder
    self.isExtendedByADay = isExtendedByADay
    self.channel = channel
  }

  /// The series of messages, waits counted from the start.
  public var steps: [FlowStep] {
    let length = endsAt.timeIntervalSince(startsAt)
    let hasLastDay = hasLastDayReminder && length >= 48 * 3_600
    var steps = [FlowStep(wait: 0, channel: channel, content: "promotion", incentive: incentive)]
    if resendAfter < (hasLastDay ? length - 86_400 : length) {
      steps.append(
        FlowStep(
          wait: resendAfter, channel: channel, content: "promotion-resend", incentive: incentive,
          condition: .notOpened(step: 1)))
    }
    if hasLastDay {
      steps.append(
        FlowStep(wait: length - 86_400, channel: channel, content: "promotion-last-day", incentive: incentive))
    }
    if isExtendedByADay {
      steps.append(FlowStep(wait: length, channel: channel, content: "promotion-extended", incentive: incentive))
    }
    return steps
  }

  /// Everyone in the audience, entering at the start; nothing when the series cannot fall in
  /// the window.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(*a*) for an audience of *a* people; O(*c* + *s*) for the default audience
  ///   of *c* buyers and *s* `subscribed` events.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    guard context.isEntryTime(startsAt) else { return [] }
    var people: [String]
    if let audience {
      people = Array(audience)
    } else {
      // The buyers (each once), then each subscriber who is not one of them, once: marked by
      // customer number instead of hashing a million ids into a set.
      people = context.purchasingCustomers
      let events = context.events, orders = context.orders
      var isBuyer = [Bool](repeating: false, count: orders.customerCount)
      for customer in context.purchasingOrderCustomers { isBuyer[Int(customer)] = true }
      let eventBuyers = Set(context.purchasingEventCustomers)
      var isListed = [Bool](repeating: false, count: events.customerCount)
      for position in events.positions(named: .subscribed, in: CampaignContext.through(context.asOf)) {
        guard let customer = events.customerNumber(at: Int(position)), !isListed[customer] else { continue }
        isListed[customer] = true
        let person = events.customerID(ofNumber: customer)
        if let number = orders.customerNumber(of: person), isBuyer[number] { continue }
        if !eventBuyers.isEmpty && eventBuyers.contains(person) { continue }
        people.append(person)
      }
    }
    let reason = "promotion \(name) from \(isoTime(startsAt)) to \(isoTime(endsAt))"
    return people.map {
      FlowEntry(person: $0, time: startsAt, key: name, products: products, reason: reason)
    }
  }
}
