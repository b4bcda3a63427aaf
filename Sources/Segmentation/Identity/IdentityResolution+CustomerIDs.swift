public import RetentionCore

extension IdentityResolution {
  /// The resolution that takes each customer id of a log as one person, without merging: the
  /// person of an order is its customer, guest orders have none.
  ///
  /// Use it to segment or profile a log that is already keyed by person (see
  /// ``RetentionCore/OrderLog/keyed(by:)``), or to count the shop's customer ids as they are:
  ///
  /// ```swift
  /// let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
  /// let profiles = CustomerProfiles(log: people, resolution: IdentityResolution(customerIDsOf: people), asOf: end)
  /// ```
  ///
  /// Person number *k* is the log's customer number *k* (customers are numbered in the order of
  /// their first order), and its id is the customer id. There are no merges and no ignored
  /// identifiers.
  ///
  /// - Parameter log: The order log.
  /// - Complexity: O(*n* + *c*), where *n* is the number of orders and *c* of customers.
  public init(customerIDsOf log: OrderLog) {
    self.init(
      personOfOrder: log.orderCustomers.map { $0 < 0 ? nil : PersonNumber(Int($0)) }, personIDs: log.customerIDs,
      merges: [], ignoredIdentifiers: [])
  }
}
