import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The Pareto/NBD integral F(t) = ∫_t^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ of note 008 by each of its
/// methods (the 2F1 series, the expansion at z = 1, the quadrature) against high-precision values
/// and against each other.
struct ParetoIntegralTests {
  /// (r, α, s, β, x, t, ln F, ∂ ln F/∂(r, α, s, β)), at 60 digits.
  ///
  /// Computed with Python mpmath 1.4.1 at 60
  /// digits: ln F from note 008's closed form, 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) /
  /// ((r+s+x)(α+t)^(r+s+x)) for α >= β and 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+t)) /
  /// ((r+s+x)(β+t)^(r+s+x)) for α < β with mpmath.hyp2f1 (which takes its own transformations
  /// near z = 1), the derivatives by mpmath.diff of that closed form; cross-checked on the first
  /// rows against mpmath.quad of the integral. The rows cover the series, the expansion and the
  /// quadrature on both sides of α = β: the edge without dropout of UCI Online Retail (s 1e-8
  /// and 2e-7, β 1.4e6), whole-number r (1, 2, 3 + 1e-12, 1 - 1e-9, where the connection
  /// formulas have poles), large s or r (40 to 300, where the expansion splits below 1/2), a huge
  /// r (1e6, the limit of equal purchase rates),
  /// x up to 500, and random parameters over 1e-8...1e8.
  static let references: [(Double, Double, Double, Double, Double, Double, Double, [Double])] = [
    (0.744, 9.05, 1e-08, 1400000.0, 0.0, 0.0, -9.0992108781772843519, [-11.689636038741598, -0.0012407356591801949, -14.698962070631956, -5.2340810877458516e-7]),
    (0.744, 9.05, 1e-08, 1400000.0, 0.0, 2.5, -9.1020422961185051738, [-11.716185991353969, -0.0010376672118765253, -14.700512989729909, -5.2286689038257155e-7]),
    (0.744, 9.05, 1e-08, 1400000.0, 1.0, 2.5, -15.677108202741300156, [-3.7867125280496344, -0.064447328560665228, -14.152392018029195, -7.1402255719137399e-7]),
    (0.744, 9.05, 1e-08, 1400000.0, 2.0, 2.5, -18.975196528479824811, [-3.0200651139020427, -0.15099662962501731, -14.151995655742162, -7.1427653724264777e-7]),
    (0.744, 9.05, 2e-07, 1400000.0, 1.0, 2.5, -15.67711089169578358, [-3.7867125274907351, -0.064447328565518681, -14.152392018008356, -7.1402269286537644e-7]),
    (0.744, 9.05, 2e-07, 1400000.0, 1.0, 30.0, -16.584154062789296867, [-5.0003785073604332, -0.019075006166573291, -14.152984239436841, -7.1364271422420446e-7]),
    (1.0, 5.0, 0.5, 100000.0, 0.0, 2.5, -15.085018595204063475, [-6.602151331108425, -0.014992050254055384, -11.618085650089703, -1.3875249349712103e-5]),
    (1.0, 5.0, 0.5, 100000.0, 1.0, 2.5, -19.285253796637629045, [-3.0109801638118555, -0.13344174278901865, -11.513512321991817, -1.4991494503461015e-5]),
    (1.0, 5.0, 0.5, 100000.0, 20.0, 2.5, -60.563224302246350195, [-2.0649027089205336, -2.6666674561088425, -11.512954411885059, -1.4999565802691743e-5]),
    (2.0, 3.0, 0.001, 100000000.0, 2.0, 0.0, -22.833550594383755815, [-1.4319456144939443, -1.0000000050049995, -18.420680758952364, -1.0009999849850016e-8]),
    (2.0, 3.0, 0.001, 100000000.0, 3.0, 0.0, -24.219844950498646972, [-1.3486122853314432, -1.3333333366699998, -18.420680753952365, -1.0009999899900005e-8]),
    (0.3, 0.1, 40.0, 1000000.0, 2.0, 0.0, -563.7049497555816365, [1.5333936258548675, -13.00013106227693, -13.815510877677713, -4.0999986893772307e-5]),
    (0.3, 0.1, 40.0, 1000000.0, 2.0, 30.0, -571.12881631537949226, [-4.1663372031663963, -0.043295747342264527, -13.815618734066077, -4.0995568137953699e-5]),
    (1000000.0, 1400000.0, 0.7, 9.0, 0.0, 0.0, -14151986.406114419493, [-14.151983618403809, -0.71428512584454859, -2.3119093521759897, -0.16931307021995545]),
    (1000000.0, 1400000.0, 0.7, 9.0, 0.0, 30.0, -14152010.171891050479, [-14.152005168777815, -0.71426973289887217, -3.6964327865664542, -0.042201271589495676]),
    (1000000.0, 1400000.0, 0.7, 9.0, 1.0, 0.0, -14152000.558098037897, [-14.151983618403108, -0.71428584013017519, -2.3119092641926931, -0.16931308385870202]),
    (1000000.0, 1400000.0, 0.7, 9.0, 1.0, 2.5, -14152002.720883603216, [-14.151985432523432, -0.71428454433090571, -2.5369872640712938, -0.13497611923244041]),
    (1000000.0, 1400000.0, 0.7, 9.0, 2.0, 30.0, -14152038.475901388033, [-14.15200516877602, -0.71427116143962018, -3.6964327261178097, -0.042201274065680875]),
    (1000000.0, 1400000.0, 0.7, 9.0, 20.0, 0.0, -14152269.445786787429, [-14.151983618389788, -0.71429941155708077, -2.3119075925365893, -0.16931334299112744]),
    (1000000.0, 1400000.0, 0.7, 9.0, 20.0, 2.5, -14152271.608606821028, [-14.151985432509311, -0.71429811573376342, -2.5369858258487347, -0.13497629929328921]),
    (40.0, 1000000.0, 0.3, 0.1, 0.0, 2.5, -551.78932039348060685, [-13.816190897316021, -3.9973023698585965e-5, -3.5718000761448088, -0.12572168032876468]),
    (40.0, 1000000.0, 0.3, 0.1, 20.0, 2.5, -828.11131745694272163, [-13.816027475324947, -5.9969165682643571e-5, -3.5105973775621098, -0.12718630555470095]),
    (0.1333839566732197, 0.6915430571017778, 4.039658209788564e-05, 0.4675331578375237, 100.0, 30.0, -347.45480831303854303, [-3.4339731028054741, -3.2303147045761447, -3.4267202763508562, -0.032496280701113261]),
    (5.434512846824042, 1.634835439790596, 0.023329363012632023, 27.51709161316831, 5.0, 39.0, -41.557583774379283603, [-3.8035790253268561, -0.23366131154163186, -4.2601720071783527, -0.014478282849428818]),
    (0.03888066922292852, 43.3370409578601, 4.392104361939568, 1452.4019107805632, 15.0, 0.0, -94.826473703558833594, [-3.8393111432977983, -0.32422581445600313, -7.2832246674689327, -0.0037042072105205183]),
    (4.868144914141938, 19.103910770745713, 13.832818837823618, 0.00048123988403433516, 100.0, 39.0, -481.11307517880699416, [-4.0701822113097567, -1.7906041135094942, -3.6753715320136478, -0.37588926210191719]),
    (1.0, 0.10203044690414145, 0.0005468673020412377, 0.027203057531455938, 0.0, 39.0, -3.6677676522055240353, [-4.6651490592993409, -0.012794638924388168, -4.6641910584312214, -0.012817995329719947]),
    (2.0, 0.01449177946818205, 1e-08, 5576.827660417032, 1.0, 400.0, -21.42540252981564986, [-6.4533707983837743, -0.0051156024384214405, -8.7457242278253899, -0.00015956372755484405]),
    (1.0, 64.04090656896317, 1.0, 100000000.0, 5.0, 0.0, -59.248409942146616946, [-4.3595219642696421, -0.078075102119610362, -18.420680904054512, -1.9999996797957747e-8]),
    (2.2272132873355374e-08, 0.3589601017313161, 1e-08, 431.91396556205996, 5.0, 400.0, -32.204987382098731789, [-6.2104254383688663, -0.010249549693571821, -6.8402636363442072, -0.0010776366458002703]),
    (1.0, 0.5725321986847178, 1.0, 4.040454281022928e-05, 2.0, 39.0, -16.075536239314470177, [-3.9269697313767652, -0.060707084380493818, -3.9153144985777564, -0.040965776755414298]),
    (41.643104508556874, 16000.542735967361, 1.0, 0.02510355392997881, 3.0, 39.0, -436.17187297130138413, [-9.6863974459522147, -0.0027734000779029466, -4.3487215436584014, -0.029699740155606425]),
    (2.0, 1.7260660569420388e-07, 2.0, 0.018682068270670947, 0.0, 5.0, -7.8329978603318285041, [-1.8598856807787792, -0.31988062861880671, -1.8628690284117435, -0.47833211369766058]),
    (2.0, 147.86288399276953, 1e-08, 0.4715993885172481, 30.0, 0.0, -159.18159889072172432, [-5.0088865659811559, -0.21373843805003218, -0.465691414134467, -0.83973420970169878]),
    (2.0, 60.72020684386523, 1.0, 0.24233534554598393, 100.0, 30.0, -466.77609786733326475, [-4.5171443672871784, -1.1139052660979681, -3.4368300107906489, -0.064356268551470722]),
    (0.5, 64347.28098065692, 0.5, 19.74098820969833, 15.0, 30.0, -173.0713778687707114, [-11.078502617209768, -0.00023935501428949774, -5.2704914822386311, -0.011881046441305427]),
    (0.999999999, 0.01019051751746533, 1.0472263502974821e-07, 1.0438175080382265e-08, 0.0, 400.0, -5.9914780103064797964, [-6.9914835503868624, -0.0012499735263723814, -6.9914708124146103, -0.0012499948882087949]),
    (1.0, 98868.34430788003, 0.5, 65.72741985734226, 0.0, 5.0, -12.979337865522792824, [-11.527036651939089, -9.9068962191704299e-6, -6.0260455432633413, -0.0073588438564466683]),
    (2.0, 0.2496640828743598, 2.0, 1.5981393694345874e-08, 100.0, 39.0, -386.29949018055016453, [-3.6795565289842981, -2.5740028115794311, -3.6732362431381647, -0.076186007587580124]),
    (0.999999999, 396.782204265772, 1.0, 4486.673446043443, 0.0, 0.0, -16.217848283045101449, [-7.2026600763173583, -0.0010285066121489664, -8.6851803087380265, -0.00035480783201046852]),
    (3.000000000001, 0.032943259007636186, 1e-08, 82.17336383861046, 500.0, 0.5, 305.29532832313434962, [0.62734831018789018, -941.93894824987427, -4.4149103350700518, -0.01209563875300814]),
    (0.5, 3718.4445415508903, 1e-08, 0.10290874106033036, 6.0, 0.0, -51.341769285690766916, [-8.2414954359285019, -0.0017149971221808727, -1.8998441627870941, -1.194051360311666]),
    (0.5, 0.00043606857059396375, 2.0, 2.580580117320749, 10.0, 39.0, -48.498637585207645586, [-3.7446144134772107, -0.24904347144527788, -3.8040024593396996, -0.067031195951076285]),
    (0.2275823934546539, 59.24227831275747, 41.643264956648146, 4317496.880692353, 3.0, 0.5, -661.42405186627188552, [-4.5385687446749859, -0.037294549802452849, -15.278197715073435, -9.8767369650187219e-6]),
    (190.88024511846902, 1927988.2021328432, 0.41312409526507465, 8.004944932070414, 8.0, 0.5, -2878.2778748559066443, [-14.472168113593214, -0.00010313569668484507, -4.0659095766714738, -0.05278237805636174]),
    (0.7402618266799055, 0.15470158388696942, 145.68111296699777, 214.83541840842966, 0.0, 30.0, -808.87325341459136014, [-3.4577324248220416, -0.02334671248384182, -5.507200126009564, -0.59516455010067116]),
    (48.07495505996256, 3315.4820658447093, 0.09525330595144034, 0.38544652312968386, 0.0, 0.0, -388.31081609366340353, [-8.1099011600796417, -0.014449264523229902, -1.3082095323700472, -0.68474083604655733]),
    (33.555930228481685, 21969.73302751419, 1.8791876393547664, 0.12281622287841085, 1.0, 5.0, -349.18769212527000703, [-9.9978946827126111, -0.0015721434666700173, -2.1569440296709441, -0.36848577514488982]),
    (260.66622749510714, 35003.3062822383, 0.14439115657584065, 34.828062882191524, 0.0, 30.0, -2728.3775616344301001, [-10.46611426471502, -0.0074252376496203602, -4.7903881177315714, -0.010489189772049506]),
  ]

  @Test(arguments: references)
  func integralMatchesMpmath(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, t: Double, value: Double, derivatives: [Double]
  ) {
    let integral = ParetoIntegral(r: r, alpha: alpha, s: s, beta: beta, x: x, t: t)
    #expect(integral.isConverged)
    // 1e-13 relative: the series and the expansion bound their rest by 1e-17 of the sum; the
    // quadrature stops at 1e-12 of the integral (it is the fallback for the hardest rows).
    #expect(integral.value.isApproximatelyEqual(to: value, absoluteTolerance: 1e-12, relativeTolerance: 1e-13))
    for index in 0..<4 {
      #expect(
        integral.derivatives[index].isApproximatelyEqual(to: derivatives[index], absoluteTolerance: 1e-11, relativeTolerance: 1e-9),
        "derivative \(index)")
    }
  }

  @Test func theReferencesCoverEveryMethodOnBothSides() {
    var seen: [String: Int] = [:]
    for row in Self.references {
      let family = ParetoIntegral.Family(r: row.0, alpha: row.1, s: row.2, beta: row.3, x: row.4)
      seen["\(family.method(at: row.5)) \(family.isAlphaNearer)", default: 0] += 1
    }
    for method in ["series", "expansion"] {
      for side in [true, false] { #expect(seen["\(method) \(side)", default: 0] >= 5, "\(method) \(side)") }
    }
    #expect(seen["quadrature false", default: 0] >= 5)
  }

  /// Where the 2F1 series converges within a few thousand terms (1 - z between 0.01 and h/e),
  /// the expansion and the quadrature agree with it on random parameters.
  @Test(arguments: 0..<40 as Range<UInt64>)
  func expansionAndQuadratureAgreeWithThePlainSeries(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }
    let r = exp(uniform(log(0.01)...log(5))), s = exp(uniform(log(1e-6)...log(1.5)))
    let x = Double(Int.random(in: 0...8, using: &generator))
    let t = uniform(0...40)
    let near = uniform(0.1...20)
    let family0 = ParetoIntegral.Family(r: r, alpha: near, s: s, beta: near * 2, x: x)
    let largest = IncompleteBetaTail.Expansion(n: family0.near, m: family0.near + family0.far - 2).largestArgument
    // 1 - z = (near + t)/(far + t) in [0.01, largest].
    let zeta = uniform(0.01...largest)
    let far = (near + t) / zeta - t
    let alphaNearer = seed % 2 == 0
    let (alpha, beta) = alphaNearer ? (near, far) : (far, near)
    let family = ParetoIntegral.Family(r: r, alpha: alpha, s: s, beta: beta, x: x)
    let series = family.integral(at: t, by: .series)
    let expansion = family.integral(at: t, by: .expansion)
    let quadrature = family.integral(at: t, by: .quadrature)
    #expect(series.isConverged && expansion.isConverged && quadrature.isConverged)
    #expect(expansion.value.isApproximatelyEqual(to: series.value, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
    #expect(quadrature.value.isApproximatelyEqual(to: series.value, absoluteTolerance: 1e-11, relativeTolerance: 1e-11))
    for index in 0..<4 {
      let reference = series.derivatives[index]
      #expect(expansion.derivatives[index].isApproximatelyEqual(to: reference, absoluteTolerance: 1e-11, relativeTolerance: 1e-10))
      #expect(quadrature.derivatives[index].isApproximatelyEqual(to: reference, absoluteTolerance: 1e-9, relativeTolerance: 1e-9))
    }
  }

  @Test func theChoiceNeverNeedsMoreThanAFewHundredTermsOnTheEdgeWithoutDropout() {
    // UCI Online Retail's optimum (r 0.744, alpha 9.05, s 2e-7, beta 1.4e6): 1 - z is 1e-5, so
    // the plain series would need about 4 million terms per customer.
    for x in [0.0, 1, 2, 5, 10, 30] {
      let family = ParetoIntegral.Family(r: 0.744, alpha: 9.05, s: 2e-7, beta: 1.4e6, x: x)
      for t in [0.0, 1, 10, 30] {
        #expect(family.method(at: t) != .quadrature)
        if family.method(at: t) == .series {
          let series = UnitHypergeometricSeries(b: family.far, c: family.near + family.far, z: (1.4e6 - 9.05) / (1.4e6 + t))
          #expect(series.isConverged && series.terms <= 1_000, "x \(x), t \(t): \(series.terms) terms")
        }
      }
    }
    #expect(UnitHypergeometricSeries.estimatedTerms(b: 1, c: 1.744, z: 1 - 1e-5) > 1e6)
  }

  @Test func aSeriesThatDoesNotConvergeIsReportedNotTruncated() {
    // 1 - z = 1e-9 with c - b = 0.5: the terms fall like k^-0.5, so 200,000 terms are far from
    // the sum.
    let series = UnitHypergeometricSeries(b: 1, c: 1.5, z: 1 - 1e-9)
    #expect(!series.isConverged)
    #expect(series.terms == UnitHypergeometricSeries.maximumTerms)
    let family = ParetoIntegral.Family(r: 0.5, alpha: 1e-3, s: 1e-8, beta: 1e6, x: 0)
    let forced = family.integral(at: 0, by: .series)
    #expect(!forced.isConverged && forced.value.isNaN)
    // The default path takes the expansion (or falls back on the quadrature) and converges.
    let integral = family.integral(at: 0)
    #expect(integral.isConverged && integral.value.isFinite)
    // The general 2F1 of SpecialFunctions: NaN instead of a truncated sum.
    #expect(SpecialFunctions.positiveSeries(0.5, 1, 1.5, 1 - 1e-9, limit: 1_000).isNaN)
    #expect(SpecialFunctions.positiveSeries(0.5, 1, 1.5, 0.5, limit: 1_000).isFinite)
  }

  @Test func theExpansionOutsideItsRangeIsNotConverged() {
    let family = ParetoIntegral.Family(r: 0.55, alpha: 10, s: 0.6, beta: 12, x: 2)
    #expect(!family.integral(at: 5, by: .expansion).isConverged)
    #expect(family.integral(at: 5, by: .series).isConverged)
    // At α = β (z = 0) only the series applies; value and gradient are continuous there.
    let equal = ParetoIntegral.Family(r: 0.55, alpha: 10, s: 0.6, beta: 10, x: 2)
    #expect(equal.method(at: 5) == .series)
    #expect(!equal.integral(at: 5, by: .quadrature).isConverged)
  }
}
