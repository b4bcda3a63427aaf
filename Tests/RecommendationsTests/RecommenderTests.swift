import Foundation
import Testing
import _TestSupport
import Recommendations

struct RecommenderTests {
  @Test func popularityRanksByBuyersWithTiesByProductNumber() throws {
    let popular = PopularityRecommender(try ShopFixture.training())
    // Buyers: p2 3, p1 2, p3 2, p4 1.
    let list = popular.recommendations(forCustomer: "unknown", count: 3)
    #expect(list.ids == ["p2", "p1", "p3"])
    #expect(list.map(\.score) == [3, 2, 2])
    #expect(list[0].reason == "popular: bought by 3 customers")
    #expect(popular.recommendations(forCustomer: "A", count: 10).ids == ["p2", "p1", "p3", "p4"])
  }

  @Test func popularityWithinTheCustomersCategories() throws {
    let popular = PopularityRecommender(try ShopFixture.training(), scope: .customerCategories)
    // D bought only shoes; C bought one mug (p2) and one coffee (p3): weights 1/2 each.
    #expect(popular.recommendations(forCustomer: "D").ids == ["p4"])
    let c = popular.recommendations(forCustomer: "C")
    #expect(c.ids == ["p2", "p1", "p3"])
    #expect(c.map(\.score) == [1.5, 1, 1])
    // Cold start: the global list.
    #expect(popular.recommendations(forCustomer: "nobody").ids == ["p2", "p1", "p3", "p4"])
  }

  @Test func popularityInARecentWindow() throws {
    // The last 16 days before day 20 (from day 4 on) hold only A's day-10 basket and D's day-4 basket.
    let popular = PopularityRecommender(try ShopFixture.training(), windowDays: 16)
    #expect((0..<5).map { popular.buyerCount(of: ProductNumber($0)) } == [1, 0, 1, 1, 0])
    #expect(popular.recommendations(forCustomer: "x").ids == ["p1", "p3", "p4"])
  }

  @Test func itemToItemSumsTheSimilaritiesOfPurchasedProducts() throws {
    let recommender = ItemToItemRecommender(try ShopFixture.training(), measure: .cosine, minimumSupport: 1)
    // B bought p1, p2: p3 = cos(p1,p3) + cos(p2,p3) = 0.5 + 2/sqrt(6); p1 and p2 get 2/sqrt(6) each.
    let list = recommender.recommendations(forCustomer: "B", count: 3)
    #expect(list.ids == ["p3", "p1", "p2"])
    #expect(list[0].score.isApproximatelyEqual(to: 0.5 + 2 / 6.0.squareRoot(), absoluteTolerance: 1e-12))
    #expect(list[0].reason == "bought with p2 by 2 customers (cosine 0.816)")
    let fresh = recommender.recommendations(forCustomer: "B", count: 3, filter: .init(excludesPurchasedProducts: true))
    #expect(fresh.ids == ["p3"])
    #expect(recommender.recommendations(forCustomer: "unknown").isEmpty)
    #expect(recommender.recommendations(forCustomer: "D").isEmpty)
    #expect(recommender.recommendations(forCustomer: "B", count: 0).isEmpty)
  }

  @Test func repeatPurchaseDecaysWithAge() throws {
    let personal = RepeatPurchaseRecommender(try ShopFixture.training(), halfLifeDays: 10)
    // A at day 20: day-0 basket weighs 2^-2, day-10 basket 2^-1. p1 in both: 0.75; p3 0.5; p2 0.25.
    let list = personal.recommendations(forCustomer: "A")
    #expect(list.ids == ["p1", "p3", "p2"])
    #expect(list.map(\.score) == [0.75, 0.5, 0.25])
    #expect(list[0].reason == "you bought it in 2 orders, last on 2024-01-11")
    let plain = RepeatPurchaseRecommender(try ShopFixture.training(), halfLifeDays: nil)
    #expect(plain.recommendations(forCustomer: "A").map(\.score) == [2, 1, 1])
    #expect(plain.recommendations(forCustomer: "E").isEmpty)
  }

  @Test func durablesAlreadyBoughtAreExcludedButConsumablesStay() throws {
    let history = try ShopFixture.training()
    let personal = RepeatPurchaseRecommender(history, halfLifeDays: 10)
    // Inferred at share 0.5 among >= 2 buyers: p1 (1 of 2 bought again) is a consumable;
    // p2 (0 of 3), p3 (0 of 2) are durable, p4 (1 buyer) lacks evidence, so durable.
    var filter = RecommendationFilter(
      excludesPurchasedDurables: true, durability: .inferred(minimumRepeatShare: 0.5, minimumBuyers: 2))
    #expect(filter.durableFlags(in: history) == [false, true, true, true, true])
    #expect(personal.recommendations(forCustomer: "A", filter: filter).ids == ["p1"])
    filter.durability = .durableProducts(["p1"])
    #expect(personal.recommendations(forCustomer: "A", filter: filter).ids == ["p3", "p2"])
    filter.durability = .durableCategories(["coffee"])
    #expect(personal.recommendations(forCustomer: "A", filter: filter).ids == ["p2"])
    filter.durability = .consumableProducts(["p2"])
    #expect(personal.recommendations(forCustomer: "A", filter: filter).ids == ["p2"])
  }

  @Test func categoryAffinityExclusionsAndPriceRange() throws {
    let popular = PopularityRecommender(try ShopFixture.training())
    #expect(
      popular.recommendations(forCustomer: "D", filter: .init(categoryAffinity: .purchasedCategories)).ids == ["p4"])
    #expect(
      popular.recommendations(forCustomer: "C", filter: .init(categoryAffinity: .purchasedCategories)).ids == [
        "p2", "p1", "p3",
      ])
    let mapping = RecommendationFilter(categoryAffinity: .mapping(["shoes": ["shoes", "mugs"]]))
    #expect(popular.recommendations(forCustomer: "D", filter: mapping).ids == ["p2", "p4"])
    // A customer without purchases is not restricted.
    #expect(popular.recommendations(forCustomer: "E", filter: .init(categoryAffinity: .purchasedCategories)).count == 4)
    #expect(
      popular.recommendations(forCustomer: "A", filter: .init(excludedProducts: ["p2"])).ids == ["p1", "p3", "p4"])
    #expect(popular.recommendations(forCustomer: "A", filter: .init(priceRange: 10...70)).ids == ["p2", "p4"])
    // p5 has no price in the training history, so a price range removes it even when scored.
    #expect(popular.recommendations(forCustomer: "A", filter: .init(priceRange: 0...1_000)).count == 4)
  }

  @Test func everyCustomerAtOnceMatchesOneByOne() throws {
    let history = try ShopFixture.training()
    let recommender = ItemToItemRecommender(history, measure: .jaccard, minimumSupport: 1)
    let all = recommender.topProductsForEveryCustomer(count: 2)
    #expect(all.count == history.customerCount)
    for customer in 0..<history.customerCount {
      #expect(
        all[customer]
          == recommender.recommendations(forCustomerNumber: customer, count: 2).map(\.productNumber))
    }
  }
}
