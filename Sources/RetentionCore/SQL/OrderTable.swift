/// Where a shop's orders live in a database: the table and the meaning of its columns.
///
/// ```swift
/// let table = try OrderTable(
///   table: SQLIdentifier(qualified: "shop.orders"),
///   customer: SQLIdentifier("customer_id"),
///   timestamp: SQLIdentifier("created_at"), timestampType: .timestampWithTimeZone,
///   amount: SQLIdentifier("total"),
///   status: SQLIdentifier("financial_status"), purchaseStatuses: ["paid", "pending", "partially_refunded"])
/// ```
///
/// The conventions are those of ``OrderLog`` and its summaries:
/// - a row whose customer is `NULL` is a guest order: counted by nobody, attributed to nobody;
/// - with a ``status`` column, only rows whose status is one of ``purchaseStatuses`` are
///   purchases (a `NULL` status is not); without one, every row is a purchase;
/// - an order's value is its amount less its refunded amount (when there is a ``refundedAmount``
///   column, `NULL` meaning nothing refunded), and never below zero, as ``Order/netAmount``;
/// - with an ``orderID`` column the table holds line items: the purchase rows of one
///   (customer, order id) form one order, worth the sum of their amounts less the sum of their
///   refunds, placed at the earliest of their timestamps; without it every row is one order.
public struct OrderTable: Sendable, Hashable, Codable {
  /// How the timestamp column stores time, which decides how a calendar day is computed.
  public enum TimestampType: String, Sendable, Hashable, Codable, CaseIterable {
    /// An instant: PostgreSQL `timestamptz`, BigQuery `TIMESTAMP`, Spark `TIMESTAMP`. Days are
    /// counted in UTC plus the summary's fixed offset, whatever the session time zone.
    case timestampWithTimeZone
    /// A wall-clock time in UTC: PostgreSQL `timestamp`, BigQuery `DATETIME`, Spark
    /// `TIMESTAMP_NTZ`. Days are counted as written plus the summary's fixed offset.
    case timestampWithoutTimeZone
    /// A calendar date (`DATE`): already a day; the summary's offset is not applied, and the
    /// first and last order times are the starts of their days.
    case date
  }

  /// The table (or view).
  public var table: SQLIdentifier
  /// The customer id column; `NULL` marks a guest order.
  public var customer: SQLIdentifier
  /// The order id column when rows are line items, or `nil` when each row is one order.
  public var orderID: SQLIdentifier?
  /// The column with the time the order was placed.
  public var timestamp: SQLIdentifier
  /// How ``timestamp`` stores time.
  public var timestampType: TimestampType
  /// The column with the order's (or line's) gross amount, in one currency.
  public var amount: SQLIdentifier
  /// The column with the refunded amount, or `nil` when amounts are already net.
  public var refundedAmount: SQLIdentifier?
  /// The status column, or `nil` when every row is a purchase.
  public var status: SQLIdentifier?
  /// The statuses that count as purchases (used only with a ``status`` column).
  public var purchaseStatuses: [String]

  /// Describes an orders table.
  ///
  /// - Parameters:
  ///   - table: The table or view.
  ///   - customer: The customer id column.
  ///   - orderID: The order id column for line-item tables, or `nil` for one row per order.
  ///   - timestamp: The order time column.
  ///   - timestampType: How the time is stored; `timestamptz` and its kin by default.
  ///   - amount: The gross amount column.
  ///   - refundedAmount: The refunded amount column, if any.
  ///   - status: The status column, if any.
  ///   - purchaseStatuses: The statuses that are purchases, for example
  ///     `["paid", "pending", "partially_refunded"]`.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for a status column without purchase
  ///   statuses, or purchase statuses without a status column.
  public init(
    table: SQLIdentifier, customer: SQLIdentifier, orderID: SQLIdentifier? = nil, timestamp: SQLIdentifier,
    timestampType: TimestampType = .timestampWithTimeZone, amount: SQLIdentifier, refundedAmount: SQLIdentifier? = nil,
    status: SQLIdentifier? = nil, purchaseStatuses: [String] = []
  ) throws {
    if status != nil && purchaseStatuses.isEmpty {
      throw RetentionCoreError(
        .invalidArgument, field: "purchaseStatuses",
        reason: "a status column needs the statuses that count as purchases (for example paid, pending)")
    }
    if status == nil && !purchaseStatuses.isEmpty {
      throw RetentionCoreError(
        .invalidArgument, field: "purchaseStatuses", reason: "purchase statuses are given but there is no status column"
      )
    }
    self.table = table
    self.customer = customer
    self.orderID = orderID
    self.timestamp = timestamp
    self.timestampType = timestampType
    self.amount = amount
    self.refundedAmount = refundedAmount
    self.status = status
    self.purchaseStatuses = purchaseStatuses
  }
}
