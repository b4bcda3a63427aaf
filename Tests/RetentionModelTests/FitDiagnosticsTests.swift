import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Every fit says what its data identify: CDNOW identifies everything, UCI Online Retail has no
/// dropout (the NBD limit), data without repeat purchases identify nothing.
struct FitDiagnosticsTests {
  /// The committed UCI Online Retail sample (Tests/Data README) with calibration to 2011-06-30:
  /// 232 customers in 204 (x, t_x, T) triples.
  static func onlineRetailSample() throws -> FrequencyRecencyData {
    let log = try OrderLog(contentsOf: TestData.onlineRetailSample, format: .onlineRetail)
    return log.summaries(
      SummaryOptions(
        observationEnd: CDNOWFixtures.date("2011-12-09"), calibrationEnd: CDNOWFixtures.date("2011-06-30"), unit: .weeks
      )
    ).compressed()
  }

  /// Each parameter has either a standard error or the reason it has none, never both.
  static func expectEveryStandardErrorOrAReason<Model>(
    _ fit: ModelFit<Model>, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for name in Model.Parameters.names {
      let error = fit.standardErrorsByParameter[name], reason = fit.diagnostics.missingStandardErrors[name]
      #expect((error == nil) != (reason == nil), "\(Model.identifier) \(name)", sourceLocation: sourceLocation)
      if let error { #expect(error.isFinite && error > 0, sourceLocation: sourceLocation) }
      if let reason { #expect(!reason.isEmpty, sourceLocation: sourceLocation) }
    }
  }

  @Test func cdnowIdentifiesEveryParameter() throws {
    let data = try CDNOWFixtures.sampleSummaries().compressed()
    func expectInterior<Model>(_ fit: ModelFit<Model>) {
      let diagnostics = fit.diagnostics
      #expect(diagnostics.isInterior, "\(Model.identifier): \(diagnostics)")
      #expect(diagnostics.atBoundary.isEmpty && diagnostics.notes.isEmpty && diagnostics.limitingModel == nil)
      #expect(diagnostics.purchaseHeterogeneityIdentified)
      // A well-determined optimum: the Hessian in the log-parameters is positive definite and
      // far from singular (Pareto/NBD's beta is the worst determined, SE 6.2 on 11.7).
      #expect(diagnostics.hessianCondition.map { $0 > 1 && $0 < 1e6 } == true, "\(Model.identifier)")
      #expect(fit.standardErrors != nil && fit.covariance != nil)
      #expect(fit.standardErrorsByParameter.count == Model.Parameters.names.count)
      for (name, value) in zip(Model.Parameters.names, fit.standardErrors?.values ?? []) {
        #expect(fit.standardErrorsByParameter[name] == value)
      }
      Self.expectEveryStandardErrorOrAReason(fit)
    }
    let bgnbd = try BGNBDModel.fit(data)
    expectInterior(bgnbd)
    expectInterior(try MBGNBDModel.fit(data))
    expectInterior(try ParetoNBDModel.fit(data))
    #expect(bgnbd.diagnostics.dropoutIdentified)
    #expect(try MBGNBDModel.fit(data).diagnostics.dropoutIdentified)
    #expect(try ParetoNBDModel.fit(data).diagnostics.dropoutIdentified)
    // REFERENCES.md: standard errors at the BG/NBD optimum 0.012557, 0.37822, 0.18573, 0.70541.
    let published = ["r": 0.012557, "alpha": 0.37822, "a": 0.18573, "b": 0.70541]
    for (name, value) in published {
      #expect(
        bgnbd.standardErrorsByParameter[name].map { $0.isApproximatelyEqual(to: value, relativeTolerance: 2e-3) }
          == true)
    }
    // The NBD has no dropout to identify; its two parameters are identified.
    let nbd = try NBDModel.fit(data)
    #expect(!nbd.diagnostics.dropoutIdentified)
    #expect(nbd.diagnostics.atBoundary.isEmpty && nbd.diagnostics.notes.isEmpty && nbd.standardErrors != nil)
  }

  @Test func onlineRetailSampleHasNoDropout() throws {
    let data = try Self.onlineRetailSample()
    // Offline (SciPy + mpmath Newton steps on the sample's 204 triples, same conventions): the NBD
    // maximum is -1013.127402385418 at r 1.640119, alpha 24.734946, with standard errors
    // 0.3925184 and 6.2163831 (delta method on the exact Hessian).
    let nbdMaximum = -1013.127402385418
    let nbdErrors = ["r": 0.3925184, "alpha": 6.2163831]
    func expectNoDropout<Model>(_ fit: ModelFit<Model>, dropout: [String]) {
      let diagnostics = fit.diagnostics
      #expect(!diagnostics.dropoutIdentified, "\(Model.identifier)")
      #expect(diagnostics.purchaseHeterogeneityIdentified)
      #expect(diagnostics.limitingModel == "no dropout: the NBD")
      #expect(diagnostics.atBoundary == dropout)
      #expect(Set(diagnostics.missingStandardErrors.keys) == Set(dropout))
      #expect(diagnostics.notes.contains { $0.hasPrefix("No dropout") })
      // The fit reaches the limit: its log-likelihood is the NBD's maximum (to 1e-6).
      #expect(fit.logLikelihood >= nbdMaximum - 1e-6, "\(Model.identifier): \(fit.logLikelihood)")
      #expect(fit.logLikelihood <= nbdMaximum + 1e-6)
      // r and alpha keep their standard errors, which are the NBD's.
      for (name, value) in nbdErrors {
        #expect(
          fit.standardErrorsByParameter[name].map { $0.isApproximatelyEqual(to: value, relativeTolerance: 1e-3) }
            == true)
      }
      #expect(fit.standardErrors == nil && fit.covariance == nil)
      Self.expectEveryStandardErrorOrAReason(fit)
    }
    expectNoDropout(try BGNBDModel.fit(data), dropout: ["a", "b"])
    expectNoDropout(try MBGNBDModel.fit(data), dropout: ["a", "b"])
    expectNoDropout(try ParetoNBDModel.fit(data), dropout: ["s", "beta"])
    let nbd = try NBDModel.fit(data)
    #expect(nbd.logLikelihood.isApproximatelyEqual(to: nbdMaximum, absoluteTolerance: 1e-6))
  }

  /// Issue 20's acceptance on the full UCI Online Retail file (calibration to 2011-06-30, 2,960
  /// customers in 1,684 triples): the Pareto/NBD reaches the no-dropout limit, LL >= -15325.4554,
  /// and says so. (Its speed is a benchmark: `retention-benchmarks --filter "UCI Online Retail
  /// compressed"`.)
  @Test(.fullData) func onlineRetailHasNoDropout() throws {
    let log = try OrderLog(contentsOf: try FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let data = log.summaries(
      SummaryOptions(
        observationEnd: CDNOWFixtures.date("2011-12-09"), calibrationEnd: CDNOWFixtures.date("2011-06-30"), unit: .weeks
      )
    ).compressed()
    #expect(data.count.reduce(0, +) == 2_960 && data.uniqueCount == 1_684)
    // Offline (SciPy + mpmath Newton steps on the 1,684 triples, same conventions): the NBD
    // maximum is -15325.455311203848 at r 0.7442094, alpha 9.0474146, with standard errors
    // 0.03423057 and 0.46765025.
    let fit = try ParetoNBDModel.fit(data)
    #expect(fit.logLikelihood >= -15325.4554)
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -15325.455311203848, absoluteTolerance: 1e-6))
    #expect(!fit.diagnostics.dropoutIdentified && fit.diagnostics.limitingModel == "no dropout: the NBD")
    #expect(fit.diagnostics.atBoundary == ["s", "beta"])
    #expect(
      fit.standardErrorsByParameter["r"].map { $0.isApproximatelyEqual(to: 0.03423057, relativeTolerance: 1e-3) }
        == true)
    #expect(
      fit.standardErrorsByParameter["alpha"].map { $0.isApproximatelyEqual(to: 0.46765025, relativeTolerance: 1e-3) }
        == true)
    Self.expectEveryStandardErrorOrAReason(fit)
    let bgnbd = try BGNBDModel.fit(data)
    #expect(!bgnbd.diagnostics.dropoutIdentified && bgnbd.diagnostics.atBoundary == ["a", "b"])
    let mbgnbd = try MBGNBDModel.fit(data)
    #expect(!mbgnbd.diagnostics.dropoutIdentified)
    Self.expectEveryStandardErrorOrAReason(mbgnbd)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func allOneTimeBuyersIdentifyNothing(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let ages = (0..<300).map { _ in Double.random(in: 1...52, using: &generator).rounded() }
    let data = FrequencyRecencyData(
      frequency: Array(repeating: 0, count: ages.count), recency: Array(repeating: 0, count: ages.count), age: ages,
      unit: .weeks)
    func expectNothingIdentified<Model>(_ fit: ModelFit<Model>) {
      let diagnostics = fit.diagnostics
      #expect(diagnostics.atBoundary.contains("r"), "\(Model.identifier)")
      #expect(!diagnostics.dropoutIdentified && !diagnostics.purchaseHeterogeneityIdentified)
      #expect(diagnostics.limitingModel == "no repeat purchases: r → 0")
      #expect(diagnostics.notes.contains { $0.hasPrefix("No customer made a repeat purchase") })
      // Whatever the optimiser says, the fit never reads as a plain convergence.
      #expect(!fit.converged || !diagnostics.notes.isEmpty)
      #expect(fit.standardErrorsByParameter.isEmpty)
      #expect(Set(diagnostics.missingStandardErrors.keys) == Set(Model.Parameters.names))
      // The likelihood tends to 1 (ln L to 0) as r goes to 0 (or as everyone dies at once, where
      // the Pareto/NBD optimiser may wander: s in the ten thousands, where the terms of ln L reach
      // 1e5 and cancel to rounding, hence 1e-6 above 0).
      #expect(fit.logLikelihood > -1e-2 && fit.logLikelihood <= 1e-6, "\(Model.identifier) \(fit.logLikelihood)")
      Self.expectEveryStandardErrorOrAReason(fit)
    }
    expectNothingIdentified(try BGNBDModel.fit(data))
    expectNothingIdentified(try MBGNBDModel.fit(data))
    expectNothingIdentified(try ParetoNBDModel.fit(data))
    expectNothingIdentified(try NBDModel.fit(data))
  }

  @Test func aParameterAtTheBoxBoundSaysSo() throws {
    // CDNOW's BG/NBD r is 0.243; a box from 0.3 holds it at its lower bound.
    var options = FitOptions()
    options.parameterBounds = 0.3...1e4
    let fit = try BGNBDModel.fit(try CDNOWFixtures.sampleSummaries().compressed(), options: options)
    #expect(fit.parameters.r.isApproximatelyEqual(to: 0.3, relativeTolerance: 1e-6))
    #expect(fit.diagnostics.atBoundary == ["r"])
    #expect(fit.diagnostics.missingStandardErrors["r"]?.contains("lower bound 0.3") == true)
    #expect(fit.diagnostics.notes.contains { $0.contains("r is at a bound of the parameter box") })
    // The others keep standard errors, conditional on r at its bound.
    #expect(Set(fit.standardErrorsByParameter.keys) == ["alpha", "a", "b"])
    #expect(fit.diagnostics.dropoutIdentified)
    Self.expectEveryStandardErrorOrAReason(fit)
  }

  @Test func standardErrorsThatWereNotRequestedSaySo() throws {
    var options = FitOptions()
    options.computesStandardErrors = false
    let fit = try ParetoNBDModel.fit(try CDNOWFixtures.publishedSummary(), options: options)
    #expect(fit.standardErrorsByParameter.isEmpty && fit.diagnostics.hessianCondition == nil)
    #expect(
      fit.diagnostics.missingStandardErrors
        == Dictionary(
          uniqueKeysWithValues: ParetoNBDModel.Parameters.names.map { ($0, "standard errors were not requested") }))
    #expect(fit.diagnostics.dropoutIdentified)
  }

  /// A flat or non-concave direction of the Hessian removes the parameter that dominates it and
  /// keeps the others' standard errors (hand-made Hessians in the log-parameters).
  @Test func flatDirectionsLoseTheirStandardErrorWithAReason() {
    func estimate(_ hessian: [[Double]]) -> MaximumLikelihoodEstimate {
      MaximumLikelihoodEstimate(
        parameters: [2, 3], logLikelihood: -10, standardErrors: nil, covariance: nil, iterations: 5, evaluations: 9,
        converged: true, startsOptimized: 1, hessian: hessian)
    }
    let names = ["first", "second"]
    // diag(4, 1e-14): the second direction is flat (1e-14 / 4 is below 1e-9).
    let flat = FitDiagnostics.analysing(
      estimate([[4, 0], [0, 1e-14]]), names: names, options: FitOptions(), limits: ModelLimits())
    #expect(flat.standardErrors.keys.sorted() == ["first"])
    // SE = parameter × sqrt(1/4) by the delta method.
    #expect(flat.standardErrors["first"]?.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12) == true)
    #expect(flat.diagnostics.missingStandardErrors["second"]?.contains("flat along second") == true)
    #expect(
      flat.diagnostics.hessianCondition.map { $0.isApproximatelyEqual(to: 4e14, relativeTolerance: 1e-9) } == true)
    // A negative eigenvalue along the first: not concave there.
    let saddle = FitDiagnostics.analysing(
      estimate([[-1, 0], [0, 2]]), names: names, options: FitOptions(), limits: ModelLimits())
    #expect(saddle.diagnostics.missingStandardErrors["first"]?.contains("not concave along first") == true)
    #expect(
      saddle.standardErrors["second"]?.isApproximatelyEqual(to: 3 / 2.0.squareRoot(), relativeTolerance: 1e-12) == true)
    #expect(saddle.diagnostics.hessianCondition == nil)
    #expect(saddle.diagnostics.notes.contains { $0.contains("not positive definite") })
    // A correlated pair: the covariance is the full inverse, scaled by the parameters.
    let full = FitDiagnostics.analysing(
      estimate([[2, 1], [1, 2]]), names: names, options: FitOptions(), limits: ModelLimits())
    // inverse of [[2, 1], [1, 2]] is [[2, -1], [-1, 2]] / 3.
    #expect(full.covariance?[0][1].isApproximatelyEqual(to: 2 * 3 * -1.0 / 3, relativeTolerance: 1e-12) == true)
    #expect(full.diagnostics.hessianCondition?.isApproximatelyEqual(to: 3, relativeTolerance: 1e-12) == true)
  }

  @Test func diagnosticsTravelWithTheFitInJSON() throws {
    let fit = try ParetoNBDModel.fit(try Self.onlineRetailSample())
    let data = try JSONEncoder().encode(fit)
    let decoded = try JSONDecoder().decode(ModelFit<ParetoNBDModel>.self, from: data)
    #expect(decoded.diagnostics == fit.diagnostics)
    #expect(decoded.standardErrorsByParameter == fit.standardErrorsByParameter)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let diagnostics = try #require(object["diagnostics"] as? [String: Any])
    #expect(diagnostics["atBoundary"] as? [String] == ["s", "beta"])
    #expect(diagnostics["dropoutIdentified"] as? Bool == false)
    #expect((diagnostics["notes"] as? [String])?.isEmpty == false)
    // A fit saved before the diagnostics existed still decodes, and says so.
    var old = object
    old["diagnostics"] = nil
    old["standardErrorsByParameter"] = nil
    let oldFit = try JSONDecoder().decode(
      ModelFit<ParetoNBDModel>.self, from: try JSONSerialization.data(withJSONObject: old))
    #expect(oldFit.diagnostics.notes == ["This fit was saved without diagnostics."])
    #expect(oldFit.standardErrorsByParameter.isEmpty)
  }
}
