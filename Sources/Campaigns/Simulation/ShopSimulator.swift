public import Foundation
public import RetentionModel

/// A seeded simulator of an online shop, for tests, tutorials and benchmarks: customers,
/// orders, browsing, deliveries, consent, survey answers and flows with control groups, with the
/// truth a real shop never knows (every flow's true uplift, every customer's purchase rate).
///
/// Configure it as a value, then ``run(using:)`` it with a seeded generator; the same
/// configuration and seed give the same shop on every run and platform.
///
/// ```swift
/// var simulator = ShopSimulator(customers: 2_000)
/// simulator.flows = [
///   SimulatedFlow(
///     name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.5,
///     causedPurchaseProbability: 0.05)
/// ]
/// var generator = SeededRandomNumberGenerator(seed: 7)
/// let shop = simulator.run(using: &generator)
/// let orders = try shop.orderLog()
/// let nudge = ControlGroupComparison(
///   flow: "second-purchase-nudge", orders: orders, events: shop.eventLog(), period: shop.period,
///   using: &generator)
/// print(nudge.conversion.difference ?? 0, shop.truth.flows[0].conversionUplift)
/// ```
///
/// **The model.** Customer i's first order falls uniformly in the first ``acquisitionDays``
/// (from an hour after ``start``); the history ends ``historyDays`` after ``start``. Repeat
/// purchases follow the BG/NBD model ``purchases`` (Fader, Hardie and Lee 2005): while alive,
/// Poisson purchases at a rate λ ~ Gamma(r, α) per period of the model's unit, and after each
/// repeat purchase a drop-out with probability p ~ Beta(a, b). Order values follow
/// ``orderValues``, lines come from ``catalog``, and everything else a customer does from
/// ``behaviour``. These are the *organic* orders: what the customers would do without any
/// message. The ``flows`` then choose their entrants from the organic histories, split them into
/// treated and held-out people, and add the messages' outcomes and the purchases the messages
/// cause; ``SimulationTruth`` says exactly what each flow added. Nothing after the end of the
/// history is recorded (a late order's delivery, a survey after the end).
///
/// The simulator draws one 64-bit seed from the generator and runs its own SplitMix64 stream from
/// it (``SeededRandomNumberGenerator``), customers one after another, then the flows in order.
public struct ShopSimulator: Sendable, Hashable, Codable {
  /// The number of customers, at least 0.
  public var customers: Int
  /// The start of the history (default 2024-01-01 00:00 UTC); times are whole seconds from it.
  public var start: Date
  /// First orders fall uniformly in this many days after the start (from its first hour on), at
  /// least 1 and at most ``historyDays``.
  public var acquisitionDays: Double
  /// The history ends this many days after the start.
  public var historyDays: Double
  /// The BG/NBD model of repeat purchases, in its own unit (default: CDNOW's estimates of Fader,
  /// Hardie and Lee 2005, r 0.243, α 4.414 weeks = 30.898 days, a 0.793, b 2.426, in days).
  public var purchases: BGNBDModel
  /// How order values are drawn (default: the gamma-gamma estimates of Fader, Hardie and Lee
  /// 2005 on CDNOW, p 6.25, q 3.74, γ 15.44; mean 35.22).
  public var orderValues: OrderValueDistribution
  /// The ISO 4217 currency of every order (three letters; default `EUR`).
  public var currency: String
  /// The products.
  public var catalog: SimulatedCatalog
  /// Browsing, consent, deliveries and surveys.
  public var behaviour: ShopperBehaviour
  /// The flows with their control groups and caused purchases; names unique.
  public var flows: [SimulatedFlow]

  /// Creates a simulator; every setting but the number of customers has a default.
  ///
  /// - Parameters:
  ///   - customers: The number of customers, at least 0.
  ///   - start: The start of the history (default 2024-01-01 00:00 UTC).
  ///   - acquisitionDays: The span of first orders in days (default 180).
  ///   - historyDays: The length of the history in days (default 365).
  ///   - purchases: The BG/NBD model of repeat purchases (default CDNOW's, in days).
  ///   - orderValues: The order values (default CDNOW's gamma-gamma).
  ///   - currency: The currency (default `EUR`).
  ///   - catalog: The products (default three categories of ten).
  ///   - behaviour: Everything else customers do (default `ShopperBehaviour()`).
  ///   - flows: The flows (default none).
  public init(
    customers: Int, start: Date = Date(timeIntervalSince1970: 1_704_067_200), acquisitionDays: Double = 180,
    historyDays: Double = 365, purchases: BGNBDModel = ShopSimulator.cdnowPurchases,
    orderValues: OrderValueDistribution = .gammaGamma(p: 6.25, q: 3.74, gamma: 15.44), currency: String = "EUR",
    catalog: SimulatedCatalog = SimulatedCatalog(), behaviour: ShopperBehaviour = ShopperBehaviour(),
    flows: [SimulatedFlow] = []
  ) {
    self.customers = customers
    self.start = start
    self.acquisitionDays = acquisitionDays
    self.historyDays = historyDays
    self.purchases = purchases
    self.orderValues = orderValues
    self.currency = currency
    self.catalog = catalog
    self.behaviour = behaviour
    self.flows = flows
  }

  /// CDNOW's BG/NBD estimates (Fader, Hardie and Lee 2005, r 0.243, α 4.414, a 0.793, b 2.426
  /// per week) in days: α = 4.414 × 7.
  public static let cdnowPurchases = BGNBDModel(r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426, unit: .days)

  /// The end of the history: ``start`` plus ``historyDays``.
  public var end: Date { start.addingTimeInterval(historyDays * 86_400) }

  /// Why the configuration is invalid, or `nil` when it is valid.
  ///
  /// ``run(using:)`` requires a valid configuration; check this first for settings that come
  /// from outside the program (a configuration file).
  ///
  /// - Complexity: O(*f*), where *f* is the number of flows.
  public var invalidReason: String? {
    if customers < 0 { return "the number of customers must not be negative" }
    if !start.timeIntervalSince1970.isFinite { return "the start must be a finite date" }
    if !(acquisitionDays >= 1 && acquisitionDays <= historyDays && historyDays.isFinite) {
      return "acquisitionDays must be in 1...historyDays"
    }
    if !orderValues.isValid { return "the order value parameters are out of range" }
    if currency.count != 3 || !currency.allSatisfy(\.isLetter) { return "the currency must be three letters" }
    if let reason = behaviour.invalidReason { return reason }
    if let reason = flows.lazy.compactMap(\.invalidReason).first { return reason }
    if Set(flows.map(\.name)).count != flows.count { return "flow names must be unique" }
    return nil
  }

  /// Simulates the shop.
  ///
  /// - Parameter generator: The source of the seed; a ``SeededRandomNumberGenerator`` makes the
  ///   shop reproducible.
  /// - Returns: The orders, the events and the truth.
  /// - Precondition: The configuration is valid (``invalidReason`` is `nil`).
  /// - Complexity: O(*n* + *o* + *e* log *e*), for *n* customers, *o* orders and *e* events.
  public func run(using generator: inout some RandomNumberGenerator) -> SimulatedShop {
    if let reason = invalidReason { preconditionFailure("invalid shop simulator: \(reason)") }
    var builder = ShopBuilder(simulator: self, seed: generator.next())
    for customer in 0..<customers { builder.simulateCustomer(customer) }
    let flowTruths = flows.indices.map { builder.simulateFlow($0) }
    return builder.finish(flows: builder.truths(of: flowTruths))
  }
}
