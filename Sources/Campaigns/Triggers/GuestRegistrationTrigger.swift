public import Foundation

/// Finds guest orders, for the invitation to register
/// (``Flow/guestRegistration(wait:incentive:channel:controlShare:reentryDays:)``).
///
/// An order (a purchase) is a guest order when the person has no `account_created` event at
/// or before the planning instant, and either
/// - the importer marked it as a guest checkout: its customer reference as imported has no
///   customer id (``OrderLog/identityFields``; in a log keyed by person too, where the order
///   may have joined a person through its email), or
/// - with ``usesAccountEvents``, the shop logs `account_created` events (the event log has at
///   least one) and this person has none: they bought without an account.
///
/// The person is the order's customer (a person id in a log keyed by person); an order
/// attributed to nobody is addressed by its email, trimmed and lower-cased (the `customer` of
/// that guest's events), and skipped without one. The entry (time: the order; key: the order
/// id; products: its products) is returned while it is younger than ``maximumAge``. The flow
/// exits on `account_created`.
///
/// If your event file has `account_created` events only since some date, the accounts opened
/// before look like guests: set ``usesAccountEvents`` to `false`, or log those accounts.
///
/// ```swift
/// let trigger = GuestRegistrationTrigger(usesAccountEvents: false)  // importer-marked guests only
/// ```
public struct GuestRegistrationTrigger: CampaignTrigger {
  /// The oldest entry still returned, in seconds before the planning instant, or `nil` for all.
  public var maximumAge: TimeInterval?
  /// Whether an order by a person without an `account_created` event is a guest order (when
  /// the event log has any such event).
  public var usesAccountEvents: Bool

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - maximumAge: The oldest entry returned, in seconds (default 9 days: the default wait of
  ///     2 days plus a week), or `nil` for all.
  ///   - usesAccountEvents: Whether a missing `account_created` event marks a guest (default `true`).
  public init(maximumAge: TimeInterval? = 9 * 86_400, usesAccountEvents: Bool = true) {
    precondition(maximumAge.map { $0 >= 0 } ?? true, "the maximum age must not be negative")
    self.maximumAge = maximumAge
    self.usesAccountEvents = usesAccountEvents
  }

  /// `guest-registration`.
  public var name: String { "guest-registration" }

  /// One entry per guest order placed in the last ``maximumAge`` up to the planning instant.
  ///
  /// - Parameter context: The orders, events and window.
  /// - Returns: The entries, by order time.
  /// - Complexity: O(*c* + *a* + *k* log *n*), where *c* is the number of the event log's
  ///   customers, *a* the `account_created` events, *k* the orders looked at and *n* all orders.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    // By the event log's customer number: the account events are read by kind, never spelled out.
    let events = context.events
    var hasAccount = [Bool](repeating: false, count: events.customerCount)
    var anyAccount = false
    for position in events.positions(named: .accountCreated, in: CampaignContext.through(context.asOf)) {
      if let customer = events.customerNumber(at: Int(position)) {
        hasAccount[customer] = true
        anyAccount = true
      }
    }
    let logsAccounts = usesAccountEvents && anyAccount
    let log = context.orders
    let fields = log.identityFields
    let start = maximumAge.map { context.asOf.addingTimeInterval(-$0) } ?? .distantPast
    let end = Date(timeIntervalSince1970: context.asOf.timeIntervalSince1970.nextUp)
    return log.orderIndices(placedIn: start..<end).compactMap { order -> FlowEntry? in
      guard log.orderIsPurchase[order] else { return nil }
      let imported = fields.references[fields.referenceIndex(ofOrder: order)]
      let email = imported.email.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
      guard let person = log.customerID(ofOrder: order) ?? (email?.isEmpty == false ? email : nil),
        !(events.customerNumber(of: person).map { hasAccount[$0] } ?? false), imported.id == nil || logsAccounts
      else { return nil }
      let day = isoDay(log.date(ofOrder: order))
      return FlowEntry(
        person: person, time: log.date(ofOrder: order), key: "order:\(log.orderIDs[order])",
        products: Self.distinctProducts(of: log.lines(ofOrder: order)),
        reason: imported.id == nil
          ? "guest checkout of order \(log.orderIDs[order]) on \(day)"
          : "order \(log.orderIDs[order]) on \(day) without an account (no account_created event)")
    }
  }

  /// The distinct product ids of lines, in order.
  static func distinctProducts(of lines: [LineItem]) -> [String] {
    var seen: Set<String> = []
    return lines.map(\.productID).filter { seen.insert($0).inserted }
  }
}
