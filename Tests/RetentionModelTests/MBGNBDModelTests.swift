import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct MBGNBDModelTests {
  @Test func fitFromTransactionsReproducesThePublishedFit() throws {
    let fit = try MBGNBDModel.fit(try CDNOWFixtures.sampleSummaries().compressed())
    #expect(fit.converged)
    // REFERENCES.md (Batislam et al. 2007 on CDNOW): r 0.525, alpha 6.183, a 0.891, b 1.614,
    // log-likelihood -9582.136. Offline exact optimum (SciPy, same likelihood):
    // (0.52484315, 6.18308526, 0.89135945, 1.6140024), -9582.135715554.
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -9582.136, absoluteTolerance: 0.01))
    let exact = [0.52484315, 6.18308526, 0.89135945, 1.6140024]
    let published = [0.525, 6.183, 0.891, 1.614]
    for index in 0..<4 {
      #expect(fit.parameters.values[index].isApproximatelyEqual(to: exact[index], relativeTolerance: 1e-3))
      #expect(abs(fit.parameters.values[index] - published[index]) <= 5e-4)
    }
    // Offline numerical Hessian: standard errors 0.08327, 0.6956, 0.1548, 0.5375.
    let errors = try #require(fit.standardErrors)
    for (value, expected) in zip(errors.values, [0.08327, 0.6956, 0.1548, 0.5375]) {
      #expect(value.isApproximatelyEqual(to: expected, relativeTolerance: 2e-3))
    }
  }

  @Test func expectationsMatchMpmath() {
    // mpmath (30 digits) at the published parameters: E[X(t)] by the 2F1 formula, and the
    // conditional expectation E[Y(t)] whose alive part was also checked against a direct
    // integral over the posterior of p.
    let model = MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)
    for (t, expected) in [(1.0, 0.0530847952637018), (10, 0.433467415156571), (52, 1.41972375771275), (78, 1.80475757755314)] {
      #expect(model.expectedPurchases(within: .weeks(t)).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
    }
    #expect(model.conditionalExpectedPurchases(within: .weeks(39), frequency: 0, recency: 0, age: 38.86).isApproximatelyEqual(to: 0.154012746675147, relativeTolerance: 1e-12))
    #expect(model.conditionalExpectedPurchases(within: .weeks(39), frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 1.26296062326737, relativeTolerance: 1e-12))
    #expect(model.conditionalExpectedPurchases(within: .weeks(52), frequency: 7, recency: 35, age: 39).isApproximatelyEqual(to: 5.259023329338, relativeTolerance: 1e-11))
  }

  @Test func probabilityMassIsConsistent() {
    let model = MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)
    var total = 0.0, mean = 0.0
    for n in 0..<400 {
      let p = model.probabilityOfPurchases(n, within: .weeks(30))
      total += p
      mean += Double(n) * p
    }
    #expect(total.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-10))
    #expect(mean.isApproximatelyEqual(to: model.expectedPurchases(within: .weeks(30)), relativeTolerance: 1e-9))
    // A customer without repeat purchases may be dead (unlike the BG/NBD).
    #expect(model.probabilityAlive(frequency: 0, recency: 0, age: 38.86) < 1)
    #expect(model.probabilityAlive(frequency: 1000, recency: 10, age: 100) == 0)
  }

  @Test func gradientMatchesFiniteDifferences() throws {
    let triples = try IndexedTriples(try CDNOWFixtures.publishedSummary())
    let likelihood = BetaGeometricLikelihood(triples: triples, isModified: true, isParallel: false)
    let theta = [log(0.4), log(5.0), log(0.9), log(1.5)]
    var gradient = [Double](repeating: 0, count: 4)
    _ = likelihood.evaluate(logParameters: theta, gradient: &gradient)
    var scratch = gradient
    for index in 0..<4 {
      var up = theta, down = theta
      up[index] += 1e-6
      down[index] -= 1e-6
      let numeric = (likelihood.evaluate(logParameters: up, gradient: &scratch) - likelihood.evaluate(logParameters: down, gradient: &scratch)) / 2e-6
      #expect(gradient[index].isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-3, relativeTolerance: 1e-6))
    }
  }
}
