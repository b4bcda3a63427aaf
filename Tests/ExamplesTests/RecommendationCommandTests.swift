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
    #expect(recommenders.count == 12)
    #expect(recommenders.last?["recommender"] as? String == "learned ranker")
    #expect(recommenders.map { $0["recommender"] as? String }.prefix(4).elementsEqual(baselines.map { $0 }))
    #expect(recommenders.contains { $0["recommender"] as? String == "TIFU-KNN" })
    #expect(recommenders.contains { $0["recommender"] as? String == "shrunk frequency" })
    for key in ["parameters", "validationStart", "validationEnd", "test"] {
      #expect(recommenders.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    // Families with a grid say how they did on the validation window.
    let tifu = try #require(recommenders.first { $0["recommender"] as? String == "TIFU-KNN" })
    #expect(tifu["validationNDCGAtK"] is Double)
    let tests = recommenders.compactMap { $0["test"] as? [String: Any] }
    #expect(tests.count == 12)
    for key in ["name", "customers", "precisionAtK", "recallAtK", "hitRateAtK", "ndcgAtK", "coverage", "repeatItems", "newItems"] {
      #expect(tests.allSatisfy { $0[key] != nil }, "missing \(key)")
    }
    #expect(tests.allSatisfy { $0["customers"] as? Int == 2_163 })
    let recent = try #require(recommenders.first { $0["recommender"] as? String == "recent popularity" })
    #expect((recent["parameters"] as? [String: Any])?["windowDays"] != nil)
  }

  /// Issue 21 §5: `evaluate` says why the association rules have nothing on the Shopify export.
  ///
  /// No pair of products is bought together more often than by chance
  /// (the largest lift of a confident rule is 0.898, below 1).
  @Test func evaluateSaysWhyTheAssociationRulesHaveNothing() throws {
    let path = try TestData.url("shopify/orders_export_sample.csv").path
    let run = try ExampleProgramTests.run("secondsale", ["evaluate", path, "--split", "2025-01-01", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let rules = try #require(try ExampleProgramTests.json(run.output)["associationRules"] as? [String: Any])
    #expect(rules["rules"] as? Int == 0)
    #expect((rules["confidentRules"] as? Int ?? 0) > 0)
    #expect(try #require(rules["largestLift"] as? Double) < 1)
    #expect((rules["explanation"] as? String)?.contains("more often than by chance") == true)
    let text = try ExampleProgramTests.run("secondsale", ["evaluate", path, "--split", "2025-01-01"])
    #expect(text.output.contains("association rules: no rules: "))
    // `recommend` says it too; the email is matched as Shopify's importer keys it (lower-cased).
    let rulesList = try ExampleProgramTests.run(
      "secondsale", ["recommend", path, "--customer", "Uwe.Wagner216@GMX.de", "--recommender", "rules"])
    #expect(rulesList.status == 0, "\(rulesList.error)")
    #expect(rulesList.output.contains("for Uwe.Wagner216@GMX.de (customer uwe.wagner216@gmx.de)"))
    #expect(rulesList.output.contains("(nothing to recommend)"))
    #expect(rulesList.output.contains("association rules: no rules: "))
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
    // Groceries' baskets are close to random: whole milk, its most rebought product, is bought
    // again no more often than by chance, so the rebuy-lift rule leaves it out; sausage is
    // the product with the most intervals that customers do rebuy.
    #expect(products.first?["productID"] as? String == "sausage")
    let excluded = try #require(json["excluded"] as? [[String: Any]])
    #expect(excluded.contains { $0["productID"] as? String == "whole milk" && $0["rule"] as? String == "lowRebuyLift" })
    #expect(json["due"] is [Any])
  }

  /// Issue 21 §5: `--customer 14688.0` is customer 14688 of UCI Online Retail.
  ///
  /// The importer reads `14688.0` as `14688`; an id that names nobody is an error unless
  /// `--allow-unknown`.
  @Test func recommendMatchesIdsAsTheImporterNormalisesThem() throws {
    let path = TestData.onlineRetailSample.path
    let run = try ExampleProgramTests.run(
      "secondsale", ["recommend", path, "--format", "online-retail", "--customer", " 14688.0", "--k", "3", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    #expect(json["isKnownCustomer"] as? Bool == true)
    #expect(json["matchedCustomer"] as? String == "14688")
    let unknown = try ExampleProgramTests.run(
      "secondsale", ["recommend", path, "--format", "online-retail", "--customer", "99999.0"])
    #expect(unknown.status != 0)
    #expect(unknown.error.contains("--customer 99999.0: no customer with this id"), "\(unknown.error)")
    #expect(unknown.error.contains("'99999'") && unknown.error.contains("--allow-unknown"))
    let coldStart = try ExampleProgramTests.run(
      "secondsale",
      ["recommend", path, "--format", "online-retail", "--customer", "99999", "--allow-unknown", "--k", "2"])
    #expect(coldStart.status == 0, "\(coldStart.error)")
    #expect(coldStart.output.contains("99999 (unknown customer: cold start)"))
  }

  /// Issue 21 §5: `--affinity` keeps a buyer of men's shoes away from handbags.
  ///
  /// `category` keeps the list in men's shoes, `category-tree` in the `Men > …` tree. Fixture: five buyers of a handbag, three of a tote,
  /// three of an Oxford shoe; m3 bought only the Oxford shoe.
  @Test func recommendAffinityKeepsTheCustomersCategories() throws {
    let path = try TestData.url("fixtures/recommend_categories.csv").path
    func products(_ affinity: [String]) throws -> [String] {
      let run = try ExampleProgramTests.run(
        "secondsale",
        [
          "recommend", path, "--format", "lines", "--columns",
          "customer=customer,order=order,date=date,product=product,name=name,category=category,quantity=quantity,price=unit_price,currency=currency",
          "--customer", "m3", "--recommender", "popularity", "--k", "5", "--json",
        ] + affinity)
      #expect(run.status == 0, "\(run.error)")
      let list = try #require(try ExampleProgramTests.json(run.output)["recommendations"] as? [[String: Any]])
      return list.compactMap { $0["productID"] as? String }
    }
    #expect(try products([]).first == "BAG-1")
    #expect(Set(try products(["--affinity", "category"])) == ["SHOE-1", "SHOE-2"])
    #expect(Set(try products(["--affinity", "category-tree"])) == ["SHOE-1", "SHOE-2", "SOCK-1"])
    let bad = try ExampleProgramTests.run(
      "secondsale", ["recommend", path, "--format", "lines", "--customer", "m3", "--affinity", "brand"])
    #expect(bad.status != 0 && bad.error.contains("--affinity"))
  }

  /// Issue 21 §4: `replenish` on the synthetic Shopify export lists only what customers rebuy.
  ///
  /// Durables and the gift card are not listed as running out; nothing is due more than one
  /// interval back; the offline check is printed.
  @Test func replenishListsOnlyWhatCustomersRebuy() throws {
    let path = try TestData.url("shopify/orders_export_sample.csv").path
    let run = try ExampleProgramTests.run("secondsale", ["replenish", path, "--json"])
    #expect(run.status == 0, "\(run.error)")
    let json = try ExampleProgramTests.json(run.output)
    let products = try #require(json["products"] as? [[String: Any]]).compactMap { $0["productID"] as? String }
    let due = try #require(json["due"] as? [[String: Any]])
    let durables: Set<String> = ["GRN-HND-001", "SCL-DIG-001", "KTL-GSN-001", "GFT-CRD-050"]
    #expect(!products.isEmpty && durables.isDisjoint(with: products))
    #expect(due.allSatisfy { !durables.contains($0["productID"] as? String ?? "") })
    let excluded = try #require(json["excluded"] as? [[String: Any]])
    let rules = Dictionary(
      excluded.compactMap { item in (item["productID"] as? String).map { ($0, item["rule"] as? String) } },
      uniquingKeysWith: { first, _ in first })
    #expect(rules["GFT-CRD-050"] == "notAProduct")
    #expect(rules["KTL-GSN-001"] == "lowRebuyLift" && rules["GRN-HND-001"] == "lowRebuyLift")
    let evaluation = try #require(json["evaluation"] as? [String: Any])
    let plan = try #require(evaluation["plan"] as? [String: Any])
    let baseline = try #require(evaluation["baseline"] as? [String: Any])
    #expect(try #require(plan["conversion"] as? Double) > (try #require(baseline["conversion"] as? Double)))
    let text = try ExampleProgramTests.run("secondsale", ["replenish", path])
    #expect(text.output.contains("past their run-out by more than one interval: win-back, not reminders"))
    #expect(text.output.contains("offline check, reminders of "))
  }
}
