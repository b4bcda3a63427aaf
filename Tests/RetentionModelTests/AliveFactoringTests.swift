import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The models whose conditional expectation factors into P(alive) and an expectation for a
/// customer known to be alive.
struct AliveFactoringTests {
  static let bgnbd = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
  static let mbgnbd = MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)
  static let pareto = ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks)

  @Test func theThreeDropoutModelsFactorAndTheNBDDoesNot() {
    let models: [any RepeatPurchaseModel] = [Self.bgnbd, Self.mbgnbd, Self.pareto, NBDModel(r: 0.385, alpha: 12.072, unit: .weeks)]
    #expect(models.map { $0 is any AliveFactoring } == [true, true, true, false])
  }

  @Test(arguments: [(2.0, 30.43, 38.86), (0, 0, 38.86), (26, 30.86, 31), (1, 0.5, 20), (150, 38, 39)])
  func conditionalExpectationIsAliveTimesAliveExpectation(x: Double, tx: Double, T: Double) {
    for model in [Self.bgnbd as any AliveFactoring, Self.mbgnbd, Self.pareto] {
      for t in [1.0, 39, 52] {
        let factored =
          model.probabilityAlive(frequency: x, recency: tx, age: T)
          * model.expectedPurchasesIfAlive(within: .weeks(t), frequency: x, age: T)
        let direct = model.conditionalExpectedPurchases(within: .weeks(t), frequency: x, recency: tx, age: T)
        #expect(factored.isApproximatelyEqual(to: direct, absoluteTolerance: 1e-300, relativeTolerance: 1e-14))
      }
    }
  }

  /// A new BG/NBD customer is alive and expects the population's E[X(t)].
  ///
  /// At x = T = 0, eq. 10 of FHL (2005) without P(alive) is eq. 9: the offline mpmath values at the transaction optimum, which
  /// Hardie's spreadsheet gives to 4 decimals (see ``BGNBDModelTests``).
  @Test(arguments: [(0.1429, 0.00781600029144), (1, 0.053184290838), (3, 0.150630837777), (32, 1.04373205127)])
  func bgnbdNewCustomerIfAliveIsThePopulationExpectation(t: Double, exact: Double) {
    let value = BGNBDModelTests.transactionOptimum.expectedPurchasesIfAlive(within: .weeks(t), frequency: 0, age: 0)
    #expect(value.isApproximatelyEqual(to: exact, relativeTolerance: 1e-10))
  }

  /// An MBG/NBD customer may drop out right after the first purchase, with probability a/(a+b)
  /// on average, so a new customer's E[X(t)] is b/(a+b) times the alive expectation at x = T = 0.
  @Test func mbgnbdNewCustomerIsAliveWithProbabilityBOverAPlusB() {
    let (a, b) = (Self.mbgnbd.parameters.a, Self.mbgnbd.parameters.b)
    for t in [0.5, 4, 39, 104] {
      let ifAlive = Self.mbgnbd.expectedPurchasesIfAlive(within: .weeks(t), frequency: 0, age: 0)
      #expect(
        (b / (a + b) * ifAlive).isApproximatelyEqual(
          to: Self.mbgnbd.expectedPurchases(within: .weeks(t)), relativeTolerance: 1e-13))
    }
  }

  /// A Pareto/NBD customer alive at T buys at the posterior mean rate (r+x)/(α+T) while alive,
  /// and stays alive to T+τ with probability ((β+T)/(β+T+τ))^s, so the alive expectation is
  /// (r+x)/(α+T) ∫_0^t ((β+T)/(β+T+τ))^s dτ, here by Simpson's rule on 2,000 intervals.
  @Test(arguments: [(0.0, 10.0), (2, 38.86), (26, 31)])
  func paretoIfAliveIsTheIntegralOfTheSurvivingRate(x: Double, T: Double) {
    let (r, alpha, s, beta) = (
      Self.pareto.parameters.r, Self.pareto.parameters.alpha, Self.pareto.parameters.s, Self.pareto.parameters.beta
    )
    for t in [1.0, 39, 104] {
      let intervals = 2_000
      let h = t / Double(intervals)
      var sum = 0.0
      for k in 0...intervals {
        let weight = k == 0 || k == intervals ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
        sum += weight * pow((beta + T) / (beta + T + Double(k) * h), s)
      }
      let integral = (r + x) / (alpha + T) * sum * h / 3
      #expect(
        Self.pareto.expectedPurchasesIfAlive(within: .weeks(t), frequency: x, age: T).isApproximatelyEqual(
          to: integral, relativeTolerance: 1e-10))
    }
  }
}
