import Testing
import Campaigns

/// NPS and its interval on answers worked out by hand.
struct NetPromoterScoreTests {
  @Test func tenAnswersByHand() throws {
    // 5 promoters (9, 9, 9, 10, 10), 3 passives (7, 7, 8), 2 detractors (3, 6): NPS = 0.5 − 0.2 = 0.3.
    // Var = (0.5 + 0.2 − 0.3²) / 10 = 0.061, SE = 0.246982; z = 1.959964: 0.3 ∓ 0.484076.
    let nps = NetPromoterScore(scores: [10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    #expect(nps.responses == 10 && nps.promoters == 5 && nps.passives == 3 && nps.detractors == 2)
    #expect(abs(try #require(nps.score) - 0.3) < 1e-12)
    #expect(abs(try #require(nps.low) - (0.3 - 0.484076)) < 1e-6)
    #expect(abs(try #require(nps.high) - (0.3 + 0.484076)) < 1e-6)
  }

  @Test func groupBoundaries() {
    #expect(NetPromoterScore.Group(score: 9) == .promoter)
    #expect(NetPromoterScore.Group(score: 8.9) == .passive)
    #expect(NetPromoterScore.Group(score: 7) == .passive)
    #expect(NetPromoterScore.Group(score: 6.9) == .detractor)
    #expect(NetPromoterScore.Group(score: 0) == .detractor)
    #expect(NetPromoterScore.Group(score: 11) == nil)
    #expect(NetPromoterScore.Group(score: -1) == nil)
    #expect(NetPromoterScore.Group(score: .nan) == nil)
  }

  @Test func allPromotersIsClippedAtOne() {
    // Every answer a promoter: score 1, variance 0, the interval collapses to 1.
    let nps = NetPromoterScore(scores: [10, 9, 10])
    #expect(nps.score == 1 && nps.low == 1 && nps.high == 1)
    #expect(NetPromoterScore(scores: []).score == nil)
  }
}
