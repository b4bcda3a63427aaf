import Testing
@testable import Campaigns

/// The Wilson interval against the published table of Newcombe (1998), "Two-sided confidence
/// intervals for the single proportion", Statistics in Medicine 17:857-872, Table I, method 3
/// (to the table's 4 decimals; statsmodels' `proportion_confint(method="wilson")` gives the same).
struct RateEstimateTests {
  @Test(arguments: [
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
  ])
  func wilsonIntervalsOfNewcombesTable(successes: Int, trials: Int, low: Double, high: Double) throws {
    let estimate = RateEstimate(successes: successes, trials: trials)
    #expect(estimate.rate == Double(successes) / Double(trials))
    #expect(abs(try #require(estimate.low) - low) < 5e-5)
    #expect(abs(try #require(estimate.high) - high) < 5e-5)
  }

  @Test func theNormalQuantileReachesDoublePrecision() {
    // Φ⁻¹(0.975) and Φ⁻¹(0.995) to 16 digits (Abramowitz and Stegun, Table 26.5; any statistics package).
    #expect(abs(standardNormalQuantile(0.975) - 1.959963984540054) < 1e-14)
    #expect(abs(standardNormalQuantile(0.995) - 2.5758293035489004) < 1e-14)
    #expect(abs(standardNormalQuantile(0.5)) < 1e-15)
    #expect(abs(standardNormalQuantile(0.025) + 1.959963984540054) < 1e-14)
  }

  @Test func noTrialsMeansNoRate() {
    let empty = RateEstimate(successes: 0, trials: 0)
    #expect(empty.rate == nil && empty.low == nil && empty.high == nil)
  }

  @Test func allOrNothingEndsAtTheBounds() {
    #expect(RateEstimate(successes: 0, trials: 10).low == 0)
    #expect(RateEstimate(successes: 10, trials: 10).high == 1)
  }
}
