import Foundation
import Testing
import _TestSupport
import RetentionModel

/// The choice rule on hand-made entries: identification first, then holdout MAE, BIC within a
/// holdout tie, BIC alone without a holdout, and the indistinguishable models named.
struct ModelComparisonChoiceTests {
  /// An entry with a given fit, BIC and holdout MAE (nil: no holdout).
  static func entry(
    _ model: String, bic: Double, error: Double?, identified: Bool = true, comparable: Bool = true
  ) -> ModelComparison.Entry {
    var entry = ModelComparison.Entry(
      model: model, name: model.uppercased(), likelihood: "test", parameterCount: 4, reason: "")
    entry.notes = []
    entry.logLikelihood = -bic / 2
    entry.bayesianInformationCriterion = bic
    entry.akaikeInformationCriterion = bic
    entry.converged = true
    entry.isIdentified = identified
    entry.isLikelihoodComparable = comparable
    entry.diagnostics =
      identified
      ? FitDiagnostics()
      : FitDiagnostics(atBoundary: ["a", "b"], dropoutIdentified: false, limitingModel: "no dropout: the NBD")
    if let error {
      // Predictions of 1 + error against outcomes of 1: a mean absolute error of `error`.
      entry.holdout = HoldoutReport(
        predicted: [1 + error, 1 - error], actual: [1, 1], frequency: [0, 1], holdoutLength: .weeks(10))
    }
    return entry
  }

  static func compare(_ entries: [ModelComparison.Entry]) -> ModelComparison {
    ModelComparison(unit: .weeks, customers: 100, holdoutLength: .weeks(10), entries: entries)
  }

  @Test func anUnidentifiedModelNeverWinsOverAnIdentifiedOne() {
    let comparison = Self.compare([
      Self.entry("boundary", bic: 100, error: 0.1, identified: false), Self.entry("nbd", bic: 110, error: 0.5),
    ])
    #expect(comparison.choice == "nbd")
    #expect(
      comparison.reason.hasPrefix("NBD has the lowest holdout mean absolute error of the identified models, 0.5000"))
    #expect(
      comparison.reason.contains(
        "Left out because the data do not identify their parameters: BOUNDARY (no dropout: the NBD)"))
  }

  @Test func theLowestHoldoutErrorWinsOutsideTheTieBand() {
    let comparison = Self.compare([Self.entry("a", bic: 100, error: 0.30), Self.entry("b", bic: 200, error: 0.20)])
    #expect(comparison.choice == "b")
    // (0.30 - 0.20) / 0.30 = 33.3 %.
    #expect(comparison.reason.contains("33.3 % below the next (A)"))
    #expect(comparison.indistinguishable.isEmpty)
  }

  @Test func aHoldoutTieIsBrokenByBIC() {
    // 0.2010 is within 1 % of 0.2000: a tie; the BIC decides; 105 vs 100 is not within 2.
    let comparison = Self.compare([Self.entry("a", bic: 100, error: 0.2010), Self.entry("b", bic: 105, error: 0.2000)])
    #expect(comparison.choice == "a")
    #expect(comparison.reason.hasPrefix("A, B predict the holdout equally well"))
    #expect(comparison.indistinguishable.isEmpty)
    // Within 2 in BIC as well: named as indistinguishable.
    let close = Self.compare([Self.entry("a", bic: 100, error: 0.2010), Self.entry("b", bic: 101.5, error: 0.2000)])
    #expect(close.choice == "a" && close.indistinguishable == ["b"])
    #expect(close.reason.contains("The data cannot tell A from B (holdout errors within 1 %, BICs within 2)"))
  }

  @Test func aModelWithoutAComparableLikelihoodNeverWinsATieByBIC() {
    // The discrete model has the lower (incomparable) BIC and ties on the holdout.
    let comparison = Self.compare([
      Self.entry("discrete", bic: 10, error: 0.2000, comparable: false), Self.entry("b", bic: 100, error: 0.2015),
    ])
    #expect(comparison.choice == "b")
    #expect(comparison.indistinguishable == ["discrete"])
    // Clearly better on the holdout, it wins.
    let better = Self.compare([
      Self.entry("discrete", bic: 1000, error: 0.1, comparable: false), Self.entry("b", bic: 100, error: 0.2),
    ])
    #expect(better.choice == "discrete")
  }

  @Test func withoutAnyIdentifiedModelTheChoiceSaysSo() {
    let comparison = Self.compare([
      Self.entry("a", bic: 100, error: 0.3, identified: false),
      Self.entry("b", bic: 100, error: 0.2, identified: false),
    ])
    #expect(comparison.choice == "b")
    #expect(comparison.reason.contains("No model has every parameter identified by these data"))
  }

  @Test func nothingFittedChoosesNothing() throws {
    let failed = ModelComparison.Entry(
      model: "x", name: "X", likelihood: "test", parameterCount: 2, reason: "not fitted: no data")
    let comparison = Self.compare([failed])
    #expect(comparison.choice == nil && comparison.chosenEntry == nil)
    #expect(comparison.reason == "No model could be fitted.")
    let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(comparison)) as? [String: Any])
    #expect(json["choice"] is NSNull)
    let entry = try #require((json["entries"] as? [[String: Any]])?.first)
    #expect(entry["logLikelihood"] is NSNull && entry["aic"] is NSNull && entry["bic"] is NSNull)
    #expect(entry["notes"] as? [String] == ["not fitted: no data"])
  }

  @Test func roundTripsThroughJSON() throws {
    let comparison = Self.compare([Self.entry("a", bic: 100, error: 0.3), Self.entry("b", bic: 90, error: nil)])
    let decoded = try JSONDecoder().decode(ModelComparison.self, from: JSONEncoder().encode(comparison))
    #expect(decoded == comparison)
  }
}
