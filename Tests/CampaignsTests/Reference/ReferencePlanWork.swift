import Foundation
@testable import Campaigns
import Recommendations

// The planner's run as it was before the columnar event log was read by kind and position
// (commit fa41103), with the reference triggers and the reference person history: the plain
// definition the equivalence tests compare `CampaignPlanner.plan(_:)` with.

/// One run of ``CampaignPlanner/plan(_:)``: collects the due steps of every flow, then applies
/// consent and caps in send-time order.
struct ReferencePlanWork {
  /// A step due in the window that passed the per-entry checks.
  private struct Candidate {
    var flow: Int
    var entry: FlowEntry
    var step: Int
    var due: Date
    var sendAt: Date
    var id: String
    var group: PlannedMessage.Group
  }

  /// A step of an entry due in the window.
  private struct DueStep {
    var entry: Int
    var step: Int
    var time: Date
  }

  /// A skipped step with the keys that order the skipped list.
  private struct Skip {
    var due: Date
    var flow: Int
    var id: String
    var skipped: CampaignPlan.Skipped
  }

  private let planner: CampaignPlanner
  private let context: CampaignContext
  private let earliestDue: Date
  private let flowNumbers: [String: Int]
  private let exitEvents: Set<String>
  private var histories: [String: ReferencePersonHistory] = [:]
  private var candidates: [Candidate] = []
  private var skips: [Skip] = []

  init(planner: CampaignPlanner, context: CampaignContext) {
    self.planner = planner
    self.context = context
    earliestDue = context.window.lowerBound.addingTimeInterval(-planner.catchUp)
    flowNumbers = Dictionary(
      planner.flows.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
    var names: Set<String> = ["checkout_started"]
    for flow in planner.flows {
      for exit in flow.exits { if case .event(let name) = exit { names.insert(name) } }
    }
    exitEvents = names
  }

  /// Asks a flow's trigger for its entries and keeps the steps due in the window that pass the
  /// exits, conditions and re-entry rule.
  mutating func collect(flow index: Int) {
    let flow = planner.flows[index]
    guard !flow.steps.isEmpty else { return }
    var flowContext = context
    flowContext.entryTimes = Self.entryTimes(
      waits: flow.steps.map(\.wait), due: earliestDue..<context.window.upperBound)
    // Sorted by person, time and key, one entry per key: the triggers' order does not matter.
    let found = Self.entries(of: flow.trigger, in: flowContext)
    let order = found.indices.sorted { Self.precedes(found[$0], found[$1]) }
    var start = 0
    while start < order.count {
      let person = found[order[start]].person
      var end = start + 1
      while end < order.count && found[order[end]].person == person { end += 1 }
      var seen: Set<String> = []
      let unique = order[start..<end].map { found[$0] }.filter { seen.insert($0.key).inserted }
      collect(flow: index, person: person, entries: unique)
      start = end
    }
  }

  /// The reference entries of a built-in trigger; any other trigger's own.
  static func entries(of trigger: any CampaignTrigger, in context: CampaignContext) -> [FlowEntry] {
    switch trigger {
    case let trigger as AbandonedCheckoutTrigger: trigger.referenceEntries(in: context)
    case let trigger as AbandonedCartTrigger: trigger.referenceEntries(in: context)
    case let trigger as BrowseAbandonmentTrigger: trigger.referenceEntries(in: context)
    case let trigger as PostPurchaseTrigger: trigger.referenceEntries(in: context)
    case let trigger as GuestRegistrationTrigger: trigger.referenceEntries(in: context)
    case let trigger as LeadNurtureTrigger: trigger.referenceEntries(in: context)
    case let trigger as PromotionTrigger: trigger.referenceEntries(in: context)
    case let trigger as SecondPurchaseNudgeTrigger: trigger.referenceEntries(in: context)
    case let trigger as WinBackTrigger: trigger.referenceEntries(in: context)
    case let trigger as VIPOutreachTrigger: trigger.referenceEntries(in: context)
    default: trigger.entries(in: context)
    }
  }

  /// The entries' order: person, time, key, then the rest, so that equal keys keep the earliest.
  private static func precedes(_ a: FlowEntry, _ b: FlowEntry) -> Bool {
    if a.person != b.person { return a.person < b.person }
    if a.time != b.time { return a.time < b.time }
    if a.key != b.key { return a.key < b.key }
    if a.reason != b.reason { return a.reason < b.reason }
    return a.products.lexicographicallyPrecedes(b.products)
  }

  /// The entry times whose steps (waiting from the entry) are due in an interval: one interval
  /// per wait, merged, oldest first.
  static func entryTimes(waits: [TimeInterval], due: Range<Date>) -> [Range<Date>] {
    let intervals = Set(waits).sorted(by: >).map {
      due.lowerBound.addingTimeInterval(-$0)..<due.upperBound.addingTimeInterval(-$0)
    }
    var merged: [Range<Date>] = []
    for interval in intervals {
      if let last = merged.last, interval.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<Swift.max(last.upperBound, interval.upperBound)
      } else {
        merged.append(interval)
      }
    }
    return merged
  }

  private func dueTime(of entry: FlowEntry, step: Int, in flow: Flow) -> Date {
    if let times = entry.stepTimes, times.indices.contains(step) { return times[step] }
    return entry.time.addingTimeInterval(flow.steps[step].wait)
  }

  private mutating func collect(flow index: Int, person: String, entries: [FlowEntry]) {
    let flow = planner.flows[index]
    var due: [DueStep] = []
    for (entryIndex, entry) in entries.enumerated() {
      for step in flow.steps.indices {
        let time = dueTime(of: entry, step: step, in: flow)
        if time >= earliestDue && time < context.window.upperBound {
          due.append(DueStep(entry: entryIndex, step: step, time: time))
        }
      }
    }
    guard !due.isEmpty else { return }
    let history = self.history(of: person)
    let reentries =
      flow.reentryInterval.map {
        reentryBlocks(
          flow: flow, person: person, entries: entries, due: Set(due.map(\.entry)), interval: $0, history: history)
      } ?? [:]
    let zone = context.timeZone(of: person)
    for item in due {
      let entryIndex = item.entry, stepIndex = item.step, time = item.time
      let entry = entries[entryIndex]
      let step = flow.steps[stepIndex]
      let id = PlannedMessage.id(flow: flow.name, step: stepIndex + 1, person: person, key: entry.key)
      if history.done.contains(id) { continue }
      func skip(_ reason: String) {
        skips.append(
          Skip(
            due: time, flow: index, id: id,
            skipped: CampaignPlan.Skipped(person: person, flow: flow.name, step: stepIndex + 1, reason: reason)))
      }
      if let exit = history.exit(of: flow.exits, after: entry.time, channel: step.channel) {
        skip(exit)
        continue
      }
      if let condition = step.condition,
        let failure = failure(of: condition, flow: flow, entry: entry, before: stepIndex, history: history)
      {
        skip(failure)
        continue
      }
      if let blocked = reentries[entryIndex] {
        skip(blocked)
        continue
      }
      var sendAt = Swift.max(time, context.asOf)
      if !step.isTransactional { sendAt = planner.policy.sendingTime(for: sendAt, in: zone) }
      let held = !step.isTransactional && ControlGroup(share: flow.controlShare).contains(person, flow: flow.name)
      candidates.append(
        Candidate(
          flow: index, entry: entry, step: stepIndex, due: time, sendAt: sendAt, id: id,
          group: held ? .control : .treatment
        ))
    }
  }

  /// Why a step's condition fails, or `nil` when it holds.
  private func failure(
    of condition: FlowStep.Condition, flow: Flow, entry: FlowEntry, before step: Int, history: ReferencePersonHistory
  ) -> String? {
    let number = condition.step
    guard number >= 1 && number <= step else {
      return "the condition looks at step \(number), which is not an earlier step"
    }
    let id = PlannedMessage.id(flow: flow.name, step: number, person: entry.person, key: entry.key)
    guard history.done.contains(id) else { return "step \(number) was neither sent nor held out" }
    switch condition {
    case .notOpened: return history.humanOpens.contains(id) ? "opened step \(number)" : nil
    case .notClicked: return history.clicks.contains(id) ? "clicked step \(number)" : nil
    }
  }

  /// The entries (with a step due) that re-enter too soon, with the reason: walked by the due
  /// time of their first step, each is blocked by a logged message of another entry of the flow
  /// within the interval before it, or by an earlier unblocked entry of this walk.
  private func reentryBlocks(
    flow: Flow, person: String, entries: [FlowEntry], due: Set<Int>, interval: TimeInterval, history: ReferencePersonHistory
  ) -> [Int: String] {
    let logged = history.flowMessages[flow.name] ?? []
    let order = due.map { ($0, dueTime(of: entries[$0], step: 0, in: flow)) }.sorted {
      ($0.1, entries[$0.0].key) < ($1.1, entries[$1.0].key)
    }
    var counted: [Date] = []
    var blocks: [Int: String] = [:]
    for (entryIndex, first) in order {
      let entry = entries[entryIndex]
      let own = Set(
        flow.steps.indices.map { PlannedMessage.id(flow: flow.name, step: $0 + 1, person: person, key: entry.key) })
      let earlier =
        logged.filter { !own.contains($0.id) && $0.time <= first && first.timeIntervalSince($0.time) < interval }.map(
          \.time)
        + counted.filter { $0 <= first && first.timeIntervalSince($0) < interval }
      if let latest = earlier.max() {
        blocks[entryIndex] =
          "re-entered too soon: a message of this flow on \(isoTime(latest)), less than \(formatted(interval / 86_400)) days before"
      } else {
        counted.append(first)
      }
    }
    return blocks
  }

  private mutating func history(of person: String) -> ReferencePersonHistory {
    if let history = histories[person] { return history }
    let history = ReferencePersonHistory(person: person, context: context, policy: planner.policy, exitEvents: exitEvents) {
      message in
      classify(message)
    }
    histories[person] = history
    return history
  }

  private func classify(_ message: MessageReference) -> ReferencePersonHistory.MessageClass {
    if let name = message.flow, let index = flowNumbers[name], let number = message.step,
      planner.flows[index].steps.indices.contains(number - 1)
    {
      let step = planner.flows[index].steps[number - 1]
      return ReferencePersonHistory.MessageClass(isTransactional: step.isTransactional, channel: message.channel ?? step.channel)
    }
    let transactional = message.flow.map { planner.policy.transactionalFlows.contains($0) } ?? false
    return ReferencePersonHistory.MessageClass(isTransactional: transactional, channel: message.channel ?? .email)
  }

  /// Applies consent and caps in send-time order and builds the plan.
  mutating func finish() -> CampaignPlan {
    candidates.sort {
      ($0.sendAt, $0.flow, $0.entry.person, $0.step, $0.id) < ($1.sendAt, $1.flow, $1.entry.person, $1.step, $1.id)
    }
    var planned: [String: [Channel: Date]] = [:]
    var contacts: [String: ReferencePersonContact] = [:]
    var messages: [PlannedMessage] = []
    let policy = planner.policy
    for candidate in candidates {
      let flow = planner.flows[candidate.flow]
      let step = flow.steps[candidate.step]
      let person = candidate.entry.person
      func skip(_ reason: String) {
        skips.append(
          Skip(
            due: candidate.due, flow: candidate.flow, id: candidate.id,
            skipped: CampaignPlan.Skipped(person: person, flow: flow.name, step: candidate.step + 1, reason: reason)))
      }
      if !step.isTransactional {
        guard let history = histories[person], history.consent.hasConsent(on: step.channel, policy: policy) else {
          skip("no marketing consent on \(step.channel.rawValue)")
          continue
        }
        let previous = [history.lastMarketing[step.channel], planned[person]?[step.channel]].compactMap { $0 }.max()
        if let cap = policy.frequencyCaps[step.channel], let previous,
          candidate.sendAt.timeIntervalSince(previous) < cap
        {
          skip(
            "frequency cap: another \(step.channel.rawValue) message \(formatted(candidate.sendAt.timeIntervalSince(previous) / 3_600)) h before (cap \(formatted(cap / 3_600)) h)"
          )
          continue
        }
        if candidate.group == .treatment { planned[person, default: [:]][step.channel] = candidate.sendAt }
      }
      let contact = contacts[person] ?? ReferencePersonContact(person: person, orders: context.orders)
      contacts[person] = contact
      let products: [String] =
        switch step.products {
        case .entry: Array(candidate.entry.products.prefix(step.productCount))
        case .recommendations:
          step.productCount == 0 ? [] : context.recommendedProducts(for: person, count: step.productCount)
        }
      var reason = candidate.entry.reason
      switch step.condition {
      case .notOpened(let number)?: reason += "; did not open step \(number)"
      case .notClicked(let number)?: reason += "; did not click step \(number)"
      case nil: break
      }
      messages.append(
        PlannedMessage(
          id: candidate.id, person: person, customer: contact.customer, email: contact.email, phone: contact.phone,
          flow: flow.name, step: candidate.step + 1, channel: step.channel, content: step.content,
          sendAt: candidate.sendAt, products: products, incentive: step.incentive, reason: reason,
          group: candidate.group, isTransactional: step.isTransactional))
    }
    skips.sort {
      ($0.due, $0.flow, $0.skipped.person, $0.skipped.step, $0.id) < (
        $1.due, $1.flow, $1.skipped.person, $1.skipped.step, $1.id
      )
    }
    return CampaignPlan(asOf: context.asOf, messages: messages, skipped: skips.map(\.skipped))
  }
}
