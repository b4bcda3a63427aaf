import RetentionCore

extension DeterministicIdentityResolver {
  /// The resolution of a log whose orders carry nothing but customer ids, found without the
  /// steps of ``resolveByLinking(_:)``; `nil` for any other log.
  ///
  /// When no order has an email, phone, name, company or address, the only identifiers are the
  /// customer ids. If moreover every id is its own normalised form (no spaces to trim, no
  /// placeholder), distinct ids are distinct keys, every key belongs to one customer's orders,
  /// and no order carries a name, so the safeguards set nothing aside (given maxima of at least
  /// one name and one customer id per identifier). Then the rules of ``resolve(_:)`` give:
  ///
  /// - a person per customer, the people numbered in order of their oldest order, with the id
  ///   `id:` and the customer id; guest orders without a person (they carry no identifier, so
  ///   none is set aside);
  /// - a merge per customer with more than one order (the identifier `customer id`, the id, the
  ///   customer's orders oldest first), in the order of the people;
  /// - no ignored identifiers and no orders set aside.
  ///
  /// `CustomerIDResolutionEquivalenceTests` compares it with ``resolveByLinking(_:)``.
  ///
  /// - Complexity: O(*n* + *r* + *c*) for *n* orders, *r* distinct customer references and *c*
  ///   customers.
  func resolutionByCustomerIDs(of log: OrderLog) -> IdentityResolution? {
    guard configuration.maximumNamesPerIdentifier >= 1, configuration.maximumCustomerIDsPerIdentifier >= 1,
      log.references.holdOnlyCustomerIDs
    else { return nil }
    let ids = IdentifierKeys.customerIDNumbers(of: log, resolver: self)
    guard ids.extra.isEmpty, ids.numbers.indices.allSatisfy({ ids.numbers[$0] == Int32($0) }) else { return nil }

    let customerIDs = log.customerIDs
    // People numbered in order of their oldest order: the customers' own numbers, as the log
    // numbers customers, unless a log numbered them otherwise.
    var personOfCustomer = [Int32](repeating: -1, count: customerIDs.count)
    var customerOfPerson: [Int32] = []
    customerOfPerson.reserveCapacity(customerIDs.count)
    var isNumberedByFirstOrder = true
    for customer in log.orderCustomers where customer >= 0 && personOfCustomer[Int(customer)] < 0 {
      isNumberedByFirstOrder = isNumberedByFirstOrder && customer == Int32(customerOfPerson.count)
      personOfCustomer[Int(customer)] = Int32(customerOfPerson.count)
      customerOfPerson.append(customer)
    }
    let personOfOrder =
      isNumberedByFirstOrder
      ? log.orderCustomers.map { $0 < 0 ? nil : PersonNumber(Int($0)) }
      : log.orderCustomers.map { $0 < 0 ? nil : PersonNumber(Int(personOfCustomer[Int($0)])) }

    let kind = IdentifierKind.customerID
    // The ids of the very array of the log's customer ids, when people are its customers, so
    // that `OrderLog.keyed(by:)` knows them for the customer ids with a prefix.
    let personIDs = PersonIDs(
      prefix: kind.prefix,
      strings: isNumberedByFirstOrder ? customerIDs : customerOfPerson.map { customerIDs[Int($0)] })
    var merges = IdentityResolution.Merges(identifiers: IdentifierKind.allCases.map(\.label), orderIDs: log.orderIDs)
    merges.appendGroups(
      customerOfPerson, identifier: kind.rawValue, values: customerIDs, starts: log.customerOrderStarts,
      orders: log.customerOrderIndices)
    return IdentityResolution(
      personOfOrder: personOfOrder, personIDs: personIDs, merges: merges, ignoredIdentifiers: [], ordersSetAside: [])
  }
}
