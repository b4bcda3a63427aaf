import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The likelihoods the fits maximise: each equals the sum of its model's readable customer-level
/// formula over the data, and reports the data size that the fit report carries.
struct LogLikelihoodTests {
  /// Checks a triple likelihood against Σ count × the model's customer-level ln L.
  ///
  /// The fast sums agree to 1e-12 of the total: their per-value tables and chunked sums only
  /// reorder the floating-point additions.
  static func expectSumOfCustomerLevelFormulas<Model: RepeatPurchaseModel & ParametricModel>(
    _ likelihood: some TripleLogLikelihood, _ model: Model, _ data: FrequencyRecencyData
  ) {
    var readable = 0.0
    for row in 0..<data.uniqueCount {
      readable +=
        data.count[row]
        * model.logLikelihood(frequency: data.frequency[row], recency: data.recency[row], age: data.age[row])
    }
    #expect(
      likelihood.value(at: model.parameters).isApproximatelyEqual(to: readable, relativeTolerance: 1e-12),
      "\(Model.identifier)")
    #expect(likelihood.customers == data.count.reduce(0, +))
    #expect(likelihood.rows == data.uniqueCount)
  }

  @Test func tripleLikelihoodsSumTheCustomerLevelFormulas() throws {
    let data = try CDNOWFixtures.sampleSummaries().compressed()
    let triples = try IndexedTriples(data)
    Self.expectSumOfCustomerLevelFormulas(
      BetaGeometricLikelihood(triples: triples, isModified: false, isParallel: true),
      BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks), data)
    Self.expectSumOfCustomerLevelFormulas(
      BetaGeometricLikelihood(triples: triples, isModified: true, isParallel: true),
      MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks), data)
    Self.expectSumOfCustomerLevelFormulas(
      NBDLikelihood(triples: triples, isParallel: true), NBDModel(r: 0.385, alpha: 12.072, unit: .weeks), data)
    Self.expectSumOfCustomerLevelFormulas(
      ParetoNBDLikelihood(triples: triples, isParallel: true),
      ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks), data)
  }

  /// The Pareto/NBD sum with its per-frequency expansion at z = 1 against the customer-level
  /// formula at parameters where every customer needs it (UCI Online Retail's edge without
  /// dropout, and the mirrored case with alpha far above beta).
  @Test func paretoLikelihoodSumsTheCustomerLevelFormulaNearZEqualsOne() throws {
    let data = try FitDiagnosticsTests.onlineRetailSample()
    let triples = try IndexedTriples(data)
    for model in [
      ParetoNBDModel(r: 0.744, alpha: 9.05, s: 2e-7, beta: 1.4e6, unit: .weeks),
      ParetoNBDModel(r: 1.64, alpha: 24.7, s: 0.3, beta: 1e5, unit: .weeks),
      ParetoNBDModel(r: 40, alpha: 1e6, s: 0.3, beta: 0.1, unit: .weeks),
    ] {
      Self.expectSumOfCustomerLevelFormulas(ParetoNBDLikelihood(triples: triples, isParallel: true), model, data)
    }
  }

  @Test func bgbbLikelihoodSumsTheCustomerLevelFormula() throws {
    let data = try BGBBModelTests.donations()
    let likelihood = try BGBBLikelihood(data)
    let model = BGBBModelTests.optimum
    var readable = 0.0
    for row in 0..<data.patternCount {
      readable +=
        data.count[row]
        * model.logLikelihood(
          frequency: Int(data.frequency[row]), recency: Int(data.recency[row]), opportunities: Int(data.opportunities[row]))
    }
    #expect(likelihood.value(at: model.parameters).isApproximatelyEqual(to: readable, relativeTolerance: 1e-13))
    // REFERENCES.md: 11,104 donors in 22 (x, t_x) patterns; the offline SciPy optimum's
    // log-likelihood is -33225.581274347.
    #expect(likelihood.customers == 11_104 && likelihood.rows == 22)
    #expect(readable.isApproximatelyEqual(to: -33225.581274347, absoluteTolerance: 1e-6))
  }

  @Test func bgbbLikelihoodDropsEmptyPatternsAndRejectsBadOnes() throws {
    let data = BGBBModel.Patterns(frequency: [0, 1, 2], recency: [0, 3, 4], opportunities: [6, 6, 6], count: [5, 0, 2])
    let likelihood = try BGBBLikelihood(data)
    #expect(likelihood.rows == 2 && likelihood.customers == 7)
    let error = #expect(throws: RetentionModelError.self) {
      try BGBBLikelihood(BGBBModel.Patterns(frequency: [1], recency: [2.5], opportunities: [6]))
    }
    #expect(error?.row == 0)
    #expect(throws: RetentionModelError.self) {
      try BGBBLikelihood(BGBBModel.Patterns(frequency: [1], recency: [2], opportunities: [6], count: [0]))
    }
  }

  /// A hand-computed shifted-beta-geometric likelihood.
  ///
  /// One cohort of 10 with 6 left after a period and 5 after two, at α = β = 1:
  /// P(T = 1) = B(2, 1)/B(1, 1) = 1/2, P(T = 2) = B(2, 2)/B(1, 1) = 1/6, S(2) = B(1, 3)/B(1, 1)
  /// = 1/3, so ln L = 4 ln(1/2) + 1 ln(1/6) + 5 ln(1/3) (Fader & Hardie 2007, eq. 5 and 6).
  @Test func shiftedBetaGeometricLikelihoodMatchesAHandComputedCohort() throws {
    let likelihood = try ShiftedBetaGeometricLikelihood(cohorts: [[10, 6, 5], [4, 4]])
    // The second cohort keeps all 4 for one period: + 4 ln S(1) = 4 ln(1/2).
    let expected = 4 * log(0.5) + log(1.0 / 6) + 5 * log(1.0 / 3) + 4 * log(0.5)
    #expect(
      likelihood.value(at: ShiftedBetaGeometricModel.Parameters(alpha: 1, beta: 1)).isApproximatelyEqual(
        to: expected, relativeTolerance: 1e-14))
    #expect(likelihood.customers == 14 && likelihood.rows == 3)
    let error = #expect(throws: RetentionModelError.self) {
      try ShiftedBetaGeometricLikelihood(cohorts: [[10, 6], [5, 7]])
    }
    #expect(error?.row == 1)
  }
}
