public import Foundation

/// What a flow added: the people who got its messages against the people held out as its control
/// group, with the difference of conversion and of revenue per person and their intervals.
///
/// A person is treated when a `message_sent` of the flow (or of one step) reached them in the
/// period, and in the control group when a `held_out` of it did; their first such event is
/// their start. A person converts when they place a purchase within ``conversionWindow`` after
/// the start; their revenue is the net revenue of those purchases. Because the control group is
/// chosen by a hash before sending, the difference estimates the flow's effect (its incremental
/// conversion and revenue), unlike credited revenue, which counts orders that would have come
/// anyway. A person found in both groups (a configuration change between runs) is left out and
/// counted in ``peopleInBothGroups``.
///
/// Conversion: Newcombe's hybrid score interval (``RateDifference``); revenue per person: the
/// percentile bootstrap (``MeanDifference``); incremental revenue: the revenue difference per
/// person times the treated people, with the interval scaled the same way.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 1)
/// let nudge = ControlGroupComparison(
///   flow: "second-purchase-nudge", orders: people, events: events, period: june, using: &generator)
/// print(nudge.conversion.difference ?? 0, nudge.conversion.low ?? 0, nudge.conversion.high ?? 0)
/// ```
public struct ControlGroupComparison: Sendable, Hashable, Codable {
  /// The flow.
  public var flow: String
  /// The step (counted from 1), or `nil` for the whole flow.
  public var step: Int?
  /// How long after the start a purchase counts, in seconds.
  public var conversionWindow: TimeInterval
  /// Conversion of the treated against the control group.
  public var conversion: RateDifference
  /// Revenue per person of the treated against the control group, in the log's currency.
  public var revenuePerPerson: MeanDifference
  /// The revenue the flow added: the revenue difference per person times the treated people,
  /// or `nil` when a group is empty.
  public var incrementalRevenue: Double?
  /// The lower end of its interval, or `nil`.
  public var incrementalRevenueLow: Double?
  /// The upper end of its interval, or `nil`.
  public var incrementalRevenueHigh: Double?
  /// The currency of the revenue figures, or `nil` when the log has none.
  public var currency: String?
  /// People found both treated and held out, left out.
  public var peopleInBothGroups: Int

  /// Compares a flow's treated people with its control group.
  ///
  /// - Parameters:
  ///   - flow: The flow's name, as in the events' `flow`.
  ///   - step: One step (counted from 1), or `nil` for the whole flow.
  ///   - orders: The order log, keyed by person.
  ///   - events: The events, with the same people as customers.
  ///   - period: Starts (sends and hold-outs) in it count.
  ///   - conversionWindow: How long after the start a purchase counts, in seconds (default 7 days).
  ///   - confidence: The confidence level (default 0.95).
  ///   - resamples: Bootstrap rounds for revenue (default 2,000).
  ///   - generator: The random numbers of the bootstrap.
  /// - Complexity: O(*e* + *p* · *k* + *B* · *c*), where *e* is the number of events, *p* of people
  ///   started, *k* the most orders of one person, *B* the rounds and *c* the converters.
  public init(
    flow: String, step: Int? = nil, orders: OrderLog, events: EventLog, period: Range<Date>,
    conversionWindow: TimeInterval = 7 * 86_400, confidence: Double = 0.95, resamples: Int = 2_000,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(conversionWindow >= 0, "the conversion window must not be negative")
    self.flow = flow
    self.step = step
    self.conversionWindow = conversionWindow
    currency = orders.currency
    var starts: [String: (time: Date, treated: Bool)] = [:]
    var both: Set<String> = []
    let exposures = (events.positions(named: .messageSent, in: period) + events.positions(named: .heldOut, in: period))
      .sorted()
    for position in exposures {
      let event = events[Int(position)]
      let treated: Bool
      switch event.kind {
      case .messageSent(let message) where message.flow == flow && (step == nil || message.step == step): treated = true
      case .heldOut(let message) where message.flow == flow && (step == nil || message.step == step): treated = false
      default: continue
      }
      guard let person = event.customerID else { continue }
      if let earlier = starts[person] {
        if earlier.treated != treated { both.insert(person) }
      } else {
        starts[person] = (event.time, treated)
      }
    }
    var treatedRevenue: [Double] = []
    var controlRevenue: [Double] = []
    var treatedConverted = 0, controlConverted = 0
    for (person, start) in starts.sorted(by: { $0.key < $1.key }) where !both.contains(person) {
      var revenue = 0.0
      var converted = false
      if let number = orders.customerNumber(of: person) {
        let from = start.time.timeIntervalSince1970
        for index in orders.orderIndices(ofCustomerNumber: number) {
          let order = Int(index)
          let time = orders.orderTimes[order]
          guard orders.orderIsPurchase[order], time >= from, time - from <= conversionWindow else { continue }
          converted = true
          revenue += orders.orderNetAmounts[order]
        }
      }
      if start.treated {
        treatedRevenue.append(revenue)
        if converted { treatedConverted += 1 }
      } else {
        controlRevenue.append(revenue)
        if converted { controlConverted += 1 }
      }
    }
    peopleInBothGroups = both.count
    conversion = RateDifference(
      treatment: RateEstimate(successes: treatedConverted, trials: treatedRevenue.count, confidence: confidence),
      control: RateEstimate(successes: controlConverted, trials: controlRevenue.count, confidence: confidence))
    revenuePerPerson = MeanDifference(
      treatment: treatedRevenue, control: controlRevenue, confidence: confidence, resamples: resamples,
      using: &generator)
    let treated = Double(treatedRevenue.count)
    incrementalRevenue = revenuePerPerson.difference.map { $0 * treated }
    incrementalRevenueLow = revenuePerPerson.low.map { $0 * treated }
    incrementalRevenueHigh = revenuePerPerson.high.map { $0 * treated }
  }
}
