import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Covariate fits of the Pareto/NBD and the BG/NBD (CLVTools' parametrisation, Bachmann, Meierer
/// & Näf 2021).
struct CovariateFitTests {
  /// Four profiles of two 0/1 covariates, the same number of customers each.
  static let profiles: [[Double]] = [[0, 0], [1, 0], [0, 1], [1, 1]]
  static let names = ["z1", "z2"]

  /// Customers simulated from the individual models of each profile (the truth is the
  /// baseline and the coefficients given here, not anything the fit computes), first purchases
  /// over 12 weeks, calibration to week 78, purchase times on a grid of `resolution` (`nil`:
  /// continuous). A day grid merges purchases on one day and biases the purchase coefficients
  /// by about one standard error at 20,000 customers, so the tests use continuous time or an
  /// hourly grid.
  static func simulate<Model: CovariateModel & RepeatPurchaseModel>(
    _ type: Model.Type, baseline: Model.Parameters, purchase: [Double], dropout: [Double],
    customersPerProfile: Int, seed: UInt64, resolution: TimeSpan? = nil
  ) throws -> CovariateData {
    var generator = SplitMix64(seed: seed)
    let design = SimulationDesign(
      customers: customersPerProfile, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(78), resolution: resolution)
    var triples: [FrequencyRecencyData] = []
    for z in profiles {
      let purchaseIndex = zip(purchase, z).reduce(0) { $0 + $1.0 * $1.1 }
      let dropoutIndex = zip(dropout, z).reduce(0) { $0 + $1.0 * $1.1 }
      let model = Model(
        parameters: Model.individualParameters(
          baseline: baseline, purchaseIndex: purchaseIndex, dropoutIndex: dropoutIndex),
        unit: .weeks)
      // Compressed per profile: no per-customer covariate rows (a million of them cost more
      // than the fit in a debug build).
      triples.append(model.simulateCustomerBase(design, using: &generator).compressed())
    }
    return try CovariateData(profiles: profiles, triples: triples, covariateNames: names)
  }

  /// The published CDNOW summary with one covariate column.
  static func cdnow(covariate: (Int) -> Double) throws -> CovariateData {
    let columns = try CDNOWFixtures.publishedSummaryColumns()
    return try CovariateData(
      frequency: columns.x, recency: columns.tx, age: columns.t,
      covariates: columns.x.indices.map { [covariate($0)] }, covariateNames: ["z"], unit: .weeks)
  }

  @Test func zeroCovariatesReproduceTheParetoNBDFit() throws {
    let data = try Self.cdnow { _ in 0 }
    let plain = try ParetoNBDModel.fit(try CDNOWFixtures.publishedSummary())
    let fit = try ParetoNBDModel.fit(data)
    // Both are optima to the optimiser's gradient tolerance (1e-9 |LL|): the log-likelihood
    // agrees to 1e-9, the parameters of this flat optimum to 1e-6 relative.
    for (mine, theirs) in zip(fit.baseline.values, plain.parameters.values) {
      #expect(mine.isApproximatelyEqual(to: theirs, absoluteTolerance: 0, relativeTolerance: 1e-6))
    }
    #expect(
      fit.logLikelihood.isApproximatelyEqual(to: plain.logLikelihood, absoluteTolerance: 1e-9, relativeTolerance: 0))
    #expect(fit.covariates == [CovariateEffect(name: "z", purchase: 0, purchaseSE: nil, dropout: 0, dropoutSE: nil)])
    #expect(fit.overallTest.degreesOfFreedom == 0 && fit.overallTest.pValue == 1)
    #expect(fit.notes.contains { $0.contains("'z' is the same for every customer") })
    #expect(fit.customers == 2_357)
  }

  @Test func zeroCovariatesReproduceTheBGNBDFit() throws {
    let data = try Self.cdnow { _ in 0 }
    let plain = try BGNBDModel.fit(try CDNOWFixtures.publishedSummary())
    let fit = try BGNBDModel.fit(data)
    for (mine, theirs) in zip(fit.baseline.values, plain.parameters.values) {
      #expect(mine.isApproximatelyEqual(to: theirs, absoluteTolerance: 0, relativeTolerance: 1e-6))
    }
    #expect(
      fit.logLikelihood.isApproximatelyEqual(to: plain.logLikelihood, absoluteTolerance: 1e-9, relativeTolerance: 0))
    // The published optimum from the transactions' 2-decimal summary (REFERENCES: -9582.426).
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -9582.426, absoluteTolerance: 1e-3, relativeTolerance: 0))
    // The baseline standard errors are the model's own (FHL 2005 optimum: 0.012557, 0.37822,
    // 0.18573, 0.70541; here from the 2-decimal summary, so 1e-2 relative).
    let published = ["r": 0.012557, "alpha": 0.37822, "a": 0.18573, "b": 0.70541]
    for (name, value) in published {
      let mine = try #require(fit.baselineStandardErrors[name])
      #expect(mine.isApproximatelyEqual(to: value, absoluteTolerance: 0, relativeTolerance: 1e-2))
    }
  }

  /// Triples grouped by profile give the same data as per-customer rows, whatever the order of
  /// the profiles; a repeated profile and mismatched counts are errors.
  @Test(arguments: [4, 5] as [UInt64])
  func profileTriplesEqualPerCustomerRows(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let model = ParetoNBDModel(parameters: ParetoNBDModel.Parameters(values: [0.55, 10, 0.6, 12]), unit: .weeks)
    let design = SimulationDesign(customers: 300, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(40), resolution: .days(1))
    let profiles: [[Double]] = [[1, -0.0], [0, 2.5], [0, 0]]
    let bases = profiles.map { _ in model.simulateCustomerBase(design, using: &generator) }
    let perCustomer = try CovariateData(
      frequency: bases.flatMap(\.frequency), recency: bases.flatMap(\.recency), age: bases.flatMap(\.age),
      covariates: profiles.flatMap { Array(repeating: $0, count: 300) }, covariateNames: Self.names, unit: .weeks)
    let grouped = try CovariateData(profiles: profiles, triples: bases.map { $0.compressed() }, covariateNames: Self.names)
    #expect(grouped == perCustomer)
    #expect(grouped.profiles == [[0, 0], [0, 2.5], [1, 0]])
    #expect(throws: RetentionModelError.self) {
      try CovariateData(profiles: [[0, 0], [0, 0]], triples: bases.prefix(2).map { $0.compressed() }, covariateNames: Self.names)
    }
    #expect(throws: RetentionModelError.self) {
      try CovariateData(profiles: profiles, triples: [bases[0].compressed()], covariateNames: Self.names)
    }
  }

  /// The analytic gradient of the covariate likelihood against central differences of its value.
  @Test(arguments: ["paretonbd", "bgnbd"])
  func gradientMatchesFiniteDifferences(model: String) throws {
    let data = try Self.cdnow { Double($0 % 3) - 0.5 }
    let isPareto = model == "paretonbd"
    let likelihood = try CovariateLikelihood(
      data, purchaseEffect: isPareto ? ParetoNBDModel.purchaseCovariateEffect : BGNBDModel.purchaseCovariateEffect,
      dropoutEffect: isPareto ? ParetoNBDModel.dropoutCovariateEffect : BGNBDModel.dropoutCovariateEffect,
      isParallel: true,
      likelihood: { triples, parallel -> any LogLikelihood in
        if isPareto { return ParetoNBDLikelihood(triples: triples, isParallel: parallel) }
        return BetaGeometricLikelihood(triples: triples, isModified: false, isParallel: parallel)
      })
    let theta = [log(0.5), log(8), log(0.7), log(3), 0.3, -0.4]
    var gradient = [Double](repeating: 0, count: 6)
    _ = likelihood.evaluate(theta, gradient: &gradient)
    var scratch = gradient
    for index in theta.indices {
      let step = 1e-6
      var up = theta, down = theta
      up[index] += step
      down[index] -= step
      let slope =
        (likelihood.evaluate(up, gradient: &scratch) - likelihood.evaluate(down, gradient: &scratch)) / (2 * step)
      // Central differences of a sum of about 1e4 in magnitude: about 1e-4 absolute noise.
      #expect(gradient[index].isApproximatelyEqual(to: slope, absoluteTolerance: 1e-3, relativeTolerance: 1e-5))
    }
  }

  /// The band of the 20,000-customer recovery tests, in standard errors.
  ///
  /// At 5,000 customers per profile the estimates are not yet normal: over seeds 1-10 the
  /// BG/NBD purchase coefficient of z1 (r = 0.25, strong heterogeneity) lay −2.90 and −3.17
  /// standard errors from the truth twice, where a normal estimate would be beyond 2.9 about
  /// once in 270 draws. At 20,000 customers per profile the same seeds gave z-scores within
  /// ±1.7 but one (−2.99 of 40). So the default tests take 3 standard errors; the two-standard-
  /// error criterion, in the calibrated form a correct estimator meets, is the slow tests' (a
  /// million customers, `CovariateFitSlowTests`).
  static let smallSampleBand = 3.0

  /// Pareto/NBD truth: r 0.55, α_0 10, s 0.6, β_0 12, γ_P (0.5, −0.3), γ_D (0.4, −0.5).
  @Test(arguments: [1, 2, 3] as [UInt64])
  func paretoNBDRecoversKnownCoefficients(seed: UInt64) throws {
    let purchase = [0.5, -0.3], dropout = [0.4, -0.5]
    let data = try Self.simulate(
      ParetoNBDModel.self, baseline: ParetoNBDModel.Parameters(values: [0.55, 10, 0.6, 12]), purchase: purchase,
      dropout: dropout, customersPerProfile: 5_000, seed: seed)
    let fit = try ParetoNBDModel.fit(data, testsBlocks: false)
    try Self.expectWithinStandardErrors(Self.smallSampleBand, fit.covariates, purchase: purchase, dropout: dropout)
    #expect(fit.overallTest.pValue < 1e-6)
  }

  /// BG/NBD truth: r 0.25, α_0 4, a_0 0.8, b_0 2.5, γ_P (0.5, −0.3), γ_D (0.6, −0.5).
  @Test(arguments: [1, 2, 3] as [UInt64])
  func bgnbdRecoversKnownCoefficients(seed: UInt64) throws {
    let purchase = [0.5, -0.3], dropout = [0.6, -0.5]
    let data = try Self.simulate(
      BGNBDModel.self, baseline: BGNBDModel.Parameters(values: [0.25, 4, 0.8, 2.5]), purchase: purchase,
      dropout: dropout, customersPerProfile: 5_000, seed: seed)
    let fit = try BGNBDModel.fit(data, testsBlocks: false)
    try Self.expectWithinStandardErrors(Self.smallSampleBand, fit.covariates, purchase: purchase, dropout: dropout)
  }

  /// Every coefficient within `multiple` standard errors of the truth.
  static func expectWithinStandardErrors(
    _ multiple: Double, _ effects: [CovariateEffect], purchase: [Double], dropout: [Double]
  ) throws {
    #expect(effects.map(\.name) == names)
    for (index, effect) in effects.enumerated() {
      let purchaseSE = try #require(effect.purchaseSE)
      let dropoutSE = try #require(effect.dropoutSE)
      #expect(abs(effect.purchase - purchase[index]) <= multiple * purchaseSE, "\(effect)")
      #expect(abs(effect.dropout - dropout[index]) <= multiple * dropoutSE, "\(effect)")
    }
  }

  @Test func blockTestsSeparateAnEffectFromNoise() throws {
    // z1 moves purchasing; z2 is unrelated to behaviour (γ = 0 for it).
    let data = try Self.simulate(
      ParetoNBDModel.self, baseline: ParetoNBDModel.Parameters(values: [0.55, 10, 0.6, 12]), purchase: [0.6, 0],
      dropout: [0, 0], customersPerProfile: 2_500, seed: 9)
    let fit = try ParetoNBDModel.fit(data)
    #expect(fit.blockTests.map(\.name) == ["z1", "z2"])
    #expect(fit.blockTests.allSatisfy { $0.degreesOfFreedom == 2 })
    #expect(fit.blockTests[0].pValue < 1e-6)
    // A true null: at the 0.1 % level this seed does not reject (a 1-in-1000 event otherwise).
    #expect(fit.blockTests[1].pValue > 1e-3)
    #expect(fit.blockTests[0].restrictedLogLikelihood <= fit.logLikelihood)
    #expect(fit.logLikelihood >= fit.logLikelihoodWithoutCovariates)
  }

  @Test func individualModelsCarryTheCoefficients() throws {
    let data = try Self.cdnow { $0 % 2 == 0 ? 1 : 0 }
    let fit = try ParetoNBDModel.fit(data, testsBlocks: false)
    let effect = try #require(fit.covariates.first)
    let treated = fit.model(for: [1]).parameters
    #expect(
      treated.alpha.isApproximatelyEqual(
        to: fit.baseline.alpha * exp(-effect.purchase), absoluteTolerance: 0, relativeTolerance: 1e-12))
    #expect(
      treated.beta.isApproximatelyEqual(
        to: fit.baseline.beta * exp(-effect.dropout), absoluteTolerance: 0, relativeTolerance: 1e-12))
    #expect(treated.r == fit.baseline.r && treated.s == fit.baseline.s)
    #expect(fit.model(for: [0]).parameters == fit.baseline)
    let bg = try BGNBDModel.fit(data, testsBlocks: false)
    let bgEffect = try #require(bg.covariates.first)
    let bgTreated = bg.model(for: [1]).parameters
    #expect(
      bgTreated.a.isApproximatelyEqual(
        to: bg.baseline.a * exp(bgEffect.dropout), absoluteTolerance: 0, relativeTolerance: 1e-12))
    #expect(
      bgTreated.b.isApproximatelyEqual(
        to: bg.baseline.b * exp(bgEffect.dropout), absoluteTolerance: 0, relativeTolerance: 1e-12))
  }

  @Test func fitEncodesToJSON() throws {
    let data = try Self.cdnow { $0 % 2 == 0 ? 1 : 0 }
    let fit = try BGNBDModel.fit(data, testsBlocks: false)
    let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(fit)) as? [String: Any]
    let covariates = try #require(json?["covariates"] as? [[String: Any]])
    #expect(covariates.first?.keys.sorted() == ["dropout", "dropoutSE", "name", "purchase", "purchaseSE"])
  }
}
