import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct ShiftedBetaGeometricModelTests {
  /// Fader & Hardie (2007), "How to project customer retention": customers of 1,000 still
  /// active at the start of years 0...12 for the regular and high-end segments.
  static let regular: [Double] = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
  static let highEnd: [Double] = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]

  @Test func fitsOnSevenYearsReproduceThePaper() throws {
    // Fader & Hardie (2007) fit years 1-7 and report regular alpha 0.704, beta 1.182,
    // LL -1680.3, high end alpha 0.668, beta 3.806, LL -1611.2. Offline SciPy optimum:
    // regular (0.7040773, 1.1820430), -1680.2651885; high end (0.6680884, 3.8060954), -1611.1581474.
    let regular = try ShiftedBetaGeometricModel.fit(survivors: Array(Self.regular.prefix(8)))
    #expect(regular.converged)
    #expect(regular.parameters.alpha.isApproximatelyEqual(to: 0.7040773, relativeTolerance: 1e-5))
    #expect(regular.parameters.beta.isApproximatelyEqual(to: 1.1820430, relativeTolerance: 1e-5))
    #expect(regular.logLikelihood.isApproximatelyEqual(to: -1680.2651885, absoluteTolerance: 1e-6))
    #expect(abs(regular.parameters.alpha - 0.704) <= 5e-4 && abs(regular.parameters.beta - 1.182) <= 5e-4)
    let highEnd = try ShiftedBetaGeometricModel.fit(survivors: Array(Self.highEnd.prefix(8)))
    #expect(highEnd.parameters.alpha.isApproximatelyEqual(to: 0.6680884, relativeTolerance: 1e-5))
    #expect(highEnd.parameters.beta.isApproximatelyEqual(to: 3.8060954, relativeTolerance: 1e-5))
    #expect(highEnd.logLikelihood.isApproximatelyEqual(to: -1611.1581474, absoluteTolerance: 1e-6))
    #expect(highEnd.customers == 1000 && highEnd.uniqueTriples == 7)
  }

  @Test func projectionsTrackTheHoldoutYears() throws {
    // Offline projections of 1000 S(t) at the regular optimum for years 8 and 12: 220.085 and
    // 170.037; the paper's point is that they track the actual 223 and 173 within a few percent.
    let model = try ShiftedBetaGeometricModel.fit(survivors: Array(Self.regular.prefix(8))).model
    let projected = model.projectedSurvivors(cohortSize: 1000, through: 12)
    #expect(projected[8].isApproximatelyEqual(to: 220.085, absoluteTolerance: 0.01))
    #expect(projected[12].isApproximatelyEqual(to: 170.037, absoluteTolerance: 0.01))
    #expect(abs(projected[12] - Self.regular[12]) / Self.regular[12] < 0.03)
  }

  @Test func closedFormsAreConsistent() {
    let model = ShiftedBetaGeometricModel(alpha: 0.7, beta: 1.2)
    // Hand check: P(T = 1) = alpha / (alpha + beta) and S(1) = beta / (alpha + beta).
    #expect(model.churnProbability(inPeriod: 1).isApproximatelyEqual(to: 0.7 / 1.9, relativeTolerance: 1e-14))
    #expect(model.survival(after: 1).isApproximatelyEqual(to: 1.2 / 1.9, relativeTolerance: 1e-14))
    // S(t) = S(t-1) - P(T = t), and retention rates rise.
    for t in 1...20 {
      #expect((model.survival(after: t - 1) - model.churnProbability(inPeriod: t)).isApproximatelyEqual(to: model.survival(after: t), relativeTolerance: 1e-12))
      #expect(model.retentionRate(inPeriod: t + 1) > model.retentionRate(inPeriod: t))
    }
    #expect(model.survival(after: 0) == 1)
  }

  @Test func multipleCohortsAddUp() throws {
    // Two copies of one cohort have the same optimum and twice the log-likelihood.
    let single = try ShiftedBetaGeometricModel.fit(survivors: Array(Self.highEnd.prefix(8)))
    let double = try ShiftedBetaGeometricModel.fit(cohorts: [Array(Self.highEnd.prefix(8)), Array(Self.highEnd.prefix(8))])
    #expect(double.logLikelihood.isApproximatelyEqual(to: 2 * single.logLikelihood, relativeTolerance: 1e-10))
    #expect(double.parameters.alpha.isApproximatelyEqual(to: single.parameters.alpha, relativeTolerance: 1e-6))
  }

  @Test func badCountsThrow() {
    #expect(throws: RetentionModelError.self) { try ShiftedBetaGeometricModel.fit(survivors: [100, 120, 80]) }
    #expect(throws: RetentionModelError.self) { try ShiftedBetaGeometricModel.fit(survivors: [100]) }
    #expect(throws: RetentionModelError.self) { try ShiftedBetaGeometricModel.fit(survivors: [100, .nan]) }
  }
}
