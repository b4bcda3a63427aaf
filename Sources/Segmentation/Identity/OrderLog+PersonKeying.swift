public import RetentionCore

extension OrderLog {
  /// The log of people: every order attributed to the person an identity resolution found for
  /// it, so that everything computed from the log (summaries, triples, the repeat ladder, time
  /// to a second purchase, cohorts, revenue structure, profiles, recommendations) counts people,
  /// not the shop's customer ids.
  ///
  /// A guest checkout and an account order by one person become two orders of one repeat
  /// customer:
  ///
  /// ```swift
  /// let resolution = DeterministicIdentityResolver().resolve(log)
  /// let people = log.keyed(by: resolution)
  /// let summaries = people.summaries(SummaryOptions(observationEnd: end))  // one row per person
  /// ```
  ///
  /// Every order keeps its id, time, amounts, status and lines; its customer id becomes its
  /// person's id (``IdentityResolution/personIDs``, for example `email:ada@example.com`), in
  /// ``RetentionCore/OrderLog/customerReference(ofOrder:)`` and the rebuilt orders too
  /// (``RetentionCore/OrderLog/identityFields`` keeps the references as imported). Orders
  /// without a person (``IdentityResolution/personOfOrder`` is `nil`) stay guest orders. People are numbered in the order of their first order, as in
  /// any log, and ``personKeying`` says how many orders were attributed to how many people.
  /// The columns are relabelled in place of rebuilding the orders; the resolution of a log that
  /// carries only customer ids (each customer a person of their own, `id:` and the customer id,
  /// from ``DeterministicIdentityResolver``) keys it by putting the prefix before each customer
  /// id, sharing every other column.
  ///
  /// - Parameter resolution: A resolution of this log (one person or `nil` per order, in log
  ///   order); a resolution of another log is a programmer error.
  /// - Returns: The person-keyed log.
  /// - Complexity: O(*n* + *p*), where *n* is the number of orders and *p* the number of
  ///   people.
  public func keyed(by resolution: IdentityResolution) -> OrderLog {
    precondition(resolution.personOfOrder.count == orderCount, "the resolution is of another log")
    if isKeyedByItsCustomerIDs(resolution) {
      return OrderLog(relabeling: self, prefixingCustomerIDsWith: IdentifierKind.customerID.prefix)
    }
    let personOfOrder = resolution.personOfOrder.map { $0.map { Int32($0.rawValue) } ?? -1 }
    return OrderLog(relabeling: self, customerOfOrder: personOfOrder, customerIDs: Array(resolution.personIDs))
  }

  /// Whether a resolution makes each customer a person of their own, with the customer's
  /// number and the id `id:` and the customer id (as ``DeterministicIdentityResolver`` resolves
  /// a log that carries nothing but customer ids), as known without reading the ids.
  ///
  /// Then the person-keyed log is this log with the prefix before each customer id
  /// (`CustomerIDKeyingEquivalenceTests` compares it with the relabelled columns).
  ///
  /// - Complexity: O(*n*) for *n* orders, when the resolution's ids are known to be the log's.
  private func isKeyedByItsCustomerIDs(_ resolution: IdentityResolution) -> Bool {
    guard resolution.personIDs.areKnown(toBePrefix: IdentifierKind.customerID.prefix, before: customerIDs) else {
      return false
    }
    return zip(resolution.personOfOrder, orderCustomers).allSatisfy { person, customer in
      person.map { Int32($0.rawValue) } ?? -1 == customer
    }
  }

  /// Resolves the people behind the orders and returns the log of people.
  ///
  /// ```swift
  /// let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
  /// print(log.customerCount, "customer ids,", people.customerCount, "people")
  /// ```
  ///
  /// The same as `log.keyed(by: resolver.resolve(log))`; keep the resolution yourself (and call
  /// ``keyed(by:)``) when you also need its merges or ignored identifiers.
  ///
  /// - Parameter resolver: The identity resolver, for example ``DeterministicIdentityResolver``.
  /// - Returns: The person-keyed log.
  /// - Complexity: The resolver's, plus O(*n* + *p*) as ``keyed(by:)``.
  public func resolvingIdentities(with resolver: some IdentityResolver) -> OrderLog {
    keyed(by: resolver.resolve(self))
  }
}
