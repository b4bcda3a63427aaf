public import Foundation

/// A simulated shop: its orders, its events, its products, and the truth behind them.
///
/// The orders and events are plain values, sorted by time; ``orderLog()`` and ``eventLog()``
/// build the logs the SDK reads, and ``ordersCSV`` / ``eventsCSV`` (or
/// ``writeOrders(to:)`` / ``writeEvents(to:)``) write the files its importers read. The customer
/// ids are the people: the simulator has no guest checkouts and no identity to resolve.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 1)
/// let shop = ShopSimulator(customers: 500).run(using: &generator)
/// let log = try shop.orderLog()
/// print(log.orderCount, shop.events.count, shop.truth.expectedNetPromoterScore)
/// ```
public struct SimulatedShop: Sendable, Hashable, Codable {
  /// The configuration the shop was simulated with.
  public var simulator: ShopSimulator
  /// Every order, oldest first (ties in the order they were made).
  public var orders: [Order]
  /// Every event, oldest first (ties in the order they were made).
  public var events: [CustomerEvent]
  /// What the simulator knows and the shop does not.
  public var truth: SimulationTruth

  /// Creates a shop from its parts.
  ///
  /// - Parameters:
  ///   - simulator: The configuration.
  ///   - orders: The orders.
  ///   - events: The events.
  ///   - truth: The truth.
  public init(simulator: ShopSimulator, orders: [Order], events: [CustomerEvent], truth: SimulationTruth) {
    self.simulator = simulator
    self.orders = orders
    self.events = events
    self.truth = truth
  }

  /// The history's span, from the start to the end (exclusive): every flow's entries, hence every
  /// `message_sent` and `held_out`, lie in it.
  public var period: Range<Date> { simulator.start..<simulator.end }

  /// The products of the catalogue.
  ///
  /// - Complexity: O(*p*), where *p* is the number of products.
  public var products: [OrderLog.Product] { simulator.catalog.products }

  /// The orders as an order log (its customers are the people).
  ///
  /// - Throws: ``RetentionCoreError`` as ``OrderLog/init(_:mode:)`` (never for a simulated shop's
  ///   valid orders).
  /// - Complexity: O(*o* + *l*), for *o* orders and *l* lines.
  public func orderLog() throws -> OrderLog {
    try OrderLog(orders)
  }

  /// The events as an event log.
  ///
  /// - Complexity: O(*e* log *e*), where *e* is the number of events.
  public func eventLog() -> EventLog {
    EventLog(events)
  }
}
