import Foundation
import Testing
import _TestSupport
import Recommendations

/// The shrunk personal frequency, (x_ci + β p_i) / (n_c + β), worked out by hand on the
/// hand-made shop (ShopFixture, training before day 20).
///
/// Training baskets: A day 0 {p1, p2}, A day 10 {p1, p3}, B day 2 {p1, p2}, C day 3 {p2, p3},
/// D day 4 {p4}. Shares of all five baskets: p1 3/5, p2 3/5, p3 2/5, p4 1/5. The last 17.5 days
/// (from day 2.5) hold C day 3, D day 4 and A day 10: p1 1/3, p2 1/3, p3 2/3, p4 1/3.
struct ShrunkFrequencyRecommenderTests {
  static func score(_ recommender: ShrunkFrequencyRecommender, _ customer: String?, _ product: String) throws -> Double
  {
    let history = recommender.history
    let number = try #require(history.productNumber(of: product))
    return recommender.scores(for: customer.flatMap(history.customerNumber(of:))).score(of: number)
  }

  static func expectScores(
    _ recommender: ShrunkFrequencyRecommender, _ customer: String?, _ expected: [String: Double]
  ) throws {
    for (product, value) in expected {
      // The scores are a handful of additions and one division: exact to a few ulps.
      #expect(
        try score(recommender, customer, product).isApproximatelyEqual(to: value, absoluteTolerance: 1e-12),
        "\(customer ?? "unknown") \(product)")
    }
  }

  @Test func posteriorMeanWithTheWholeHistoryAsPrior() throws {
    let shrunk = ShrunkFrequencyRecommender(try ShopFixture.training(), prior: 2, popularityWindowDays: nil)
    // A: n = 2, x = p1 2, p2 1, p3 1. (x + 2 p) / (2 + 2).
    try Self.expectScores(
      shrunk, "A",
      ["p1": (2 + 2 * 0.6) / 4, "p2": (1 + 2 * 0.6) / 4, "p3": (1 + 2 * 0.4) / 4, "p4": 2 * 0.2 / 4, "p5": 0])
    #expect(shrunk.recommendations(forCustomer: "A", count: 10).ids == ["p1", "p2", "p3", "p4"])
  }

  @Test func recentWindowPrior() throws {
    let shrunk = ShrunkFrequencyRecommender(try ShopFixture.training(), prior: 2, popularityWindowDays: 17.5)
    // B: n = 1, x = p1 1, p2 1. (x + 2 p) / (1 + 2).
    try Self.expectScores(
      shrunk, "B", ["p1": (1 + 2.0 / 3) / 3, "p2": (1 + 2.0 / 3) / 3, "p3": (4.0 / 3) / 3, "p4": (2.0 / 3) / 3])
    // An unknown customer (n = 0) gets the shares themselves.
    try Self.expectScores(shrunk, nil, ["p1": 1.0 / 3, "p2": 1.0 / 3, "p3": 2.0 / 3, "p4": 1.0 / 3])
    #expect(shrunk.recommendations(forCustomer: "nobody", count: 2).ids == ["p3", "p1"])
  }

  @Test func halfLifeDecaysBothCounts() throws {
    let shrunk = ShrunkFrequencyRecommender(
      try ShopFixture.training(), prior: 1, popularityWindowDays: nil, halfLifeDays: 10)
    // A's baskets are 20 and 10 days old: weights 1/4 and 1/2, n = 3/4.
    try Self.expectScores(
      shrunk, "A",
      ["p1": (0.75 + 0.6) / 1.75, "p2": (0.25 + 0.6) / 1.75, "p3": (0.5 + 0.4) / 1.75, "p4": 0.2 / 1.75])
  }

  @Test func ownProductsOutsideTheCandidatesKeepTheirPrior() throws {
    // One candidate: p1 (3 baskets, tied with p2, the lower product number first).
    let shrunk = ShrunkFrequencyRecommender(
      try ShopFixture.training(), prior: 2, popularityWindowDays: nil, candidateCount: 1)
    // C: n = 1, bought p2 and p3; p4 is neither C's nor a candidate.
    try Self.expectScores(
      shrunk, "C", ["p1": 2 * 0.6 / 3, "p2": (1 + 2 * 0.6) / 3, "p3": (1 + 2 * 0.4) / 3, "p4": 0])
  }

  @Test func priorStrengthMovesFromPersonalToPopular() throws {
    let history = try ShopFixture.training()
    // D bought only p4 (the least popular product).
    let personal = ShrunkFrequencyRecommender(history, prior: 0.01, popularityWindowDays: nil)
    #expect(personal.recommendations(forCustomer: "D", count: 2).ids == ["p4", "p1"])
    let popular = ShrunkFrequencyRecommender(history, prior: 1_000, popularityWindowDays: nil)
    #expect(popular.recommendations(forCustomer: "D", count: 4).ids == ["p1", "p2", "p3", "p4"])
  }

  @Test func evidenceNamesOwnPurchasesAndRecentBuyers() throws {
    let shrunk = ShrunkFrequencyRecommender(try ShopFixture.training(), prior: 2, popularityWindowDays: 17.5)
    let list = shrunk.recommendations(forCustomer: "B", count: 3)
    #expect(list.ids == ["p1", "p2", "p3"])
    #expect(list[0].evidence == .boughtBefore(orders: 1, lastOn: ShopFixture.day(2)))
    // p3 was bought by C (day 3) and A (day 10) within the window.
    #expect(list[2].evidence == .popular(buyers: 2, isRecent: true, category: nil))
    #expect(shrunk.description == "shrunk frequency (prior 2 baskets, popularity 17.5 days)")
  }

  @Test func standardFamilyChoosesPriorAndWindow() {
    let family = TunableRecommender.shrunkFrequency
    #expect(family.grid.count == 10)
    #expect(Set(family.grid.compactMap { $0["prior"] }) == [0.5, 2, 8, 32, 128])
    #expect(Set(family.grid.compactMap { $0["windowDays"] }) == [30, 90])
    let names = TunableRecommender.standard.map(\.name)
    #expect(names.firstIndex(of: "shrunk frequency").map { $0 + 1 } == names.firstIndex(of: "TIFU-KNN"))
  }
}
