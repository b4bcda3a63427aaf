import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct TimeToSecondPurchaseTests {
  @Test func kaplanMeierByHand() {
    // Events at 10, 20, 20, 40 days, censored at 15, 30, 50: S(10) = 6/7, S(20) = 6/7 · 3/5,
    // S(40) = 18/35 · 1/2.
    let estimate = TimeToSecondPurchase(eventDays: [20, 10, 40, 20], censoredDays: [30, 15, 50])
    #expect(estimate.customers == 7 && estimate.secondPurchases == 4 && estimate.censored == 3)
    #expect(estimate.curve.map(\.days) == [10, 20, 40])
    #expect(estimate.curve.map(\.atRisk) == [7, 5, 2])
    #expect(estimate.curve.map(\.events) == [1, 2, 1])
    #expect(estimate.curve[0].probability.isApproximatelyEqual(to: 1.0 / 7, relativeTolerance: 1e-15))
    #expect(estimate.curve[1].probability.isApproximatelyEqual(to: 17.0 / 35, relativeTolerance: 1e-15))
    #expect(estimate.curve[2].probability.isApproximatelyEqual(to: 26.0 / 35, relativeTolerance: 1e-15))
    #expect(estimate.medianDays == 40)
    #expect(estimate.probability(within: .days(9)) == 0)
    #expect(estimate.probability(within: .days(30)).isApproximatelyEqual(to: 17.0 / 35, relativeTolerance: 1e-15))
    #expect(estimate.milestones.map(\.days) == [30, 60, 90, 180])
    #expect(estimate.milestones[1].probability.isApproximatelyEqual(to: 26.0 / 35, relativeTolerance: 1e-15))
  }

  /// The curve steps by calendar days: a span in weeks is its days, a fractional day counts
  /// down to the whole day, and a span beyond any step reads the last one.
  @Test func spansInAnyUnitReadTheDailyCurve() {
    let estimate = TimeToSecondPurchase(eventDays: [20, 10, 40, 20], censoredDays: [30, 15, 50])
    #expect(estimate.probability(within: .weeks(2)) == estimate.probability(within: .days(14)))
    #expect(estimate.probability(within: .weeks(3)) == estimate.probability(within: .days(21)))
    #expect(estimate.probability(within: .days(19.99)) == estimate.curve[0].probability)
    #expect(estimate.probability(within: .days(20)).isApproximatelyEqual(to: 17.0 / 35, relativeTolerance: 1e-15))
    #expect(estimate.probability(within: .weeks(1e300)).isApproximatelyEqual(to: 26.0 / 35, relativeTolerance: 1e-15))
    #expect(estimate.probability(within: .days(0)) == 0)
  }

  @Test func eventsPrecedeCensoringAtTies() {
    let estimate = TimeToSecondPurchase(eventDays: [10], censoredDays: [10])
    #expect(estimate.curve.first?.atRisk == 2)
    #expect(estimate.probability(within: .days(10)) == 0.5)
    #expect(estimate.medianDays == 10)
  }

  @Test func handMadeLog() throws {
    let estimate = try DescriptiveFixtures.log().timeToSecondPurchase(through: DescriptiveFixtures.at("2024-04-30"))
    // A: 01-05 -> 01-20 (15 days); B: 01-31 -> 03-02 (31 days; the 03-01 order was cancelled);
    // C: second order on its first day does not count, the next is after the end: censored at
    // 61 days; E: censored at 51 days.
    #expect(estimate.customers == 4 && estimate.secondPurchases == 2 && estimate.censored == 2)
    #expect(estimate.curve.map(\.days) == [15, 31])
    #expect(estimate.curve[0].probability == 0.25)
    #expect(estimate.curve[1].probability.isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-15))
    #expect(estimate.medianDays == 31)
    for (milestone, expected) in zip(estimate.milestones, [0.25, 0.5, 0.5, 0.5]) {
      #expect(milestone.probability.isApproximatelyEqual(to: expected, relativeTolerance: 1e-15))
    }
  }

  @Test func nobodyReturnsGivesAnEmptyCurve() throws {
    let log = try OrderLog([Order(id: "1", customer: CustomerReference(id: "A"), placedAt: DescriptiveFixtures.at("2024-01-01"))])
    let estimate = log.timeToSecondPurchase(through: DescriptiveFixtures.at("2024-03-01"))
    #expect(estimate.curve.isEmpty && estimate.medianDays == nil && estimate.censored == 1)
    #expect(estimate.milestones.allSatisfy { $0.probability == 0 })
  }
}
