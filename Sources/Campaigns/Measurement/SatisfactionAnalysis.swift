public import Foundation
import Recommendations

/// Whether happier customers come back: survey answers grouped (NPS or CSAT), and per group the
/// share who ordered again within a horizon, the median time to that order and, given a model,
/// the mean P(alive), each with its interval.
///
/// Each person counts once, with their last answer in the period. A person's next order is their
/// first purchase after the answer; the repeat rate of a group is the share of its people who
/// placed one within ``horizon`` days. Only answers at least ``horizon`` days before the
/// observation end are used for the repeat rates, so that every person had the whole horizon
/// (no censoring); the others still count in the score. Groups: NPS promoters 9-10, passives
/// 7-8, detractors 0-6; CSAT satisfied 4-5 and not satisfied 1-3 (the share of 4 and 5 is the
/// CSAT score, with its Wilson interval).
///
/// ```swift
/// let satisfaction = SatisfactionAnalysis(orders: people, events: events, period: year, observationEnd: end)
/// print(satisfaction.netPromoterScore?.score ?? 0)
/// for group in satisfaction.groups { print(group.group, group.repeatRate.rate ?? 0) }
/// ```
public struct SatisfactionAnalysis: Sendable, Hashable, Codable {
  /// The survey scale.
  public enum Scale: String, Sendable, Hashable, Codable, CaseIterable {
    /// Net Promoter: 0...10.
    case netPromoter = "nps"
    /// Customer satisfaction: 1...5.
    case customerSatisfaction = "csat"
  }

  /// One group of answers and whether its people came back.
  public struct Group: Sendable, Hashable, Codable {
    /// `promoter`, `passive`, `detractor` (NPS) or `satisfied`, `not-satisfied` (CSAT).
    public var group: String
    /// People whose last answer is in the group.
    public var people: Int
    /// Of those who answered at least the horizon before the observation end: ordered again
    /// within the horizon.
    public var repeatRate: RateEstimate
    /// The median days from the answer to the next order, of those who ordered within the
    /// horizon, or `nil` when nobody did.
    public var medianDaysToNextOrder: Double?
    /// The mean P(alive) at the observation end of the group's people, when a model was given.
    public var meanProbabilityAlive: Double?
    /// The lower end of its normal interval, or `nil`.
    public var meanProbabilityAliveLow: Double?
    /// The upper end of its normal interval, or `nil`.
    public var meanProbabilityAliveHigh: Double?
  }

  /// The scale.
  public var scale: Scale
  /// The horizon of the repeat rates, in days.
  public var horizon: Double
  /// People with an answer on the scale.
  public var responses: Int
  /// Answers outside the scale (or not whole numbers for CSAT), left out.
  public var answersOutsideScale: Int
  /// The NPS of the people's last answers, for the NPS scale.
  public var netPromoterScore: NetPromoterScore?
  /// The share of satisfied answers (4 or 5), for the CSAT scale.
  public var customerSatisfaction: RateEstimate?
  /// The groups, best first.
  public var groups: [Group]

  /// Groups the survey answers of a period and follows up each person's orders.
  ///
  /// - Parameters:
  ///   - orders: The order log, keyed by person.
  ///   - events: The events, with the same people as customers.
  ///   - period: Answers in it count.
  ///   - observationEnd: The end of the order data.
  ///   - scale: NPS (default) or CSAT.
  ///   - horizon: Days after the answer in which a next order counts (default 90).
  ///   - probabilityAlive: P(alive) of a person at the observation end, from a fitted model, or `nil`.
  /// - Complexity: O(*e* + *p* · *k*), where *e* is the number of events, *p* of people answering
  ///   and *k* the most orders of one person.
  public init(
    orders: OrderLog, events: EventLog, period: Range<Date>, observationEnd: Date, scale: Scale = .netPromoter,
    horizon: Double = 90, probabilityAlive: ((String) -> Double?)? = nil
  ) {
    precondition(horizon > 0, "the horizon must be positive")
    self.scale = scale
    self.horizon = horizon
    var last: [String: (time: Date, score: Double)] = [:]
    var outside = 0
    for event in events.events where period.contains(event.time) {
      guard case .surveyAnswered(let score) = event.kind, let person = event.customerID else { continue }
      guard Self.group(of: score, on: scale) != nil else {
        outside += 1
        continue
      }
      last[person] = (event.time, score)  // events are by time: the last answer wins
    }
    answersOutsideScale = outside
    responses = last.count
    let scores = last.values.map(\.score)
    netPromoterScore = scale == .netPromoter ? NetPromoterScore(scores: scores) : nil
    customerSatisfaction =
      scale == .customerSatisfaction
      ? RateEstimate(successes: scores.filter { $0 >= 4 }.count, trials: scores.count) : nil
    let names = scale == .netPromoter ? ["promoter", "passive", "detractor"] : ["satisfied", "not-satisfied"]
    let z = criticalValue(confidence: 0.95)
    let end = observationEnd.timeIntervalSince1970
    groups = names.map { name in
      let members = last.filter { Self.group(of: $0.value.score, on: scale) == name }.sorted { $0.key < $1.key }
      var followed = 0, repeated = 0
      var days: [Double] = []
      var alive: [Double] = []
      for (person, answer) in members {
        if let probabilityAlive, let value = probabilityAlive(person) { alive.append(value) }
        let from = answer.time.timeIntervalSince1970
        guard end - from >= horizon * 86_400 else { continue }
        followed += 1
        let next = orders.customerNumber(of: person).flatMap { number in
          orders.orderIndices(ofCustomerNumber: number).lazy.map { Int($0) }.first {
            orders.orderIsPurchase[$0] && orders.orderTimes[$0] > from
          }
        }
        if let next, (orders.orderTimes[next] - from) / 86_400 <= horizon {
          repeated += 1
          days.append((orders.orderTimes[next] - from) / 86_400)
        }
      }
      days.sort()
      var group = Group(
        group: name, people: members.count, repeatRate: RateEstimate(successes: repeated, trials: followed),
        medianDaysToNextOrder: days.isEmpty ? nil : percentile(days, 0.5))
      if !alive.isEmpty {
        let mean = alive.reduce(0, +) / Double(alive.count)
        let variance =
          alive.count > 1 ? alive.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(alive.count - 1) : 0
        let halfWidth = z * (variance / Double(alive.count)).squareRoot()
        group.meanProbabilityAlive = mean
        group.meanProbabilityAliveLow = max(0, mean - halfWidth)
        group.meanProbabilityAliveHigh = min(1, mean + halfWidth)
      }
      return group
    }
  }

  /// The group name of a score on a scale, or `nil` outside the scale.
  static func group(of score: Double, on scale: Scale) -> String? {
    switch scale {
    case .netPromoter: return NetPromoterScore.Group(score: score)?.rawValue
    case .customerSatisfaction:
      guard score.isFinite, score == score.rounded(), (1...5).contains(score) else { return nil }
      return score >= 4 ? "satisfied" : "not-satisfied"
    }
  }
}
