import Foundation
import Testing
import Campaigns
import RetentionModel
import _TestSupport

/// The shop simulator: reproducible, internally consistent, its purchases the BG/NBD's, its
/// order values the spend model's, and its survey scores tied to repeat buying.
struct ShopSimulatorTests {
  static let day = 86_400.0
  static let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01

  /// A small shop with the three kinds of flow.
  static func shopWithFlows(customers: Int = 1_500, seed: UInt64 = 11) -> SimulatedShop {
    var simulator = ShopSimulator(customers: customers)
    simulator.flows = [
      SimulatedFlow(
        name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.3,
        causedPurchaseProbability: 0.1),
      SimulatedFlow(
        name: "abandoned-checkout", entry: .afterAbandonedCheckout(hours: 4), controlShare: 0.3,
        causedPurchaseProbability: 0.2),
      SimulatedFlow(
        name: "promotion-spring", entry: .campaign(at: start.addingTimeInterval(120 * day)), channel: .sms,
        controlShare: 0.3, causedPurchaseProbability: 0.05),
    ]
    var generator = SeededRandomNumberGenerator(seed: seed)
    return simulator.run(using: &generator)
  }

  @Test func theSameSeedGivesTheSameShopAndAnotherSeedAnother() {
    let first = Self.shopWithFlows(customers: 300, seed: 5)
    let again = Self.shopWithFlows(customers: 300, seed: 5)
    let other = Self.shopWithFlows(customers: 300, seed: 6)
    #expect(first.orders == again.orders)
    #expect(first.events == again.events)
    #expect(first.truth == again.truth)
    #expect(first.ordersCSV == again.ordersCSV)
    #expect(first.orders != other.orders)
    #expect(first.events != other.events)
  }

  @Test func everyOrderHasItsSessionLinesAndDeliveries() throws {
    let shop = Self.shopWithFlows()
    let end = shop.simulator.end
    #expect(shop.truth.customers.count == 1_500)
    #expect(Set(shop.orders.map(\.id)).count == shop.orders.count)
    #expect(shop.events.allSatisfy { $0.time >= Self.start && $0.time <= end })
    #expect(zip(shop.events, shop.events.dropFirst()).allSatisfy { $0.time <= $1.time })
    let eventsOfCustomer = Dictionary(grouping: shop.events) { $0.customerID ?? "" }
    for order in shop.orders {
      #expect(!order.lines.isEmpty && order.currency == "EUR" && order.placedAt <= end)
      // Prices are whole cents (the doubles nearest to them), so that the files carry them exactly.
      #expect(order.lines.allSatisfy { ($0.unitPrice * 100).rounded() / 100 == $0.unitPrice && $0.unitPrice >= 0.01 })
      let events = eventsOfCustomer[order.customer.id ?? ""] ?? []
      let products = order.lines.map(\.productID)
      // The checkout of exactly these products starts within the hour before the order.
      #expect(
        events.contains {
          $0.kind == .checkoutStarted(productIDs: products) && $0.time < order.placedAt
            && order.placedAt.timeIntervalSince($0.time) < 3_600
        }, "order \(order.id)")
      let shipped = events.first { $0.kind == .shipped(orderID: order.id) }
      let delivered = events.first { $0.kind == .delivered(orderID: order.id) }
      if let delivered { #expect(shipped.map { $0.time < delivered.time } == true) }
      if let shipped { #expect(shipped.time > order.placedAt) }
    }
    let organic = shop.truth.customers.reduce(0) { $0 + $1.organicOrders }
    let caused = shop.truth.flows.reduce(0) { $0 + $1.causedOrders }
    #expect(organic + caused == shop.orders.count)
    #expect(shop.orders.count { $0.id.contains("-m") } == caused)
  }

  @Test func flowsLogTheirSplitAndCausedOrdersFollowAClick() throws {
    let shop = Self.shopWithFlows()
    let eventsOfCustomer = Dictionary(grouping: shop.events) { $0.customerID ?? "" }
    for (index, truth) in shop.truth.flows.enumerated() {
      let flow = shop.simulator.flows[index]
      let sent = shop.events.filter { if case .messageSent(let m) = $0.kind { m.flow == flow.name } else { false } }
      let held = shop.events.filter { if case .heldOut(let m) = $0.kind { m.flow == flow.name } else { false } }
      #expect(sent.count == truth.treated && held.count == truth.heldOut, "\(flow.name)")
      #expect(
        truth.entrants == truth.treated + truth.heldOut && truth.entrants > 100, "\(flow.name): \(truth.entrants)")
      // Consent: every entrant subscribed to the flow's channel before, and had not unsubscribed.
      for event in sent + held {
        let history = eventsOfCustomer[event.customerID ?? ""] ?? []
        #expect(history.contains { $0.kind == .subscribed(channel: flow.channel) && $0.time <= event.time })
        #expect(!history.contains { $0.kind == .unsubscribed(channel: flow.channel) && $0.time <= event.time })
      }
      // A caused order follows a human open and a click of the message by the same person.
      for order in shop.orders where order.id.hasSuffix("-m\(index + 1)") {
        let history = eventsOfCustomer[order.customer.id ?? ""] ?? []
        let clicks = history.filter {
          if case .clicked(let m) = $0.kind { m.flow == flow.name && $0.time < order.placedAt } else { false }
        }
        let opens = history.filter {
          if case .opened(let m, false) = $0.kind { m.flow == flow.name && $0.time < order.placedAt } else { false }
        }
        #expect(clicks.count == 1 && opens.count >= 1, "\(order.id)")
      }
    }
    // Machine opens are logged and flagged; bounces happen.
    #expect(shop.events.contains { if case .opened(_, true) = $0.kind { true } else { false } })
    #expect(shop.events.contains { if case .bounced = $0.kind { true } else { false } })
  }

  /// The organic purchases are BG/NBD draws: a fit on 10,000 simulated customers recovers the
  /// parameters within three standard errors (plus 5 % for the one-day grid of the summaries,
  /// which merges same-day purchases).
  @Test func theOrganicPurchasesRecoverTheBGNBDParameters() throws {
    var simulator = ShopSimulator(customers: 10_000, acquisitionDays: 90, historyDays: 365)
    simulator.behaviour = ShopperBehaviour(extraViewsPerOrder: 0, abandonedSessionsPerOrder: 0, surveyShare: 0)
    var generator = SeededRandomNumberGenerator(seed: 3)
    let shop = simulator.run(using: &generator)
    let summaries = try shop.orderLog().summaries(SummaryOptions(observationEnd: shop.simulator.end, unit: .days))
    let fit = try BGNBDModel.fit(summaries.compressed())
    let errors = try #require(fit.standardErrors)
    let truth = ShopSimulator.cdnowPurchases.parameters
    for (name, estimate, error, value) in [
      ("r", fit.parameters.r, errors.r, truth.r), ("alpha", fit.parameters.alpha, errors.alpha, truth.alpha),
      ("a", fit.parameters.a, errors.a, truth.a), ("b", fit.parameters.b, errors.b, truth.b),
    ] {
      #expect(abs(estimate - value) <= 3 * error + 0.05 * value, "\(name): \(estimate) ± \(error), true \(value)")
    }
  }

  /// Gamma-gamma order values average pγ/(q − 1) = 6.25 · 15.44 / 2.74 = 35.22 (CDNOW's
  /// estimates), log-normal ones median · e^(σ²/2).
  @Test func orderValuesFollowTheSpendModel() {
    var simulator = ShopSimulator(customers: 4_000)
    simulator.behaviour = ShopperBehaviour(extraViewsPerOrder: 0, abandonedSessionsPerOrder: 0, surveyShare: 0)
    var generator = SeededRandomNumberGenerator(seed: 8)
    let gammaGamma = simulator.run(using: &generator)
    let values = gammaGamma.orders.map(\.grossAmount)
    let mean = values.reduce(0, +) / Double(values.count)
    let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    // Four standard errors of the mean; the customers' own scales correlate a customer's
    // orders, so the plain standard error is widened by half.
    #expect(abs(mean - 35.22) <= 4 * 1.5 * sd / Double(values.count).squareRoot(), "\(mean) from \(values.count)")
    #expect(
      OrderValueDistribution.gammaGamma(p: 6.25, q: 3.74, gamma: 15.44).meanOrderValue!.isApproximatelyEqual(
        to: 35.2190, absoluteTolerance: 1e-4))

    simulator.orderValues = .logNormal(median: 40, logStandardDeviation: 0.5)
    let logNormal = simulator.run(using: &generator).orders.map(\.grossAmount).sorted()
    let median = logNormal[logNormal.count / 2]
    // The sample median of n draws has standard error about 1.2533 σ median / √n.
    let error = 1.2533 * 0.5 * 40 / Double(logNormal.count).squareRoot()
    #expect(abs(median - 40) <= 4 * error, "\(median)")
  }

  /// Happier customers buy again more often.
  ///
  /// With the default correlation 0.7 promoters repeat clearly more than detractors; with
  /// correlation 0 the difference is noise. The scores' NPS interval covers the expected NPS.
  @Test(arguments: [0.7, 0.0])
  func surveyScoresGoWithRepeatBuying(correlation: Double) throws {
    var simulator = ShopSimulator(customers: 5_000)
    simulator.behaviour = ShopperBehaviour(
      extraViewsPerOrder: 0, abandonedSessionsPerOrder: 0, surveyShare: 0.5, satisfactionCorrelation: correlation)
    var generator = SeededRandomNumberGenerator(seed: 21)
    let shop = simulator.run(using: &generator)
    var orderCount: [String: Int] = [:]
    for order in shop.orders { orderCount[order.customer.id ?? "", default: 0] += 1 }
    var scores: [Double] = []
    var repeaters: [NetPromoterScore.Group: (repeat: Int, people: Int)] = [:]
    for event in shop.events {
      guard case .surveyAnswered(let score) = event.kind, let customer = event.customerID else { continue }
      #expect(score == score.rounded() && (0...10).contains(score))
      scores.append(score)
      let group = try #require(NetPromoterScore.Group(score: score))
      let repeated = (orderCount[customer] ?? 0) >= 2 ? 1 : 0
      repeaters[group, default: (0, 0)].repeat += repeated
      repeaters[group, default: (0, 0)].people += 1
    }
    #expect(scores.count > 2_000)
    let promoters = try #require(repeaters[.promoter]), detractors = try #require(repeaters[.detractor])
    let difference = RateDifference(
      treatment: RateEstimate(successes: promoters.repeat, trials: promoters.people),
      control: RateEstimate(successes: detractors.repeat, trials: detractors.people))
    let low = try #require(difference.low), high = try #require(difference.high)
    if correlation > 0 {
      #expect(low > 0.1, "promoters \(promoters), detractors \(detractors)")
    } else {
      #expect(low < 0 && high > 0, "promoters \(promoters), detractors \(detractors)")
    }
    let nps = NetPromoterScore(scores: scores)
    let expected = shop.truth.expectedNetPromoterScore
    // m = 8, s = 2: 1 − Φ(0.25) − Φ(−0.75) = 0.401294 − 0.226627 = 0.174666 (erfc in Python).
    #expect(expected.isApproximatelyEqual(to: 0.174666, absoluteTolerance: 1e-6))
    #expect(try #require(nps.low) <= expected && expected <= (try #require(nps.high)), "\(nps)")
  }
}
