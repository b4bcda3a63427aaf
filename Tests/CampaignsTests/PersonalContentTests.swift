import Foundation
import Testing
import Campaigns

/// Personal content: up to N recommended products that respect category affinity and leave out
/// what the person just bought (issue 18, section 4).
///
/// Catalogue with a category tree: `m-shoe-1`, `m-shoe-2` (Men > Shoes), `m-sock` (Men > Socks),
/// `w-bag` (Women > Bags), `w-shoe` (Women > Shoes), `k-toy` (Kids > Toys). Six shoppers bought
/// on day -100 so that the bag is the most popular product (6 buyers), then women's shoes (5),
/// the toy (4), socks (3), men's shoes 2 (2); `adam` bought only `m-shoe-1`, on day -3.
struct PersonalContentTests {
  typealias F = OrderFlowFixtures

  static let tree = [
    "m-shoe-1": "Men > Shoes", "m-shoe-2": "Men > Shoes", "m-sock": "Men > Socks", "w-bag": "Women > Bags",
    "w-shoe": "Women > Shoes", "k-toy": "Kids > Toys",
  ]
  static let baskets: [(String, Double, [String])] = [
    ("c1", -100, ["w-bag", "w-shoe", "k-toy", "m-sock", "m-shoe-2"]),
    ("c2", -100, ["w-bag", "w-shoe", "k-toy", "m-sock", "m-shoe-2"]),
    ("c3", -100, ["w-bag", "w-shoe", "k-toy", "m-sock"]), ("c4", -100, ["w-bag", "w-shoe", "k-toy"]),
    ("c5", -100, ["w-bag", "w-shoe"]), ("c6", -100, ["w-bag", "m-shoe-1"]), ("adam", -3, ["m-shoe-1"]),
  ]

  static func context(
    categories: [String: String] = Self.tree, extra: [(String, Double, [String])] = [],
    filter: RecommendationFilter = RecommendationFilter(excludesPurchasedDurables: true)
  ) throws -> CampaignContext {
    let orders = (Self.baskets + extra).enumerated().map { index, basket in
      F.order("o\(index)", CustomerReference(id: basket.0), day: basket.1, products: basket.2, categories: categories)
    }
    let log = try OrderLog(orders)
    return CampaignContext(
      events: EventLog([]), orders: log, window: F.t0..<F.at(day: 1),
      recommender: PopularityRecommender(PurchaseHistory(log)),
      recommendationFilter: filter)
  }

  static func adam(_ products: [String] = ["m-shoe-1"]) -> FlowEntry {
    FlowEntry(person: "adam", time: F.at(day: -3), key: "first-purchase:2024-02-27", products: products, reason: "test")
  }

  @Test func aBuyerOfOnlyMensShoesIsOfferedOnlyTheMensTree() throws {
    let context = try Self.context()
    let picks = context.personalProducts(for: Self.adam(), count: 3)
    #expect(picks.productIDs == ["m-sock", "m-shoe-2"])
    #expect(picks.productIDs.allSatisfy { Self.tree[$0]?.hasPrefix("Men >") == true })
    #expect(picks.reason == "picked by popularity, from the category trees bought, not the product just bought")
    // Without the affinity the bag, the women's shoes and the toy would come first.
    let unrestricted = context.personalProducts(for: Self.adam(), count: 3, categoryAffinity: .any)
    #expect(unrestricted.productIDs == ["w-bag", "w-shoe", "k-toy"])
    // Exact categories: the socks are in another category of the same tree.
    #expect(
      context.personalProducts(for: Self.adam(), count: 3, categoryAffinity: .purchasedCategories).productIDs == [
        "m-shoe-2"
      ])
  }

  @Test func everyPersonGetsOnlyTheirOwnTrees() throws {
    // Property over every shopper: each pick's tree is one the shopper bought from.
    let context = try Self.context()
    for (person, _, products) in Self.baskets {
      let trees = Set(products.compactMap { Self.tree[$0].map { RecommendationFilter.CategoryAffinity.tree(of: $0) } })
      let entry = FlowEntry(person: person, time: F.at(day: -100), key: "k", reason: "test")
      let picks = context.personalProducts(for: entry, count: 6, categoryAffinity: .purchasedCategoryTrees())
      #expect(
        picks.productIDs.allSatisfy {
          trees.contains(RecommendationFilter.CategoryAffinity.tree(of: Self.tree[$0] ?? ""))
        },
        "\(person): \(picks.productIDs)")
    }
  }

  @Test func flatCategoriesAndNoCategories() throws {
    // A flat catalogue: the men's shoes buyer gets no handbag.
    let flat = Self.tree.mapValues { $0.replacingOccurrences(of: " > ", with: " ") }
    let picks = try Self.context(categories: flat).personalProducts(for: Self.adam(), count: 3)
    #expect(picks.productIDs == ["m-shoe-2"])
    // Without categories nothing restricts the picks.
    let uncategorised = try Self.context(categories: [:]).personalProducts(for: Self.adam(), count: 3)
    #expect(uncategorised.productIDs == ["w-bag", "w-shoe", "k-toy"])
    // A mapping set on the context's filter is kept.
    let mapping = RecommendationFilter(categoryAffinity: .mapping(["Men > Shoes": ["Men > Shoes", "Kids > Toys"]]))
    #expect(
      try Self.context(filter: mapping).personalProducts(for: Self.adam(), count: 3).productIDs == [
        "k-toy", "m-shoe-2",
      ])
  }

  @Test func leavesOutWhatThePersonJustBought() throws {
    // carl bought socks 10 days ago and men's shoes 2 60 days ago; his entry is about the bag.
    let extra = [("carl", -10.0, ["m-sock"]), ("carl", -60.0, ["m-shoe-2"])]
    let context = try Self.context(extra: extra, filter: .none)
    let entry = FlowEntry(person: "carl", time: F.at(day: -1), key: "k", products: ["w-bag"], reason: "test")
    let picks = context.personalProducts(for: entry, count: 4, categoryAffinity: .any)
    #expect(picks.productIDs == ["w-shoe", "k-toy", "m-shoe-2", "m-shoe-1"])
    #expect(picks.reason == "picked by popularity, not the 2 products just bought")
    let longer = context.personalProducts(for: entry, count: 4, recentDays: 90, categoryAffinity: .any)
    #expect(longer.productIDs == ["w-shoe", "k-toy", "m-shoe-1"])
    #expect(context.purchasedProducts(of: "carl", in: F.at(day: -30)...F.t0) == ["m-sock"])
    #expect(context.purchasedProducts(of: "carl", in: F.at(day: -90)...F.at(day: 10)) == ["m-shoe-2", "m-sock"])
  }

  @Test func noRecommenderOrNoProductsAskedForGivesNothing() throws {
    let context = try Self.context()
    #expect(context.personalProducts(for: Self.adam(), count: 0) == .init(recommendations: [], reason: ""))
    let bare = CampaignContext(events: EventLog([]), orders: context.orders, window: context.window)
    #expect(bare.personalProducts(for: Self.adam(), count: 3).productIDs.isEmpty)
    // A lead unknown to the history gets the cold-start list.
    let lead = FlowEntry(person: "lead@example.com", time: F.t0, key: "k", reason: "test")
    #expect(context.personalProducts(for: lead, count: 2).productIDs == ["w-bag", "w-shoe"])
  }
}
