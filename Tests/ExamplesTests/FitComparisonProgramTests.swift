import Foundation
import Testing
import _TestSupport

/// `secondsale fit --model all`: the comparison table, the choice with its reason, and the
/// `--json` keys (null for undefined, the unit and the identity mode).
struct FitComparisonProgramTests {
  static let cdnowArguments = ["--calibration-end", "1997-09-30", "--observation-end", "1998-06-30"]

  @Test func cdnowJSONHasEveryModelAndTheChoice() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["fit", path, "--model", "all", "--json"] + Self.cdnowArguments)
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    #expect(
      Set(json.keys)
        == [
          "unit", "identity", "customers", "calibrationEnd", "holdoutLength", "entries", "choice", "reason",
          "indistinguishable", "rule",
        ])
    #expect(json["unit"] as? String == "weeks" && json["identity"] as? String == "people")
    #expect(json["customers"] as? Int == 2_357 && json["calibrationEnd"] as? String == "1997-09-30")
    let entries = try #require(json["entries"] as? [[String: Any]])
    #expect(
      entries.compactMap { $0["model"] as? String } == ["bgnbd", "mbgnbd", "paretonbd", "nbd", "bgbb", "mbgcnbd", "bgcnbd"])
    let keys: Set<String> = [
      "model", "name", "likelihood", "isLikelihoodComparable", "parameters", "standardErrors", "parameterCount",
      "logLikelihood", "aic", "bic", "converged", "diagnostics", "isIdentified", "holdout", "tracking", "notes",
    ]
    for entry in entries {
      #expect(Set(entry.keys) == keys, "\(entry["model"] ?? "")")
      let holdout = try #require(entry["holdout"] as? [String: Any])
      #expect(holdout["actual"] as? Double == 1_882)
      #expect(holdout["meanAbsoluteError"] is Double && holdout["correlation"] is Double)
      let tracking = try #require(entry["tracking"] as? [String: Any])
      #expect(tracking["cumulativeMeanAbsolutePercentageError"] is Double)
    }
    // REFERENCES.md: BG/NBD -9582.4 (FHL 2005); AIC from LL and k = 4.
    let bgnbd = entries[0]
    let logLikelihood = try #require(bgnbd["logLikelihood"] as? Double)
    #expect(logLikelihood.isApproximatelyEqual(to: -9582.4, absoluteTolerance: 0.05))
    #expect(
      (bgnbd["aic"] as? Double).map { $0.isApproximatelyEqual(to: 8 - 2 * logLikelihood, absoluteTolerance: 1e-9) }
        == true)
    #expect(entries[4]["isLikelihoodComparable"] as? Bool == false)
    let choice = try #require(json["choice"] as? String)
    #expect(entries.contains { $0["model"] as? String == choice && $0["isIdentified"] as? Bool == true })
    #expect((json["reason"] as? String)?.isEmpty == false)
  }

  @Test func withoutACalibrationEndTheHoldoutIsNull() throws {
    let path = TestData.onlineRetailSample.path
    let run = try ExampleProgramTests.run("secondsale", ["fit", path, "--model", "all", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    #expect(json["calibrationEnd"] is NSNull && json["holdoutLength"] is NSNull)
    let entries = try #require(json["entries"] as? [[String: Any]])
    #expect(entries.allSatisfy { $0["holdout"] is NSNull })
    #expect((json["reason"] as? String)?.hasPrefix("No holdout period:") == true)
  }

  @Test func onlineRetailTextNamesTheChoiceAndTheBoundaries() throws {
    let path = TestData.onlineRetailSample.path
    let run = try ExampleProgramTests.run(
      "secondsale", ["fit", path, "--model", "all", "--calibration-end", "2011-06-30"])
    #expect(run.status == 0, "\(run.error)")
    for model in ["BG/NBD", "MBG/NBD", "Pareto/NBD", "NBD", "BG/BB", "MBG/CNBD-k", "BG/CNBD-k"] { #expect(run.output.contains("  \(model) ")) }
    #expect(run.output.contains("no (no dropout: the NBD)"))
    // With Erlang-2 purchase times the dropout is identified (an interior fit, a and b with
    // standard errors), and MBG/CNBD-k ties the NBD on the holdout with the lower BIC.
    #expect(run.output.contains("choice: MBG/CNBD-k"))
    #expect(run.output.contains("Left out because the data do not identify their parameters"))
    #expect(run.output.contains("* not comparable with the continuous-time likelihoods"))
  }

  @Test func anUnknownModelNamesAll() throws {
    let path = TestData.onlineRetailSample.path
    let run = try ExampleProgramTests.run("secondsale", ["fit", path, "--model", "every"])
    #expect(run.status != 0)
    #expect(run.error.contains("use bgnbd, mbgnbd, paretonbd, nbd, mbgcnbd, bgcnbd, bgbb or all"))
  }
}
