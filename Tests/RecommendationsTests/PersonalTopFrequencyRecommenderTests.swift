import Foundation
import Testing
import _TestSupport
import Recommendations

/// The personal top-frequency baseline on the hand-made shop (ShopFixture): most baskets first,
/// ties broken by the more recent purchase, then by product number.
struct PersonalTopFrequencyRecommenderTests {
  @Test func mostBasketsFirstThenMostRecent() throws {
    let baseline = PersonalTopFrequencyRecommender(try ShopFixture.training())
    // A: p1 in 2 baskets (days 0, 10), p3 in 1 (day 10), p2 in 1 (day 0).
    let list = baseline.recommendations(forCustomer: "A", count: 5)
    #expect(list.ids == ["p1", "p3", "p2"])
    #expect(list.first?.reason.isEmpty == false)
    // B bought p1 and p2 in one basket: an exact tie, the lower product number first.
    #expect(baseline.recommendations(forCustomer: "B", count: 5).ids == ["p1", "p2"])
  }

  @Test func scoresAreBasketCountsPlusARecencyFraction() throws {
    let history = try ShopFixture.training()
    let baseline = PersonalTopFrequencyRecommender(history)
    let scores = baseline.scores(for: history.customerNumber(of: "A"))
    let p1 = try #require(history.productNumber(of: "p1"))
    let p3 = try #require(history.productNumber(of: "p3"))
    let p2 = try #require(history.productNumber(of: "p2"))
    // The fraction lies in 0..<0.5, so the integer part is the basket count.
    #expect(scores.score(of: p1).rounded(.down) == 2)
    #expect(scores.score(of: p3).rounded(.down) == 1)
    #expect(scores.score(of: p3) > scores.score(of: p2))
  }

  @Test func unknownCustomersGetNothing() throws {
    let baseline = PersonalTopFrequencyRecommender(try ShopFixture.training())
    #expect(baseline.recommendations(forCustomer: "nobody", count: 5).isEmpty)
    // E bought nothing before the split.
    #expect(baseline.recommendations(forCustomer: "E", count: 5).isEmpty)
  }
}
