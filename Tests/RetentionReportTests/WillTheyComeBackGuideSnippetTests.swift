import Foundation
import RetentionModel
import Testing

/// Compiles and runs the code of Documentation/WillTheyComeBack.md.
struct WillTheyComeBackGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("WillTheyComeBack.md", isCompiledBy: #filePath)
  }

  @Test func fitScoreAndCheck() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let end = log.lastOrderDate ?? .now  // the day of the last order (an empty log has none)
    let summaries = log.summaries(SummaryOptions(observationEnd: end, unit: .weeks))
    let fit = try BGNBDModel.fit(summaries.compressed())
    print(fit.parameters, fit.logLikelihood)
    let scores = fit.model.scores(summaries, within: .weeks(13))  // the next quarter
    for index in scores.expectedPurchases.indices.prefix(3) {
      print(scores.customerIDs[index], scores.probabilityAlive[index], scores.expectedPurchases[index])
    }

    #expect(scores.probabilityAlive.allSatisfy { (0...1).contains($0) })
  }

  @Test func holdout() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let end = log.lastOrderDate ?? .now  // the day of the last order (an empty log has none)
    let calibrationEnd = end.addingTimeInterval(-18 * 7 * 86_400)  // hold out the last 18 weeks
    let split = log.summaries(SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks))
    let model = try BGNBDModel.fit(split.compressed()).model
    let check = try model.holdoutReport(split)
    print(check.predicted, check.actual, check.correlation ?? .nan)  // purchases in the holdout weeks
    let series = model.trackingSeries(log, summaries: split, origin: log.firstOrderDate ?? end, periods: 53)
    print(series.predicted.last ?? 0, series.actual?.last ?? 0)  // cumulative repeat purchases by week 53

    #expect(check.predicted > 0)
    #expect(series.periods.count == 53)
  }
}
