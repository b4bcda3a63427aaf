extension CampaignEarnings {
  /// The survey answers of a period as NPS with its interval, and per group (promoters,
  /// passives, detractors) the share of people who ordered again within the horizon, with its
  /// Wilson interval.
  ///
  /// A summary of ``SatisfactionAnalysis`` on the NPS scale (each person's last answer; repeat
  /// rates only of answers with the whole horizon before the observation end). The NPS is a
  /// share in −1...1 (×100 for the usual −100...100).
  public struct Satisfaction: Sendable, Hashable, Codable {
    /// One group of answers.
    public struct Group: Sendable, Hashable, Codable {
      /// `promoter`, `passive` or `detractor`.
      public var group: String
      /// People whose last answer is in the group.
      public var people: Int
      /// Of those who answered at least the horizon before the observation end, the share who
      /// ordered again within it, or `nil` when none did answer that early.
      public var repeatRate: Double?
      /// The lower end of its interval, or `nil`.
      public var repeatRateLow: Double?
      /// The upper end of its interval, or `nil`.
      public var repeatRateHigh: Double?
    }

    /// People with an answer in 0...10.
    public var responses: Int
    /// The Net Promoter Score (−1...1), or `nil` without answers.
    public var nps: Double?
    /// The lower end of its interval, or `nil`.
    public var npsLow: Double?
    /// The upper end of its interval, or `nil`.
    public var npsHigh: Double?
    /// Promoters, passives and detractors, in this order.
    public var groups: [Group]

    /// Summarises an analysis, with intervals at a confidence level.
    ///
    /// - Parameters:
    ///   - analysis: An analysis on the NPS scale.
    ///   - confidence: The confidence level of the intervals, strictly between 0 and 1.
    /// - Complexity: O(*r*), where *r* is the number of responses.
    public init(_ analysis: SatisfactionAnalysis, confidence: Double = 0.95) {
      precondition(analysis.scale == .netPromoter, "the summary reads NPS answers")
      responses = analysis.responses
      if let counts = analysis.netPromoterScore {
        // Any score of each group gives the same interval: only the group counts matter.
        let scores =
          Array(repeating: 10.0, count: counts.promoters) + Array(repeating: 7.0, count: counts.passives)
          + Array(repeating: 0.0, count: counts.detractors)
        let score = NetPromoterScore(scores: scores, confidence: confidence)
        nps = score.score
        npsLow = score.low
        npsHigh = score.high
      }
      groups = analysis.groups.map { group in
        let rate = RateEstimate(
          successes: group.repeatRate.successes, trials: group.repeatRate.trials, confidence: confidence)
        return Group(
          group: group.group, people: group.people, repeatRate: rate.rate, repeatRateLow: rate.low,
          repeatRateHigh: rate.high)
      }
    }
  }
}

extension CampaignEarnings.Satisfaction {
  private enum CodingKeys: String, CodingKey { case responses, nps, npsLow, npsHigh, groups }

  /// Writes every key, `null` where a value is undefined.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(responses, forKey: .responses)
    try container.encode(nps, forKey: .nps)
    try container.encode(npsLow, forKey: .npsLow)
    try container.encode(npsHigh, forKey: .npsHigh)
    try container.encode(groups, forKey: .groups)
  }
}

extension CampaignEarnings.Satisfaction.Group {
  private enum CodingKeys: String, CodingKey { case group, people, repeatRate, repeatRateLow, repeatRateHigh }

  /// Writes every key, `null` where a value is undefined.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(group, forKey: .group)
    try container.encode(people, forKey: .people)
    try container.encode(repeatRate, forKey: .repeatRate)
    try container.encode(repeatRateLow, forKey: .repeatRateLow)
    try container.encode(repeatRateHigh, forKey: .repeatRateHigh)
  }
}
