import Foundation
import Testing
import _TestSupport
import LTVMath
@testable import RetentionModel

/// How often the bootstrap interval of the lifetime value covers the value under the true
/// parameters, on customer bases simulated from known BG/NBD and Gamma-Gamma parameters.
///
/// The interval describes the parameters' uncertainty, so the quantity it must cover is a
/// customer's value computed with the *true* parameters from the same history. Each run draws a
/// base, fits both models, and asks whether the 90 % interval of four fixed histories covers
/// their true value.
struct LifetimeValueIntervalCoverageTests {
  /// The CDNOW estimates as the truth (FHL 2005; Fader & Hardie note 025), weekly.
  static let truth = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
  static let spendTruth = GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
  /// Histories (x, t_x, T, z̄) in weeks: a first-time buyer, and repeat buyers light to heavy.
  static let profiles: [(Double, Double, Double, Double)] = [(0, 0, 39, 0), (1, 20, 35, 30), (3, 30, 38, 25), (6, 36, 39, 40)]
  static let months = 3
  static let discount = DiscountRate(annual: 0.1)

  /// The profiles' values under the true parameters.
  static let trueValues = LifetimeValue.modelBased(
    purchases: truth, spend: spendTruth, summaries: CustomerValueScoresTests.summaries(profiles),
    horizonMonths: months, margin: 1, discount: discount
  ).lifetimeValue

  /// Whether each profile's interval covered its true value in one simulated run, and the
  /// intervals' widths relative to the value.
  static func run(seed: UInt64, customers: Int, draws: Int) throws -> (covered: [Bool], widths: [Double]) {
    var generator = SplitMix64(seed: seed)
    let design = SimulationDesign(
      customers: customers, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(39), resolution: .days(1))
    let base = truth.simulateCustomerBase(design, using: &generator)
    // Gamma-Gamma spend: a rate ν ~ Gamma(q, γ) per customer, z̄ of x orders ~ Gamma(p x, x ν).
    let monetary = base.frequency.map { x -> Double in
      guard x > 0 else { return 0 }
      let nu = RandomVariates.gamma(shape: spendTruth.q, rate: spendTruth.gamma, using: &generator)
      return RandomVariates.gamma(shape: spendTruth.p * x, rate: x * nu, using: &generator)
    }
    let fit = try BGNBDModel.fit(base.compressed())
    let spend = try GammaGammaModel.fit(frequency: base.frequency, monetaryValue: monetary)
    let scores = LifetimeValue.scores(
      CustomerValueScoresTests.summaries(profiles), purchases: fit, spend: spend,
      within: .days(Double(months) * LifetimeValue.daysPerMonth), discount: discount,
      bootstrap: ParameterBootstrap(draws: draws, level: 0.9, seed: seed &+ 1_000))
    let interval = try #require(scores.lifetimeValueInterval, "\(scores.intervalUnavailableReason ?? "")")
    return (
      profiles.indices.map { interval.low[$0] <= trueValues[$0] && trueValues[$0] <= interval.high[$0] },
      profiles.indices.map { (interval.high[$0] - interval.low[$0]) / trueValues[$0] }
    )
  }

  /// The fast variant: ten bases of 1,000 customers. Each profile's interval has width, and
  /// they cover the truth in most runs (at a true 90 %, 40 checks fall below 28 covered with
  /// probability under 0.1 %, even counting the four profiles of a run as one).
  @Test func intervalsCoverTheTruthInMostRuns() throws {
    var covered = 0, checks = 0
    for seed in 0..<10 as Range<UInt64> {
      let result = try Self.run(seed: seed, customers: 1_000, draws: 100)
      covered += result.covered.count { $0 }
      checks += result.covered.count
      #expect(result.widths.allSatisfy { $0 > 0.01 && $0.isFinite }, "seed \(seed): \(result.widths)")
    }
    #expect(covered >= 28, "\(covered) of \(checks)")
  }

  /// The slow variant: 200 bases of 2,357 customers (CDNOW's size), 200 draws each. The
  /// coverage of every profile lies within 0.82...0.97 (a true 90 % over 200 runs has a
  /// binomial standard error of 2.1 %; the band allows for the percentile bootstrap's
  /// small-sample bias).
  @Test(.slow) func coverageIsNinetyPercent() throws {
    var covered = [Int](repeating: 0, count: Self.profiles.count)
    let runs = 200
    for seed in 0..<UInt64(runs) {
      let result = try Self.run(seed: seed, customers: 2_357, draws: 200)
      for (index, hit) in result.covered.enumerated() where hit { covered[index] += 1 }
    }
    for (index, count) in covered.enumerated() {
      let coverage = Double(count) / Double(runs)
      #expect((0.82...0.97).contains(coverage), "profile \(Self.profiles[index]): coverage \(coverage)")
    }
    print("lifetime value interval coverage over \(runs) runs: \(covered.map { Double($0) / Double(runs) })")
  }
}
