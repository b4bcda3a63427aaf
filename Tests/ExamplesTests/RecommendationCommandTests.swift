import Foundation
import Testing
import _TestSupport

/// Runs `secondsale recommend`, `evaluate` and `replenish` as a user would.
struct RecommendationCommandTests {
  @Test func evaluatePrintsEveryRecommendersMetrics() throws {
    let path = try TestData.url("groceries/Groceries_dataset.csv").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["evaluate", path, "--split", "2015-07-01", "--k", "10", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    // The validation window: the 60 days before the split.
    #expect(json["validationStart"] as? String == "2015-05-02")
    let baselines = try #require(json["baselines"] as? [String])
    #expect(baselines == ["personal top-frequency", "popularity", "recent popularity", "item-kNN (cosine)"])
    let recommenders = try #require(json["recommenders"] as? [[String: Any]])
    #expect(recommenders.count == 10)
    #expect(recommenders.map { $0["recommender"] as? String }.prefix(4).elementsEqual(baselines.map { $0 }))
    #expect(recommenders.contains { $0["recommender"] as? String == "TIFU-KNN" })
    for key in ["parameters", "validationStart", "validationEnd", "test"] {
      #expect(recommenders.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    // Families with a grid say how they did on the validation window.
    let tifu = try #require(recommenders.first { $0["recommender"] as? String == "TIFU-KNN" })
    #expect(tifu["validationNDCGAtK"] is Double)
    let tests = recommenders.compactMap { $0["test"] as? [String: Any] }
    #expect(tests.count == 10)
    for key in ["name", "customers", "precisionAtK", "recallAtK", "hitRateAtK", "ndcgAtK", "coverage", "repeatItems", "newItems"] {
      #expect(tests.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    #expect(tests.allSatisfy { $0["customers"] as? Int == 2_163 })
    let recent = try #require(recommenders.first { $0["recommender"] as? String == "recent popularity" })
    #expect((recent["parameters"] as? [String: Any])?["windowDays"] != nil)
  }

  @Test func recommendListsProductsWithReasons() throws {
    let path = try TestData.url("groceries/Groceries_dataset.csv").path
    let run = try ExampleProgramTests.run(
      "secondsale", ["recommend", path, "--customer", "1808", "--k", "3", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    let list = try #require(json["recommendations"] as? [[String: Any]])
    #expect(list.count == 3)
    #expect(list.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
    #expect(json["isKnownCustomer"] as? Bool == true)
    let missing = try ExampleProgramTests.run("secondsale", ["recommend", path])
    #expect(missing.status != 0)
    #expect(missing.error.contains("--customer"))
  }

  @Test func replenishPrintsIntervalsAndReminders() throws {
    let path = try TestData.url("groceries/Groceries_dataset.csv").path
    let run = try ExampleProgramTests.run("secondsale", ["replenish", path, "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    let products = try #require(json["products"] as? [[String: Any]])
    #expect(products.first?["productID"] as? String == "whole milk")
    #expect(json["due"] is [Any])
  }
}
