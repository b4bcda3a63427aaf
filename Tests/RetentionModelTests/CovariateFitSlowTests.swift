import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Parameter recovery on a million simulated customers (opt-in: `SECONDSALE_SLOW_TESTS`),
/// purchase times on an hourly grid (so that the triples compress; a day grid would merge
/// purchases and bias the purchase coefficients by several of these small standard errors).
///
/// The issue asks that "the estimates lie within two standard errors of the truth". For a
/// correct estimator each z-score (estimate − truth) / SE is about standard normal, so each
/// coefficient misses that band 4.6 % of the time by chance, and at least one of the 12 z-scores
/// of three seeds misses it 43 % of the time. Checking "every |z| < 2" would therefore test the
/// seeds, not the estimator (the seeds of this suite, 1-3, were fixed before the fits were run
/// and are not chosen to pass). So each test checks, on the fixed seeds 1, 2, 3, that the
/// z-scores are what a calibrated, unbiased estimator gives (``expectCalibrated(_:)``):
///
/// - at most 3 of the 12 |z| reach 2 (the two-standard-error criterion in calibrated form: a
///   correct estimator has 4 or more with probability 0.0016, binomial(12, 0.0455));
/// - the sum of the 12 z² stays below the chi-square 0.999 quantile on 12 degrees of freedom
///   (32.909, `scipy.stats.chi2.ppf(0.999, 12)`): standard errors too small, or a bias, show here;
/// - each coefficient's mean z over the seeds lies within ±3/√3 (three standard errors of a mean
///   of three): a bias of the size the suite once suspected (a mean z of −1.1 at 20,000
///   customers) would be about 7.8 standard errors at a million and fail it.
///
/// The z-score study behind this (release build, `Documentation/Models.md`, "Checks"): 40 seeds
/// of 50,000 customers per model and 30 of 100,000 for the Pareto/NBD gave mean z-scores within
/// ±0.23 (standard error of a mean about 0.16) and standard deviations 0.75-1.22; the low
/// dropout z-scores of the Pareto/NBD at seeds 1-10 (mean −0.66 there) were chance: over 40
/// seeds that coefficient's mean was −0.09.
@Suite(.slow)
struct CovariateFitSlowTests {
  /// The fixed seeds (chosen before any fit was run, not to pass).
  static let seeds: [UInt64] = [1, 2, 3]

  /// Pareto/NBD truth: r 0.55, α_0 10, s 0.6, β_0 12, γ_P (0.5, −0.3), γ_D (0.4, −0.5);
  /// 250,000 customers per profile.
  @Test func paretoNBDEstimatesAreCalibratedOnAMillionCustomers() throws {
    let purchase = [0.5, -0.3], dropout = [0.4, -0.5]
    var scores: [[Double]] = []
    for seed in Self.seeds {
      let data = try CovariateFitTests.simulate(
        ParetoNBDModel.self, baseline: ParetoNBDModel.Parameters(values: [0.55, 10, 0.6, 12]), purchase: purchase,
        dropout: dropout, customersPerProfile: 250_000, seed: seed, resolution: .days(1.0 / 24))
      let fit = try ParetoNBDModel.fit(data, testsBlocks: false)
      #expect(fit.customers == 1_000_000)
      scores.append(try Self.zScores(fit.covariates, purchase: purchase, dropout: dropout))
    }
    Self.expectCalibrated(scores)
  }

  /// BG/NBD truth: r 0.25, α_0 4, a_0 0.8, b_0 2.5, γ_P (0.5, −0.3), γ_D (0.6, −0.5).
  @Test func bgnbdEstimatesAreCalibratedOnAMillionCustomers() throws {
    let purchase = [0.5, -0.3], dropout = [0.6, -0.5]
    var scores: [[Double]] = []
    for seed in Self.seeds {
      let data = try CovariateFitTests.simulate(
        BGNBDModel.self, baseline: BGNBDModel.Parameters(values: [0.25, 4, 0.8, 2.5]), purchase: purchase,
        dropout: dropout, customersPerProfile: 250_000, seed: seed, resolution: .days(1.0 / 24))
      let fit = try BGNBDModel.fit(data, testsBlocks: false)
      #expect(fit.customers == 1_000_000)
      scores.append(try Self.zScores(fit.covariates, purchase: purchase, dropout: dropout))
    }
    Self.expectCalibrated(scores)
  }

  /// (estimate − truth) / SE of every coefficient: γ_P1, γ_D1, γ_P2, γ_D2.
  static func zScores(_ effects: [CovariateEffect], purchase: [Double], dropout: [Double]) throws -> [Double] {
    #expect(effects.map(\.name) == CovariateFitTests.names)
    var scores: [Double] = []
    for (index, effect) in effects.enumerated() {
      scores.append((effect.purchase - purchase[index]) / (try #require(effect.purchaseSE)))
      scores.append((effect.dropout - dropout[index]) / (try #require(effect.dropoutSE)))
    }
    return scores
  }

  /// The three checks of calibration described on the suite, for the z-scores of 3 seeds (rows)
  /// of 4 coefficients (columns).
  static func expectCalibrated(_ scores: [[Double]]) {
    #expect(scores.count == 3 && scores.allSatisfy { $0.count == 4 })
    let all = scores.flatMap { $0 }
    #expect(all.count { abs($0) >= 2 } <= 3, "z-scores \(scores)")
    #expect(all.reduce(0) { $0 + $1 * $1 } < 32.909, "z-scores \(scores)")
    for column in 0..<4 {
      let mean = scores.reduce(0) { $0 + $1[column] } / Double(scores.count)
      #expect(abs(mean) < 3 / Double(scores.count).squareRoot(), "coefficient \(column): z-scores \(scores)")
    }
  }
}
