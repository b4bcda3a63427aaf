/// What an import did with every row of its input.
///
/// Every row is accounted for: ``rowsRead`` equals ``linesImported`` + ``rowsExcluded`` +
/// ``rowsRejected`` for line-per-row formats (Shopify, line items, Online Retail, Groceries,
/// transactions, CDNOW), and ``eventsImported`` + ``rowsExcluded`` + ``rowsRejected`` for an
/// event file (one row per event). Guest orders and cancelled orders are imported (they are
/// facts about the shop) and counted separately, so that the summaries can say what they left
/// out.
public struct ImportReport: Sendable, Hashable, Codable {
  /// The number of data rows read (the header is not a data row).
  public var rowsRead: Int = 0
  /// The number of orders in the log.
  public var ordersImported: Int = 0
  /// The number of line rows that became line items of imported orders.
  public var linesImported: Int = 0
  /// The number of events in the log, for an event import (``EventLog``); zero for orders.
  public var eventsImported: Int = 0
  /// The number of rows deliberately left out, by reason (see ``exclusions``).
  public var rowsExcluded: Int = 0
  /// The number of rows rejected as bad data.
  public var rowsRejected: Int = 0
  /// The first ``maximumStoredRejections`` rejections, in input order.
  public var rejections: [Rejection] = []
  /// Rejected rows by kind of problem (`"invalid date (InvoiceDate)"`: the error's code and
  /// field), complete even when ``rejections`` is cut; see ``mostCommonRejectionReasons(limit:)``.
  public var rejectionReasons: [String: Int] = [:]
  /// Rows left out on purpose, by reason (`"cancellation invoice"`, `"non-positive quantity"`,
  /// `"non-positive unit price"`), so a caller sees what the convention dropped.
  public var exclusions: [String: Int] = [:]
  /// Imported orders that are cancelled or voided (not purchases).
  public var cancelledOrders: Int = 0
  /// Imported orders refunded in full (not purchases).
  public var refundedOrders: Int = 0
  /// Imported orders refunded in part (netted).
  public var partiallyRefundedOrders: Int = 0
  /// Imported orders without a customer id (guest checkouts); kept, but not attributed to a
  /// customer in the summaries.
  public var guestOrders: Int = 0
  /// Line rows of guest orders.
  public var guestLines: Int = 0

  /// The number of rejections kept in ``rejections``; the count ``rowsRejected`` is always
  /// complete.
  public static let maximumStoredRejections = 1_000

  /// Creates an empty report.
  public init() {}

  private enum CodingKeys: String, CodingKey {
    case rowsRead, ordersImported, linesImported, eventsImported, rowsExcluded, rowsRejected, rejections
    case rejectionReasons, exclusions, cancelledOrders, refundedOrders, partiallyRefundedOrders, guestOrders
    case guestLines
  }

  /// Decodes a report; one written before event imports existed has no `eventsImported` (zero).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    rowsRead = try container.decode(Int.self, forKey: .rowsRead)
    ordersImported = try container.decode(Int.self, forKey: .ordersImported)
    linesImported = try container.decode(Int.self, forKey: .linesImported)
    eventsImported = try container.decodeIfPresent(Int.self, forKey: .eventsImported) ?? 0
    rowsExcluded = try container.decode(Int.self, forKey: .rowsExcluded)
    rowsRejected = try container.decode(Int.self, forKey: .rowsRejected)
    rejections = try container.decode([Rejection].self, forKey: .rejections)
    rejectionReasons = try container.decode([String: Int].self, forKey: .rejectionReasons)
    exclusions = try container.decode([String: Int].self, forKey: .exclusions)
    cancelledOrders = try container.decode(Int.self, forKey: .cancelledOrders)
    refundedOrders = try container.decode(Int.self, forKey: .refundedOrders)
    partiallyRefundedOrders = try container.decode(Int.self, forKey: .partiallyRefundedOrders)
    guestOrders = try container.decode(Int.self, forKey: .guestOrders)
    guestLines = try container.decode(Int.self, forKey: .guestLines)
  }

  /// One rejected row and why.
  public struct Rejection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 1-based row number (the header is row 1 in a CSV file; for a sequence of orders, the
    /// position of the order).
    public var row: Int
    /// The field at fault, if known.
    public var field: String?
    /// The reason, with the offending value where useful.
    public var reason: String

    /// Creates a rejection.
    ///
    /// - Parameters:
    ///   - row: The 1-based row number.
    ///   - field: The field at fault.
    ///   - reason: The reason.
    public init(row: Int, field: String?, reason: String) {
      self.row = row
      self.field = field
      self.reason = reason
    }

    /// `row 17, field "UnitPrice": not a number: "abc"`.
    public var description: String {
      RetentionCoreError(.invalidArgument, row: row, field: field, reason: reason).description
    }
  }

  /// Records a rejected row.
  mutating func reject(_ error: RetentionCoreError, rows: Int = 1) {
    rowsRejected += rows
    rejectionReasons[Self.kind(of: error), default: 0] += rows
    if rejections.count < Self.maximumStoredRejections {
      rejections.append(Rejection(row: error.row ?? 0, field: error.field, reason: error.reason))
    }
  }

  /// Records a row left out on purpose.
  mutating func exclude(_ reason: String, rows: Int = 1) {
    rowsExcluded += rows
    exclusions[reason, default: 0] += rows
  }
}

/// How an importer treats bad rows.
public enum ImportMode: Sendable, Hashable, Codable {
  /// Reject bad rows into the ``ImportReport`` and go on.
  case lenient
  /// Throw a ``RetentionCoreError`` at the first bad row.
  case strict
}
