import Testing
import Campaigns

/// Newcombe's hybrid score interval against the eight examples of Newcombe (1998), "Interval
/// estimation for the difference between independent proportions: comparison of eleven
/// methods", Statistics in Medicine 17:873-890, Table II, method 10 (to the table's 4 decimals;
/// statsmodels' `confint_proportions_2indep(method="newcomb")` gives the same).
struct RateDifferenceTests {
  @Test(arguments: [
    (56, 70, 48, 80, 0.0524, 0.3339), (9, 10, 3, 10, 0.1705, 0.8090), (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926), (0, 10, 0, 20, -0.1611, 0.2775), (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000), (10, 10, 0, 10, 0.6075, 1.0000),
  ])
  func newcombesEightExamples(a: Int, m: Int, b: Int, n: Int, low: Double, high: Double) throws {
    let difference = RateDifference(
      treatment: RateEstimate(successes: a, trials: m), control: RateEstimate(successes: b, trials: n))
    #expect(difference.difference == Double(a) / Double(m) - Double(b) / Double(n))
    #expect(abs(try #require(difference.low) - low) < 5e-5)
    #expect(abs(try #require(difference.high) - high) < 5e-5)
  }

  @Test func anEmptyGroupHasNoDifference() {
    let difference = RateDifference(
      treatment: RateEstimate(successes: 3, trials: 10), control: RateEstimate(successes: 0, trials: 0))
    #expect(difference.difference == nil && difference.low == nil && difference.high == nil)
  }
}
