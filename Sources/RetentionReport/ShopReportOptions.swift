public import Campaigns
public import Foundation
public import RetentionCore

/// What the retention report covers and how it is cut.
///
/// ```swift
/// var options = ShopReportOptions(title: "Acme Tea", currency: "GBP")
/// options.actionRowLimit = 25
/// let report = ShopReport(log: log, options: options)
/// ```
public struct ShopReportOptions: Sendable, Hashable {
  /// The report's title, shown at the top.
  public var title: String
  /// The ISO 4217 currency of the amounts; `nil` takes the log's currency (and prints plain
  /// numbers when the log has none).
  public var currency: String?
  /// The last observed day; `nil` for the day of the last order.
  public var observationEnd: Date?
  /// The calendar of the days and months; UTC by default.
  public var clock: DayClock
  /// Where the calibration period of the tracking plot ends, as a fraction of the history in
  /// `0.1...0.95`; two thirds by default.
  public var calibrationFraction: Double
  /// The most rows each action list shows, `>= 0`; 10 by default.
  public var actionRowLimit: Int
  /// No longer read; 90 by default.
  ///
  /// The first-time buyers to nudge are the `second-purchase-nudge` flow's messages of the day
  /// (21 and 45 days after the first purchase), see ``contactPolicy``. Kept so that code setting
  /// it still compiles.
  public var nudgeWindowDays: Int
  /// The consent, frequency caps and sending hours under which the action lists are planned.
  ///
  /// It is the one contact model of the `Campaigns` planner: by default email needs an opt-in,
  /// which without events comes from the orders' Accepts Marketing flag, and phone calls need a
  /// `subscribed` event on `phone`. A shop whose customers agreed to email outside the order
  /// file may add `.email` to ``Campaigns/ContactPolicy/assumedConsent``.
  public var contactPolicy = ContactPolicy()
  /// Whether the report counts people (identity resolution merges a guest checkout and an
  /// account order by one person into one customer) or the shop's customer ids; people by
  /// default. A log already keyed by person (``RetentionCore/OrderLog/personKeying`` not `nil`)
  /// is used as it is.
  public var resolvesIdentities: Bool

  /// Creates options.
  ///
  /// - Parameters:
  ///   - title: The title; "Retention report" by default.
  ///   - currency: The ISO 4217 currency code, or `nil` for the log's.
  ///   - observationEnd: The last observed day, or `nil` for the day of the last order.
  ///   - clock: The calendar; UTC by default.
  ///   - calibrationFraction: The calibration share of the history, `0.1...0.95`.
  ///   - actionRowLimit: Rows per action list, `>= 0`.
  ///   - nudgeWindowDays: The age in days of first-time buyers to nudge, `>= 1`.
  ///   - resolvesIdentities: Whether to count people (the default) or customer ids.
  public init(
    title: String = "Retention report", currency: String? = nil, observationEnd: Date? = nil,
    clock: DayClock = DayClock(), calibrationFraction: Double = 2.0 / 3, actionRowLimit: Int = 10,
    nudgeWindowDays: Int = 90, resolvesIdentities: Bool = true
  ) {
    precondition((0.1...0.95).contains(calibrationFraction), "the calibration fraction must be in 0.1...0.95")
    precondition(actionRowLimit >= 0, "the row limit must not be negative")
    precondition(nudgeWindowDays >= 1, "the nudge window must be at least one day")
    self.title = title
    self.currency = currency
    self.observationEnd = observationEnd
    self.clock = clock
    self.calibrationFraction = calibrationFraction
    self.actionRowLimit = actionRowLimit
    self.nudgeWindowDays = nudgeWindowDays
    self.resolvesIdentities = resolvesIdentities
  }
}

/// The former name of ``ShopReportOptions``.
///
/// The report type is now ``ShopReport`` (a type named like its module, `RetentionReport`, made
/// `RetentionReport.X` ambiguous); its options follow its name.
@available(*, deprecated, renamed: "ShopReportOptions")
public typealias RetentionReportOptions = ShopReportOptions
