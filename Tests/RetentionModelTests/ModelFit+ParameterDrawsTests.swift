import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// `ModelFit.parameterDraws`: log-normal draws from the fit's covariance, seeded, and an error
/// with the reason when the fit has no covariance.
struct ModelFitParameterDrawsTests {
  @Test func drawsHaveTheFitsLogScaleMeanAndCovariance() throws {
    let fit = try BGNBDModel.fit(try CDNOWFixtures.publishedSummary())
    let covariance = try #require(fit.covariance)
    #expect(fit.parameterDrawsUnavailableReason == nil)
    var generator = SplitMix64(seed: 3)
    let draws = try fit.parameterDraws(20_000, using: &generator).map { $0.values.map { log($0) } }
    let estimate = fit.parameters.values
    let n = Double(draws.count)
    let means = (0..<4).map { i in draws.reduce(0) { $0 + $1[i] } / n }
    for i in 0..<4 {
      // The log-scale standard deviation is SE/θ (delta method); the mean of 20,000 draws is
      // within 4 standard errors of the mean, sd/sqrt(20,000).
      let sd = covariance[i][i].squareRoot() / estimate[i]
      #expect(abs(means[i] - log(estimate[i])) <= 4 * sd / n.squareRoot(), "\(i)")
      for j in 0..<4 {
        let sample = draws.reduce(0) { $0 + ($1[i] - means[i]) * ($1[j] - means[j]) } / (n - 1)
        let expected = covariance[i][j] / (estimate[i] * estimate[j])
        // Sample covariances of 20,000 normal draws: within 5 % of the scale sd_i sd_j.
        let scale = (covariance[i][i] * covariance[j][j]).squareRoot() / (estimate[i] * estimate[j])
        #expect(abs(sample - expected) <= 0.05 * scale, "\(i), \(j)")
      }
    }
    var first = SplitMix64(seed: 8), second = SplitMix64(seed: 8)
    #expect(try fit.parameterDraws(5, using: &first) == fit.parameterDraws(5, using: &second))
  }

  @Test func aFitWithoutCovarianceSaysWhy() throws {
    // Nobody bought again: r runs to 0 and no parameter has a standard error.
    let data = FrequencyRecencyData(
      frequency: [0, 0, 0], recency: [0, 0, 0], age: [10, 20, 30], unit: .weeks, count: [50, 60, 70])
    let fit = try BGNBDModel.fit(data)
    let reason = try #require(fit.parameterDrawsUnavailableReason)
    #expect(reason.contains("r: no customer made a repeat purchase"))
    var generator = SplitMix64(seed: 1)
    let error = #expect(throws: RetentionModelError.self) { try fit.parameterDraws(10, using: &generator) }
    #expect(error?.code == .invalidArgument)
    #expect(error?.reason == reason)
  }
}
