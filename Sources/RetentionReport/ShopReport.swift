public import Campaigns
import Foundation

/// What a shop should know about its customers today, and whom to contact: the figures behind
/// every chart of the retention report, each with a one-line reading in plain language.
///
/// Build it from an order log, then write it as a self-contained HTML page (inline SVG charts,
/// no scripts, readable on a phone), as Markdown, or as JSON:
///
/// ```swift
/// let log = try OrderLog(contentsOf: url, format: .onlineRetail)
/// let report = ShopReport(log: log, options: ShopReportOptions(currency: "GBP"))
/// try report.html().write(toFile: "retention-report.html", atomically: true, encoding: .utf8)
/// print(report.overview.reading)
/// ```
///
/// Every number in the report is finite: shares of empty totals are zero, and a model that
/// cannot be fitted leaves its section `nil` with the reason in ``notes``.
public struct ShopReport: Sendable, Hashable, Codable {
  /// The headline figures.
  public struct Overview: Sendable, Hashable, Codable {
    /// Customers with at least one purchase (guests are not customers): people, or customer ids
    /// as ``identity`` says.
    public var customers: Int
    /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
    public var identity: String
    /// How the orders were attributed to people, or `nil` when the report counts customer ids.
    public var personKeying: OrderLog.PersonKeying?
    /// One line on the identity: how many orders were merged into how many people, or that the
    /// figures count the shop's customer ids.
    public var identityReading: String
    /// Purchase orders of those customers.
    public var orders: Int
    /// Their revenue, in the report's currency.
    public var revenue: Double
    /// Purchase orders of guests (no customer id), left out of every figure of the report.
    public var guestOrders: Int
    /// Their revenue, in the report's currency.
    public var guestRevenue: Double
    /// Which orders the figures include, in plain language ("customers' orders only; 21 guest
    /// orders (£26,503.72) not included").
    public var includes: String
    /// The share of customers with two or more orders, `0...1`.
    public var repeatCustomerShare: Double
    /// The share of revenue from those customers, `0...1`.
    public var repeatRevenueShare: Double
    /// The median value of the customers' purchase orders, in the report's currency.
    public var medianOrderValue: Double
    /// The day of the first order, `yyyy-MM-dd`.
    public var firstDay: String
    /// The last observed day, `yyyy-MM-dd`.
    public var lastDay: String
    /// The plain-language reading.
    public var reading: String
  }

  /// What the import did with every row of the file: the same accounting the command-line
  /// programs print (`ImportReport.accountingLines(source:reasonLimit:)`).
  public struct ImportAccounting: Sendable, Hashable, Codable {
    /// The data rows read.
    public var rowsRead: Int
    /// The rows that became line items of imported orders.
    public var rowsImported: Int
    /// The orders imported (guest and cancelled orders included).
    public var ordersImported: Int
    /// The rows left out on purpose (cancellation invoices, zero quantities, ...).
    public var rowsExcluded: Int
    /// The rows rejected as bad data.
    public var rowsRejected: Int
    /// The three most common reasons for exclusions, most rows first.
    public var exclusionReasons: [ImportReport.ReasonCount]
    /// The three most common kinds of rejection, most rows first.
    public var rejectionReasons: [ImportReport.ReasonCount]
    /// The accounting in plain text, one line per entry.
    public var lines: [String]

    /// The accounting of an import report, with its three most common reasons of each kind.
    init(_ report: ImportReport) {
      rowsRead = report.rowsRead
      rowsImported = report.linesImported
      ordersImported = report.ordersImported
      rowsExcluded = report.rowsExcluded
      rowsRejected = report.rowsRejected
      exclusionReasons = report.mostCommonExclusionReasons()
      rejectionReasons = report.mostCommonRejectionReasons()
      lines = report.accountingLines().map { $0.trimmingCharacters(in: .whitespaces) }
    }
  }

  /// Revenue concentration: the Lorenz curve with the top 10 % and 20 % marked.
  public struct Concentration: Sendable, Hashable, Codable {
    /// Cumulative revenue share of the smallest customers, at customer shares 0, 0.01, ..., 1.
    public var lorenzCurve: [Double]
    /// The revenue share of the top 10 % of customers, `0...1`.
    public var topDecileShare: Double
    /// The revenue share of the top 20 % of customers, `0...1`.
    public var topQuintileShare: Double
    /// The Gini coefficient of revenue per customer, `0...1`.
    public var gini: Double
    /// The plain-language reading.
    public var reading: String
  }

  /// Customers and revenue by average order value band.
  public struct OrderValueBands: Sendable, Hashable, Codable {
    /// One band of average order value.
    public struct Band: Sendable, Hashable, Codable {
      /// The band's label ("£30–£60").
      public var label: String
      /// The lower bound, in the report's currency.
      public var lower: Double
      /// The upper bound, or `nil` for the open top band.
      public var upper: Double?
      /// The share of customers whose average order falls in the band, `0...1`.
      public var customerShare: Double
      /// Their share of revenue, `0...1`.
      public var revenueShare: Double
    }
    /// The bands, from the smallest orders up.
    public var bands: [Band]
    /// The plain-language reading.
    public var reading: String
  }

  /// The repeat ladder: of the customers with *k* orders, how many placed a (*k* + 1)-th.
  public struct Ladder: Sendable, Hashable, Codable {
    /// One rung.
    public struct Step: Sendable, Hashable, Codable {
      /// The number of orders *k*.
      public var orders: Int
      /// The customers with at least *k* orders.
      public var customers: Int
      /// The probability of a (*k* + 1)-th order, `0...1`.
      public var probability: Double
    }
    /// The rungs, for *k* from 1 to 6.
    public var steps: [Step]
    /// The plain-language reading.
    public var reading: String
  }

  /// The time from the first to the second purchase (Kaplan-Meier, with customers who have not
  /// bought again censored at the observation end).
  public struct SecondPurchase: Sendable, Hashable, Codable {
    /// The days after the first purchase at which the curve is given.
    public var days: [Int]
    /// The probability of a second purchase within each number of days, `0...1`.
    public var probability: [Double]
    /// The days by which half the customers bought again, or `nil` when the curve stays below
    /// one half.
    public var medianDays: Int?
    /// The probability of a second purchase within 90 days, `0...1`.
    public var within90Days: Double
    /// The plain-language reading.
    public var reading: String
  }

  /// Monthly cohort retention: for each acquisition month, the share of its customers who bought
  /// in each later month.
  public struct Cohorts: Sendable, Hashable, Codable {
    /// The acquisition months, `yyyy-MM`, oldest first.
    public var months: [String]
    /// The new customers of each month.
    public var sizes: [Int]
    /// `retention[m][k]`: the share of month *m*'s customers who bought in month *m* + *k*.
    public var retention: [[Double]]
    /// The plain-language reading.
    public var reading: String
  }

  /// The probability that a customer is still active, by repeat purchases and weeks of silence.
  ///
  /// The probabilities come from a BG/NBD model (Fader, Hardie & Lee 2005, eq. 11) fitted to the
  /// whole history.
  public struct AliveMatrix: Sendable, Hashable, Codable {
    /// The repeat purchase counts (rows).
    public var frequencies: [Int]
    /// The weeks since the last purchase (columns).
    public var weeksSinceLastPurchase: [Int]
    /// The customer age in weeks at which the matrix is evaluated.
    public var ageWeeks: Double
    /// `probability[row][column]` in `0...1`, or `nil` where the recency exceeds the age.
    public var probability: [[Double?]]
    /// The fitted parameters r, alpha, a, b (weeks).
    public var parameters: [Double]
    /// The plain-language reading.
    public var reading: String
  }

  /// Calibration against holdout, week by week.
  ///
  /// The model fitted on the first part of the history predicts the cumulative weekly repeat
  /// purchases of the rest (Fader, Hardie & Lee 2005, Fig. 4).
  public struct Tracking: Sendable, Hashable, Codable {
    /// The last day of the calibration period, `yyyy-MM-dd`.
    public var calibrationEnd: String
    /// The number of calibration weeks.
    public var calibrationWeeks: Int
    /// The cumulative predicted repeat purchases at the end of each week.
    public var predicted: [Double]
    /// The cumulative actual repeat purchases at the end of each week.
    public var actual: [Double]
    /// Predicted repeat purchases in the holdout weeks.
    public var holdoutPredicted: Double
    /// Actual repeat purchases in the holdout weeks.
    public var holdoutActual: Double
    /// The plain-language reading.
    public var reading: String
  }

  /// The built-in segments' sizes and revenue shares.
  public struct Segments: Sendable, Hashable, Codable {
    /// One segment.
    public struct Entry: Sendable, Hashable, Codable {
      /// The segment's name.
      public var name: String
      /// Its number of people.
      public var size: Int
      /// Its share of people, `0...1`.
      public var customerShare: Double
      /// Its share of revenue, `0...1`.
      public var revenueShare: Double
    }
    /// The people after identity resolution.
    public var people: Int
    /// The segments.
    public var entries: [Entry]
    /// The plain-language reading.
    public var reading: String
  }

  /// The report's title.
  public var title: String
  /// The ISO 4217 currency of the amounts, or `nil` when unknown.
  public var currency: String?
  /// The time zone whose calendar days the report counts and prints (``ShopReportOptions/clock``),
  /// as its identifier (`"UTC"`, `"Europe/Berlin"`, `"GMT+0500"`).
  public var timeZone: String = "GMT"
  /// The headline figures.
  public var overview: Overview
  /// What the import did with the file's rows.
  public var importAccounting: ImportAccounting
  /// Revenue concentration.
  public var concentration: Concentration
  /// Average order value bands.
  public var orderValueBands: OrderValueBands
  /// The repeat ladder.
  public var ladder: Ladder
  /// The time to a second purchase.
  public var secondPurchase: SecondPurchase
  /// Monthly cohort retention.
  public var cohorts: Cohorts
  /// P(alive) by frequency and recency, or `nil` when the model could not be fitted or finds no
  /// dropout in the history (its fit diagnostics; a note then says so in a sentence).
  public var aliveMatrix: AliveMatrix?
  /// The calibration/holdout tracking plot, or `nil` when the history is too short or the model
  /// could not be fitted.
  public var tracking: Tracking?
  /// Segment sizes and revenue shares.
  public var segments: Segments
  /// Whom to contact today.
  public var actions: [ActionList]
  /// Caveats: sections left out and why.
  public var notes: [String]
  /// What the messages earned: the section "What your messages earned".
  ///
  /// `nil` (the default: no section) when the report was made without events. Set it from the
  /// same person-keyed orders and events:
  /// `CampaignEarnings(orders: people, events: events, period: days, using: &generator)`.
  public var campaignEarnings: CampaignEarnings? = nil
}
