import Foundation
import Testing
import Campaigns
import RetentionModel

/// Runs the code of "A simulated shop" in Documentation/Campaigns.md.
///
/// So that the guide never rots; keep the two in step.
struct ShopSimulatorGuideTests {
  @Test func theGuidesSimulatedShopRuns() throws {
    var simulator = ShopSimulator(customers: 2_000)
    simulator.purchases = BGNBDModel(r: 0.243, alpha: 30.898, a: 0.793, b: 2.426, unit: .days)
    simulator.orderValues = .gammaGamma(p: 6.25, q: 3.74, gamma: 15.44)
    simulator.flows = [
      SimulatedFlow(
        name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.5,
        causedPurchaseProbability: 0.05),
      SimulatedFlow(
        name: "promotion-summer", entry: .campaign(at: simulator.start.addingTimeInterval(150 * 86_400)),
        controlShare: 0.2, causedPurchaseProbability: 0.03),
    ]
    var generator = SeededRandomNumberGenerator(seed: 7)
    let shop = simulator.run(using: &generator)

    let orders = try shop.orderLog()
    let events = shop.eventLog()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try shop.writeOrders(to: folder.appendingPathComponent("simulated-orders.csv"))
    try shop.writeEvents(to: folder.appendingPathComponent("simulated-events.csv"))
    let reread = try OrderLog(
      contentsOf: folder.appendingPathComponent("simulated-orders.csv"), format: SimulatedShop.orderFileFormat)
    #expect(reread.orderCount == orders.orderCount)

    let nudge = ControlGroupComparison(
      flow: "second-purchase-nudge", orders: orders, events: events, period: shop.period, using: &generator)
    let truth = try #require(shop.truth.flow(named: "second-purchase-nudge"))
    #expect(try #require(nudge.conversion.low) <= truth.conversionUplift)
    #expect(truth.conversionUplift <= (try #require(nudge.conversion.high)))
    // Below the caused-purchase probability 0.05 but for the draw of E: four binomial standard
    // errors above it at most.
    let spread = 4 * (0.05 * 0.95 / Double(truth.entrants)).squareRoot()
    #expect(truth.conversionUplift > 0 && truth.conversionUplift <= 0.05 + spread, "\(truth)")
    #expect(truth.incrementalRevenue > 0)
  }
}
