import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct MaximumLikelihoodTests {
  @Test func lbfgsFindsTheRosenbrockMinimum() {
    let minimizer = LBFGSMinimizer(lowerBounds: [-5, -5], upperBounds: [5, 5], maximumIterations: 500, gradientTolerance: 1e-8)
    let result = minimizer.minimize(from: [-1.2, 1]) { x, gradient in
      let a = 1 - x[0], b = x[1] - x[0] * x[0]
      gradient[0] = -2 * a - 400 * x[0] * b
      gradient[1] = 200 * b
      return a * a + 100 * b * b
    }
    #expect(result.converged)
    #expect(result.point[0].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-6))
    #expect(result.point[1].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-6))
  }

  @Test func lbfgsStopsAtAnActiveBound() {
    // The unconstrained minimum (3, -2) lies outside the box; the answer is the corner (1, -1).
    let minimizer = LBFGSMinimizer(lowerBounds: [-1, -1], upperBounds: [1, 1])
    let result = minimizer.minimize(from: [0, 0]) { x, gradient in
      gradient = [2 * (x[0] - 3), 2 * (x[1] + 2)]
      return (x[0] - 3) * (x[0] - 3) + (x[1] + 2) * (x[1] + 2)
    }
    #expect(result.point == [1, -1])
    #expect(result.converged)
  }

  @Test func nonFiniteRegionsAreAvoidedAndTheResultIsNeverWorseThanTheStart() {
    // f is undefined (NaN) for x > 2; the minimum of (x - 3)^2 inside the defined region is
    // approached from the left, and every accepted step lowers f.
    let minimizer = LBFGSMinimizer(lowerBounds: [-10], upperBounds: [10])
    let start = -4.0
    let result = minimizer.minimize(from: [start]) { x, gradient in
      gradient = [2 * (x[0] - 3)]
      return x[0] > 2 ? .nan : (x[0] - 3) * (x[0] - 3)
    }
    #expect(result.value.isFinite)
    #expect(result.value <= (start - 3) * (start - 3))
    #expect(result.point[0] <= 2 && result.point[0] > 1.9)
  }

  @Test func gammaShapeAndRateAreEstimatedWithDeltaMethodErrors() throws {
    // Closed check: for exponential data (gamma shape 1) the MLE of the rate with the shape
    // fixed is 1 / mean; here both are free, and the estimate must satisfy the score equations
    // ln(shape) - digamma(shape) = ln(mean) - mean(ln x) and rate = shape / mean.
    var generator = SplitMix64(seed: 3)
    let sample = (0..<5_000).map { _ in RandomVariates.gamma(shape: 2.5, rate: 0.5, using: &generator) }
    let n = Double(sample.count)
    let mean = sample.reduce(0, +) / n
    let meanLog = sample.reduce(0) { $0 + log($1) } / n
    let estimate = try MaximumLikelihood.maximize(starts: [[1, 1]], options: FitOptions()) { theta, gradient in
      let shape = exp(theta[0]), rate = exp(theta[1])
      let value = n * (shape * log(rate) - SpecialFunctions.logGamma(shape) + (shape - 1) * meanLog - rate * mean)
      gradient[0] = n * (log(rate) - SpecialFunctions.digamma(shape) + meanLog) * shape
      gradient[1] = n * (shape / rate - mean) * rate
      return value
    }
    let shape = estimate.parameters[0], rate = estimate.parameters[1]
    #expect((log(shape) - SpecialFunctions.digamma(shape)).isApproximatelyEqual(to: log(mean) - meanLog, relativeTolerance: 1e-7))
    #expect(rate.isApproximatelyEqual(to: shape / mean, relativeTolerance: 1e-7))
    // The draws come from shape 2.5: within 4 standard errors.
    let errors = try #require(estimate.standardErrors)
    #expect(abs(shape - 2.5) < 4 * errors[0])
    #expect(abs(rate - 0.5) < 4 * errors[1])
  }

  @Test func degenerateDataGiveAFiniteFitInsideTheBounds() throws {
    // Nobody repeats: the BG/NBD likelihood increases without bound towards r -> 0; the fit
    // must stay finite, inside the box, and not worse than its best start.
    let nobody = FrequencyRecencyData(frequency: [0, 0, 0], recency: [0, 0, 0], age: [10, 20, 30], unit: .weeks, count: [100, 50, 25])
    let options = FitOptions()
    let fit = try BGNBDModel.fit(nobody, options: options)
    #expect(fit.logLikelihood.isFinite && fit.logLikelihood <= 0)
    // exp(ln(bound)) may differ from the bound in the last bit.
    let low = options.parameterBounds.lowerBound * (1 - 1e-12), high = options.parameterBounds.upperBound * (1 + 1e-12)
    #expect(fit.parameters.values.allSatisfy { $0 >= low && $0 <= high })
    let starts = BGNBDModel.defaultStarts(try IndexedTriples(nobody))
    let bestStart = starts.map { (try? BGNBDModel(parameters: .init(values: $0), unit: .weeks).logLikelihood(of: nobody)) ?? -.infinity }.max() ?? -.infinity
    #expect(fit.logLikelihood >= bestStart)
    // One customer with many purchases.
    let single = try ParetoNBDModel.fit(FrequencyRecencyData(frequency: [300], recency: [38], age: [39], unit: .weeks))
    #expect(single.logLikelihood.isFinite)
  }

  @Test func startsAreValidatedAndUsed() throws {
    let data = try CDNOWFixtures.publishedSummary()
    var options = FitOptions(starts: [[0.24, 4.4, 0.79, 2.4]], exhaustiveStarts: true)
    let fit = try BGNBDModel.fit(data, options: options)
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -9582.425560567, absoluteTolerance: 1e-6))
    options.starts = [[1, 2, 3]]
    #expect(throws: RetentionModelError.self) { try BGNBDModel.fit(data, options: options) }
    options.starts = [[-1, 2, 3, 4]]
    #expect(throws: RetentionModelError.self) { try BGNBDModel.fit(data, options: options) }
  }

  @Test func parallelAndSerialLikelihoodsAgreeExactly() throws {
    // Chunks and their summation order are fixed, so threads do not change the sum.
    let triples = try IndexedTriples(try CDNOWFixtures.sampleSummaries().compressed())
    var gradient = [Double](repeating: 0, count: 4)
    let theta = [log(0.3), log(5.0), log(0.7), log(2.0)]
    let parallel = BetaGeometricLikelihood(triples: triples, isModified: false, isParallel: true).evaluate(logParameters: theta, gradient: &gradient)
    let parallelGradient = gradient
    let serial = BetaGeometricLikelihood(triples: triples, isModified: false, isParallel: false).evaluate(logParameters: theta, gradient: &gradient)
    #expect(parallel == serial)
    #expect(parallelGradient == gradient)
  }
}
