import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct MBGCNBDModelTests {
  /// CDNOW's (x, t_x, T) with a litt sum (irrelevant for k = 1, where the timing term is 0).
  static func cdnow() throws -> PurchaseTimingData {
    let log = try CDNOWFixtures.sampleLog()
    return try PurchaseTimingData(summaries: try CDNOWFixtures.sampleSummaries(), log: log)
  }

  @Test(arguments: [true, false])
  func likelihoodWithOneStageIsTheBetaGeometricLikelihood(isModified: Bool) throws {
    let triples = try IndexedTriples(try CDNOWFixtures.publishedSummary())
    let erlang = ErlangBetaGeometricLikelihood(triples: triples, k: 1, isModified: isModified, isParallel: false)
    let reference = BetaGeometricLikelihood(triples: triples, isModified: isModified, isParallel: false)
    for point in [
      [0.243, 4.414, 0.793, 2.426], [0.525, 6.183, 0.891, 1.614], [2, 0.5, 0.05, 30], [0.01, 80, 5, 0.2],
    ] {
      let theta = point.map { log($0) }
      var gradient = [Double](repeating: 0, count: 4), referenceGradient = gradient
      let value = erlang.evaluate(logParameters: theta, gradient: &gradient)
      let expected = reference.evaluate(logParameters: theta, gradient: &referenceGradient)
      // The acceptance bound of issue 20: 1e-9 in the log-likelihood.
      #expect(value.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
      #expect(abs(value - expected) <= 1e-9)
      for index in 0..<4 {
        #expect(
          gradient[index].isApproximatelyEqual(
            to: referenceGradient[index], absoluteTolerance: 1e-9, relativeTolerance: 1e-10))
      }
    }
  }

  @Test func oneStageReproducesTheMBGNBDAndBGNBDAtTheirOptima() throws {
    let data = try Self.cdnow()
    let mbgnbd = try MBGNBDModel.fit(data.triples)
    let p = mbgnbd.parameters
    let mbgcnbd = MBGCNBDModel(k: 1, r: p.r, alpha: p.alpha, a: p.a, b: p.b, unit: .weeks)
    #expect(abs(try mbgcnbd.logLikelihood(of: data) - mbgnbd.logLikelihood) <= 1e-9)
    let bgnbd = try BGNBDModel.fit(data.triples)
    let q = bgnbd.parameters
    let bgcnbd = BGCNBDModel(k: 1, r: q.r, alpha: q.alpha, a: q.a, b: q.b, unit: .weeks)
    #expect(abs(try bgcnbd.logLikelihood(of: data) - bgnbd.logLikelihood) <= 1e-9)

    // Fitted with k = 1 they reach the same optimum (REFERENCES: MBG/NBD -9582.136, BG/NBD
    // -9582.429 from the transactions); both optimisers stop within their gradient tolerance.
    let fit = try MBGCNBDModel.fit(data, k: 1)
    #expect(fit.logLikelihood.isApproximatelyEqual(to: mbgnbd.logLikelihood, absoluteTolerance: 1e-6))
    for (value, expected) in zip(fit.parameters.values.dropFirst(), p.values) {
      #expect(value.isApproximatelyEqual(to: expected, relativeTolerance: 1e-4))
    }
    let bgFit = try BGCNBDModel.fit(data, k: 1)
    #expect(bgFit.logLikelihood.isApproximatelyEqual(to: bgnbd.logLikelihood, absoluteTolerance: 1e-6))
    #expect(bgFit.parameters.k == 1)
    // k is held fixed: no standard error, with the reason; the others have theirs.
    #expect(fit.diagnostics.missingStandardErrors["k"] != nil)
    for name in ["r", "alpha", "a", "b"] {
      let error = try #require(fit.standardErrorsByParameter[name])
      let expected = try #require(mbgnbd.standardErrorsByParameter[name])
      #expect(error.isApproximatelyEqual(to: expected, relativeTolerance: 1e-3))
    }
  }

  @Test func oneStageCustomerQuantitiesAreTheMBGNBDs() {
    let modified = MBGCNBDModel(k: 1, r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)
    let reference = MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)
    let plain = BGCNBDModel(k: 1, r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let plainReference = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    for (x, tx, t) in [(0.0, 0.0, 38.86), (2, 30.43, 38.86), (7, 35, 39), (26, 30.857143, 31), (1, 2, 60)] {
      #expect(
        modified.probabilityAlive(frequency: x, recency: tx, age: t).isApproximatelyEqual(
          to: reference.probabilityAlive(frequency: x, recency: tx, age: t), relativeTolerance: 1e-12))
      #expect(
        plain.probabilityAlive(frequency: x, recency: tx, age: t).isApproximatelyEqual(
          to: plainReference.probabilityAlive(frequency: x, recency: tx, age: t), relativeTolerance: 1e-12))
      for horizon in [1.0, 39, 52] {
        // The stage series against the 2F1 closed forms (Batislam et al. 2007; FHL 2005 eq. 10).
        #expect(
          modified.conditionalExpectedPurchases(withinPeriods: horizon, frequency: x, recency: tx, age: t)
            .isApproximatelyEqual(
              to: reference.conditionalExpectedPurchases(withinPeriods: horizon, frequency: x, recency: tx, age: t),
              relativeTolerance: 1e-10))
        #expect(
          plain.conditionalExpectedPurchases(withinPeriods: horizon, frequency: x, recency: tx, age: t)
            .isApproximatelyEqual(
              to: plainReference.conditionalExpectedPurchases(
                withinPeriods: horizon, frequency: x, recency: tx, age: t), relativeTolerance: 1e-10))
        #expect(
          modified.probabilityOfNoPurchase(withinPeriods: horizon, frequency: x, recency: tx, age: t)
            .isApproximatelyEqual(
              to: reference.probabilityOfNoPurchase(withinPeriods: horizon, frequency: x, recency: tx, age: t),
              relativeTolerance: 1e-12))
        #expect(
          modified.logLikelihood(frequency: x, recency: tx, age: t).isApproximatelyEqual(
            to: reference.logLikelihood(frequency: x, recency: tx, age: t), relativeTolerance: 1e-13))
      }
    }
    for t in [1.0, 52, 78] {
      #expect(
        modified.expectedPurchases(withinPeriods: t).isApproximatelyEqual(
          to: reference.expectedPurchases(withinPeriods: t), relativeTolerance: 1e-10))
      #expect(
        plain.expectedPurchases(withinPeriods: t).isApproximatelyEqual(
          to: plainReference.expectedPurchases(withinPeriods: t), relativeTolerance: 1e-10))
      for n in 0..<6 {
        #expect(
          modified.probabilityOfPurchases(n, withinPeriods: t).isApproximatelyEqual(
            to: reference.probabilityOfPurchases(n, withinPeriods: t), relativeTolerance: 1e-12))
        #expect(
          plain.probabilityOfPurchases(n, withinPeriods: t).isApproximatelyEqual(
            to: plainReference.probabilityOfPurchases(n, withinPeriods: t), relativeTolerance: 1e-12))
      }
    }
  }

  @Test(arguments: [(true, 3), (false, 3), (true, 5)])
  func gradientMatchesFiniteDifferences(isModified: Bool, k: Int) throws {
    let data = try PurchaseTimingData(
      summaries: try CDNOWFixtures.sampleSummaries(), log: try CDNOWFixtures.sampleLog())
    let likelihood = ErlangBetaGeometricLikelihood(
      triples: try IndexedTriples(data.triples), k: k, isModified: isModified, isParallel: false)
    let theta = [log(0.7), log(3.0), log(0.9), log(1.5)]
    var gradient = [Double](repeating: 0, count: 4)
    _ = likelihood.evaluate(logParameters: theta, gradient: &gradient)
    var scratch = gradient
    for index in 0..<4 {
      var up = theta, down = theta
      up[index] += 1e-6
      down[index] -= 1e-6
      let numeric =
        (likelihood.evaluate(logParameters: up, gradient: &scratch)
          - likelihood.evaluate(logParameters: down, gradient: &scratch)) / 2e-6
      // Central differences of a sum near 1e4 in size: about 1e-4 absolute error.
      #expect(gradient[index].isApproximatelyEqual(to: numeric, absoluteTolerance: 1e-3, relativeTolerance: 1e-6))
    }
  }

  @Test func totalLikelihoodIsTheSumOverCustomers() throws {
    let log = try GroceryFixtures.log()
    let summaries = log.summaries(GroceryFixtures.summaryOptions())
    let litt = try log.logInterPurchaseTimes(of: summaries)
    let data = try PurchaseTimingData(summaries: summaries, log: log)
    for model in [
      MBGCNBDModel(k: 2, r: 1.2, alpha: 5, a: 0.5, b: 4, unit: .weeks),
      MBGCNBDModel(k: 4, r: 0.8, alpha: 1.5, a: 1.1, b: 9, unit: .weeks),
    ] {
      var sum = 0.0
      for index in summaries.indices {
        sum += model.logLikelihood(
          frequency: summaries.frequency[index], recency: summaries.recency[index], age: summaries.age[index],
          logInterPurchaseTimes: litt[index])
      }
      #expect(try model.logLikelihood(of: data).isApproximatelyEqual(to: sum, relativeTolerance: 1e-12))
      // The same data in days give the same number (the model converts them to weeks).
      let daily = try PurchaseTimingData(
        summaries: log.summaries(GroceryFixtures.summaryOptions(unit: .days)), log: log)
      #expect(try model.logLikelihood(of: daily).isApproximatelyEqual(to: sum, relativeTolerance: 1e-11))
    }
  }
}
