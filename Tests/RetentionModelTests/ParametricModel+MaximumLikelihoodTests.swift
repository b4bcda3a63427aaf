import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The fitting scaffold every model calls: its estimate is a maximum of the likelihood the model
/// handed it, and its report carries that likelihood's data size and the model's parameter
/// names.
struct ParametricModelMaximumLikelihoodTests {
  /// At the estimate the log-likelihood equals the report's, its gradient vanishes (to 1e-7 of
  /// |ln L|, above the optimiser's 1e-9 because the parameters pass through exp and log), and
  /// a 1 % step of any parameter either way lowers it.
  static func expectMaximum<Model: ParametricModel>(_ fit: ModelFit<Model>, of likelihood: some LogLikelihood) {
    #expect(fit.converged, "\(Model.identifier)")
    #expect(fit.customers == likelihood.customers && fit.uniqueTriples == likelihood.rows)
    let theta = fit.parameters.values.map { log($0) }
    #expect(theta.count == Model.Parameters.names.count)
    #expect(fit.standardErrors?.values.count == theta.count)
    var gradient = [Double](repeating: .nan, count: theta.count)
    let top = likelihood.evaluate(logParameters: theta, gradient: &gradient)
    #expect(top.isApproximatelyEqual(to: fit.logLikelihood, relativeTolerance: 1e-12), "\(Model.identifier)")
    #expect(gradient.allSatisfy { abs($0) <= 1e-7 * max(1, abs(top)) }, "\(Model.identifier): \(gradient)")
    var scratch = gradient
    for index in theta.indices {
      for step in [-0.01, 0.01] {
        var moved = theta
        moved[index] += step
        #expect(
          likelihood.evaluate(logParameters: moved, gradient: &scratch) < top,
          "\(Model.identifier) \(Model.Parameters.names[index])")
      }
    }
  }

  @Test func everyModelsFitIsAMaximumOfItsLikelihood() throws {
    let data = try CDNOWFixtures.publishedSummary()
    let triples = try IndexedTriples(data)
    Self.expectMaximum(
      try BGNBDModel.fit(data), of: BetaGeometricLikelihood(triples: triples, isModified: false, isParallel: true))
    Self.expectMaximum(
      try MBGNBDModel.fit(data), of: BetaGeometricLikelihood(triples: triples, isModified: true, isParallel: true))
    Self.expectMaximum(try NBDModel.fit(data), of: NBDLikelihood(triples: triples, isParallel: true))
    Self.expectMaximum(try ParetoNBDModel.fit(data), of: ParetoNBDLikelihood(triples: triples, isParallel: true))
    let donations = try BGBBModelTests.donations()
    Self.expectMaximum(try BGBBModel.fit(donations), of: try BGBBLikelihood(donations))
    let cohort = Array(ShiftedBetaGeometricModelTests.regular.prefix(8))
    Self.expectMaximum(
      try ShiftedBetaGeometricModel.fit(survivors: cohort), of: try ShiftedBetaGeometricLikelihood(cohorts: [cohort]))
  }

  /// The report names its standard errors by the model's parameter names.
  @Test func reportNamesTheParameters() throws {
    let fit = try NBDModel.fit(try CDNOWFixtures.publishedSummary())
    let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(fit)) as? [String: Any]
    let errors = try #require(json?["standardErrors"] as? [String: Double])
    #expect(Set(errors.keys) == Set(NBDModel.Parameters.names))
    #expect(json?["model"] as? String == "nbd")
  }
}
