/// The difference of two independent rates (treatment minus control) with Newcombe's hybrid
/// score interval.
///
/// With the Wilson intervals (l₁, u₁) of the treatment rate p₁ and (l₂, u₂) of the control rate
/// p₂, the interval of d = p₁ − p₂ is
/// `d − √((p₁ − l₁)² + (u₂ − p₂)²)` to `d + √((u₁ − p₁)² + (p₂ − l₂)²)`
/// (Newcombe 1998, "Interval estimation for the difference between independent proportions:
/// comparison of eleven methods", Statistics in Medicine 17:873-890, method 10). It keeps near
/// its nominal coverage where the Wald interval fails: small groups, rates near 0 or 1.
///
/// ```swift
/// let uplift = RateDifference(
///   treatment: RateEstimate(successes: 56, trials: 70), control: RateEstimate(successes: 48, trials: 80))
/// // 0.183, 95 % interval 0.052...0.334
/// ```
public struct RateDifference: Sendable, Hashable, Codable {
  /// The treatment group's rate.
  public var treatment: RateEstimate
  /// The control group's rate.
  public var control: RateEstimate
  /// Treatment rate minus control rate, or `nil` when a group is empty.
  public var difference: Double?
  /// The lower end of the interval, or `nil` when a group is empty.
  public var low: Double?
  /// The upper end of the interval, or `nil` when a group is empty.
  public var high: Double?

  /// Compares two rates; both estimates must have the same confidence level.
  ///
  /// - Parameters:
  ///   - treatment: The treatment group's rate.
  ///   - control: The control group's rate.
  public init(treatment: RateEstimate, control: RateEstimate) {
    precondition(treatment.confidence == control.confidence, "both rates need the same confidence level")
    self.treatment = treatment
    self.control = control
    guard let p1 = treatment.rate, let l1 = treatment.low, let u1 = treatment.high,
      let p2 = control.rate, let l2 = control.low, let u2 = control.high
    else { return }
    let d = p1 - p2
    difference = d
    low = max(-1, d - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot())
    high = min(1, d + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot())
  }
}
