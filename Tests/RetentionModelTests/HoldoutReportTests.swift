import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct HoldoutReportTests {
  @Test func bgnbdOnCDNOWReproducesThePublishedHoldoutFit() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    let fit = try BGNBDModel.fit(summaries.compressed())
    let report = try fit.model.holdoutReport(summaries)
    // REFERENCES.md (Fader, Hardie & Lee 2005): correlation of predicted and actual holdout
    // purchases 0.626; 1,882 actual holdout purchases in 39 weeks.
    #expect(report.correlation?.isApproximatelyEqual(to: 0.626, absoluteTolerance: 5e-4) == true)
    #expect(report.actual == 1_882)
    #expect(report.customers == 2_357)
    #expect(report.holdoutLength.unit == .weeks)
    #expect(report.holdoutLength.value.isApproximatelyEqual(to: 39, relativeTolerance: 1e-15))
    // Offline (SciPy hyp2f1 at the transaction optimum): 1653.4087 predicted, MAE 0.785454,
    // correlation 0.6256475.
    #expect(report.predicted.isApproximatelyEqual(to: 1653.4087, relativeTolerance: 1e-5) == true)
    #expect(report.meanAbsoluteError.isApproximatelyEqual(to: 0.785454, relativeTolerance: 1e-5) == true)
    #expect(report.correlation?.isApproximatelyEqual(to: 0.6256475, relativeTolerance: 1e-5) == true)
    // FHL (2005) Fig. 5 by calibration frequency; the offline means per bin (customers,
    // predicted, actual): 0: 1411, 0.22509, 0.23671; 1: 439, 0.52313, 0.69704; 7+: 64, 6.1572, 6.3594.
    let bins = report.byFrequency
    #expect(bins.map(\.label) == ["0", "1", "2", "3", "4", "5", "6", "7+"])
    #expect(bins.map(\.customers) == [1411, 439, 214, 100, 62, 38, 29, 64])
    #expect(bins[0].predicted.isApproximatelyEqual(to: 0.22509, relativeTolerance: 1e-4))
    #expect(bins[0].actual.isApproximatelyEqual(to: 0.23671, relativeTolerance: 1e-4))
    #expect(bins[1].predicted.isApproximatelyEqual(to: 0.52313, relativeTolerance: 1e-4))
    #expect(bins[1].actual.isApproximatelyEqual(to: 0.69704, relativeTolerance: 1e-4))
    #expect(bins[7].predicted.isApproximatelyEqual(to: 6.1572, relativeTolerance: 1e-4))
    #expect(bins[7].actual.isApproximatelyEqual(to: 6.3594, relativeTolerance: 1e-4))
  }

  @Test func paretoOnCDNOWReproducesThePublishedCorrelation() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    let fit = try ParetoNBDModel.fit(summaries.compressed())
    let report = try fit.model.holdoutReport(summaries)
    // REFERENCES.md (FHL 2005): 0.630 for the Pareto/NBD.
    #expect(report.correlation?.isApproximatelyEqual(to: 0.630, absoluteTolerance: 5e-4) == true)
  }

  @Test func trackingMatchesFigureFour() throws {
    let log = try CDNOWFixtures.sampleLog()
    let summaries = try CDNOWFixtures.sampleSummaries()
    let origin = CDNOWFixtures.date("1997-01-01")
    let bgnbd = try BGNBDModel.fit(summaries.compressed()).model
    let series = bgnbd.trackingSeries(log, summaries: summaries, origin: origin, periods: 78)
    let actual = try #require(series.actual)
    // The calibration ends after week 39; by then the 2,457 calibration repeat purchases, by
    // week 78 those plus the 1,882 of the holdout (REFERENCES.md).
    #expect(series.calibrationPeriods == 39)
    #expect(actual[38] == 2_457)
    #expect(actual[77] == 2_457 + 1_882)
    // FHL (2005) Fig. 4: the BG/NBD under-forecasts cumulative repeat purchases at week 78 by
    // about 4 %, the Pareto/NBD by about 2 %.
    let bgnbdGap = series.predicted[77] / actual[77] - 1
    #expect(bgnbdGap < -0.03 && bgnbdGap > -0.05, "BG/NBD gap \(bgnbdGap)")
    let pareto = try ParetoNBDModel.fit(summaries.compressed()).model
    let paretoGap = pareto.trackingSeries(log, summaries: summaries, origin: origin, periods: 78).predicted[77] / actual[77] - 1
    #expect(paretoGap < -0.01 && paretoGap > -0.03, "Pareto/NBD gap \(paretoGap)")
    // In the calibration period the fitted model tracks the actual purchases closely.
    #expect(abs(series.predicted[38] / actual[38] - 1) < 0.02)
    #expect(series.predictedPerPeriod.count == 78)
  }

  @Test func handMadeReportHasExactFigures() {
    // Three customers: predicted 1, 2, 3 and actual 2, 4, 6 are perfectly correlated; the
    // absolute errors are 1, 2, 3.
    let report = HoldoutReport(predicted: [1, 2, 3], actual: [2, 4, 6], frequency: [0, 1, 9], holdoutLength: .weeks(10))
    #expect(report.correlation?.isApproximatelyEqual(to: 1, relativeTolerance: 1e-15) == true)
    #expect(report.meanAbsoluteError == 2)
    #expect(report.predicted == 6 && report.actual == 12)
    #expect(report.byFrequency[7].customers == 1 && report.byFrequency[7].actual == 6)
    #expect(report.byFrequency[3].customers == 0 && report.byFrequency[3].predicted == 0)
    // Constant predictions, an empty holdout (nobody bought) and a single customer have no
    // correlation: nil, written as null in JSON.
    #expect(HoldoutReport(predicted: [1, 1], actual: [0, 3], frequency: [0, 0], holdoutLength: .weeks(1)).correlation == nil)
    let empty = HoldoutReport(predicted: [0.5, 1.25], actual: [0, 0], frequency: [0, 2], holdoutLength: .weeks(5))
    #expect(empty.correlation == nil)
    #expect(HoldoutReport(predicted: [1], actual: [2], frequency: [0], holdoutLength: .weeks(1)).correlation == nil)
    #expect(HoldoutReport(predicted: [], actual: [], frequency: [], holdoutLength: .weeks(0)).correlation == nil)
    let json = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(empty))) as? [String: Any]
    #expect(json?["correlation"] is NSNull)
    #expect(json?["predicted"] as? Double == 1.75)
  }

  @Test func summariesWithoutHoldoutThrow() throws {
    let log = try CDNOWFixtures.sampleLog()
    let summaries = log.summaries(SummaryOptions(observationEnd: CDNOWFixtures.date("1997-09-30"), unit: .weeks))
    let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let error = #expect(throws: RetentionModelError.self) { try model.holdoutReport(summaries) }
    #expect(error?.code == .missingHoldout)
  }
}
