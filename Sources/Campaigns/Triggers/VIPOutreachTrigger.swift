import Foundation

/// The call list of the best customers, for the VIP outreach flow
/// (``Flow/vipOutreach(count:lookbackDays:businessFirst:reentryDays:controlShare:)``).
///
/// Ranks the people with a phone number by the net revenue of their purchases in the
/// ``lookbackDays`` before the planning instant (ties: person id) and keeps the top ``count``;
/// with ``businessFirst`` the business buyers among them are listed first (a business buyer is
/// a person with an order whose identity fields name a company; the articles speak of calling
/// business buyers, and advertising calls to consumers need their prior express consent, UWG
/// § 7 in Germany). Each ``Contact`` carries what the caller needs: the phone number, name,
/// company, email, revenue and rank, all read from the person's most recent orders that have
/// them; ``entries(in:)`` puts the same into each entry's reason. People without a phone number
/// are not listed.
///
/// The trigger does not check consent or how recently a person was called: the planner does
/// (phone needs an opt-in; the flow's ``Flow/reentryInterval`` is 90 days by default).
///
/// ```swift
/// let trigger = VIPOutreachTrigger(count: 20)
/// for contact in trigger.callList(in: context) {
///   print(contact.rank, contact.phone ?? "", contact.company ?? contact.name ?? contact.person)
/// }
/// ```
public struct VIPOutreachTrigger: CampaignTrigger {
  /// One line of the call list.
  public struct Contact: Sendable, Hashable, Codable {
    /// The person (a customer id of the order log).
    public var person: String
    /// The position in the call list, from 1.
    public var rank: Int
    /// The net revenue of the person's purchases in the lookback, in the log's currency.
    public var revenue: Double
    /// The number of those purchases.
    public var orderCount: Int
    /// The phone number, as entered on the person's most recent order that has one.
    public var phone: String
    /// The name, from the most recent order that has one.
    public var name: String?
    /// The email address, from the most recent order that has one.
    public var email: String?
    /// The company, from the most recent order that names one; `nil` for a consumer.
    public var company: String?

    /// Whether the person is a business buyer (an order names a company).
    public var isBusiness: Bool { company != nil }
  }

  /// How many people to list.
  public var count: Int
  /// The revenue window, in days before the planning instant.
  public var lookbackDays: Double
  /// Whether business buyers are listed before consumers.
  public var businessFirst: Bool

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - count: How many people (default 10).
  ///   - lookbackDays: The revenue window in days (default 365).
  ///   - businessFirst: Whether business buyers come first (default `true`).
  public init(count: Int = 10, lookbackDays: Double = 365, businessFirst: Bool = true) {
    precondition(count >= 0, "the count must not be negative")
    precondition(lookbackDays > 0, "the lookback must be positive")
    self.count = count
    self.lookbackDays = lookbackDays
    self.businessFirst = businessFirst
  }

  /// `vip-outreach`.
  public var name: String { "vip-outreach" }

  /// The call list at the planning instant.
  ///
  /// - Parameter context: The orders and window.
  /// - Returns: At most ``count`` contacts, business buyers first (with ``businessFirst``), then
  ///   by revenue.
  /// - Complexity: O(*n* + *c* · ``count``), where *n* is the number of orders and *c* of people.
  public func callList(in context: CampaignContext) -> [Contact] {
    let log = context.orders
    let end = context.asOf.timeIntervalSince1970
    let start = end - lookbackDays * 86_400
    var revenue = [Double](repeating: 0, count: log.customerCount)
    var orders = [Int](repeating: 0, count: log.customerCount)
    let lookback = Date(timeIntervalSince1970: start)..<Date(timeIntervalSince1970: end.nextUp)
    for order in log.orderIndices(placedIn: lookback)
    where log.orderIsPurchase[order] && log.orderCustomers[order] >= 0 && log.orderTimes[order] > start {
      revenue[Int(log.orderCustomers[order])] += log.orderNetAmounts[order]
      orders[Int(log.orderCustomers[order])] += 1
    }
    // The top `count` by revenue (then person id) among those with a phone number, kept in a
    // small sorted buffer: only a person who would enter it has their orders read for contacts.
    var contacts: [Contact] = []
    func precedes(_ revenue: Double, _ person: String, _ other: Contact) -> Bool {
      revenue != other.revenue ? revenue > other.revenue : person < other.person
    }
    for customer in 0..<log.customerCount where revenue[customer] > 0 && count > 0 {
      let person = log.customerIDs[customer]
      if contacts.count == count, let last = contacts.last, !precedes(revenue[customer], person, last) { continue }
      var phone: String?, name: String?, email: String?, company: String?
      for index in log.orderIndices(ofCustomerNumber: customer).reversed() where log.orderTimes[Int(index)] <= end {
        let reference = log.customerReference(ofOrder: Int(index))
        phone = phone ?? Self.nonEmpty(reference.phone)
        name = name ?? Self.nonEmpty(reference.name)
        email = email ?? Self.nonEmpty(reference.email)
        company = company ?? Self.nonEmpty(reference.company)
      }
      guard let phone else { continue }
      let place = contacts.firstIndex { precedes(revenue[customer], person, $0) } ?? contacts.endIndex
      contacts.insert(
        Contact(
          person: person, rank: 0, revenue: revenue[customer], orderCount: orders[customer],
          phone: phone, name: name, email: email, company: company),
        at: place)
      if contacts.count > count { contacts.removeLast() }
    }
    var list = Array(contacts.prefix(count))
    if businessFirst { list = list.filter(\.isBusiness) + list.filter { !$0.isBusiness } }
    for position in list.indices { list[position].rank = position + 1 }
    return list
  }

  /// One entry per contact of the call list, at the planning instant.
  ///
  /// The key is the planning day (`call:2024-03-01`); the reason reads like
  /// `number 1 of the call list: Acme GmbH (business buyer), Ada Lovelace, phone +49 30 1234567;
  /// net revenue 1200 EUR in 3 purchases in the last 365 days`.
  ///
  /// - Parameter context: The orders and window.
  /// - Returns: The entries, in call-list order.
  /// - Complexity: That of ``callList(in:)``.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    let currency = context.orders.currency.map { " " + $0 } ?? ""
    // The list is drawn at the planning instant and due at the start of the window it serves:
    // planned ahead (the instant is the window's start) or behind (the instant is its end, when
    // the call goes late, at the instant), the call is in the window.
    let dueTime = min(context.asOf, context.window.lowerBound)
    return callList(in: context).map { contact in
      let who = [contact.company.map { "\($0) (business buyer)" }, contact.name].compactMap { $0 }
      return FlowEntry(
        person: contact.person, time: dueTime, key: "call:\(isoDay(context.asOf))",
        reason:
          "number \(contact.rank) of the call list: \((who + ["phone \(contact.phone)"]).joined(separator: ", ")); net revenue \(formatted(contact.revenue))\(currency) in \(contact.orderCount) purchase\(contact.orderCount == 1 ? "" : "s") in the last \(formatted(lookbackDays)) days"
      )
    }
  }

  static func nonEmpty(_ text: String?) -> String? {
    guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
    return text
  }
}
