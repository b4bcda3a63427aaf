public import Foundation

/// What a shop's messages earned in a period, in one value: the shop's revenue and the share
/// credited to email (beside the articles' benchmarks), per flow the messages' outcomes, their
/// credited revenue and, against the flow's control group, the conversion uplift and the
/// incremental revenue with 95 % intervals, and whether the people who answered a survey
/// happily came back.
///
/// It composes the measurement types: ``Attribution`` (credited revenue, rates per flow),
/// ``ControlGroupComparison`` (one per flow: treatment against control) and
/// ``SatisfactionAnalysis`` (NPS and the repeat rate of promoters, passives and detractors). It
/// is the summary that `secondsale attribute` prints and the retention report shows under "What
/// your messages earned"; its JSON is the command's (see ``encode(to:)``).
///
/// Credited (attributed) revenue and incremental revenue answer different questions and are kept
/// side by side: credited revenue counts every order that followed an open or a click, including
/// the orders that would have come anyway; incremental revenue is what the flow added, measured
/// against the people held out of it.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 1)
/// let earnings = CampaignEarnings(orders: people, events: events, period: june, using: &generator)
/// print(earnings.emailRevenueShare ?? 0)  // the articles' benchmark: at least 0.2
/// for flow in earnings.flows { print(flow.flow, flow.revenue, flow.incrementalRevenue?.value ?? 0) }
/// ```
public struct CampaignEarnings: Sendable, Hashable, Codable {
  /// The period measured: messages sent and orders placed from ``start`` (included) to ``end``
  /// (excluded).
  public struct Period: Sendable, Hashable, Codable {
    /// The first instant.
    public var start: Date
    /// The instant after the last.
    public var end: Date

    /// Creates a period.
    ///
    /// - Parameters:
    ///   - start: The first instant.
    ///   - end: The instant after the last; not before `start`.
    public init(start: Date, end: Date) {
      precondition(start <= end, "a period must not end before it starts")
      self.start = start
      self.end = end
    }

    /// The period as a range.
    public var range: Range<Date> { start..<end }
  }

  /// The articles' benchmarks for the share of a shop's revenue credited to email.
  public struct Benchmarks: Sendable, Hashable, Codable {
    /// All email: at least this share (0.20).
    public var email: Double
    /// Automated flows: about this share (0.18).
    public var flows: Double
    /// One-off campaigns: about this share (0.12).
    public var campaigns: Double
  }

  /// The benchmarks of the articles this SDK serves: email at least 20 % of revenue, flows about
  /// 18 %, campaigns about 12 %.
  public static let benchmarks = Benchmarks(email: 0.20, flows: 0.18, campaigns: 0.12)

  /// How the orders are credited and the flows compared.
  public struct Settings: Sendable, Hashable, Codable {
    /// The attribution windows and touch model.
    public var attribution: AttributionSettings
    /// How long after a send or a hold-out a purchase converts, in seconds (default 7 days).
    public var conversionWindow: TimeInterval
    /// Conversion windows of single flows, by flow name, in seconds; the others use
    /// ``conversionWindow``.
    public var conversionWindows: [String: TimeInterval]
    /// The confidence level of every interval (default 0.95).
    public var confidence: Double
    /// Bootstrap rounds for the revenue intervals (default 2,000).
    public var resamples: Int
    /// Days after a survey answer in which a next order counts (default 90).
    public var satisfactionHorizon: Double

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - attribution: Windows and touch model (defaults: 5 days after an open or a click, last
    ///     touch).
    ///   - conversionWindow: The conversion window of the control-group comparison, in seconds.
    ///   - conversionWindows: Windows of single flows, by name, in seconds.
    ///   - confidence: The confidence level, strictly between 0 and 1.
    ///   - resamples: Bootstrap rounds, at least 100.
    ///   - satisfactionHorizon: The repeat-rate horizon after a survey answer, in days, above 0.
    public init(
      attribution: AttributionSettings = AttributionSettings(), conversionWindow: TimeInterval = 7 * 86_400,
      conversionWindows: [String: TimeInterval] = [:], confidence: Double = 0.95, resamples: Int = 2_000,
      satisfactionHorizon: Double = 90
    ) {
      precondition(
        conversionWindow >= 0 && conversionWindows.values.allSatisfy { $0 >= 0 }, "windows must not be negative")
      precondition(confidence > 0 && confidence < 1, "a confidence level lies strictly between 0 and 1")
      precondition(resamples >= 100, "a bootstrap needs at least 100 rounds")
      precondition(satisfactionHorizon > 0, "the horizon must be positive")
      self.attribution = attribution
      self.conversionWindow = conversionWindow
      self.conversionWindows = conversionWindows
      self.confidence = confidence
      self.resamples = resamples
      self.satisfactionHorizon = satisfactionHorizon
    }

    /// The conversion window of a flow, in seconds.
    ///
    /// - Parameter flow: The flow's name.
    public func conversionWindow(of flow: String) -> TimeInterval { conversionWindows[flow] ?? conversionWindow }
  }

  /// Who counts as one person: `people` when the order log is keyed by person (identity
  /// resolution), else `customer-id`.
  public var identity: String
  /// The period measured.
  public var period: Period
  /// The end of the data: repeat rates after survey answers count orders up to it.
  public var observationEnd: Date
  /// The ISO 4217 currency of every amount, or `nil` when the log has none.
  public var currency: String?
  /// The settings used.
  public var settings: Settings
  /// The net revenue of all purchases placed in the period (guest orders included).
  public var revenue: Double
  /// The revenue of the orders placed in the period credited to a message of any channel.
  public var attributedRevenue: Double
  /// Credited email revenue over ``revenue``, or `nil` without revenue.
  public var emailRevenueShare: Double?
  /// Credited email revenue of automated flows over ``revenue``, or `nil` without revenue.
  public var emailFlowRevenueShare: Double?
  /// Credited email revenue of campaigns (flows named with
  /// ``AttributionSettings/campaignFlowPrefix``) over ``revenue``, or `nil` without revenue.
  public var emailCampaignRevenueShare: Double?
  /// One entry per flow with a message sent or held out in the period, by name.
  public var flows: [FlowEarnings]
  /// The survey answers of the period and whether each group came back.
  public var satisfaction: Satisfaction
  /// Message events (delivered, opened, clicked, bounced) of messages with no `message_sent`:
  /// counted, not credited.
  public var messageEventsWithoutSend: Int
  /// People found both treated and held out in one flow, left out of its comparison (summed
  /// over the flows).
  public var peopleInBothGroups: Int
  /// Survey answers outside 0...10, left out.
  public var surveyAnswersOutsideScale: Int

  /// Measures a period: attribution, one control-group comparison per flow, and satisfaction.
  ///
  /// - Parameters:
  ///   - orders: The order log, keyed by person (the same people as the events).
  ///   - events: The events, keyed to the log's people.
  ///   - period: Messages sent, hold-outs, survey answers and orders placed in it count.
  ///   - settings: Windows, touch model, confidence and bootstrap rounds.
  ///   - observationEnd: The end of the data for the repeat rates after survey answers; `nil`
  ///     for the later of the last order and the last event.
  ///   - generator: The random numbers of the revenue bootstraps (the same seed gives the same
  ///     intervals).
  /// - Complexity: O(*e* + *n* · *t* + *f* · (*e* + *B* · *c*)), where *e* is the number of
  ///   events, *n* of orders, *t* the most touches of a person, *f* the flows, *B* the bootstrap
  ///   rounds and *c* the converters of a flow.
  public init(
    orders: OrderLog, events: EventLog, period: Range<Date>, settings: Settings = Settings(),
    observationEnd: Date? = nil, using generator: inout some RandomNumberGenerator
  ) {
    let attribution = Attribution(orders: orders, events: events, period: period, settings: settings.attribution)
    identity = orders.personKeying == nil ? "customer-id" : "people"
    self.period = Period(start: period.lowerBound, end: period.upperBound)
    let dataEnd = [orders.lastOrderDate, events.lastEventDate].compactMap { $0 }.max() ?? period.upperBound
    self.observationEnd = observationEnd ?? dataEnd
    currency = orders.currency
    self.settings = settings
    revenue = attribution.shopRevenue
    attributedRevenue = attribution.creditedRevenue()
    emailRevenueShare = attribution.emailRevenueShare
    emailFlowRevenueShare = attribution.emailFlowRevenueShare
    emailCampaignRevenueShare = attribution.emailCampaignRevenueShare
    messageEventsWithoutSend = attribution.eventsWithoutSend

    var totals: [String: AttributionTotals] = [:]
    for total in attribution.totalsByFlow { totals[total.group] = total }
    var names = Set(totals.keys)
    for position in events.positions(named: .heldOut, in: period) {
      if case .heldOut(let message) = events[Int(position)].kind { names.insert(message.flow ?? "unknown") }
    }
    var bothGroups = 0
    flows = names.sorted().map { name in
      let comparison = ControlGroupComparison(
        flow: name, orders: orders, events: events, period: period,
        conversionWindow: settings.conversionWindow(of: name),
        confidence: settings.confidence, resamples: settings.resamples, using: &generator)
      bothGroups += comparison.peopleInBothGroups
      return FlowEarnings(totals: totals[name] ?? AttributionTotals(group: name, messages: []), comparison: comparison)
    }
    peopleInBothGroups = bothGroups

    let analysis = SatisfactionAnalysis(
      orders: orders, events: events, period: period, observationEnd: self.observationEnd,
      horizon: settings.satisfactionHorizon)
    satisfaction = Satisfaction(analysis, confidence: settings.confidence)
    surveyAnswersOutsideScale = analysis.answersOutsideScale
  }

  /// The whole calendar days an event log covers.
  ///
  /// From the start of the day of its first event to the end of the day of its last, or `nil`
  /// for an empty log: the default period of `secondsale attribute` and of the report's section.
  ///
  /// - Parameters:
  ///   - events: The events.
  ///   - clock: The calendar of the days.
  public static func days(of events: EventLog, clock: DayClock = DayClock()) -> Range<Date>? {
    guard let first = events.firstEventDate, let last = events.lastEventDate else { return nil }
    return clock.startOfDay(clock.day(of: first))..<clock.startOfDay(clock.day(of: last) + 1)
  }

  /// The credited email revenue of flows and of campaigns over the shop's revenue, each beside
  /// its benchmark: `(name, share, benchmark)` for `email`, `flows` and `campaigns`.
  public var sharesBesideBenchmarks: [(name: String, share: Double?, benchmark: Double)] {
    [
      ("email", emailRevenueShare, Self.benchmarks.email),
      ("flows", emailFlowRevenueShare, Self.benchmarks.flows),
      ("campaigns", emailCampaignRevenueShare, Self.benchmarks.campaigns),
    ]
  }
}
