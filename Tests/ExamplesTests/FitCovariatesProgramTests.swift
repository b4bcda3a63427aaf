import Foundation
import Testing
import _TestSupport

/// `secondsale fit` with covariates: `--first-order-covariates` and `--covariates FILE.csv`.
struct FitCovariatesProgramTests {
  static let cdnow = ["--calibration-end", "1997-09-30", "--observation-end", "1998-06-30"]

  @Test func firstOrderDummiesGiveCoefficientsWithStandardErrors() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    for model in ["bgnbd", "paretonbd"] {
      let run = try ExampleProgramTests.run(
        "secondsale",
        ["fit", path, "--model", model, "--first-order-covariates", "multipleItems", "--json"] + Self.cdnow)
      #expect(run.status == 0, "\(run.error)")
      let json = try ExampleProgramTests.json(run.output)
      #expect(json["model"] as? String == model)
      let covariates = try #require(json["covariates"] as? [[String: Any]])
      #expect(covariates.count == 1)
      #expect(covariates.first?["name"] as? String == "multipleItems=yes")
      #expect(Set(covariates.first?.keys ?? [:].keys) == ["name", "purchase", "purchaseSE", "dropout", "dropoutSE"])
      let blocks = try #require(json["blocks"] as? [[String: Any]])
      #expect(blocks.first?["referenceLevel"] as? String == "no")
      #expect(json["customers"] as? Double == 2_357)
      let full = try #require(json["logLikelihood"] as? Double)
      let without = try #require(json["logLikelihoodWithoutCovariates"] as? Double)
      #expect(full >= without)
    }
    let text = try ExampleProgramTests.run(
      "secondsale", ["fit", path, "--first-order-covariates", "multipleItems"] + Self.cdnow)
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("multipleItems=yes"))
    #expect(text.output.contains("likelihood-ratio tests:"))
  }

  /// The committed Shopify export records a Discount Code: `discount=yes` is 1 for the people
  /// whose first purchase used one, against the reference "no".
  @Test func discountComesFromTheShopifyExport() throws {
    let path = try TestData.url("shopify/orders_export_sample.csv").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["fit", path, "--model", "bgnbd", "--first-order-covariates", "discount", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    let covariates = try #require(json["covariates"] as? [[String: Any]])
    #expect(covariates.map { $0["name"] as? String } == ["discount=yes"])
    #expect(covariates.first?["purchaseSE"] is Double)
    let blocks = try #require(json["blocks"] as? [[String: Any]])
    #expect(blocks.first?["referenceLevel"] as? String == "no")
  }

  @Test func badCovariateInputIsAClearError() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("covariates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("missing.csv")
    try Data("customer,vip\nnobody,1\n".utf8).write(to: missing)
    let bad = folder.appendingPathComponent("bad.csv")
    try Data("customer,vip\na,1\nb,yes\n".utf8).write(to: bad)
    let cases: [([String], String)] = [
      (["--covariates", missing.path], "have no covariate row"),
      (["--covariates", bad.path], "row 3"),
      (["--covariates", bad.path, "--model", "nbd"], "only bgnbd and paretonbd"),
      (["--first-order-covariates", "discount"], "the log carries no discount codes"),
      (["--first-order-covariates", "colour"], "unknown attribute 'colour'"),
      (["--first-order-covariates", "source", "--model", "all"], "--model all compares the models without covariates"),
    ]
    for (options, message) in cases {
      let run = try ExampleProgramTests.run("secondsale", ["fit", path] + Self.cdnow + options)
      #expect(run.status != 0, "\(options)")
      #expect(run.error.contains(message), "\(options): \(run.error)")
    }
    let column = try ExampleProgramTests.run("secondsale", ["fit", path, "--covariates", bad.path] + Self.cdnow)
    #expect(column.error.contains("vip"), "\(column.error)")
  }
}
