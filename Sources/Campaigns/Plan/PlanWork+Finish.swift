import Foundation
import _RetentionSupport

extension PlanWork {
  /// Gathers the histories of the people with a step due, applies the per-entry checks, then
  /// consent and caps in send-time order, and builds the plan.
  func finish() -> CampaignPlan {
    // The people with a step due, numbered again in order of first appearance: their histories.
    var historyOfPerson = [Int32](repeating: -1, count: people.count)
    var historyPeople: [Int32] = []
    for group in groups where historyOfPerson[Int(group.person)] < 0 {
      historyOfPerson[Int(group.person)] = Int32(historyPeople.count)
      historyPeople.append(group.person)
    }
    let work = self
    let peopleWithHistories = historyPeople, historyOfPeople = historyOfPerson
    // Their customer numbers in the event log, looked up in a loop of their own: consecutive
    // lookups wait for memory together, instead of one at a time between a history's reads.
    let eventCustomers = parallelMap(historyPeople.count) {
      work.context.events.customerNumber(of: work.people.id(of: peopleWithHistories[$0]))
    }
    let histories = parallelMap(historyPeople.count) {
      work.history(of: peopleWithHistories[$0], eventCustomer: eventCustomers[$0])
    }
    let checked = ParallelWork.map(ParallelWork.chunks(of: groups.count, size: chunkSize)) { chunk in
      var candidates: [Candidate] = []
      var skips: [Skip] = []
      let zone = work.context.defaultTimeZone
      for group in work.groups[chunk] {
        let index = historyOfPeople[Int(group.person)]
        work.check(
          group, history: histories[Int(index)], at: index, defaultZone: zone, candidates: &candidates, skips: &skips)
      }
      return (candidates, skips)
    }
    var skips = checked.flatMap(\.1)
    // Each person's place in the order of the person ids, by history: the plan's lists sort by
    // person id, compared once here.
    let ranks = people.ranks(of: historyPeople, minimumToShare: chunkSize)
    // Each step carries its person's rank into the sort (not looked up in every comparison).
    var unsorted = checked.flatMap(\.0)
    for index in unsorted.indices { unsorted[index].personRank = ranks[Int(unsorted[index].history)] }
    // By send time, flow, person id, step, then message id.
    let candidates = sorted(unsorted, by: { ($0.sendAt, $0.flow, $0.personRank, $0.step) }) {
      work.messageID(of: $0)
    }
    // Consent and caps go in send-time order on one thread; the contact sources are found on
    // the other meanwhile.
    let orders = context.orders
    let parts = ParallelWork.map(2) { task -> (policy: PolicyResult?, sources: ContactSources?) in
      task == 0 ? (work.policyResult(of: candidates, histories: histories), nil) : (nil, ContactSources(orders: orders))
    }
    // (Each task's result is there; the fallbacks only keep the code free of unwrapping.)
    let policy = parts[0].policy ?? policyResult(of: candidates, histories: histories)
    skips += policy.skips
    let messages = buildMessages(
      policy.sent, histories: histories, sources: parts[1].sources ?? ContactSources(orders: orders))
    for index in skips.indices { skips[index].personRank = ranks[Int(skips[index].history)] }
    // By due time, flow, person id, step, then message id.
    let sortedSkips = sorted(skips, by: { ($0.due, $0.flow, $0.personRank, $0.step) }) { work.messageID(of: $0) }
    let skipped = parallelMap(sortedSkips.count) { work.skipped(sortedSkips[$0]) }
    return CampaignPlan(asOf: context.asOf, messages: messages, skipped: skipped)
  }

  /// The results of `body` for `0..<count`, in order, built in place chunk by chunk on two
  /// threads (no copy of the chunks' results into one array).
  private func parallelMap<Element>(_ count: Int, _ body: @Sendable (Int) -> Element) -> [Element] {
    let chunks = ParallelWork.chunks(of: count, size: chunkSize)
    return ParallelWork.build(counts: chunks.map(\.count)) { task, output in
      for index in chunks[task] { output.append(body(index)) }
    }.elements
  }

  /// Steps in increasing order of their time, flow, person rank, step and message id (stable):
  /// by radix sort on the numbers (``KeyedOrder``), comparing message ids only for steps equal
  /// in all four; by comparing steps (``ParallelSort``) when a number does not fit its bits.
  ///
  /// - Parameters:
  ///   - steps: The candidates or skipped steps.
  ///   - numbers: A step's time, flow, person rank and step.
  ///   - messageID: A step's message id.
  /// - Complexity: O(*n*) for *n* steps, plus the comparisons of steps equal but for the id.
  private func sorted<Step: Sendable>(
    _ steps: [Step], by numbers: @Sendable (Step) -> (time: Date, flow: Int32, personRank: Int32, step: Int32),
    messageID: @Sendable (Step) -> String
  ) -> [Step] {
    // Flow (16 bits), person rank (32 bits) and step (16 bits), most significant first.
    let fits = planner.flows.count <= 1 << 16 && planner.flows.allSatisfy { $0.steps.count <= 1 << 16 }
    guard fits else {
      return ParallelSort.sorted(steps, minimumToShare: chunkSize) { a, b in
        let first = numbers(a), second = numbers(b)
        if first != second { return first < second }
        return messageID(a) < messageID(b)
      }
    }
    var times: [Double] = [], keys: [UInt64] = []
    times.reserveCapacity(steps.count)
    keys.reserveCapacity(steps.count)
    for element in steps {
      let number = numbers(element)
      times.append(number.time.timeIntervalSinceReferenceDate)
      keys.append(UInt64(number.flow) << 48 | UInt64(UInt32(number.personRank)) << 16 | UInt64(number.step))
    }
    let order = KeyedOrder.permutation(times: times, keys: keys) { messageID(steps[$0]) < messageID(steps[$1]) }
    return order.map { steps[Int($0)] }
  }

  /// A person's history as of the plan (the person's number gives their orders).
  private func history(of person: Int32, eventCustomer: Int?) -> PersonHistory {
    PersonHistory(
      person: people.id(of: person), orderCustomer: people.orderCustomer(of: person), eventCustomer: eventCustomer,
      context: context, policy: planner.policy, lookup: lookup)
  }

  private func messageID(of candidate: Candidate) -> String {
    messageID(flow: Int(candidate.flow), step: Int(candidate.step), entry: Int(candidate.entry))
  }

  private func messageID(of skip: Skip) -> String {
    messageID(flow: Int(skip.flow), step: Int(skip.step), entry: Int(skip.entry))
  }

  /// The candidates that pass consent and the frequency caps, and the skipped others.
  struct PolicyResult: Sendable {
    var sent: [Candidate]
    var skips: [Skip]
  }

  /// ``applyPolicy(to:histories:skips:)`` with the skipped steps returned.
  private func policyResult(of candidates: [Candidate], histories: [PersonHistory]) -> PolicyResult {
    var skips: [Skip] = []
    let sent = applyPolicy(to: candidates, histories: histories, skips: &skips)
    return PolicyResult(sent: sent, skips: skips)
  }

  /// The candidates (in send-time order) that pass consent and the frequency caps.
  ///
  /// The others are added to `skips`. Planned treatment messages count towards the caps of
  /// later ones.
  private func applyPolicy(
    to candidates: [Candidate], histories: [PersonHistory], skips: inout [Skip]
  ) -> [Candidate] {
    let policy = planner.policy
    let channels = Channel.allCases
    // What the checks need of each step, read once (a copy of a step per candidate would
    // retain its strings), with the channel's place among the channels and its cap.
    let steps = planner.flows.map { flow in
      flow.steps.map { step in
        (
          isTransactional: step.isTransactional, channel: step.channel,
          slot: channels.firstIndex(of: step.channel) ?? 0, cap: policy.frequencyCaps[step.channel]
        )
      }
    }
    // The latest planned marketing message per person (history) and channel.
    var planned = [Date?](repeating: nil, count: histories.count * channels.count)
    var passed: [Candidate] = []
    passed.reserveCapacity(candidates.count)
    for candidate in candidates {
      let step = steps[Int(candidate.flow)][Int(candidate.step)]
      if !step.isTransactional {
        func skip(_ reason: SkipReason) {
          skips.append(
            Skip(
              flow: candidate.flow, step: candidate.step, history: candidate.history, entry: candidate.entry,
              due: candidate.due, reason: reason))
        }
        // Read in place: a copy of a history retains each of its sets and dictionaries.
        let history = Int(candidate.history)
        guard histories[history].consent.hasConsent(on: step.channel, policy: policy) else {
          skip(.noConsent(step.channel))
          continue
        }
        let slot = Int(candidate.history) * channels.count + step.slot
        let logged = histories[history].lastMarketing[step.channel], plannedAt = planned[slot]
        let previous = logged.map { time in plannedAt.map { Swift.max(time, $0) } ?? time } ?? plannedAt
        if let cap = step.cap, let previous,
          candidate.sendAt.timeIntervalSince(previous) < cap
        {
          skip(.frequencyCap(step.channel, gap: candidate.sendAt.timeIntervalSince(previous), cap: cap))
          continue
        }
        if !candidate.isHeldOut { planned[slot] = candidate.sendAt }
      }
      passed.append(candidate)
    }
    return passed
  }

  /// The plan's messages of the candidates that passed, in their order, with each person's
  /// contact (gathered once per person).
  private func buildMessages(
    _ sent: [Candidate], histories: [PersonHistory], sources: ContactSources
  ) -> [PlannedMessage] {
    var contactOfHistory = [Int32](repeating: -1, count: histories.count)
    var contactPeople: [(history: Int32, person: String)] = []
    for candidate in sent where contactOfHistory[Int(candidate.history)] < 0 {
      contactOfHistory[Int(candidate.history)] = Int32(contactPeople.count)
      contactPeople.append((candidate.history, entries[Int(candidate.flow)][Int(candidate.entry)].person))
    }
    let people = contactPeople, contactOfPeople = contactOfHistory
    let work = self
    // Each customer's newest email, phone and id come from one pass over the orders, instead of
    // walking each person's orders.
    let contacts = parallelMap(people.count) {
      sources.contact(of: people[$0].person, orderCustomer: histories[Int(people[$0].history)].orderCustomer)
    }
    return parallelMap(sent.count) {
      work.message(for: sent[$0], contact: contacts[Int(contactOfPeople[Int(sent[$0].history)])])
    }
  }

  /// A planned message of a candidate.
  private func message(for candidate: Candidate, contact: PersonContact) -> PlannedMessage {
    let flow = planner.flows[Int(candidate.flow)]
    let step = flow.steps[Int(candidate.step)]
    let entry = entries[Int(candidate.flow)][Int(candidate.entry)]
    let products: [String] =
      switch step.products {
      case .entry: Array(entry.products.prefix(step.productCount))
      case .recommendations:
        step.productCount == 0 ? [] : context.recommendedProducts(for: entry.person, count: step.productCount)
      }
    var reason = entry.reason
    switch step.condition {
    case .notOpened(let number)?: reason += "; did not open step \(number)"
    case .notClicked(let number)?: reason += "; did not click step \(number)"
    case nil: break
    }
    return PlannedMessage(
      id: messageID(of: candidate), person: entry.person, customer: contact.customer, email: contact.email,
      phone: contact.phone, flow: flow.name, step: Int(candidate.step) + 1, channel: step.channel,
      content: step.content, sendAt: candidate.sendAt, products: products, incentive: step.incentive, reason: reason,
      group: candidate.isHeldOut ? .control : .treatment, isTransactional: step.isTransactional)
  }

  /// The reason of a step skipped for want of consent, per channel: spelled out once and
  /// shared by every such step (a plan can skip hundreds of thousands).
  private static let noConsentReasons = {
    var reasons = ChannelValues<String>()
    for channel in Channel.allCases { reasons[channel] = "no marketing consent on \(channel.rawValue)" }
    return reasons
  }()

  /// A skipped step, its reason in words.
  private func skipped(_ skip: Skip) -> CampaignPlan.Skipped {
    let reason: String
    switch skip.reason {
    case .text(let text): reason = text
    case .noConsent(let channel): reason = Self.noConsentReasons[channel] ?? ""
    case .frequencyCap(let channel, let gap, let cap):
      reason =
        "frequency cap: another \(channel.rawValue) message \(formatted(gap / 3_600)) h before (cap \(formatted(cap / 3_600)) h)"
    }
    return CampaignPlan.Skipped(
      person: entries[Int(skip.flow)][Int(skip.entry)].person, flow: planner.flows[Int(skip.flow)].name,
      step: Int(skip.step) + 1, reason: reason)
  }
}
