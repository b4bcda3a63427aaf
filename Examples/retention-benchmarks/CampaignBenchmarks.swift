import Foundation
import Campaigns

/// Attribution over the simulated million-customer shop (issue 19's speed target: under 5 s).
///
/// The shop: 1,000,000 customers acquired over a year, CDNOW's BG/NBD purchases in days, one
/// line per order, three flows (second-purchase nudge, abandoned checkout, a promotion) with 10 %
/// control groups; seed 2024. Simulating it and building the two logs is set-up, printed but not
/// timed.
func campaignBenchmarks(_ runner: inout BenchmarkRunner) {
  let name = "attribution: 1M-customer simulated shop, all messages"
  guard runner.wants(name) else { return }
  let clock = ContinuousClock()
  func seconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = clock.now - start
    return String(format: "%.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
  var simulator = ShopSimulator(customers: 1_000_000, acquisitionDays: 365, historyDays: 365)
  simulator.behaviour = ShopperBehaviour(
    extraViewsPerOrder: 0, abandonedSessionsPerOrder: 0.2, linesPerOrder: 1, accountShare: 0.3,
    emailSubscriptionShare: 0.5, surveyShare: 0.1)
  simulator.flows = [
    SimulatedFlow(name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), causedPurchaseProbability: 0.05),
    SimulatedFlow(name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 4), causedPurchaseProbability: 0.1),
    SimulatedFlow(
      name: "promotion-summer", entry: .campaign(at: simulator.start.addingTimeInterval(150 * 86_400)),
      causedPurchaseProbability: 0.03),
  ]
  var start = clock.now
  var generator = SeededRandomNumberGenerator(seed: 2024)
  let period: Range<Date>
  let orders: OrderLog
  let events: EventLog
  let eventCount: Int
  do {
    let shop = simulator.run(using: &generator)
    print(
      "    set-up: simulated \(shop.orders.count) orders and \(shop.events.count) events in \(seconds(since: start))")
    start = clock.now
    guard let log = try? shop.orderLog() else {
      print("    the simulated orders did not build an order log: skipping \(name)")
      return
    }
    orders = log
    print("    set-up: order log in \(seconds(since: start))")
    start = clock.now
    events = shop.eventLog()
    print("    set-up: event log in \(seconds(since: start))")
    period = shop.period
    eventCount = shop.events.count
  }
  func attribute() -> String {
    let attribution = Attribution(orders: orders, events: events, period: period)
    let credited = attribution.messages.reduce(0) { $0 + $1.orders.count }
    return "\(eventCount) events, \(attribution.messages.count) messages, \(credited) credited orders"
  }
  runner.measure(name, repeats: 3) { attribute() }
  // Attribution runs on one thread: its CPU time is its wall time on an idle machine, and it
  // depends much less on what else runs.
  let before = processCPUSeconds()
  _ = attribute()
  print("    " + String(format: "CPU time of one attribution: %.2f s", processCPUSeconds() - before))
}
