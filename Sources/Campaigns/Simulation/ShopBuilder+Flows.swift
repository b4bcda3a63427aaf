import Foundation
import RetentionCore

extension ShopBuilder {
  /// One person who entered a flow, with both potential outcomes' ingredients.
  struct Entrant {
    var customer: Int
    /// The entry instant s.
    var entry: Int
    var isHeldOut: Bool
    /// E: whether the message causes (for the held out: would have caused) a purchase.
    var causesPurchase: Bool
    /// The caused purchase's time and value (drawn for every entrant).
    var causedAt: Int
    var causedValue: Double
  }

  /// Simulates flow `index`: finds its entrants, splits them, logs the messages and their
  /// outcomes, and adds the purchases the messages cause.
  ///
  /// - Returns: The entrants, in customer order.
  mutating func simulateFlow(_ index: Int) -> [Entrant] {
    let flow = simulator.flows[index]
    let window = Int(flow.conversionWindow.rounded(.down))
    var entrants: [Entrant] = []
    for customer in histories.indices {
      guard let entry = entry(of: customer, into: flow) else { continue }
      let isHeldOut = random.bernoulli(flow.controlShare)
      let causes = random.bernoulli(flow.causedPurchaseProbability)
      let causedAt = entry + 3_600 + Int((random.uniform() * Double(window - 3_600)).rounded(.down))
      let value = simulator.orderValues.orderValue(scale: histories[customer].spendScale, using: &random)
      let entrant = Entrant(
        customer: customer, entry: entry, isHeldOut: isHeldOut, causesPurchase: causes, causedAt: causedAt,
        causedValue: value)
      entrants.append(entrant)
      let message = MessageReference(
        id: "\(flow.name)/1:\(histories[customer].id)", flow: flow.name, step: 1, channel: flow.channel)
      if isHeldOut {
        append(customer, entry, .heldOut(message))
      } else {
        sendMessage(message, of: index, to: entrant)
      }
    }
    return entrants
  }

  /// The entry instant of `customer` into `flow`, from the organic history, or `nil` when they
  /// do not enter: not subscribed to the flow's channel then, or the window would pass the end.
  func entry(of customer: Int, into flow: SimulatedFlow) -> Int? {
    let history = histories[customer]
    let times = history.organicOrderTimes
    func qualifies(_ entry: Int) -> Bool {
      Double(entry) + flow.conversionWindow <= Double(endSecond) && history.isSubscribed(to: flow.channel, at: entry)
    }
    switch flow.entry {
    case .afterFirstOrder(let days):
      let entry = times[0] + Int((days * 86_400).rounded(.down))
      let hasRepeated = times.count > 1 && times[1] <= entry
      return !hasRepeated && qualifies(entry) ? entry : nil
    case .afterAbandonedCheckout(let hours):
      let delay = Int((hours * 3_600).rounded(.down))
      return history.abandonedCheckouts.lazy.map { checkout in
        (checkout, checkout + delay)
      }.first { checkout, entry in
        !times.contains { $0 >= checkout && $0 <= entry } && qualifies(entry)
      }?.1
    case .campaign(let date):
      let entry = Int(date.timeIntervalSince1970.rounded(.down))
      return entry >= startSecond && times[0] < entry && qualifies(entry) ? entry : nil
    }
  }

  /// Logs a treated person's message and its outcomes, and the purchase it causes.
  mutating func sendMessage(_ message: MessageReference, of flowIndex: Int, to entrant: Entrant) {
    let flow = simulator.flows[flowIndex]
    let customer = entrant.customer
    let sent = entrant.entry
    append(customer, sent, .messageSent(message))
    let reachesInbox = entrant.causesPurchase || random.bernoulli(flow.deliveryRate)
    let arrival = sent + 1 + random.index(59)
    guard reachesInbox else {
      append(customer, arrival, .bounced(message))
      return
    }
    append(customer, arrival, .messageDelivered(message))
    if random.bernoulli(flow.machineOpenRate) {
      append(customer, arrival + 1 + random.index(120), .opened(message, isMachineOpen: true))
    }
    if entrant.causesPurchase {
      // Opened and clicked before the order's session (which starts at most 45 minutes before it).
      let latestClick = entrant.causedAt - 2_700
      let opened = arrival + 1 + Int((random.uniform() * Double(latestClick - arrival - 2) / 2).rounded(.down))
      let clicked = opened + 1 + Int((random.uniform() * Double(latestClick - opened - 1)).rounded(.down))
      append(customer, opened, .opened(message, isMachineOpen: false))
      append(customer, clicked, .clicked(message))
      histories[customer].causedOrders.append((entrant.causedAt, flowIndex))
      appendOrder(
        customer: customer, id: "\(histories[customer].id)-m\(flowIndex + 1)", at: entrant.causedAt,
        amount: entrant.causedValue)
    } else if random.bernoulli(flow.openRate) {
      let opened = arrival + 1 + Int(random.exponential(rate: 1.0 / (4 * 3_600)).rounded(.down))
      append(customer, opened, .opened(message, isMachineOpen: false))
      if random.bernoulli(flow.clickRate) {
        append(customer, opened + 1 + Int(random.exponential(rate: 1.0 / 600).rounded(.down)), .clicked(message))
      }
    }
  }

  /// Each flow's truth, from both potential outcomes of every entrant (see ``SimulationTruth``).
  func truths(of entrantsOfFlows: [[Entrant]]) -> [SimulationTruth.FlowTruth] {
    entrantsOfFlows.enumerated().map { index, entrants in
      let flow = simulator.flows[index]
      var withoutMessage = 0, uplift = 0, causedOrders = 0
      var revenueUplift = 0.0, incrementalRevenue = 0.0
      for entrant in entrants {
        let history = histories[entrant.customer]
        let from = Double(entrant.entry)
        func converts(_ time: Int) -> Bool { Double(time) >= from && Double(time) - from <= flow.conversionWindow }
        let convertsAnyway =
          history.organicOrderTimes.contains(where: converts)
          || history.causedOrders.contains { $0.flow != index && converts($0.time) }
        if convertsAnyway { withoutMessage += 1 }
        guard entrant.causesPurchase else { continue }
        if !convertsAnyway { uplift += 1 }
        revenueUplift += entrant.causedValue
        if !entrant.isHeldOut {
          causedOrders += 1
          incrementalRevenue += entrant.causedValue
        }
      }
      let count = Double(max(1, entrants.count))
      let heldOut = entrants.count { $0.isHeldOut }
      return SimulationTruth.FlowTruth(
        flow: flow.name, entrants: entrants.count, treated: entrants.count - heldOut, heldOut: heldOut,
        causedPurchaseProbability: flow.causedPurchaseProbability,
        conversionWithoutMessage: Double(withoutMessage) / count, conversionUplift: Double(uplift) / count,
        revenueUpliftPerPerson: revenueUplift / count, causedOrders: causedOrders,
        incrementalRevenue: incrementalRevenue)
    }
  }
}
