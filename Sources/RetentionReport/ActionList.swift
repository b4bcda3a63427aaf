/// One customer to act on: who, why, and what is at stake.
///
/// The report fills rows for first-time buyers, lapsed customers and top customers; callers add
/// their own, for example replenishment reminders computed by the `Recommendations` module:
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

  /// Creates a row.
  ///
  /// - Parameters:
  ///   - customerID: The customer's id.
  ///   - contact: An email or a name, or `nil`.
  ///   - detail: Why they are on the list.
  ///   - value: The money at stake in the report's currency, or `nil`. Non-finite values are
  ///     stored as `nil`.
  public init(customerID: String, contact: String? = nil, detail: String, value: Double? = nil) {
    self.customerID = customerID
    self.contact = contact
    self.detail = detail
    self.value = value.flatMap { $0.isFinite ? $0 : nil }
  }
}

/// A list of customers to act on today, with a plain-language explanation.
public struct ActionList: Sendable, Hashable, Codable {
  /// What the list asks the shop to do.
  public struct Kind: RawRepresentable, Sendable, Hashable, Codable {
    /// The identifier used in JSON and in HTML anchors.
    public var rawValue: String
    /// Creates a kind from its identifier.
    ///
    /// - Parameter rawValue: The identifier, for example `"replenishment-due"`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// First-time buyers to nudge towards a second purchase.
    public static let nudgeFirstTimeBuyers = Kind(rawValue: "first-time-buyers-to-nudge")
    /// Lapsed customers to win back.
    public static let winBack = Kind(rawValue: "lapsed-customers-to-win-back")
    /// Customers whose consumables are running out.
    public static let replenishmentDue = Kind(rawValue: "replenishment-due")
    /// The most valuable customers, to call or thank personally.
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
  /// How many customers qualify in all (the rows may be fewer).
  public var totalCount: Int
  /// Whether the list is a placeholder for figures the report could not compute itself.
  public var isPlaceholder: Bool

  /// Creates a list.
  ///
  /// - Parameters:
  ///   - kind: What the list asks the shop to do.
  ///   - title: The heading.
  ///   - reading: One plain-language sentence.
  ///   - rows: The rows, most valuable first.
  ///   - totalCount: How many qualify in all; `rows.count` by default.
  ///   - isPlaceholder: Whether the list stands in for missing figures; `false` by default.
  public init(
    kind: Kind, title: String, reading: String, rows: [ActionRow], totalCount: Int? = nil, isPlaceholder: Bool = false
  ) {
    self.kind = kind
    self.title = title
    self.reading = reading
    self.rows = rows
    self.totalCount = totalCount ?? rows.count
    self.isPlaceholder = isPlaceholder
  }
}
