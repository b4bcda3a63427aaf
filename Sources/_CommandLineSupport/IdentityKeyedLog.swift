public import RetentionCore
public import Segmentation

/// An imported log keyed by the chosen identity, with the resolution that keyed it.
public struct IdentityKeyedLog: Sendable {
  /// The identity the figures use.
  public var identity: CustomerIdentity
  /// The log as imported, keyed by the shop's customer ids.
  public var imported: OrderLog
  /// The log the program computes on: keyed by person, or the imported log.
  public var log: OrderLog
  /// The people behind the imported log's orders: the resolver's, or one person per customer id
  /// (guest orders without a person) for ``CustomerIdentity/customerID``.
  public var resolution: IdentityResolution

  /// Keys a log by an identity.
  ///
  /// - Parameters:
  ///   - imported: The log as imported.
  ///   - identity: The identity to key it by.
  /// - Complexity: The resolver's for people; O(*n*) for customer ids, for *n* orders.
  public init(_ imported: OrderLog, identity: CustomerIdentity) {
    self.identity = identity
    self.imported = imported
    switch identity {
    case .people:
      resolution = DeterministicIdentityResolver().resolve(imported)
      log = imported.keyed(by: resolution)
    case .customerID:
      resolution = IdentityResolution(customerIDsOf: imported)
      log = imported
    }
  }

  /// One line that says which identity the figures use, and for people how many orders were
  /// attributed to how many people.
  public var descriptionLine: String {
    switch identity {
    case .people:
      let keying = log.personKeying
      let count = Self.grouped
      return "identity: people: \(count(keying?.attributedOrders ?? 0)) of \(count(log.orderCount)) orders merged into "
        + "\(count(keying?.personCount ?? 0)) people (from \(count(imported.customerCount)) customer ids and "
        + "\(count(keying?.customerIDGuestOrders ?? 0)) guest orders; \(count(keying?.guestOrders ?? 0)) orders without a usable identifier stay guests)"
    case .customerID:
      let guests = imported.indices.count { imported.customerID(ofOrder: $0) == nil }
      return "identity: customer-id: \(Self.grouped(imported.customerCount)) customer ids as imported (\(Self.grouped(guests)) guest orders not attributed)"
    }
  }

  /// A count with thousands separators (`1,252`), as the report's headline writes it, whatever
  /// the locale.
  static func grouped(_ count: Int) -> String {
    let digits = String(count.magnitude)
    var text = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return count < 0 ? "-" + text : text
  }
}

extension IdentityKeyedLog {
  /// The customer id in ``log`` of a customer the user named by the shop's customer id or by a
  /// person id: for people, the person of the shop customer's first order; otherwise the id itself.
  ///
  /// - Parameter id: A customer id of the imported log, or a customer id of ``log``.
  /// - Returns: The id to look up in ``log``.
  /// - Complexity: O(1) on average.
  public func customerID(named id: String) -> String {
    guard identity == .people, log.customerNumber(of: id) == nil,
      let first = imported.orderIndices(ofCustomer: id).first
    else { return id }
    return log.customerID(ofOrder: first) ?? id
  }
}
