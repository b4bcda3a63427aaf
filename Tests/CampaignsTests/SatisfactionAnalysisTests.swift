import Foundation
import Testing
import Campaigns

/// Survey answers worked out by hand; days from 2024-01-01, observation end day 200, horizon 90.
///
/// | person | answers (day: score) | purchases | last answer → group | followed | repeat |
/// |---|---|---|---|---|---|
/// | p1 | 10: 10 | 30 | promoter | yes | 20 days |
/// | p2 | 20: 9 | 5 (before) | promoter | yes | no |
/// | p3 | 5: 8, 15: 3 | 120 (105 days later) | detractor | yes | no |
/// | p4 | 50: 7 | 60 | passive | yes | 10 days |
/// | p5 | 150: 10 | | promoter | no (50 days left) | |
/// | p6 | 40: 12 | | outside 0...10 | | |
struct SatisfactionAnalysisTests {
  static let t0 = Date(timeIntervalSince1970: 1_704_067_200)
  static func day(_ number: Double) -> Date { t0.addingTimeInterval(number * 86_400) }

  static func fixture() throws -> (OrderLog, EventLog) {
    func answer(_ person: String, _ number: Double, _ score: Double) -> CustomerEvent {
      CustomerEvent(customerID: person, time: day(number), kind: .surveyAnswered(score: score))
    }
    func order(_ id: String, _ person: String, _ number: Double) -> Order {
      Order(id: id, customer: CustomerReference(id: person), placedAt: day(number), lines: [LineItem(productID: "x", unitPrice: 10)])
    }
    let events = EventLog([
      answer("p1", 10, 10), answer("p2", 20, 9), answer("p3", 5, 8), answer("p3", 15, 3), answer("p4", 50, 7),
      answer("p5", 150, 10), answer("p6", 40, 12),
    ])
    let orders = try OrderLog([
      order("1", "p1", 30), order("2", "p2", 5), order("3", "p3", 120), order("4", "p4", 60),
    ])
    return (orders, events)
  }

  @Test func groupsRepeatRatesAndTheScore() throws {
    let (orders, events) = try Self.fixture()
    let alive = ["p1": 0.9, "p2": 0.5, "p5": 0.7]
    let analysis = SatisfactionAnalysis(
      orders: orders, events: events, period: Self.day(0)..<Self.day(200), observationEnd: Self.day(200),
      probabilityAlive: { alive[$0] })
    // Last answers: 10, 9, 3, 7, 10: 3 promoters, 1 passive, 1 detractor; NPS 0.4.
    #expect(analysis.responses == 5 && analysis.answersOutsideScale == 1)
    #expect(abs(try #require(analysis.netPromoterScore?.score) - 0.4) < 1e-12)
    #expect(analysis.groups.map(\.group) == ["promoter", "passive", "detractor"])
    let promoter = analysis.groups[0], passive = analysis.groups[1], detractor = analysis.groups[2]
    #expect(promoter.people == 3 && promoter.repeatRate.successes == 1 && promoter.repeatRate.trials == 2)
    #expect(promoter.medianDaysToNextOrder == 20)
    #expect(passive.repeatRate.successes == 1 && passive.repeatRate.trials == 1 && passive.medianDaysToNextOrder == 10)
    #expect(detractor.repeatRate.successes == 0 && detractor.repeatRate.trials == 1)
    #expect(detractor.medianDaysToNextOrder == nil)
    // P(alive) of promoters 0.9, 0.5, 0.7: mean 0.7, SD 0.2, 0.7 ∓ 1.959964 · 0.2/√3 = 0.7 ∓ 0.226317.
    #expect(abs(try #require(promoter.meanProbabilityAlive) - 0.7) < 1e-12)
    #expect(abs(try #require(promoter.meanProbabilityAliveLow) - 0.473683) < 1e-6)
    #expect(abs(try #require(promoter.meanProbabilityAliveHigh) - 0.926317) < 1e-6)
    #expect(passive.meanProbabilityAlive == nil)
  }

  @Test func customerSatisfactionScale() throws {
    let (orders, _) = try Self.fixture()
    let events = EventLog(
      [("p1", 5.0), ("p2", 4), ("p3", 2), ("p4", 4.5)].map {
        CustomerEvent(customerID: $0.0, time: Self.day(1), kind: .surveyAnswered(score: $0.1))
      })
    let analysis = SatisfactionAnalysis(
      orders: orders, events: events, period: Self.day(0)..<Self.day(200), observationEnd: Self.day(200),
      scale: .customerSatisfaction)
    // 4.5 is not a CSAT answer; of 5, 4, 2: two satisfied.
    #expect(analysis.answersOutsideScale == 1 && analysis.responses == 3)
    #expect(analysis.customerSatisfaction?.successes == 2 && analysis.customerSatisfaction?.trials == 3)
    #expect(analysis.groups.map(\.group) == ["satisfied", "not-satisfied"])
    #expect(analysis.netPromoterScore == nil)
  }
}
