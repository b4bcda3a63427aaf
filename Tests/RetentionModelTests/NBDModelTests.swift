import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct NBDModelTests {
  @Test func fitReproducesThePublishedFit() throws {
    let fit = try NBDModel.fit(try CDNOWFixtures.publishedSummary())
    #expect(fit.converged)
    // REFERENCES.md (FHL 2005 benchmark): r 0.385, alpha 12.072, log-likelihood -9763.66.
    // Offline optimum (SciPy) on this summary: (0.38476767, 12.07208502), -9763.660222232,
    // standard errors 0.020985, 0.80873.
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -9763.66, absoluteTolerance: 0.01))
    #expect(fit.parameters.r.isApproximatelyEqual(to: 0.38476767, relativeTolerance: 1e-4))
    #expect(fit.parameters.alpha.isApproximatelyEqual(to: 12.07208502, relativeTolerance: 1e-4))
    #expect(abs(fit.parameters.r - 0.385) <= 5e-4 && abs(fit.parameters.alpha - 12.072) <= 5e-4)
    let errors = try #require(fit.standardErrors)
    #expect(errors.r.isApproximatelyEqual(to: 0.020985, relativeTolerance: 1e-3))
    #expect(errors.alpha.isApproximatelyEqual(to: 0.80873, relativeTolerance: 1e-3))
  }

  @Test func closedFormsAgree() {
    let model = NBDModel(r: 0.385, alpha: 12.072, unit: .weeks)
    #expect(model.expectedPurchases(within: .weeks(52)).isApproximatelyEqual(to: 0.385 * 52 / 12.072, relativeTolerance: 1e-15))
    var mean = 0.0
    for n in 0..<500 { mean += Double(n) * model.probabilityOfPurchases(n, within: .weeks(52)) }
    #expect(mean.isApproximatelyEqual(to: model.expectedPurchases(within: .weeks(52)), relativeTolerance: 1e-10))
    // P(Y(t) = 0 | x, T) is the likelihood ratio L(x, T + t) / L(x, T).
    let ratio = exp(model.logLikelihood(frequency: 3, recency: 20, age: 39 + 13) - model.logLikelihood(frequency: 3, recency: 20, age: 39))
    #expect(model.probabilityOfNoPurchase(within: .weeks(13), frequency: 3, recency: 20, age: 39).isApproximatelyEqual(to: ratio, relativeTolerance: 1e-12))
    #expect(model.probabilityAlive(frequency: 3, recency: 20, age: 39) == 1)
  }
}
