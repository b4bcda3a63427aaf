import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// I(ζ; n, m) = ∫_ζ^1 p^-n (1-p)^m dp, the Pareto/NBD integral near z = 1, by its expansion and
/// by quadrature.
struct IncompleteBetaTailTests {
  /// (n, m, ζ, ln I, ∂ ln I/∂(n, m, ζ)), at 50 digits.
  ///
  /// Computed with Python mpmath 1.4.1 at 50 digits:
  /// mpmath.quad of the integral (split at 2ζ, 10ζ, 100ζ and 1/2), ∂n and ∂m by mpmath.diff,
  /// ∂ζ = -ζ^-n (1-ζ)^m / I. The rows: whole-number n (e = k+1-n = 0 in the window, where the
  /// connection formulas of 2F1 have poles) and n = 2 + 1e-9 beside it, n < 1, m < 0, a large
  /// m (1500: the split point h = tanh(2.3/m), about 1.5e-3), and ζ up to 0.15.
  static let references: [(Double, Double, Double, Double, [Double])] = [
    (2.0, 1.0, 0.001, 6.8998160915917564436, [5.9318039918151478, -0.0063132448911102182, -1006.9628155201683]),
    (1.0, 0.5, 0.0001, 2.15137663285780471, [4.8707511634013389, -0.10872821669012227, -1163.1809583845316]),
    (3.0, 5.0, 0.01, 8.421302829487982449, [4.1419778292025119, -0.01838879485685775, -209.33923063128744]),
    (0.5, -0.5, 9.9999999999999995e-7, 1.1440930632424491978, [1.3771025837314921, -1.3871774656572882, -318.51281692965833]),
    (1.7, 1500.0, 1.0000000000000001e-5, 8.2841830292431578176, [10.400119593286962, -5.7672578889990892e-5, -78652.145421884389]),
    (2.5, 20.0, 0.0001, 13.404334552318453302, [8.5497325131867083, -0.00027853854288339545, -15055.765365965178]),
    (2.0000000010000001, 1.0, 0.001, 6.8998160975235609266, [5.9318039927038211, -0.0063132448771524211, -1006.962816502915]),
    (7.0, 6.5, 0.050000000000000003, 15.783271435211657109, [2.8415884416933006, -0.060967154596712795, -128.1816073963946]),
    (0.29999999999999999, 0.20000000000000001, 0.14999999999999999, -0.14445595745406518878, [0.81600439557501666, -0.89600362460101044, -1.9760268099464008]),
  ]

  @Test(arguments: references)
  func expansionMatchesMpmath(n: Double, m: Double, zeta: Double, value: Double, derivatives: [Double]) throws {
    let expansion = IncompleteBetaTail.Expansion(n: n, m: m)
    try #require(zeta <= expansion.largestArgument)
    let tail = expansion.integral(at: zeta)
    #expect(tail.isConverged)
    #expect(tail.value.isApproximatelyEqual(to: value, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
    #expect(tail.dN.isApproximatelyEqual(to: derivatives[0], absoluteTolerance: 1e-11, relativeTolerance: 1e-10))
    #expect(tail.dM.isApproximatelyEqual(to: derivatives[1], absoluteTolerance: 1e-11, relativeTolerance: 1e-10))
    #expect(tail.dZeta.isApproximatelyEqual(to: derivatives[2], relativeTolerance: 1e-12))
  }

  @Test(arguments: references)
  func quadratureMatchesMpmath(n: Double, m: Double, zeta: Double, value: Double, derivatives: [Double]) {
    let tail = IncompleteBetaTail.byQuadrature(zeta: zeta, n: n, m: m)
    #expect(tail.isConverged)
    // The quadrature stops when two levels agree to 1e-12 of the integral.
    #expect(tail.value.isApproximatelyEqual(to: value, absoluteTolerance: 1e-11, relativeTolerance: 1e-11))
    #expect(tail.dN.isApproximatelyEqual(to: derivatives[0], absoluteTolerance: 1e-9, relativeTolerance: 1e-9))
    #expect(tail.dM.isApproximatelyEqual(to: derivatives[1], absoluteTolerance: 1e-9, relativeTolerance: 1e-9))
    #expect(tail.dZeta.isApproximatelyEqual(to: derivatives[2], relativeTolerance: 1e-10))
  }

  @Test func theExpansionIsSmoothThroughWholeNumbers() {
    // ∫_ζ^h p^(e-1) dp is ln(h/ζ) at e = 0 and (h^e - ζ^e)/e beside it: no pole, no jump.
    for n in [1.0, 2, 3, 5] {
      let at = IncompleteBetaTail.Expansion(n: n, m: 1.5).integral(at: 1e-3)
      for offset in [-1e-7, 1e-7] {
        let beside = IncompleteBetaTail.Expansion(n: n + offset, m: 1.5).integral(at: 1e-3)
        // ln I changes by ∂n ln I × offset, to second order.
        #expect(beside.value.isApproximatelyEqual(to: at.value + at.dN * offset, absoluteTolerance: 1e-12))
        #expect(beside.dN.isApproximatelyEqual(to: at.dN, absoluteTolerance: 1e-5))
      }
    }
  }

  @Test func theHelperFunctionsMatchTheirClosedForms() {
    typealias Expansion = IncompleteBetaTail.Expansion
    #expect(Expansion.phi1(0) == 1)
    #expect(Expansion.phi2(0) == 0.5)
    for y in [-30.0, -3, -1.0000001, 1.0000001, 2, 20] {
      #expect(Expansion.phi1(y).isApproximatelyEqual(to: (exp(y) - 1) / y, relativeTolerance: 1e-14))
      #expect(Expansion.phi2(y).isApproximatelyEqual(to: (exp(y) * (y - 1) + 1) / (y * y), relativeTolerance: 1e-12))
    }
    // The Taylor series below |y| = 1 meets the closed form at the seam, and φ₂(y) = ∫_0^1 u e^(yu) du
    // is near 1/2 + y/3 for small y.
    #expect(Expansion.phi2(0.9999999).isApproximatelyEqual(to: Expansion.phi2(1.0000001), relativeTolerance: 1e-6))
    #expect(Expansion.phi2(-0.9999999).isApproximatelyEqual(to: Expansion.phi2(-1.0000001), relativeTolerance: 1e-6))
    #expect(Expansion.phi2(1e-6).isApproximatelyEqual(to: 0.5 + 1e-6 / 3, relativeTolerance: 1e-12))
  }

  @Test func onlyAffordableExpansionsAreBuilt() {
    #expect(IncompleteBetaTail.Expansion.isAffordable(n: 30, m: 50))
    #expect(!IncompleteBetaTail.Expansion.isAffordable(n: 300, m: 50))
    #expect(!IncompleteBetaTail.Expansion.isAffordable(n: 2, m: 1e6))
    // A huge r (the limit of equal purchase rates): the family takes the quadrature instead.
    let family = ParetoIntegral.Family(r: 1e6, alpha: 1.4e6, s: 0.7, beta: 9, x: 1)
    #expect(family.expansion == nil)
    #expect(family.method(at: 0) == .quadrature)
    #expect(family.integral(at: 0).isConverged)
  }
}
