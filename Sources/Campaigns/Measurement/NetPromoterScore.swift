/// The Net Promoter Score of 0...10 answers, with its interval.
///
/// Promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6 (Reichheld 2003, "The One Number
/// You Need to Grow", Harvard Business Review). The score is the share of promoters minus the
/// share of detractors, in −1...1 (×100 for the usual −100...100). Its interval is the Wald
/// interval of a difference of two shares of one multinomial sample: with p₊ and p₋ the shares,
/// `Var = (p₊ + p₋ − (p₊ − p₋)²) / n`, clipped to −1...1.
///
/// ```swift
/// let nps = NetPromoterScore(scores: [10, 9, 9, 10, 9, 8, 7, 7, 3, 6])  // 0.3, 95 % −0.184...0.784
/// ```
public struct NetPromoterScore: Sendable, Hashable, Codable {
  /// The answers counted (0...10).
  public var responses: Int
  /// Answers of 9 or 10.
  public var promoters: Int
  /// Answers of 7 or 8.
  public var passives: Int
  /// Answers of 0 to 6.
  public var detractors: Int
  /// The share of promoters minus the share of detractors (−1...1), or `nil` without answers.
  public var score: Double?
  /// The lower end of the interval, or `nil` without answers.
  public var low: Double?
  /// The upper end of the interval, or `nil` without answers.
  public var high: Double?
  /// The confidence level of the interval.
  public var confidence: Double

  /// The group of one answer: `promoter`, `passive` or `detractor`.
  public enum Group: String, Sendable, Hashable, Codable, CaseIterable {
    /// 9 or 10.
    case promoter
    /// 7 or 8.
    case passive
    /// 0 to 6.
    case detractor

    /// The group of a score, or `nil` for a score outside 0...10 (not an NPS answer).
    ///
    /// - Parameter score: The answer.
    public init?(score: Double) {
      guard score.isFinite, (0...10).contains(score) else { return nil }
      self = score >= 9 ? .promoter : score >= 7 ? .passive : .detractor
    }
  }

  /// Scores answers; answers outside 0...10 are not NPS answers and must be filtered first.
  ///
  /// - Parameters:
  ///   - scores: The answers, each in 0...10.
  ///   - confidence: The confidence level, strictly between 0 and 1 (default 0.95).
  /// - Complexity: O(*n*), where *n* is the number of answers.
  public init(scores: some Sequence<Double>, confidence: Double = 0.95) {
    var counts: [Group: Int] = [:]
    for score in scores {
      guard let group = Group(score: score) else { preconditionFailure("an NPS answer lies in 0...10") }
      counts[group, default: 0] += 1
    }
    promoters = counts[.promoter] ?? 0
    passives = counts[.passive] ?? 0
    detractors = counts[.detractor] ?? 0
    responses = promoters + passives + detractors
    self.confidence = confidence
    guard responses > 0 else { return }
    let n = Double(responses)
    let plus = Double(promoters) / n
    let minus = Double(detractors) / n
    let nps = plus - minus
    let standardError = ((plus + minus - nps * nps) / n).squareRoot()
    let z = criticalValue(confidence: confidence)
    score = nps
    low = max(-1, nps - z * standardError)
    high = min(1, nps + z * standardError)
  }
}
