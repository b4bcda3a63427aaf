import Foundation
import LTVMath
import Segmentation

func valueBenchmarks(_ runner: inout BenchmarkRunner) {
  if runner.wants("CLV 12 months for CDNOW master (23,570 customers)"), let url = sharedDataURL("cdnow/CDNOW_master.txt"),
    let log = try? OrderLog(contentsOf: url, format: .cdnow)
  {
    let summaries = log.summaries(SummaryOptions(observationEnd: utcDate(1997, 9, 30), unit: .weeks))
    if let purchases = try? BGNBDModel.fit(summaries.compressed()).model,
      let spend = try? GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue).model
    {
      runner.measure("Gamma-Gamma fit, CDNOW master repeaters") {
        let fit = try? GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
        return String(format: "p %.3f", fit?.model.p ?? .nan)
      }
      runner.measure("CLV 12 months for CDNOW master (23,570 customers)") {
        let values = LifetimeValue.modelBased(
          purchases: purchases, spend: spend, summaries: summaries, horizonMonths: 12, margin: 1,
          discount: DiscountRate(rate: 0.01, per: .days(365.25 / 12)))
        return String(format: "total %.0f", values.total)
      }
    }
  }
  let scoresName = "value scores: BG/NBD + Gamma-Gamma, 90 days, 200-draw interval, 1M customers"
  if runner.wants(scoresName) {
    // A simulated base of 1M customers (as the model benchmarks draw it), with Gamma-Gamma-like
    // spend, fitted once outside the timing.
    let design = SimulationDesign(
      customers: 1_000_000, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(52), resolution: .days(1))
    var generator = BenchmarkGenerator(seed: 2_026)
    let base = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
      .simulateCustomerBase(design, using: &generator)
    let summaries = base.customerSummaries(start: utcDate(2024, 1, 1))
    let spendValues = summaries.frequency.map { $0 > 0 ? 10 + 50 * generator.uniform() : 0 }
    let scored = CustomerSummaries(
      options: summaries.options, customerIDs: summaries.customerIDs, frequency: summaries.frequency,
      recency: summaries.recency, age: summaries.age, monetaryValue: spendValues, orderCounts: summaries.orderCounts,
      revenue: summaries.revenue, firstOrderTimes: summaries.firstOrderTimes, lastOrderTimes: summaries.lastOrderTimes)
    if let purchases = try? BGNBDModel.fit(scored.compressed()),
      let spend = try? GammaGammaModel.fit(frequency: scored.frequency, monetaryValue: spendValues)
    {
      runner.measure(scoresName, repeats: 3) {
        // Processor time of all threads as well as the wall-clock median: the machine is shared.
        let cpuStart = clock()
        let scores = LifetimeValue.scores(
          scored, purchases: purchases, spend: spend, within: .days(90), discount: DiscountRate(annual: 0.1))
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        let width = zip(scores.lifetimeValueInterval?.low ?? [], scores.lifetimeValueInterval?.high ?? []).reduce(0) {
          $0 + $1.1 - $1.0
        }
        return "\(scores.uniqueTriples) triples, total CLV \(String(format: "%.0f", scores.lifetimeValue?.reduce(0, +) ?? .nan)), summed interval width \(String(format: "%.0f", width)), CPU \(String(format: "%.2f", cpu)) s"
      }
    }
  }
  if runner.wants("revenue structure for 1M customers") {
    var generator = BenchmarkGenerator(seed: 7)
    func uniform() -> Double { generator.uniform() }
    let orders = (0..<1_000_000).map { _ in 1 + Int(-log(max(uniform(), 1e-12)) * 2) }
    let revenue = orders.map { Double($0) * (10 + 90 * uniform()) }
    let values = (0..<2_000_000).map { _ in 10 + 90 * uniform() }
    runner.measure("revenue structure for 1M customers") {
      let structure = RevenueStructure(customerRevenue: revenue, customerOrders: orders, orderValues: values)
      return String(format: "top 10 %% share %.3f", structure.topDecileShare)
    }
  }
  let segmentationName = "identity resolution + profiles + RFM, 1M orders"
  let keyingNames = [
    "identity keying: summaries by customer id, 1M orders", "identity keying: person log + summaries, 1M orders",
    "identity keying: build + summaries by customer id, 1M", "identity keying: build + person log + summaries, 1M",
  ]
  if runner.wants(segmentationName) || keyingNames.contains(where: runner.wants) {
    let orders = identityShopOrders()
    guard let log = try? OrderLog(orders) else { return }
    let asOf = log.lastOrderDate ?? Date()
    runner.measure(segmentationName) {
      let start = Date()
      let resolution = DeterministicIdentityResolver().resolve(log)
      let resolved = Date()
      let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: asOf)
      let profiled = Date()
      let rfm = try? RFMAnalysis(profiles: profiles)
      let phases = [resolved.timeIntervalSince(start), profiled.timeIntervalSince(resolved), Date().timeIntervalSince(profiled)]
      return "\(log.orderCount) orders, \(resolution.personCount) people, \(resolution.mergeCount) merges, \(rfm?.segmentSizes.count ?? 0) RFM segments; "
        + String(format: "resolve %.2f s, profiles %.2f s, RFM %.2f s", phases[0], phases[1], phases[2])
    }
    // The person-keyed log (columns relabelled by a resolution computed once, outside the
    // timing) and its summaries, beside the summaries of the log keyed by customer id.
    if keyingNames.contains(where: runner.wants) {
      let resolution = DeterministicIdentityResolver().resolve(log)
      let options = SummaryOptions(observationEnd: asOf, unit: .weeks)
      runner.measure(keyingNames[0]) {
        let summaries = log.summaries(options)
        return "\(summaries.count) customers, \(summaries.compressed().uniqueCount) unique triples"
      }
      runner.measure(keyingNames[1]) {
        let people = log.keyed(by: resolution)
        let summaries = people.summaries(options)
        return "\(summaries.count) people, \(summaries.compressed().uniqueCount) unique triples"
      }
      // The whole path from the orders: the log built, then (for people) keyed, then summarised.
      runner.measure(keyingNames[2], repeats: 3) {
        let summaries = (try? OrderLog(orders))?.summaries(options)
        return "\(summaries?.count ?? 0) customers"
      }
      runner.measure(keyingNames[3], repeats: 3) {
        let summaries = (try? OrderLog(orders))?.keyed(by: resolution).summaries(options)
        return "\(summaries?.count ?? 0) people"
      }
    }
  }
}

/// The 1M orders of about 620,000 people of the identity benchmarks.
func identityShopOrders() -> [Order] {
  // 1M orders of about 620,000 people, shaped like a shop export: every order has an email as
  // written (mixed case, some plus-addressed), a third of them a phone in national format, and
  // one in four is a guest checkout without a customer id, linked only by email.
  var salt = BenchmarkGenerator(seed: 11)
  return generatedOrders(customers: 620_000, linesPerCustomer: 3.3, seed: 9).prefix(1_000_000).map { order in
    var order = order
    let id = order.customer.id ?? "x"
    let roll = salt.next() % 12
    let email = roll == 0 ? "\(id.uppercased())@Example.com" : roll == 1 ? "\(id)+shop@example.com" : "\(id)@example.com"
    let phone = roll < 4 ? "0170 \(id.dropFirst())" : nil
    order.customer = CustomerReference(id: roll >= 9 ? nil : id, email: email, phone: phone, name: "Customer \(id)")
    return order
  }.sorted { $0.placedAt < $1.placedAt }  // in date order, as shops export them
}
