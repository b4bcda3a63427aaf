import Foundation
import _RetentionSupport

/// One run of ``CampaignPlanner/plan(_:)``: collects each flow's entries with a step due in the
/// window (``collect(flow:)``), then gathers the histories of their people, applies the exits,
/// conditions and re-entry rule, and finally consent and caps in send-time order (``finish()``).
///
/// People are numbered (``PlanPeople``) and every step is a small value of numbers until the
/// plan is built: ids, reasons and contacts are spelled out only for what the plan lists. The
/// histories, the per-person checks and the building of the plan's values run in chunks on two
/// threads; the plan's order comes from sorting by its own keys, so it never depends on them.
struct PlanWork {
  /// A step of an entry due in the window.
  struct DueStep {
    /// The entry's place in its flow's `entries`.
    var entry: Int32
    var step: Int32
    var time: Date
  }

  /// A person's entries of one flow with at least one step due.
  struct Group {
    var flow: Int32
    var person: Int32
    /// The entries (places in the flow's `entries`), in the order of ``precedes(_:_:)``, one per key.
    var entries: Range<Int>
    /// The due steps, entry by entry, step by step.
    var due: Range<Int>
  }

  /// A step that passed the per-entry checks, waiting for consent and caps.
  struct Candidate {
    var flow: Int32
    var step: Int32
    /// The person's place in `histories`.
    var history: Int32
    /// The entry's place in its flow's `entries`.
    var entry: Int32
    var due: Date
    var sendAt: Date
    var isHeldOut: Bool
    /// The person's place in the order of the plan's person ids (set before sorting).
    var personRank: Int32 = 0
  }

  /// Why a step is skipped, spelled out when the plan is built.
  enum SkipReason {
    case text(String)
    case noConsent(Channel)
    case frequencyCap(Channel, gap: TimeInterval, cap: TimeInterval)
  }

  /// A skipped step.
  struct Skip {
    var flow: Int32
    var step: Int32
    var history: Int32
    var entry: Int32
    var due: Date
    var reason: SkipReason
    /// The person's place in the order of the plan's person ids (set before sorting).
    var personRank: Int32 = 0
  }

  let planner: CampaignPlanner
  let context: CampaignContext
  /// How many people, groups, messages or skipped steps one parallel task handles (and the
  /// fewest a sort shares between two threads).
  let chunkSize: Int
  let earliestDue: Date
  let lookup: PersonHistory.Lookup
  /// The flows' steps and exits as the checks read them.
  let flowFacts: PlanFlowFacts
  /// The people, numbered from the order log's customers (a person's number gives their orders).
  var people: PlanPeople
  /// Each flow's entries, as its trigger returned them.
  var entries: [[FlowEntry]]
  /// The entry times of every flow's entries, flow after flow (read by the checks instead of
  /// copying an entry), and where each flow's start.
  var entryTimes: [Date] = []
  var entryStarts: [Int]
  var groups: [Group] = []
  var groupEntries: [Int32] = []
  var dueSteps: [DueStep] = []

  init(planner: CampaignPlanner, context: CampaignContext, chunkSize: Int = 8_192) {
    precondition(chunkSize > 0, "a chunk holds at least one element")
    self.planner = planner
    self.context = context
    self.chunkSize = chunkSize
    earliestDue = context.window.lowerBound.addingTimeInterval(-planner.catchUp)
    entries = Array(repeating: [], count: planner.flows.count)
    people = PlanPeople(orders: context.orders)
    lookup = PersonHistory.Lookup(events: context.events, flows: planner.flows, policy: planner.policy)
    flowFacts = PlanFlowFacts(flows: planner.flows)
    entryStarts = Array(repeating: 0, count: planner.flows.count)
  }

  /// Asks every flow's trigger for its entries, the triggers on two threads (each is a pure
  /// function of the context), and keeps the entries with a step due, flow by flow in order.
  mutating func collectEveryFlow() {
    let work = self
    // The replenishment trigger, which reads every order line, starts first, so that the other
    // triggers share the second thread while it runs (the results are kept by flow).
    let readsEveryLine = planner.flows.map { $0.trigger is ReplenishmentTrigger }
    let order =
      planner.flows.indices.filter { readsEveryLine[$0] } + planner.flows.indices.filter { !readsEveryLine[$0] }
    let found = ParallelWork.map(order.count) { (order[$0], work.triggeredEntries(flow: order[$0])) }
    var entriesOfFlow = [[FlowEntry]](repeating: [], count: planner.flows.count)
    for (flow, entries) in found { entriesOfFlow[flow] = entries }
    for index in planner.flows.indices { collect(flow: index, entries: entriesOfFlow[index]) }
  }

  /// The entries a flow's trigger finds, with the context's entry times set for the flow's waits.
  func triggeredEntries(flow index: Int) -> [FlowEntry] {
    let flow = planner.flows[index]
    guard !flow.steps.isEmpty else { return [] }
    var flowContext = context
    flowContext.entryTimes = Self.entryTimes(
      waits: flow.steps.map(\.wait), due: earliestDue..<context.window.upperBound)
    flowContext.plannedDue = PlannedDue(times: earliestDue..<context.window.upperBound, waits: flow.steps.map(\.wait))
    return flow.trigger.entries(in: flowContext)
  }

  /// Asks a flow's trigger for its entries and keeps, per person, the entries with a step due
  /// in the window (one per key: the earliest by ``precedes(_:_:)``).
  mutating func collect(flow index: Int) {
    collect(flow: index, entries: triggeredEntries(flow: index))
  }

  /// Keeps, per person, the entries of a flow with a step due in the window (one per key: the
  /// earliest by ``precedes(_:_:)``).
  mutating func collect(flow index: Int, entries found: [FlowEntry]) {
    let flow = planner.flows[index]
    guard !flow.steps.isEmpty else { return }
    entries[index] = found
    entryStarts[index] = entryTimes.count
    entryTimes.reserveCapacity(entryTimes.count + found.count)
    for position in found.indices { entryTimes.append(found[position].time) }
    // Grouped by person number (a counting sort): the triggers' order does not matter, because
    // `finish()` orders the messages and the skipped steps by their own keys.
    people.reserveCapacity(more: found.count)
    // By index, reading the person only (`map` would copy each entry with all its strings).
    let personOfEntry = people.numbers(of: found.count, chunkSize: chunkSize) { found[$0].person }
    var groupOfPerson = [Int32](repeating: -1, count: people.count)
    var groupPeople: [Int32] = []
    var groupSizes: [Int32] = []
    for person in personOfEntry {
      var group = groupOfPerson[Int(person)]
      if group < 0 {
        group = Int32(groupSizes.count)
        groupOfPerson[Int(person)] = group
        groupPeople.append(person)
        groupSizes.append(0)
      }
      groupSizes[Int(group)] += 1
    }
    var next = [Int](repeating: 0, count: groupSizes.count + 1)
    for group in groupSizes.indices { next[group + 1] = next[group] + Int(groupSizes[group]) }
    let starts = next
    var order = [Int32](repeating: 0, count: found.count)
    for (position, person) in personOfEntry.enumerated() {
      let group = Int(groupOfPerson[Int(person)])
      order[next[group]] = Int32(position)
      next[group] += 1
    }
    for group in groupSizes.indices {
      let members = order[starts[group]..<starts[group + 1]]
      let entryStart = groupEntries.count, dueStart = dueSteps.count
      if members.count == 1 {
        groupEntries.append(members[members.startIndex])
      } else {
        var seen: Set<String> = []
        for member in members.sorted(by: { Self.precedes(found[Int($0)], found[Int($1)]) })
        where seen.insert(found[Int(member)].key).inserted {
          groupEntries.append(member)
        }
      }
      for member in groupEntries[entryStart...] {
        // The two fields read, not a copy of the entry (which would retain its strings).
        let entryTime = found[Int(member)].time, stepTimes = found[Int(member)].stepTimes
        for step in flow.steps.indices {
          let time = Self.dueTime(entryTime: entryTime, stepTimes: stepTimes, step: step, in: flow)
          if time >= earliestDue && time < context.window.upperBound {
            dueSteps.append(DueStep(entry: member, step: Int32(step), time: time))
          }
        }
      }
      if dueSteps.count == dueStart {
        groupEntries.removeLast(groupEntries.count - entryStart)
      } else {
        groups.append(
          Group(
            flow: Int32(index), person: groupPeople[group], entries: entryStart..<groupEntries.count,
            due: dueStart..<dueSteps.count))
      }
    }
  }

  /// The entries' order: person, time, key, then the rest, so that equal keys keep the earliest.
  static func precedes(_ a: FlowEntry, _ b: FlowEntry) -> Bool {
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

  /// When a step of an entry is due: the trigger's time for it, or the entry time plus the wait.
  static func dueTime(of entry: FlowEntry, step: Int, in flow: Flow) -> Date {
    dueTime(entryTime: entry.time, stepTimes: entry.stepTimes, step: step, in: flow)
  }

  /// When a step is due, from an entry's time and step times.
  static func dueTime(entryTime: Date, stepTimes: [Date]?, step: Int, in flow: Flow) -> Date {
    if let times = stepTimes, times.indices.contains(step) { return times[step] }
    return entryTime.addingTimeInterval(flow.steps[step].wait)
  }

  /// The message id of a step (counted from 0) of one of a flow's entries.
  func messageID(flow: Int, step: Int, entry: Int) -> String {
    // The two fields read, not a copy of the entry (which would retain all its strings).
    PlannedMessage.id(
      flow: planner.flows[flow].name, step: step + 1, person: entries[flow][entry].person, key: entries[flow][entry].key)
  }
}
