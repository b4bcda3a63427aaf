import Campaigns
import Foundation
import RetentionCore
import Segmentation

extension ShopReport {
  /// One list of the report: the flow it plans, and how the list is headed and read.
  struct PlannedList {
    var kind: ActionList.Kind
    var title: String
    var flow: Flow
    /// Why the flow matters, in one clause (the report's figures), before the counts.
    var context: String
  }

  /// The flows driven by orders alone, in the planner's order (the first takes precedence under
  /// the frequency cap, as in ``Campaigns/Flow/standardFlows(promotions:)``).
  static func orderFlows() -> [Flow] {
    [.replenishment(), .secondPurchaseNudge(), .guestRegistration(), .winBack(), .vipOutreach()]
  }

  /// The window the report plans: the day after its last observed day, known as of the end of
  /// that day (the planner's "ahead" run: at midnight, plan the day to come).
  static func planWindow(end: Date, clock: DayClock) -> Range<Date> {
    let next = clock.day(of: end) + 1
    return clock.startOfDay(next)..<clock.startOfDay(next + 1)
  }

  /// Which count a skipped step adds to: the planner's reasons start with these words
  /// (`no marketing consent on email`, `frequency cap: ...`); every other reason is an exit, a
  /// failed condition or a re-entry too soon.
  static func withheldCategory(of reason: String) -> WritableKeyPath<ActionList.Withheld, Int> {
    if reason.hasPrefix("no marketing consent") { return \.consent }
    if reason.hasPrefix("frequency cap") { return \.frequencyCap }
    return \.other
  }

  /// The report's action lists: the day's plan of the order-driven flows (the second-purchase
  /// nudge, win-back, replenishment, the guest registration invite and the VIP call list) under
  /// the options' contact policy, each with its first rows and what was withheld; and notes on
  /// consent.
  ///
  /// - Complexity: The planner's work on the log (O(*n* log *n*) for *n* orders), plus
  ///   O(*m* log *m*) for *m* planned messages.
  static func actions(
    log: OrderLog, profiles: CustomerProfiles, end: Date, options: ShopReportOptions,
    within90: Double, topDecileShare: Double, events: EventLog = EventLog([]), replenishment: [ActionRow]?
  ) -> (lists: [ActionList], notes: [String]) {
    let window = planWindow(end: end, clock: options.clock)
    // No recommender: the order-driven steps feature the entry's products (the first day's
    // purchases, the product that runs out), and item similarities would cost more than the
    // rest of the plan.
    let context = CampaignContext(
      events: events, orders: log, window: window, asOf: window.lowerBound, defaultTimeZone: options.clock.timeZone)
    let planner = CampaignPlanner(flows: orderFlows(), policy: options.contactPolicy)
    let plan = planner.plan(context)
    let dayText = DayText(clock: options.clock).text(window.lowerBound)

    var positionOf: [String: Int] = [:]
    for position in profiles.indices { positionOf[profiles[position].id] = position }
    var names: [String: String] = [:]
    for product in log.products {
      if let name = product.name, !name.isEmpty, names[product.id] == nil { names[product.id] = name }
    }
    func revenue(_ person: String) -> Double { positionOf[person].map { profiles[$0].revenue } ?? 0 }

    let lists = [
      PlannedList(
        kind: .nudgeFirstTimeBuyers, title: "First-time buyers to nudge", flow: .secondPurchaseNudge(),
        context:
          "only \(HumanFormat.percent(within90)) of first-time buyers buy again within 90 days; the nudge goes 21 days after the first purchase and, with an incentive, at 45 days"
      ),
      PlannedList(
        kind: .winBack, title: "Lapsed customers to win back", flow: .winBack(),
        context:
          "customers quiet for twice, then three times, their usual gap between orders (one-time buyers: 120 and 180 days)"
      ),
      PlannedList(
        kind: .replenishmentDue, title: "Replenishment due", flow: .replenishment(),
        context: "customers who run out of something they buy regularly within a week"),
      PlannedList(
        kind: .guestRegistration, title: "Guests to invite to register", flow: .guestRegistration(),
        context: "guest checkouts of two days ago, invited to open an account with an incentive"),
      PlannedList(
        kind: .topCustomers, title: "Top customers to call", flow: .vipOutreach(),
        context:
          "your top 10 % bring \(HumanFormat.percent(topDecileShare)) of revenue; the ten best by 365-day revenue with a phone number, business buyers first, are called at most every 90 days and only with their consent to calls"
      ),
    ]

    var result: [ActionList] = []
    for list in lists {
      if list.kind == .replenishmentDue, let replenishment {
        result.append(
          ActionList(
            kind: .replenishmentDue, title: list.title,
            reading:
              "\(HumanFormat.integer(replenishment.count)) customers are about to run out of something they buy regularly (rows supplied by the caller, shown as given).",
            rows: Array(replenishment.prefix(options.actionRowLimit)), totalCount: replenishment.count))
        continue
      }
      let name = list.flow.name
      let messages = plan.messages.filter { $0.flow == name }
      var withheld = ActionList.Withheld(controlGroup: messages.count { $0.group == .control })
      for skipped in plan.skipped where skipped.flow == name {
        withheld[keyPath: withheldCategory(of: skipped.reason)] += 1
      }
      let going = messages.filter { $0.group == .treatment }.sorted {
        let (left, right) = (revenue($0.person), revenue($1.person))
        return left != right ? left > right : ($0.person, $0.step) < ($1.person, $1.step)
      }
      let rows = going.prefix(options.actionRowLimit).map { message in
        let profile = positionOf[message.person].map { profiles[$0] }
        let contact = message.channel == .phone ? message.phone ?? message.email : message.email ?? message.phone
        return ActionRow(
          customerID: message.person, contact: contact ?? profile?.name, detail: message.reason,
          value: profile?.revenue, message: message, productNames: message.products.map { names[$0] ?? $0 })
      }
      result.append(
        ActionList(
          kind: list.kind, title: list.title,
          reading: actionReading(going: going.count, withheld: withheld, day: dayText, context: list.context),
          rows: rows,
          totalCount: going.count, flow: name, withheld: withheld))
    }

    var notes: [String] = []
    let consentWithheld = result.reduce(0) { $0 + ($1.withheld?.consent ?? 0) }
    if consentWithheld > 0 && !options.contactPolicy.assumedConsent.contains(.email)
      && !(0..<log.orderCount).contains(where: { log.acceptsMarketing(ofOrder: $0) != nil })
    {
      notes.append(
        "No order records marketing consent (the file has no Accepts Marketing column), so the day's plan emails nobody: \(HumanFormat.integer(consentWithheld)) messages were withheld for consent. If your customers agreed to email elsewhere, say so (retention-report --assume-consent email, or ShopReportOptions.contactPolicy.assumedConsent)."
      )
    }
    return (result, notes)
  }

  /// A list's reading: how many messages go, why the flow matters, what was withheld.
  ///
  /// For example "3 messages go on 2011-12-10: ... Withheld: 5 without consent, 1 by the
  /// frequency cap. 1 held out as the control group (...)".
  static func actionReading(going: Int, withheld: ActionList.Withheld, day: String, context: String) -> String {
    var text = "\(HumanFormat.count(going, "message")) \(going == 1 ? "goes" : "go") on \(day): \(context)."
    var parts: [String] = []
    if withheld.consent > 0 { parts.append("\(HumanFormat.integer(withheld.consent)) without consent") }
    if withheld.frequencyCap > 0 { parts.append("\(HumanFormat.integer(withheld.frequencyCap)) by the frequency cap") }
    if withheld.other > 0 { parts.append("\(HumanFormat.integer(withheld.other)) for an exit or a re-entry too soon") }
    if !parts.isEmpty { text += " Withheld: " + parts.joined(separator: ", ") + "." }
    if withheld.controlGroup > 0 {
      text +=
        " \(HumanFormat.integer(withheld.controlGroup)) held out as the control group (not sent; log a held_out event for each)."
    }
    return text
  }
}
