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
    // Known issue: the dropout coefficient of z2 lands below the truth more often than chance
    // (seed 2: −0.5149, 2.08 standard errors of 0.0071 from −0.5; at 20,000 customers its
    // z-score averaged −1.1 over seeds 1-10). Seed 1 and every other coefficient are within two
    // standard errors; whether the simulation or the estimator is off is open.
    withKnownIssue("Pareto/NBD dropout coefficient of z2 runs low (seed 2: 2.08 SE)", isIntermittent: true) {
      try CovariateFitTests.expectWithinStandardErrors(2, fit.covariates, purchase: purchase, dropout: dropout)
    }
    // Outside the known issue: every coefficient within three standard errors.
    try CovariateFitTests.expectWithinStandardErrors(3, fit.covariates, purchase: purchase, dropout: dropout)
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
