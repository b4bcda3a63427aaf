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
      return "identity: people: \(keying?.attributedOrders ?? 0) of \(log.orderCount) orders merged into "
        + "\(keying?.personCount ?? 0) people (from \(imported.customerCount) customer ids and "
        + "\(keying?.customerIDGuestOrders ?? 0) guest orders; \(keying?.guestOrders ?? 0) orders without an identifier stay guests)"
    case .customerID:
      return "identity: customer-id: \(imported.customerCount) customer ids as imported (\(imported.indices.count { imported.customerID(ofOrder: $0) == nil }) guest orders not attributed)"
    }
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
