import Foundation
import Testing
import _TestSupport

/// `secondsale fit --model mbgcnbd|bgcnbd`: the Erlang-k models with k chosen by likelihood.
struct RegularityFitProgramTests {
  static let groceryArguments = [
    "--format", "transactions", "--columns", "customer=cust,date=date", "--calibration-end", "2006-12-31",
    "--observation-end", "2007-12-31",
  ]

  @Test(arguments: ["mbgcnbd", "bgcnbd"])
  func groceryFitChoosesTwoStages(model: String) throws {
    let path = try TestData.url("btydplus-grocery/groceryElog.csv").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["fit", path, "--model", model, "--json"] + Self.groceryArguments)
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    #expect(json["model"] as? String == model)
    let parameters = try #require(json["parameters"] as? [String: Double])
    // BTYDplus demo/grocery.R: "k=2 -> regularity detected for grocery dataset".
    #expect(parameters["k"] == 2)
    #expect(Set(parameters.keys) == ["k", "r", "alpha", "a", "b"])
    let diagnostics = try #require(json["diagnostics"] as? [String: Any])
    let missing = try #require(diagnostics["missingStandardErrors"] as? [String: String])
    #expect(Set(missing.keys) == ["k"])
    let notes = try #require(diagnostics["notes"] as? [String])
    #expect(notes.first?.hasPrefix("k = 2 has the largest log-likelihood") == true)
    let holdout = try #require(json["holdout"] as? [String: Any])
    #expect((holdout["actual"] as? Double) == 3_389)
  }

  @Test func textOutputNamesTheChoice() throws {
    let path = try TestData.url("btydplus-grocery/groceryElog.csv").path
    let run = try ExampleProgramTests.run("secondsale", ["fit", path, "--model", "mbgcnbd"] + Self.groceryArguments)
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("mbgcnbd on 1525"))
    #expect(run.output.contains("k = 1: -15781.939"))
  }
}
