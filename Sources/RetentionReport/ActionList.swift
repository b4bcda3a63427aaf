public import Campaigns

/// One message of the day's plan to act on: who, which flow and step, which products, why, and
/// what is at stake.
///
/// The report's rows are the messages the `Campaigns` planner plans for the report's last day
/// (``message`` carries the flow, step, channel, send time, products, incentive and reason, in
/// the shape of `secondsale plan --json`); only messages that go are rows: people without
/// consent, capped or held out as the control group are counted in ``ActionList/withheld``.
/// A caller may still supply rows of its own, for example replenishment reminders computed
/// elsewhere (they are shown as given: applying ``Campaigns/ContactPolicy`` is then the
/// caller's part):
///
/// ```swift
/// let due = [ActionRow(customerID: "12347", contact: "ann@example.com", detail: "coffee beans due in 3 days", value: 24)]
/// let report = ShopReport(log: log, replenishment: due)
/// ```
public struct ActionRow: Sendable, Hashable, Codable {
  /// The customer's (or resolved person's) id.
  public var customerID: String
  /// How to reach them (an email or a name), if known.
  public var contact: String?
  /// Why they are on the list, in plain words ("first order 12 days ago").
  public var detail: String
  /// The money at stake in the report's currency (their revenue so far, or an expected order
  /// value), if known.
  public var value: Double?
  /// The planned message behind the row (flow, step, channel, send time, product ids,
  /// incentive, reason), or `nil` for a row a caller supplied.
  public var message: PlannedMessage?
  /// The names of the message's products (the product id where the log has no name), in the
  /// message's order; empty without products.
  public var productNames: [String]

  /// Creates a row.
  ///
  /// - Parameters:
  ///   - customerID: The customer's id.
  ///   - contact: An email or a name, or `nil`.
  ///   - detail: Why they are on the list.
  ///   - value: The money at stake in the report's currency, or `nil`. Non-finite values are
  ///     stored as `nil`.
  ///   - message: The planned message behind the row, or `nil` (the default).
  ///   - productNames: The names of its products (default none).
  public init(
    customerID: String, contact: String? = nil, detail: String, value: Double? = nil, message: PlannedMessage? = nil,
    productNames: [String] = []
  ) {
    self.customerID = customerID
    self.contact = contact
    self.detail = detail
    self.value = value.flatMap { $0.isFinite ? $0 : nil }
    self.message = message
    self.productNames = productNames
  }
}

/// One flow of the day's plan: the messages to send today, with a plain-language explanation
/// and how many were withheld.
///
/// The report plans the flows driven by orders (``Kind``) with the `Campaigns` planner and its
/// ``Campaigns/ContactPolicy`` (``ShopReportOptions/contactPolicy``) for the report's last day:
/// ``rows`` are the first messages that go, ``totalCount`` all of them, and ``withheld`` says
/// how many were due but will not go (no consent, a frequency cap, another reason) or are held
/// out as the flow's control group.
///
/// ```swift
/// for list in report.actions {
///   print(list.title, list.totalCount, list.withheld?.consent ?? 0)
/// }
/// ```
public struct ActionList: Sendable, Hashable, Codable {
  /// The messages of a flow that were due but do not go, by reason.
  public struct Withheld: Sendable, Hashable, Codable {
    /// Steps withheld because the person has no marketing consent on the step's channel.
    public var consent: Int
    /// Steps withheld by the frequency cap of the channel.
    public var frequencyCap: Int
    /// Messages held out as the flow's control group (planned, not sent; log `held_out`).
    public var controlGroup: Int
    /// Steps withheld for another reason: an exit since the entry, a re-entry too soon.
    public var other: Int

    /// Creates the counts.
    ///
    /// - Parameters:
    ///   - consent: Withheld for lack of consent.
    ///   - frequencyCap: Withheld by a frequency cap.
    ///   - controlGroup: Held out as the control group.
    ///   - other: Withheld for another reason.
    public init(consent: Int = 0, frequencyCap: Int = 0, controlGroup: Int = 0, other: Int = 0) {
      self.consent = consent
      self.frequencyCap = frequencyCap
      self.controlGroup = controlGroup
      self.other = other
    }

    /// All withheld and held-out messages.
    public var total: Int { consent + frequencyCap + controlGroup + other }
  }

  /// What the list asks the shop to do.
  public struct Kind: RawRepresentable, Sendable, Hashable, Codable {
    /// The identifier used in JSON and in HTML anchors.
    public var rawValue: String
    /// Creates a kind from its identifier.
    ///
    /// - Parameter rawValue: The identifier, for example `"replenishment-due"`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// First-time buyers to nudge towards a second purchase: the `second-purchase-nudge` flow.
    public static let nudgeFirstTimeBuyers = Kind(rawValue: "first-time-buyers-to-nudge")
    /// Lapsed customers to win back: the `win-back` flow.
    public static let winBack = Kind(rawValue: "lapsed-customers-to-win-back")
    /// Customers whose consumables are running out: the `replenishment` flow.
    public static let replenishmentDue = Kind(rawValue: "replenishment-due")
    /// Guest buyers to invite to open an account: the `guest-registration` flow.
    public static let guestRegistration = Kind(rawValue: "guests-to-invite")
    /// The most valuable customers, to call personally: the `vip-outreach` flow.
    public static let topCustomers = Kind(rawValue: "top-customers-to-call")
  }

  /// What the list asks the shop to do.
  public var kind: Kind
  /// The list's heading ("First-time buyers to nudge").
  public var title: String
  /// One plain-language sentence on why and how many.
  public var reading: String
  /// The first rows, most valuable first.
  public var rows: [ActionRow]
  /// How many messages go today in all (the rows may be fewer).
  public var totalCount: Int
  /// Whether the list is a placeholder for figures the report could not compute itself.
  public var isPlaceholder: Bool
  /// The flow planned (`second-purchase-nudge`, ...), or `nil` for rows a caller supplied.
  public var flow: String?
  /// The flow's messages that were due but do not go, and the held-out ones, or `nil` for rows
  /// a caller supplied.
  public var withheld: Withheld?

  /// Creates a list.
  ///
  /// - Parameters:
  ///   - kind: What the list asks the shop to do.
  ///   - title: The heading.
  ///   - reading: One plain-language sentence.
  ///   - rows: The rows, most valuable first.
  ///   - totalCount: How many qualify in all; `rows.count` by default.
  ///   - isPlaceholder: Whether the list stands in for missing figures; `false` by default.
  ///   - flow: The flow planned, or `nil` (the default).
  ///   - withheld: The withheld and held-out counts, or `nil` (the default).
  public init(
    kind: Kind, title: String, reading: String, rows: [ActionRow], totalCount: Int? = nil, isPlaceholder: Bool = false,
    flow: String? = nil, withheld: Withheld? = nil
  ) {
    self.kind = kind
    self.title = title
    self.reading = reading
    self.rows = rows
    self.totalCount = totalCount ?? rows.count
    self.isPlaceholder = isPlaceholder
    self.flow = flow
    self.withheld = withheld
  }
}
