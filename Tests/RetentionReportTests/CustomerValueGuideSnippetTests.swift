import Foundation
import LTVMath
import Testing
import _TestSupport

/// Compiles and runs the code of Documentation/CustomerValue.md.
struct CustomerValueGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("CustomerValue.md", isCompiledBy: #filePath)
  }

  @Test func whereTheRevenueIs() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let structure = RevenueStructure(log: log, bandBoundaries: [30, 60, 120])
    print(structure.topDecileShare, structure.topQuintileShare, structure.gini)
    print(structure.repeatCustomerShare, structure.repeatRevenueShare)
    for band in structure.averageOrderValueBands {
      print(band.lower, band.upper, band.customerShare, band.revenueShare)  // 0..<30, 30..<60, ...
    }

    #expect(structure.averageOrderValueBands.count == 4)
  }

  @Test func whatACustomerIsWorth() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let summaries = log.summaries(SummaryOptions(observationEnd: log.lastOrderDate ?? .now, unit: .weeks))
    let purchases = try BGNBDModel.fit(summaries.compressed()).model
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue).model
    let values = LifetimeValue.modelBased(
      purchases: purchases, spend: spend, summaries: summaries, horizonMonths: 12, margin: 0.3,
      discount: DiscountRate(annual: 0.1))
    for position in values.rankedPositions().prefix(5) {
      print(values.customerIDs[position], values.lifetimeValue[position])  // margin over the next 12 months
    }
    let newcomer = LifetimeValue.newCustomer(
      purchases: purchases, spend: spend, horizonMonths: 12, margin: 0.3,
      discount: DiscountRate(annual: 0.1))
    print(newcomer)  // what a new customer is worth: the most to spend on acquiring one

    #expect(values.total > 0)
    #expect(newcomer.isFinite)
  }

  @Test func everyCustomersScoreWithAnInterval() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let summaries = log.summaries(SummaryOptions(observationEnd: log.lastOrderDate ?? .now, unit: .weeks))
    let purchases = try BGNBDModel.fit(summaries.compressed())
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let scores = LifetimeValue.scores(
      summaries, purchases: purchases, spend: spend, within: .days(90), margin: 0.3,
      discount: DiscountRate(annual: 0.1), bootstrap: ParameterBootstrap(draws: 200, level: 0.9, seed: 1))
    for score in scores.prefix(3) {
      print(score.customerID, score.probabilityAlive, score.expectedPurchases, score.probabilityOfPurchase)
      print(score.expectedSpend ?? 0, score.lifetimeValue ?? 0, score.lifetimeValueLow ?? .nan, score.lifetimeValueHigh ?? .nan)
    }
    print(scores.intervalUnavailableReason ?? "90 % interval from 200 parameter draws")

    #expect(scores.count == summaries.count)
    #expect((scores.lifetimeValueInterval == nil) == (scores.intervalUnavailableReason != nil))
  }

  @Test func closedForms() {
    let simple = LifetimeValue.simple(averageOrderValue: 40, purchasesPerYear: 3, margin: 0.3, lifespanYears: 2)
    let retention = LifetimeValue.retentionBased(marginPerPeriod: 36, retentionRate: 0.6, discountRate: 0.1)
    print(simple, retention)  // 72.0 and 36 * 0.6 / (1 + 0.1 - 0.6) = 43.2

    #expect(simple.isApproximatelyEqual(to: 72, absoluteTolerance: 1e-9))
    #expect(retention.isApproximatelyEqual(to: 43.2, absoluteTolerance: 1e-9))
  }
}
