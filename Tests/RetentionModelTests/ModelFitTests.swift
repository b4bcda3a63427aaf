import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// A fit's JSON carries the unit its parameters are per period of, and reading it back needs
/// that unit: a fit is never read in a guessed unit.
struct ModelFitTests {
  static func json(_ value: some Encodable) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
  }

  @Test func weeklyAndDailyFitsRoundTripWithTheirUnit() throws {
    let weekly = try BGNBDModel.fit(try CDNOWFixtures.publishedSummary())
    #expect(try Self.json(weekly)["unit"] as? String == "weeks")
    let decoded = try JSONDecoder().decode(ModelFit<BGNBDModel>.self, from: JSONEncoder().encode(weekly))
    #expect(decoded == weekly && decoded.model.unit == .weeks)

    let daily = try ParetoNBDModel.fit(try CDNOWFixtures.sampleSummaries().compressed().converted(to: .days))
    #expect(daily.unit == .days)
    #expect(try Self.json(daily)["unit"] as? String == "days")
    let decodedDaily = try JSONDecoder().decode(ModelFit<ParetoNBDModel>.self, from: JSONEncoder().encode(daily))
    #expect(decodedDaily == daily && decodedDaily.model.unit == .days)
  }

  @Test func discreteTimeFitsNameTheirUnit() throws {
    let bgbb = try BGBBModel.fit(try BGBBModelTests.donations())
    #expect(bgbb.unit == .opportunities)
    #expect(try Self.json(bgbb)["unit"] as? String == "opportunities")
    #expect(try JSONDecoder().decode(ModelFit<BGBBModel>.self, from: JSONEncoder().encode(bgbb)) == bgbb)
    let sbg = try ShiftedBetaGeometricModel.fit(survivors: [1000, 631, 468, 382, 326, 289, 262, 241])
    #expect(try Self.json(sbg)["unit"] as? String == "periods")
    #expect(try JSONDecoder().decode(ModelFit<ShiftedBetaGeometricModel>.self, from: JSONEncoder().encode(sbg)) == sbg)
  }

  /// A fit written without its unit, or with one the model does not count in, is refused.
  @Test(arguments: [nil, "months", "opportunities"] as [String?])
  func decodingRefusesAMissingOrForeignUnit(unit: String?) throws {
    var object = try Self.json(try NBDModel.fit(try CDNOWFixtures.publishedSummary()))
    object["unit"] = unit
    let data = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(ModelFit<NBDModel>.self, from: data) }
  }

  /// Results that hold a span encode it with its unit.
  @Test func resultsEncodeTheirSpansWithTheUnit() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    let model = BGNBDModelTests.transactionOptimum
    let scores = model.scores(summaries, within: .days(90))
    let horizon = try #require(try Self.json(scores)["horizon"] as? [String: Any])
    #expect(horizon["value"] as? Double == 90 && horizon["unit"] as? String == "days")
    #expect(try JSONDecoder().decode(CustomerScores.self, from: JSONEncoder().encode(scores)) == scores)
    let report = try model.holdoutReport(summaries)
    let holdout = try #require(try Self.json(report)["holdoutLength"] as? [String: Any])
    #expect(holdout["unit"] as? String == "weeks")
    #expect(try JSONDecoder().decode(HoldoutReport.self, from: JSONEncoder().encode(report)) == report)
    let series = model.trackingSeries(
      try CDNOWFixtures.sampleLog(), summaries: summaries, origin: CDNOWFixtures.date("1997-01-01"), periods: 10)
    #expect(try Self.json(series)["unit"] as? String == "weeks")
    #expect(try JSONDecoder().decode(TrackingSeries.self, from: JSONEncoder().encode(series)) == series)
    let design = SimulationDesign(
      customers: 10, acquisitionSpan: .weeks(12), calibrationEnd: .days(273), resolution: .days(1))
    #expect(try JSONDecoder().decode(SimulationDesign.self, from: JSONEncoder().encode(design)) == design)
    var generator = SplitMix64(seed: 1)
    let base = model.simulateCustomerBase(design, using: &generator)
    #expect(try Self.json(base)["unit"] as? String == "weeks")
    #expect(try JSONDecoder().decode(SimulatedCustomerBase.self, from: JSONEncoder().encode(base)) == base)
  }
}
