public import Foundation

/// The built-in flows driven by orders and subscriptions (issue 18, section 2): the
/// second-purchase nudge, replenishment, the guest registration invite, lead nurture, win-back
/// and the VIP call list. Each factory's defaults are the issue's; every parameter can be
/// changed here or on the returned value.
///
/// ```swift
/// let flows: [Flow] = [
///   .replenishment(), .secondPurchaseNudge(incentive: "10% off your second order"),
///   .guestRegistration(), .leadNurture(), .winBack(), .vipOutreach(count: 20),
/// ]
/// ```
extension Flow {
  /// The second-purchase nudge: a first-time buyer gets a message at `firstWait` after the
  /// first purchase (default 21 days) and one with an incentive at `secondWait` (default 45
  /// days); a second order ends it.
  ///
  /// Content kinds: `second-purchase-nudge`, `second-purchase-incentive`. Trigger:
  /// ``SecondPurchaseNudgeTrigger``.
  ///
  /// - Parameters:
  ///   - firstWait: The wait of the first step, in seconds (default 21 days).
  ///   - secondWait: The wait of the second step, in seconds (default 45 days).
  ///   - incentive: The second step's incentive (default `10% off your second order`), or `nil`.
  ///   - channel: The channel (default email).
  ///   - productCount: The most products per message (default 3).
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow `second-purchase-nudge`; exits: an order, an unsubscribe.
  public static func secondPurchaseNudge(
    firstWait: TimeInterval = 21 * 86_400, secondWait: TimeInterval = 45 * 86_400,
    incentive: String? = "10% off your second order", channel: Channel = .email, productCount: Int = 3,
    controlShare: Double = 0.1
  ) -> Flow {
    precondition(0 <= firstWait && firstWait <= secondWait, "the steps wait 0 <= first <= second")
    return Flow(
      name: "second-purchase-nudge", trigger: SecondPurchaseNudgeTrigger(maximumAge: secondWait + catchUpAllowance),
      steps: [
        FlowStep(wait: firstWait, channel: channel, content: "second-purchase-nudge", productCount: productCount),
        FlowStep(
          wait: secondWait, channel: channel, content: "second-purchase-incentive", incentive: incentive,
          productCount: productCount),
      ],
      exits: [.ordered, .unsubscribed], controlShare: controlShare)
  }

  /// Replenishment: one reminder `leadDays` before each expected run-out (default 7 days), for
  /// the products customers rebuy (postage, fees, gift cards and durable goods are excluded).
  ///
  /// The step waits 0 after the entry (the reminder day) and features the product that runs
  /// out, the entry's product (a product count of 1), and no recommendations. Content kind:
  /// `replenishment`. Trigger: ``ReplenishmentTrigger``.
  ///
  /// - Parameters:
  ///   - leadDays: Days before the run-out (default 7).
  ///   - exclusions: The products never reminded of (default ``ReplenishmentExclusions/standard``).
  ///   - options: The interval options.
  ///   - channel: The channel (default email).
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow `replenishment`; exits: an unsubscribe (buying the product again moves
  ///   the reminder instead).
  public static func replenishment(
    leadDays: Double = 7, exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = .init(), channel: Channel = .email, controlShare: Double = 0.1
  ) -> Flow {
    Flow(
      name: "replenishment",
      trigger: ReplenishmentTrigger(leadDays: leadDays, exclusions: exclusions, options: options),
      steps: [FlowStep(wait: 0, channel: channel, content: "replenishment", productCount: 1)],
      exits: [.unsubscribed], controlShare: controlShare)
  }

  /// The guest registration invite: `wait` after a guest order (default 2 days), with an
  /// incentive to create an account; creating one ends it.
  ///
  /// Content kind: `registration-invite`. Trigger: ``GuestRegistrationTrigger``.
  ///
  /// - Parameters:
  ///   - wait: The wait after the order, in seconds (default 2 days).
  ///   - incentive: The incentive (default `10% off your next order with an account`), or `nil`.
  ///   - channel: The channel (default email).
  ///   - controlShare: The control group's share (default 10 %).
  ///   - reentryDays: The fewest days between two invitations of one person (default 90), or
  ///     `nil`: a guest who buys every week is not invited every week.
  /// - Returns: The flow `guest-registration`; exits: `account_created`, an unsubscribe.
  public static func guestRegistration(
    wait: TimeInterval = 2 * 86_400, incentive: String? = "10% off your next order with an account",
    channel: Channel = .email, controlShare: Double = 0.1, reentryDays: Double? = 90
  ) -> Flow {
    precondition(wait >= 0, "the wait must not be negative")
    return Flow(
      name: "guest-registration", trigger: GuestRegistrationTrigger(maximumAge: wait + catchUpAllowance),
      steps: [
        FlowStep(wait: wait, channel: channel, content: "registration-invite", incentive: incentive, productCount: 0)
      ],
      exits: [.event(CustomerEvent.Kind.accountCreated.name), .unsubscribed], controlShare: controlShare,
      reentryInterval: reentryDays.map { $0 * 86_400 })
  }

  /// Lead nurture: subscribers without an order get a message at each of `waits` after
  /// subscribing (default 1, 4 and 10 days); an order or an unsubscribe ends it.
  ///
  /// Content kinds: `lead-nurture-1`, `lead-nurture-2`, ... Trigger: ``LeadNurtureTrigger``.
  ///
  /// - Parameters:
  ///   - waits: The waits after subscribing, in seconds, ascending (default 1, 4 and 10 days).
  ///   - channel: The channel of the subscription and the messages (default email).
  ///   - productCount: The most products per message (default 3; leads get the cold-start list).
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow `lead-nurture`.
  public static func leadNurture(
    waits: [TimeInterval] = [1, 4, 10].map { $0 * 86_400 }, channel: Channel = .email, productCount: Int = 3,
    controlShare: Double = 0.1
  ) -> Flow {
    precondition(!waits.isEmpty && waits == waits.sorted() && waits[0] >= 0, "waits are ascending, from 0")
    return Flow(
      name: "lead-nurture",
      trigger: LeadNurtureTrigger(channel: channel, maximumAge: (waits.last ?? 0) + catchUpAllowance),
      steps: waits.enumerated().map { index, wait in
        FlowStep(wait: wait, channel: channel, content: "lead-nurture-\(index + 1)", productCount: productCount)
      },
      exits: [.ordered, .unsubscribed], controlShare: controlShare)
  }

  /// Win-back: messages at `multiples` of the person's usual gap between purchase days after
  /// the last one (default 2× and 3×), or for one-time buyers at `singlePurchaseDays` (default
  /// 120 and 180 days); an order ends it.
  ///
  /// The trigger sets each entry's step times (``FlowEntry/stepTimes``); the steps' waits are
  /// the one-time buyers' lapses, for display. Content kinds: `win-back-1`, `win-back-2`, ...
  /// Trigger: ``WinBackTrigger``.
  ///
  /// - Parameters:
  ///   - multiples: The multiples of the usual gap, one per step (default 2 and 3).
  ///   - singlePurchaseDays: The days for one-time buyers, one per step (default 120 and 180).
  ///   - incentives: The incentive of each step (`nil` for none); empty (the default) for none.
  ///   - channel: The channel (default email).
  ///   - productCount: The most products per message (default 3).
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow `win-back`; exits: an order, an unsubscribe.
  public static func winBack(
    multiples: [Double] = [2, 3], singlePurchaseDays: [Double] = [120, 180], incentives: [String?] = [],
    channel: Channel = .email, productCount: Int = 3, controlShare: Double = 0.1
  ) -> Flow {
    precondition(incentives.isEmpty || incentives.count == multiples.count, "one incentive per step, or none")
    return Flow(
      name: "win-back", trigger: WinBackTrigger(multiples: multiples, singlePurchaseDays: singlePurchaseDays),
      steps: singlePurchaseDays.enumerated().map { index, days in
        FlowStep(
          wait: days * 86_400, channel: channel, content: "win-back-\(index + 1)",
          incentive: incentives.isEmpty ? nil : incentives[index], productCount: productCount)
      },
      exits: [.ordered, .unsubscribed], controlShare: controlShare)
  }

  /// The VIP call list: the top `count` people by net revenue in the last `lookbackDays`
  /// (default 10 people, 365 days), business buyers first, each with their phone number; a
  /// person is called at most every `reentryDays` (default 90) and only with phone consent
  /// (the planner's rule: phone has no default consent).
  ///
  /// One phone step at the planning instant; the entry's reason names the rank, the company,
  /// the name and the phone number (see ``VIPOutreachTrigger/callList(in:)`` for the typed
  /// list). Content kind: `vip-call`. Trigger: ``VIPOutreachTrigger``.
  ///
  /// - Parameters:
  ///   - count: How many people (default 10).
  ///   - lookbackDays: The revenue window in days (default 365).
  ///   - businessFirst: Whether business buyers come first (default `true`).
  ///   - reentryDays: The fewest days between two calls to one person (default 90).
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow `vip-outreach`; exits: an unsubscribe.
  public static func vipOutreach(
    count: Int = 10, lookbackDays: Double = 365, businessFirst: Bool = true, reentryDays: Double = 90,
    controlShare: Double = 0.1
  ) -> Flow {
    Flow(
      name: "vip-outreach",
      trigger: VIPOutreachTrigger(count: count, lookbackDays: lookbackDays, businessFirst: businessFirst),
      steps: [FlowStep(wait: 0, channel: .phone, content: "vip-call", productCount: 0)],
      exits: [.unsubscribed], controlShare: controlShare, reentryInterval: reentryDays * 86_400)
  }

  /// How long after its last step an entry is still returned by the built-in triggers: a week,
  /// longer than any planner's catch-up.
  static let catchUpAllowance: TimeInterval = 7 * 86_400
}
