import Foundation
import Testing
import Recommendations

/// Compiles and runs the code of Documentation/Recommendations.md, in order, so that the guide never rots.
///
/// Keep the two in step.
struct GuideTests {
  @Test func guideSnippetsCompileAndRun() throws {
    // 1. From orders to a purchase history
    let day = 86_400.0
    let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
    func order(_ id: String, _ customer: String, _ days: Double, _ products: [String]) -> Order {
      Order(
        id: id, customer: CustomerReference(id: customer), placedAt: start.addingTimeInterval(days * day),
        lines: products.map { LineItem(productID: $0, category: $0.hasPrefix("mug") ? "mugs" : "coffee", unitPrice: 9) }
      )
    }
    let log = try OrderLog([
      order("1", "ada", 0, ["beans", "mug"]), order("2", "ada", 30, ["beans", "filters"]),
      order("3", "bob", 5, ["beans", "filters"]), order("4", "cy", 9, ["mug", "beans"]),
      order("5", "ada", 60, ["beans"]), order("6", "bob", 40, ["beans"]),
    ])
    let history = PurchaseHistory(log)  // or PurchaseHistory(log, before: cutoff)

    // 2. What to recommend
    let blend = try BlendedRecommender([
      (RepeatPurchaseRecommender(history, halfLifeDays: 90), 1),
      (ItemToItemRecommender(history, measure: .cosine, minimumSupport: 1), 0.5),
      (PopularityRecommender(history), 0.5),
    ])
    let filter = RecommendationFilter(
      excludesPurchasedDurables: true, durability: .durableCategories(["mugs"]),
      categoryAffinity: .purchasedCategories, priceRange: 1...50)
    for item in blend.recommendations(forCustomer: "bob", count: 3, filter: filter) {
      print(item.productID, item.reason)  // beans: "you bought it in 2 orders, last on 2024-02-10"
    }
    let coldStart = blend.recommendations(forCustomer: "someone-new", count: 3)

    // 3. Which recommender? Measure it
    let evaluation = try OfflineEvaluation(log: log, split: start.addingTimeInterval(35 * day))
    for result in evaluation.compare(evaluation.training.standardRecommenders(), k: 3) {
      print(result.name, result.ndcgAtK, result.hitRateAtK, result.coverage)
    }

    // 4. When to remind: replenishment
    let plan = ReplenishmentPlan(
      log, asOf: start.addingTimeInterval(70 * day), timing: .fraction(0.75),
      options: .init(minimumSampleSize: 2))
    for reminder in plan.reminders {
      print(reminder.customerID, reminder.productID, reminder.status, reminder.reminderDate, reminder.reason)
    }
    for product in plan.excluded { print(product.productID, product.rule, product.reason) }

    // What the guide promises. Bob bought beans twice (days 5 and 40 = 2024-02-10) and filters
    // once; mugs are durable and outside his categories anyway.
    let bob = blend.recommendations(forCustomer: "bob", count: 3, filter: filter)
    #expect(bob.first?.productID == "beans")
    #expect(bob.first?.reason == "you bought it in 2 orders, last on 2024-02-10")
    #expect(!bob.contains { $0.productID == "mug" })
    #expect(coldStart.first?.productID == "beans")
    // Beans: ada's gaps 30 and 30, bob's 35 (one unit each): median 30 days.
    #expect(plan.intervals.distribution(ofProduct: "beans")?.median == 30)
    // Nobody bought the mug or the filters twice: no run-out dates for them.
    #expect(plan.excluded.map(\.productID) == ["filters", "mug"])
    #expect(plan.excluded.allSatisfy { $0.rule == .tooFewRepeatBuyers })
    #expect(Set(plan.reminders.map(\.productID)) == ["beans"])
  }
}
