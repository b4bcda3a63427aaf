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
    let recommenders = try #require(json["recommenders"] as? [[String: Any]])
    #expect(recommenders.count == 8)
    for key in ["name", "customers", "precisionAtK", "recallAtK", "hitRateAtK", "ndcgAtK", "coverage", "seconds"] {
      #expect(recommenders.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    #expect(recommenders.first?["name"] as? String == "popularity")
    #expect(recommenders.first?["customers"] as? Int == 2_163)
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
