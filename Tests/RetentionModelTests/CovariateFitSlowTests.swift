import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Parameter recovery on a million simulated customers (opt-in: `SECONDSALE_SLOW_TESTS`),
/// purchase times on an hourly grid (so that the triples compress; a day grid would merge
/// purchases and bias the purchase coefficients by several of these small standard errors).
@Suite(.slow)
struct CovariateFitSlowTests {
  /// Pareto/NBD truth: r 0.55, α_0 10, s 0.6, β_0 12, γ_P (0.5, −0.3), γ_D (0.4, −0.5);
  /// 250,000 customers per profile.
  @Test(arguments: [1, 2] as [UInt64])
  func paretoNBDRecoversKnownCoefficientsOnAMillionCustomers(seed: UInt64) throws {
    let purchase = [0.5, -0.3], dropout = [0.4, -0.5]
    let data = try CovariateFitTests.simulate(
      ParetoNBDModel.self, baseline: ParetoNBDModel.Parameters(values: [0.55, 10, 0.6, 12]), purchase: purchase,
      dropout: dropout, customersPerProfile: 250_000, seed: seed, resolution: .days(1.0 / 24))
    let fit = try ParetoNBDModel.fit(data, testsBlocks: false)
    #expect(fit.customers == 1_000_000)
    try CovariateFitTests.expectWithinStandardErrors(2, fit.covariates, purchase: purchase, dropout: dropout)
  }

  /// BG/NBD truth: r 0.25, α_0 4, a_0 0.8, b_0 2.5, γ_P (0.5, −0.3), γ_D (0.6, −0.5).
  @Test(arguments: [1, 2] as [UInt64])
  func bgnbdRecoversKnownCoefficientsOnAMillionCustomers(seed: UInt64) throws {
    let purchase = [0.5, -0.3], dropout = [0.6, -0.5]
    let data = try CovariateFitTests.simulate(
      BGNBDModel.self, baseline: BGNBDModel.Parameters(values: [0.25, 4, 0.8, 2.5]), purchase: purchase,
      dropout: dropout, customersPerProfile: 250_000, seed: seed, resolution: .days(1.0 / 24))
    let fit = try BGNBDModel.fit(data, testsBlocks: false)
    #expect(fit.customers == 1_000_000)
    try CovariateFitTests.expectWithinStandardErrors(2, fit.covariates, purchase: purchase, dropout: dropout)
  }
}
