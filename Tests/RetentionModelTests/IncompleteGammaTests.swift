import Foundation
import Testing
import _TestSupport
import RetentionModel

struct IncompleteGammaTests {
  /// Upper 5 % points of the chi-square distribution (NIST/SEMATECH e-Handbook of Statistical
  /// Methods, 1.3.6.7.4, "Critical values of the chi-square distribution").
  @Test(arguments: [(1, 3.841), (2, 5.991), (4, 9.488), (10, 18.307), (30, 43.773)] as [(Int, Double)])
  func chiSquareCriticalValuesHaveFivePercentAbove(degrees: Int, critical: Double) {
    // The table has three decimals: about 1e-3 relative in the tail probability.
    #expect(
      SpecialFunctions.chiSquaredSurvival(critical, degreesOfFreedom: degrees)
        .isApproximatelyEqual(to: 0.05, absoluteTolerance: 1e-4, relativeTolerance: 0))
  }

  /// Closed forms: Q(1, x) = e^-x, and χ²(2) survival e^(-x/2); Q(1/2, x) = erfc(√x).
  @Test(arguments: [0.01, 0.5, 1, 2.5, 10, 40] as [Double])
  func closedFormsAgree(x: Double) {
    #expect(
      SpecialFunctions.regularizedUpperIncompleteGamma(1, x).isApproximatelyEqual(
        to: exp(-x), absoluteTolerance: 1e-300, relativeTolerance: 1e-12))
    #expect(
      SpecialFunctions.chiSquaredSurvival(x, degreesOfFreedom: 2).isApproximatelyEqual(
        to: exp(-x / 2), absoluteTolerance: 1e-300, relativeTolerance: 1e-12))
    #expect(
      SpecialFunctions.regularizedUpperIncompleteGamma(0.5, x).isApproximatelyEqual(
        to: erfc(sqrt(x)), absoluteTolerance: 1e-300, relativeTolerance: 1e-10))
  }

  @Test func edges() {
    #expect(SpecialFunctions.chiSquaredSurvival(0, degreesOfFreedom: 3) == 1)
    #expect(SpecialFunctions.chiSquaredSurvival(-1, degreesOfFreedom: 3) == 1)
    #expect(SpecialFunctions.regularizedUpperIncompleteGamma(3, .infinity) == 0)
    #expect(SpecialFunctions.chiSquaredSurvival(.nan, degreesOfFreedom: 1).isNaN)
    #expect(SpecialFunctions.chiSquaredSurvival(1e4, degreesOfFreedom: 4) >= 0)
  }
}
