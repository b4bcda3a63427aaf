import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

// Every reference value in this file was computed offline with Python mpmath 1.3.0 at 40
// significant digits (loggamma, digamma, log(beta), hyp2f1) and is pasted with 20 digits.
struct SpecialFunctionsTests {
  @Test(arguments: [
    (1e-5, 11.512919692895825707),
    (0.243, 1.3180435846996698495),
    (0.5, 0.57236494292470008707),
    (1, 0.0),
    (2.5, 0.28468287047291915963),
    (10.5, 13.940625219403763633),
    (200.3, 859.52263986128193268),
    (1e6, 12815504.56914761166),
  ])
  func logGammaMatchesMpmath(x: Double, expected: Double) {
    #expect(SpecialFunctions.logGamma(x).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-15, relativeTolerance: 1e-14))
  }

  @Test(arguments: [
    (1e-5, -100000.57719921568107),
    (0.243, -4.351093864423210616),
    (2.5, 0.70315664064524318723),
    (9.99, 2.2507003728312010995),
    (10.5, 2.3030010342976863753),
    (200.3, 5.2973179099630068098),
    (1e6, 13.815510057964190771),
    (-0.5, 0.036489973978576520559),
    (-2.25, 4.1585835646579722748),
  ])
  func digammaMatchesMpmath(x: Double, expected: Double) {
    #expect(SpecialFunctions.digamma(x).isApproximatelyEqual(to: expected, relativeTolerance: 1e-14))
  }

  @Test func digammaAtItsRootIsTiny() {
    // mpmath: digamma(1.4616321449683623) = -3.99e-17; absolute accuracy near the root.
    #expect(abs(SpecialFunctions.digamma(1.4616321449683623)) < 1e-15)
    #expect(SpecialFunctions.digamma(0).isNaN)
    #expect(SpecialFunctions.digamma(-3).isNaN)
  }

  @Test(arguments: [
    (0.793, 2.426, -0.5115692885937032139),
    (1000, 0.5, -2.8813876965715767707),
    (0.01, 0.02, 5.0103133506979857779),
    (3, 4, -4.0943445622221006848),
  ])
  func logBetaMatchesMpmath(a: Double, b: Double, expected: Double) {
    // ln B(1000, 0.5) subtracts ln Γ values near 5900: 1e-12 absolute is the cancellation limit.
    #expect(SpecialFunctions.logBeta(a, b).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-14))
  }

  /// The Pareto/NBD forms 2F1(r+s+x, s+1; r+s+x+1; z) (α >= β) and 2F1(r+s+x, r+x; r+s+x+1; z)
  /// (α < β) at r = 0.55, s = 0.61, for x in 0, 2, 132, 500 and z up to 0.99: values up to
  /// e^2300, far beyond Double, stay finite in log space.
  @Test(arguments: [
    (0.0, 0.1, 0.090711422477997583527, 0.030733460774933419087),
    (0.0, 0.5, 0.58273631161252644256, 0.18801076140776302437),
    (0.0, 0.9, 1.8182823388229325023, 0.50249748802488529831),
    (0.0, 0.99, 3.3840354274432291872, 0.72866952666159680477),
    (2.0, 0.1, 0.12804537557689307083, 0.2032813231081151323),
    (2.0, 0.5, 0.81239311187430360495, 1.308594783305338507),
    (2.0, 0.9, 2.4341168256550955399, 4.1212983045688851924),
    (2.0, 0.99, 4.2648489179396658625, 7.8266802449881018035),
    (132.0, 0.1, 0.16829899720863571276, 13.861377495667153652),
    (132.0, 0.5, 1.104122283705205595, 91.189552334196868488),
    (132.0, 0.9, 3.6098689352079195713, 302.9160018642271711),
    (132.0, 0.99, 6.7762661857513148275, 605.8221790647939177),
    (500.0, 0.1, 0.16927433314571961115, 52.633166326800344381),
    (500.0, 0.5, 1.1127722265159483483, 346.26328000590003944),
    (500.0, 0.9, 3.6791857330344531023, 1150.2592781040372856),
    (500.0, 0.99, 7.1685778240080876543, 2300.5159518360702873),
  ])
  func paretoHypergeometricFormsMatchMpmath(x: Double, z: Double, alphaAtLeastBeta: Double, alphaBelowBeta: Double) {
    let r = 0.55, s = 0.61
    let a = r + s + x
    let first = SpecialFunctions.logHypergeometric2F1(a, s + 1, a + 1, z)
    let second = SpecialFunctions.logHypergeometric2F1(a, r + x, a + 1, z)
    #expect(first.isApproximatelyEqual(to: alphaAtLeastBeta, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
    #expect(second.isApproximatelyEqual(to: alphaBelowBeta, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
  }

  /// The BG/NBD forms 2F1(r, b; a+b-1; t/(α+t)) for t = 1, 32, 78, 1000 and
  /// 2F1(r+x, b+x; a+b+x-1; 52/(α+31+52)) for x = 26, 200 at the published CDNOW parameters.
  @Test(arguments: [
    (0.243, 2.426, 2.219, 0.18470631695603989656, 0.05457907665083623978),
    (0.243, 2.426, 2.219, 0.87878288570330092821, 0.6058119481917262207),
    (0.243, 2.426, 2.219, 0.94644113864149295023, 0.87129570747576618796),
    (0.243, 2.426, 2.219, 0.99560539777422457274, 1.7974777553499689942),
    (26.243, 28.426, 28.219, 0.59487038689454778411, 23.889971266514793616),
    (200.243, 202.426, 202.219, 0.59487038689454778411, 181.11503467723199952),
    (0.5, 0.75, 1.3, -0.5, -0.12043949366649555746),
    (2.0, 1.5, 3.5, -7.0, -2.1182167082013020885),
  ])
  func generalHypergeometricMatchesMpmath(a: Double, b: Double, c: Double, z: Double, expected: Double) {
    let value = SpecialFunctions.logHypergeometric2F1(a, b, c, z)
    #expect(value.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
  }

  @Test func hypergeometricEdgeCases() {
    #expect(SpecialFunctions.logHypergeometric2F1(1, 2, 3, 0) == 0)
    #expect(SpecialFunctions.logHypergeometric2F1(0, 2, 3, 0.5) == 0)
    // 2F1(a, b; b; z) = (1 - z)^(-a) (A&S 15.1.8), through the Pfaff branch with c - b = 0.
    #expect(SpecialFunctions.logHypergeometric2F1(1.5, 2, 2, -3).isApproximatelyEqual(to: -1.5 * log(4.0), relativeTolerance: 1e-14))
    #expect(SpecialFunctions.logHypergeometric2F1(1, 2, 3, 1).isNaN)
    #expect(SpecialFunctions.logHypergeometric2F1(1, 2, -3, 0.5).isNaN)
  }

  @Test func logSpaceHelpersDoNotOverflow() {
    #expect(LogSpace.addExp(1000, 1000).isApproximatelyEqual(to: 1000 + log(2.0), relativeTolerance: 1e-15))
    #expect(LogSpace.addExp(-.infinity, 3) == 3)
    let (softplus, logistic) = LogSpace.softplusAndLogistic(2000)
    #expect(softplus == 2000 && logistic == 1)
    #expect(LogSpace.softplusAndLogistic(-2000).logistic == 0)
    #expect(LogSpace.oneMinusExpOverArgument(0) == 1)
    #expect(LogSpace.oneMinusExpOverArgument(1e-7).isApproximatelyEqual(to: -expm1(-1e-7) / 1e-7, relativeTolerance: 1e-15))
  }

  @Test func tanhSinhIntegratesEndpointSingularities() {
    // ∫_0^1 p^(-1/2) (1-p)^(-1/2) dp = B(1/2, 1/2) = π.
    let value = Quadrature.tanhSinh(from: 0, to: 1) { _, fromZero, fromOne in 1 / sqrt(fromZero * fromOne) }
    #expect(value.isApproximatelyEqual(to: Double.pi, relativeTolerance: 1e-12))
  }
}
