import Foundation
import Testing
import _TestSupport

/// `secondsale fit` reports what its fit can tell: the `diagnostics` object of `--json` and the
/// notes of the text output.
struct FitDiagnosticsProgramTests {
  @Test func cdnowFitsHaveEverythingIdentified() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    for model in ["bgnbd", "mbgnbd", "paretonbd"] {
      let run = try ExampleProgramTests.run(
        "secondsale",
        ["fit", path, "--model", model, "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--json"])
      #expect(run.status == 0, "\(run.error)")
      let json = try ExampleProgramTests.json(run.output)
      let diagnostics = try #require(json["diagnostics"] as? [String: Any], "\(model)")
      #expect(diagnostics["atBoundary"] as? [String] == [], "\(model)")
      #expect(diagnostics["dropoutIdentified"] as? Bool == true, "\(model)")
      #expect(diagnostics["notes"] as? [String] == [], "\(model)")
      #expect((diagnostics["hessianCondition"] as? Double).map { $0 > 1 } == true, "\(model)")
      #expect((json["standardErrors"] as? [String: Double])?.count == 4, "\(model)")
    }
  }

  @Test func onlineRetailSampleHasNoDropoutAndSaysWhy() throws {
    let path = TestData.onlineRetailSample.path
    let arguments = ["fit", path, "--model", "paretonbd", "--calibration-end", "2011-06-30"]
    let run = try ExampleProgramTests.run("secondsale", arguments + ["--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    let diagnostics = try #require(json["diagnostics"] as? [String: Any])
    #expect(diagnostics["atBoundary"] as? [String] == ["s", "beta"])
    #expect(diagnostics["dropoutIdentified"] as? Bool == false)
    #expect(diagnostics["limitingModel"] as? String == "no dropout: the NBD")
    #expect((diagnostics["notes"] as? [String])?.first?.hasPrefix("No dropout") == true)
    // Every parameter has a standard error or a reason.
    let errors = try #require(json["standardErrors"] as? [String: Double])
    let missing = try #require(diagnostics["missingStandardErrors"] as? [String: String])
    #expect(Set(errors.keys) == ["r", "alpha"] && Set(missing.keys) == ["s", "beta"])
    // The text output prints the reasons and the notes instead of a bare "converged".
    let text = try ExampleProgramTests.run("secondsale", arguments)
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("converged on a boundary"))
    #expect(text.output.contains("limiting model: no dropout: the NBD"))
    #expect(text.output.contains("note: No dropout"))
    #expect(text.output.contains("(no SE: dropout is not identified"))
  }
}
