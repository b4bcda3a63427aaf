import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct BGBBModelTests {
  /// The exact optimum on the donations data, computed offline with SciPy (BFGS then
  /// Nelder-Mead on FHS 2010's likelihood): LL -33225.581274347.
  static let optimum = BGBBModel(alpha: 1.2035225195655712, beta: 0.7497164269829061, gamma: 0.6567181081999756, delta: 2.7834416557813215)

  static func donations() throws -> BGBBModel.Patterns {
    try BGBBModel.patterns(contentsOf: try TestData.url("cdnow/donations.csv"))
  }

  @Test func donationsFileHasTheDocumentedShape() throws {
    let data = try Self.donations()
    // REFERENCES.md: 11,104 donors of the 1995 cohort, 6 opportunities, 22 (x, t_x) patterns.
    #expect(data.patternCount == 22)
    #expect(data.customerCount == 11_104)
    #expect(Set(data.opportunities) == [6])
  }

  @Test func fitReproducesThePaper() throws {
    let fit = try BGBBModel.fit(try Self.donations())
    #expect(fit.converged)
    #expect(fit.customers == 11_104)
    // REFERENCES.md (Fader, Hardie & Shang 2010): alpha 1.204, beta 0.750, gamma 0.657,
    // delta 2.783, log-likelihood -33225.58.
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -33225.58, absoluteTolerance: 0.01))
    for (value, exact) in zip(fit.parameters.values, Self.optimum.parameters.values) {
      #expect(value.isApproximatelyEqual(to: exact, relativeTolerance: 1e-3))
    }
    for (value, published) in zip(fit.parameters.values, [1.204, 0.750, 0.657, 2.783]) {
      #expect(abs(value - published) <= 5e-4)
    }
    // Offline numerical Hessian at the optimum: 0.06939, 0.02945, 0.05101, 0.3208.
    let errors = try #require(fit.standardErrors)
    for (value, expected) in zip(errors.values, [0.06939, 0.02945, 0.05101, 0.3208]) {
      #expect(value.isApproximatelyEqual(to: expected, relativeTolerance: 2e-3))
    }
    let encoded = try JSONEncoder().encode(fit)
    let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    #expect((object["parameters"] as? [String: Double]).map { Set($0.keys) } == ["alpha", "beta", "gamma", "delta"])
  }

  @Test func publishedAnchors() {
    // REFERENCES.md (FHS 2010): E[X(10)] of a new donor 3.179805; conditional E[X(10)] at n 6
    // for (x, t_x) (0, 0) and (4, 5): 0.1302169 and 3.627858; P(alive in 2002) at (0, 0),
    // (2, 4), (6, 6): 0.11, 0.59, 0.93; expected donors with 0 and 6 of 6: 3454.9 and 1253.1.
    // The paper's values are at its rounded-in-print optimum, so 1e-4 relative.
    let model = Self.optimum
    #expect(model.expectedPurchases(withinOpportunities: 10).isApproximatelyEqual(to: 3.179805, relativeTolerance: 1e-4))
    #expect(model.conditionalExpectedPurchases(withinOpportunities: 10, frequency: 0, recency: 0, opportunities: 6).isApproximatelyEqual(to: 0.1302169, relativeTolerance: 1e-4))
    #expect(model.conditionalExpectedPurchases(withinOpportunities: 10, frequency: 4, recency: 5, opportunities: 6).isApproximatelyEqual(to: 3.627858, relativeTolerance: 1e-4))
    for (x, tx, expected) in [(0, 0, 0.11), (2, 4, 0.59), (6, 6, 0.93)] {
      #expect(abs(model.probabilityAlive(frequency: x, recency: tx, opportunities: 6) - expected) <= 0.005)
    }
    #expect((11_104 * model.probabilityOfPurchases(0, withinOpportunities: 6)).isApproximatelyEqual(to: 3454.9, absoluteTolerance: 0.05))
    #expect((11_104 * model.probabilityOfPurchases(6, withinOpportunities: 6)).isApproximatelyEqual(to: 1253.1, absoluteTolerance: 0.05))
    // mpmath (30 digits) at the exact optimum, 12 digits.
    #expect(model.expectedPurchases(withinOpportunities: 10).isApproximatelyEqual(to: 3.17982910279, relativeTolerance: 1e-10))
    #expect(model.conditionalExpectedPurchases(withinOpportunities: 10, frequency: 4, recency: 5, opportunities: 6).isApproximatelyEqual(to: 3.62796784339, relativeTolerance: 1e-10))
    #expect(model.probabilityAlive(frequency: 2, recency: 4, opportunities: 6).isApproximatelyEqual(to: 0.589657198839, relativeTolerance: 1e-10))
  }

  @Test func probabilityMassSumsToOneAndMatchesTheMean() {
    let model = Self.optimum
    var total = 0.0, mean = 0.0
    for x in 0...6 {
      let p = model.probabilityOfPurchases(x, withinOpportunities: 6)
      total += p
      mean += Double(x) * p
    }
    #expect(total.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-13))
    #expect(mean.isApproximatelyEqual(to: model.expectedPurchases(withinOpportunities: 6), relativeTolerance: 1e-12))
  }

  @Test func gradientMatchesFiniteDifferences() throws {
    let data = try Self.donations()
    let patterns = (0..<data.patternCount).map { (x: data.frequency[$0], tx: data.recency[$0], n: data.opportunities[$0], weight: data.count[$0]) }
    let theta = [log(1.1), log(0.8), log(0.6), log(2.5)]
    var gradient = [Double](repeating: 0, count: 4)
    _ = BGBBModel.logLikelihood(patterns: patterns, logParameters: theta, gradient: &gradient)
    var scratch = gradient
    for index in 0..<4 {
      var up = theta, down = theta
      up[index] += 1e-6
      down[index] -= 1e-6
      let numeric = (BGBBModel.logLikelihood(patterns: patterns, logParameters: up, gradient: &scratch)
        - BGBBModel.logLikelihood(patterns: patterns, logParameters: down, gradient: &scratch)) / 2e-6
      #expect(gradient[index].isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-3, relativeTolerance: 1e-6))
    }
  }

  @Test func badPatternsThrow() {
    let fractional = BGBBModel.Patterns(frequency: [1.5], recency: [2], opportunities: [6])
    #expect(throws: RetentionModelError.self) { try BGBBModel.fit(fractional) }
    let outOfOrder = BGBBModel.Patterns(frequency: [3], recency: [2], opportunities: [6])
    #expect(throws: RetentionModelError.self) { try BGBBModel.fit(outOfOrder) }
  }

  @Test func simulationIsDeterministicAndAgreesWithTheMean() {
    let model = Self.optimum
    var first = SplitMix64(seed: 7), second = SplitMix64(seed: 7)
    #expect(model.simulateTransactions(opportunities: 6, using: &first) == model.simulateTransactions(opportunities: 6, using: &second))
    var generator = SplitMix64(seed: 42)
    var total = 0
    let customers = 20_000
    for _ in 0..<customers { total += model.simulateTransactions(opportunities: 6, using: &generator).count }
    // The standard deviation of X(6) is below 2.5, so the mean of 20,000 draws is within
    // 4 standard errors (0.07) of E[X(6)] = 2.2202 (mpmath) except with probability 1e-4.
    #expect(abs(Double(total) / Double(customers) - model.expectedPurchases(withinOpportunities: 6)) < 0.07)
  }
}
