import Foundation
import Campaigns
import Recommendations

/// The campaign benchmarks on the simulated million-customer shop: one day's plan of every
/// built-in flow (issue 18's speed target: under 5 s) and attribution over the year (issue 19's:
/// under 5 s).
///
/// The shop: 1,000,000 customers acquired over a year, CDNOW's BG/NBD purchases in days, one
/// line per order, three flows (second-purchase nudge, abandoned checkout, a promotion) with 10 %
/// control groups; seed 2024; every order carries a phone number (for the VIP call list).
/// Simulating it and building the two logs is set-up, printed but not timed.
func campaignBenchmarks(_ runner: inout BenchmarkRunner) {
  let planName = "plan: one day of every built-in flow, 1M-customer simulated shop"
  let flowsName = "plan: one day, every flow but a promotion, 1M-customer simulated shop"
  let attributionName = "attribution: 1M-customer simulated shop, all messages"
  guard [planName, flowsName, attributionName].contains(where: runner.wants), let shop = CampaignBenchmarkShop()
  else { return }
  if runner.wants(planName) || runner.wants(flowsName) {
    planBenchmarks(planName, withoutPromotion: flowsName, shop: shop, &runner)
  }
  guard runner.wants(attributionName) else { return }
  func attribute() -> String {
    let attribution = Attribution(orders: shop.orders, events: shop.events, period: shop.period)
    let credited = attribution.messages.reduce(0) { $0 + $1.orders.count }
    return "\(shop.events.count) events, \(attribution.messages.count) messages, \(credited) credited orders"
  }
  runner.measure(attributionName, repeats: 3) { attribute() }
  // Attribution runs on one thread: its CPU time is its wall time on an idle machine, and it
  // depends much less on what else runs.
  let before = processCPUSeconds()
  _ = attribute()
  print("    " + String(format: "CPU time of one attribution: %.2f s", processCPUSeconds() - before))
}

/// Plans the last day of the shop's year with every built-in flow and a promotion that starts
/// that day (its audience: everyone with a purchase or a subscription, about a million people),
/// and without the promotion, with the item-to-item recommender trained on the orders before the
/// day (training is set-up).
private func planBenchmarks(
  _ name: String, withoutPromotion flowsName: String, shop: CampaignBenchmarkShop, _ runner: inout BenchmarkRunner
) {
  let asOf = shop.period.upperBound
  let window = asOf.addingTimeInterval(-86_400)..<asOf
  let start = ContinuousClock.now
  let recommender = ItemToItemRecommender(PurchaseHistory(shop.orders, before: asOf))
  print("    set-up: item-to-item recommender in \(seconds(since: start))")
  let sale = PromotionTrigger(
    name: "promotion-winter", startsAt: window.lowerBound.addingTimeInterval(12 * 3_600),
    endsAt: asOf.addingTimeInterval(4 * 86_400), incentive: "15% off", isExtendedByADay: true)
  for (rowName, flows) in [(name, Flow.standardFlows(promotions: [sale])), (flowsName, Flow.standardFlows())]
  where runner.wants(rowName) {
    let planner = CampaignPlanner(flows: flows)
    func makePlan() -> CampaignPlan {
      let context = CampaignContext(
        events: shop.events, orders: shop.orders, window: window, asOf: asOf, recommender: recommender)
      return planner.plan(context)
    }
    func plan() -> String {
      let plan = makePlan()
      let flows = Set(plan.messages.map(\.flow)).count
      let control = plan.messages.filter { $0.group == .control }.count
      return "\(plan.messages.count) messages (\(control) held out) of \(flows) flows, \(plan.skipped.count) skipped"
    }
    runner.measure(rowName, repeats: Swift.min(3, runner.repeats)) { plan() }
    // The planning alone (the timed row also counts the summary of the plan and its release).
    let before = processCPUSeconds(), start = ContinuousClock.now
    let last = makePlan()
    let cpu = processCPUSeconds() - before, elapsed = ContinuousClock.now - start
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("    " + String(format: "CPU time of one plan: %.2f s (wall %.2f s)", cpu, wall))
    // Every field of every message and skipped step, in order: equal digests, equal plans.
    print("    plan digest: " + String(planDigest(last), radix: 16))
  }
}

/// The simulated shop of the campaign benchmarks, with its two logs.
private struct CampaignBenchmarkShop {
  var orders: OrderLog
  var events: EventLog
  var period: Range<Date>

  init?() {
    var simulator = ShopSimulator(customers: 1_000_000, acquisitionDays: 365, historyDays: 365)
    simulator.behaviour = ShopperBehaviour(
      extraViewsPerOrder: 0, abandonedSessionsPerOrder: 0.2, linesPerOrder: 1, accountShare: 0.3,
      emailSubscriptionShare: 0.5, surveyShare: 0.1)
    simulator.flows = [
      SimulatedFlow(name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), causedPurchaseProbability: 0.05),
      SimulatedFlow(
        name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 4), causedPurchaseProbability: 0.1),
      SimulatedFlow(
        name: "promotion-summer", entry: .campaign(at: simulator.start.addingTimeInterval(150 * 86_400)),
        causedPurchaseProbability: 0.03),
    ]
    var start = ContinuousClock.now
    var generator = SeededRandomNumberGenerator(seed: 2024)
    var shop = simulator.run(using: &generator)
    print(
      "    set-up: simulated \(shop.orders.count) orders and \(shop.events.count) events in \(seconds(since: start))")
    for index in shop.orders.indices {
      let digits = shop.orders[index].customer.id?.filter(\.isNumber) ?? ""
      shop.orders[index].customer.phone = "+49 30 1\(digits)"
    }
    start = ContinuousClock.now
    guard let log = try? shop.orderLog() else {
      print("    the simulated orders did not build an order log: skipping the campaign benchmarks")
      return nil
    }
    orders = log
    print("    set-up: order log in \(seconds(since: start))")
    start = ContinuousClock.now
    events = shop.eventLog()
    print("    set-up: event log in \(seconds(since: start))")
    period = shop.period
  }
}

/// A 64-bit FNV-1a hash of every field of a plan's messages and skipped steps, in order, so
/// that two builds' plans of the benchmark day can be compared without storing them.
private func planDigest(_ plan: CampaignPlan) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  func add(_ text: String?) {
    for byte in (text ?? "\u{1}").utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    hash ^= 0
    hash = hash &* 0x0000_0100_0000_01b3
  }
  for message in plan.messages {
    let fields: [String?] = [
      message.id, message.person, message.customer, message.email, message.phone, message.flow, String(message.step),
      message.channel.rawValue, message.content, String(message.sendAt.timeIntervalSince1970),
      message.products.joined(separator: ","), message.incentive, message.reason, message.group.rawValue,
      String(message.isTransactional),
    ]
    fields.forEach(add)
  }
  for skipped in plan.skipped {
    [skipped.person, skipped.flow, String(skipped.step), skipped.reason].forEach(add)
  }
  return hash
}

private func seconds(since start: ContinuousClock.Instant) -> String {
  let elapsed = ContinuousClock.now - start
  return String(format: "%.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
