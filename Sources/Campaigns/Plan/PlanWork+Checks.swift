import Foundation

extension PlanWork {
  /// The due steps of one person's entries of a flow that pass the exits, conditions and
  /// re-entry rule (appended to `candidates`), and those that do not (appended to `skips`);
  /// steps already sent or held out are left out silently.
  ///
  /// The flows' steps and exits and the entries' times are read from plain tables
  /// (``flowFacts``, ``entryTimes``), and the default time zone is the caller's: a copy of a
  /// step, an exit list, an entry or a zone per group would retain objects that the other
  /// thread retains too.
  ///
  /// - Parameters:
  ///   - group: The person's entries of the flow with a step due.
  ///   - history: The person's history, and its place in the plan's histories.
  ///   - defaultZone: The context's default time zone.
  func check(
    _ group: Group, history: PersonHistory, at historyIndex: Int32, defaultZone: TimeZone,
    candidates: inout [Candidate], skips: inout [Skip]
  ) {
    let flowIndex = Int(group.flow)
    let person = people.id(of: group.person)
    let reentries =
      planner.flows[flowIndex].reentryInterval.map {
        reentryBlocks(flow: flowIndex, person: person, group: group, interval: $0, history: history)
      } ?? [:]
    let entryStart = entryStarts[flowIndex]
    // Whether the person is in the flow's control group: the same for every step, hashed once
    // when a marketing step needs it.
    var isInControlGroup: Bool?
    for item in dueSteps[group.due] {
      let entryIndex = Int(item.entry), stepIndex = Int(item.step)
      let entryTime = entryTimes[entryStart + entryIndex]
      let step = flowFacts.step(stepIndex, ofFlow: flowIndex)
      if history.hasDoneMessages,
        history.has(.done, id: messageID(flow: flowIndex, step: stepIndex, entry: entryIndex), in: lookup)
      {
        continue
      }
      func skip(_ reason: String) {
        skips.append(
          Skip(
            flow: group.flow, step: item.step, history: historyIndex, entry: item.entry, due: item.time,
            reason: .text(reason)))
      }
      if let exit = exitReason(flow: flowIndex, after: entryTime, channel: step.channel, history: history) {
        skip(exit)
        continue
      }
      if let condition = step.condition,
        let failure = failure(of: condition, flow: flowIndex, entry: entryIndex, before: stepIndex, history: history)
      {
        skip(failure)
        continue
      }
      if let blocked = reentries[entryIndex] {
        skip(blocked)
        continue
      }
      var sendAt = Swift.max(item.time, context.asOf)
      var held = false
      if !step.isTransactional {
        // Without any person's zone, no lookup (it would hash the id).
        sendAt =
          context.timeZones.isEmpty
          ? planner.policy.sendingTime(for: sendAt, in: defaultZone)
          : planner.policy.sendingTime(for: sendAt, in: context.timeZone(of: person))
        if isInControlGroup == nil {
          isInControlGroup = ControlGroup(share: planner.flows[flowIndex].controlShare)
            .contains(person, flow: planner.flows[flowIndex].name)
        }
        held = isInControlGroup ?? false
      }
      candidates.append(
        Candidate(
          flow: group.flow, step: item.step, history: historyIndex, entry: item.entry, due: item.time,
          sendAt: sendAt, isHeldOut: held))
    }
  }

  /// The first of a flow's exits that happened after the entry (and by the planning instant),
  /// in words, or `nil`.
  private func exitReason(flow: Int, after entry: Date, channel: Channel, history: PersonHistory) -> String? {
    for index in flowFacts.exits(ofFlow: flow) {
      let exit = flowFacts.exits[index]
      switch exit.kind {
      case .ordered:
        if let time = history.latestPurchase, time > entry { return "exited: ordered on \(isoTime(time))" }
      case .startedCheckout:
        if let time = history.latestEvent(codes: exit.codes, in: lookup), time > entry {
          return "exited: started a checkout on \(isoTime(time))"
        }
      case .unsubscribed:
        if let time = history.latestOptOut[channel], time > entry {
          return "exited: unsubscribed from \(channel.rawValue) on \(isoTime(time))"
        }
      case .event:
        if let time = history.latestEvent(codes: exit.codes, in: lookup), time > entry,
          case .event(let name) = planner.flows[flow].exits[exit.place]
        {
          return "exited: \(name) on \(isoTime(time))"
        }
      }
    }
    return nil
  }

  /// Why a step's condition fails, or `nil` when it holds.
  private func failure(
    of condition: FlowStep.Condition, flow: Int, entry: Int, before step: Int, history: PersonHistory
  ) -> String? {
    let number = condition.step
    guard number >= 1 && number <= step else {
      return "the condition looks at step \(number), which is not an earlier step"
    }
    let message =
      history.hasDoneMessages ? lookup.messageNumber(of: messageID(flow: flow, step: number - 1, entry: entry)) : nil
    guard let message, history.has(.done, message: message, in: lookup) else {
      return "step \(number) was neither sent nor held out"
    }
    switch condition {
    case .notOpened: return history.has(.openedByHuman, message: message, in: lookup) ? "opened step \(number)" : nil
    case .notClicked: return history.has(.clicked, message: message, in: lookup) ? "clicked step \(number)" : nil
    }
  }

  /// The entries (with a step due) that re-enter too soon, with the reason: walked by the due
  /// time of their first step, each is blocked by a logged message of another entry of the flow
  /// within the interval before it, or by an earlier unblocked entry of this walk.
  private func reentryBlocks(
    flow index: Int, person: String, group: Group, interval: TimeInterval, history: PersonHistory
  ) -> [Int: String] {
    let flow = planner.flows[index]
    let found = entries[index]
    let logged = lookup.flowNumber(of: flow.name).map { history.loggedMessages(ofFlow: $0, in: lookup) } ?? []
    let due = Set(dueSteps[group.due].map { Int($0.entry) })
    let order = due.map { ($0, Self.dueTime(of: found[$0], step: 0, in: flow)) }.sorted {
      ($0.1, found[$0.0].key) < ($1.1, found[$1.0].key)
    }
    var counted: [Date] = []
    var blocks: [Int: String] = [:]
    for (entryIndex, first) in order {
      let entry = found[entryIndex]
      let own = Set(
        flow.steps.indices.compactMap {
          lookup.messageNumber(of: PlannedMessage.id(flow: flow.name, step: $0 + 1, person: person, key: entry.key))
        })
      let earlier =
        logged.filter { !own.contains($0.message) && $0.time <= first && first.timeIntervalSince($0.time) < interval }
        .map(\.time)
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
}
