/// A proportion (successes out of trials) with its Wilson score interval.
///
/// The Wilson (1927) interval is the set of rates p whose score test does not reject the observed
/// rate: with z the normal critical value and p̂ = successes / trials,
/// `(p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)`. Unlike the Wald interval it stays in
/// 0...1 and keeps close to its nominal coverage for small counts and rates near 0 or 1
/// (Newcombe 1998, "Two-sided confidence intervals for the single proportion", Statistics in
/// Medicine 17:857-872, method 3).
///
/// ```swift
/// let opened = RateEstimate(successes: 81, trials: 263)   // 0.308, 95 % interval 0.255...0.366
/// ```
public struct RateEstimate: Sendable, Hashable, Codable {
  /// The number of successes.
  public var successes: Int
  /// The number of trials.
  public var trials: Int
  /// The rate successes / trials, or `nil` without trials.
  public var rate: Double?
  /// The lower end of the interval, or `nil` without trials.
  public var low: Double?
  /// The upper end of the interval, or `nil` without trials.
  public var high: Double?
  /// The confidence level of the interval (0.95 by default).
  public var confidence: Double

  /// Estimates a rate.
  ///
  /// - Parameters:
  ///   - successes: The successes, in `0...trials`.
  ///   - trials: The trials, at least 0; without trials the rate and interval are `nil`.
  ///   - confidence: The confidence level, strictly between 0 and 1 (default 0.95).
  public init(successes: Int, trials: Int, confidence: Double = 0.95) {
    precondition(trials >= 0 && (0...trials).contains(successes), "successes lie in 0...trials")
    self.successes = successes
    self.trials = trials
    self.confidence = confidence
    guard trials > 0 else { return }
    let interval = Self.wilson(successes: successes, trials: trials, z: criticalValue(confidence: confidence))
    rate = Double(successes) / Double(trials)
    low = interval.low
    high = interval.high
  }

  /// The Wilson score interval; `trials` must be positive.
  static func wilson(successes: Int, trials: Int, z: Double) -> (low: Double, high: Double) {
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let centre = p + z2 / (2 * n)
    let spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    let scale = 1 + z2 / n
    // At 0 and n successes the bounds are exactly 0 and 1; rounding could miss them.
    let low = successes == 0 ? 0 : (centre - spread) / scale
    let high = successes == trials ? 1 : (centre + spread) / scale
    return (max(0, low), min(1, high))
  }
}
