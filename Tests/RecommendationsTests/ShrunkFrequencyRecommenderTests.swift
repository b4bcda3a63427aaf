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

  /// The formula written out plainly from the raw orders (not through `PurchaseHistory`), on
  /// random shops, with and without a half-life, with few candidates so that own products outside
  /// them are scored too.
  @Test(arguments: 0..<10 as Range<UInt64>)
  func scoresEqualThePlainFormula(seed: UInt64) throws {
    let orders = ValidatedEvaluationTests.orders(seed: seed)
    let history = PurchaseHistory(try OrderLog(orders))
    let asOf = history.asOf.timeIntervalSince1970
    let window = 30.0, candidates = 3
    let inWindow = orders.filter { $0.placedAt.timeIntervalSince1970 >= asOf - window * 86_400 }
    var shares: [String: Double] = [:]
    for order in inWindow {
      for product in Set(order.lines.map(\.productID)) { shares[product, default: 0] += 1 / Double(inWindow.count) }
    }
    let ranked = shares.keys.sorted {
      let left = shares[$0] ?? 0, right = shares[$1] ?? 0
      if left != right { return left > right }
      return (history.productNumber(of: $0)?.rawValue ?? 0) < (history.productNumber(of: $1)?.rawValue ?? 0)
    }
    let isCandidate = Set(ranked.prefix(candidates))
    for halfLife in [nil, 20.0] as [Double?] {
      let shrunk = ShrunkFrequencyRecommender(
        history, prior: 3, popularityWindowDays: window, halfLifeDays: halfLife, candidateCount: candidates)
      for customer in ["c0", "c7", "c23"] {
        let own = orders.filter { $0.customer.id == customer }
        func weight(_ order: Order) -> Double {
          halfLife.map { pow(0.5, (asOf - order.placedAt.timeIntervalSince1970) / 86_400 / $0) } ?? 1
        }
        let baskets = own.reduce(0) { $0 + weight($1) }
        var counts: [String: Double] = [:]
        for order in own {
          for product in Set(order.lines.map(\.productID)) { counts[product, default: 0] += weight(order) }
        }
        let customerNumber: Int = try #require(history.customerNumber(of: customer))
        let scores = shrunk.scores(for: customerNumber)
        #expect(!own.isEmpty)
        for product in history.products.map(\.id) {
          let isScored = counts[product] != nil || isCandidate.contains(product)
          let expected =
            isScored ? ((counts[product] ?? 0) + 3 * (shares[product] ?? 0)) / (baskets + 3) : 0
          let number = try #require(history.productNumber(of: product))
          // Sums of a few dozen terms in another order: a few ulps apart.
          #expect(
            scores.score(of: number).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12),
            "seed \(seed) \(customer) \(product) half-life \(halfLife ?? 0)")
        }
      }
    }
  }
}
