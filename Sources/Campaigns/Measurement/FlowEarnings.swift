/// What one flow's messages earned in a period: their outcomes and credited revenue, and against
/// the flow's control group the conversion uplift and the incremental revenue with their
/// intervals.
///
/// The first half comes from ``Attribution`` (``AttributionTotals`` of the flow's messages sent
/// in the period; ``revenue`` counts the orders credited to them, also those placed within the
/// window after the period ends), the second from ``ControlGroupComparison``. A flow without a
/// control group in the period (nobody held out) has `nil` ``control``, ``uplift`` and
/// ``incrementalRevenue``: without one, what it added cannot be told.
///
/// ```swift
/// for flow in earnings.flows {
///   print(flow.flow, flow.revenue, flow.incrementalRevenue?.value ?? 0, flow.uplift?.low ?? 0)
/// }
/// ```
public struct FlowEarnings: Sendable, Hashable, Codable {
  /// The people of one group (treated or held out) and the share who placed a purchase within
  /// the conversion window after their start.
  public struct GroupConversion: Sendable, Hashable, Codable {
    /// The people in the group.
    public var people: Int
    /// Those who converted, over ``people`` (`0...1`).
    public var conversionRate: Double

    /// Creates a group's conversion.
    ///
    /// - Parameters:
    ///   - people: The people, at least 1.
    ///   - conversionRate: The share who converted, in `0...1`.
    public init(people: Int, conversionRate: Double) {
      self.people = people
      self.conversionRate = conversionRate
    }
  }

  /// The conversion of the treated minus that of the control group, with its interval
  /// (Newcombe's hybrid score interval, ``RateDifference``), in −1...1.
  public struct Uplift: Sendable, Hashable, Codable {
    /// The difference of the conversion rates.
    public var conversionRate: Double
    /// The lower end of its interval.
    public var low: Double
    /// The upper end of its interval.
    public var high: Double

    /// Creates an uplift.
    ///
    /// - Parameters:
    ///   - conversionRate: The difference of the conversion rates.
    ///   - low: The lower end of its interval.
    ///   - high: The upper end of its interval.
    public init(conversionRate: Double, low: Double, high: Double) {
      self.conversionRate = conversionRate
      self.low = low
      self.high = high
    }
  }

  /// An amount with its interval, in the log's currency.
  public struct Estimate: Sendable, Hashable, Codable {
    /// The point estimate.
    public var value: Double
    /// The lower end of its interval.
    public var low: Double
    /// The upper end of its interval.
    public var high: Double

    /// Creates an estimate.
    ///
    /// - Parameters:
    ///   - value: The point estimate.
    ///   - low: The lower end of its interval.
    ///   - high: The upper end of its interval.
    public init(value: Double, low: Double, high: Double) {
      self.value = value
      self.low = low
      self.high = high
    }
  }

  /// The flow's name (`unknown` for messages without one).
  public var flow: String
  /// Messages sent in the period.
  public var sent: Int
  /// Of those, delivered.
  public var delivered: Int
  /// Human opens over delivered messages, or `nil` when none was delivered.
  public var openRate: Double?
  /// Clicks over delivered messages, or `nil` when none was delivered.
  public var clickRate: Double?
  /// Delivered messages with at least one credited order.
  public var conversions: Int
  /// The revenue of the orders credited to the messages (attributed revenue).
  public var revenue: Double
  /// The held-out people, or `nil` when the flow held nobody out in the period.
  public var control: GroupConversion?
  /// The people who got a message, or `nil` when nobody did.
  public var treatment: GroupConversion?
  /// Treatment minus control conversion, or `nil` when a group is empty.
  public var uplift: Uplift?
  /// The revenue the flow added (revenue per person of the treated minus the control group's,
  /// times the treated people) with its bootstrap interval, or `nil` when a group is empty.
  public var incrementalRevenue: Estimate?

  /// Combines a flow's attribution totals with its control-group comparison.
  ///
  /// - Parameters:
  ///   - totals: The flow's totals (``Attribution/totalsByFlow``).
  ///   - comparison: The flow's comparison.
  public init(totals: AttributionTotals, comparison: ControlGroupComparison) {
    flow = totals.group
    sent = totals.sent
    delivered = totals.delivered
    openRate = totals.openRate.rate
    clickRate = totals.clickRate.rate
    conversions = totals.conversions
    revenue = totals.revenue
    let rates = comparison.conversion
    control = rates.control.rate.map { GroupConversion(people: rates.control.trials, conversionRate: $0) }
    treatment = rates.treatment.rate.map { GroupConversion(people: rates.treatment.trials, conversionRate: $0) }
    if let difference = rates.difference, let low = rates.low, let high = rates.high {
      uplift = Uplift(conversionRate: difference, low: low, high: high)
    }
    if let value = comparison.incrementalRevenue, let low = comparison.incrementalRevenueLow,
      let high = comparison.incrementalRevenueHigh
    {
      incrementalRevenue = Estimate(value: value, low: low, high: high)
    }
  }
}

extension FlowEarnings {
  private enum CodingKeys: String, CodingKey {
    case flow, sent, delivered, openRate, clickRate, conversions, revenue, control, treatment, uplift
    case incrementalRevenue
  }

  /// Writes every key, `null` where a value is undefined.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(flow, forKey: .flow)
    try container.encode(sent, forKey: .sent)
    try container.encode(delivered, forKey: .delivered)
    try container.encode(openRate, forKey: .openRate)
    try container.encode(clickRate, forKey: .clickRate)
    try container.encode(conversions, forKey: .conversions)
    try container.encode(revenue, forKey: .revenue)
    try container.encode(control, forKey: .control)
    try container.encode(treatment, forKey: .treatment)
    try container.encode(uplift, forKey: .uplift)
    try container.encode(incrementalRevenue, forKey: .incrementalRevenue)
  }
}
