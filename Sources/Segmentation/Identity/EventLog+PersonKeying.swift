public import RetentionCore

extension EventLog {
  /// The log of people: every event attributed to the person its customer string names, through
  /// the same identity resolution as the orders, so that events and the person-keyed order log
  /// (``RetentionCore/OrderLog/keyed(by:)``) share their customer ids.
  ///
  /// ```swift
  /// let resolver = DeterministicIdentityResolver()
  /// let resolution = resolver.resolve(log)
  /// let people = log.keyed(by: resolution)
  /// let personEvents = events.keyed(by: resolution, orders: log, resolver: resolver)
  /// personEvents.events(ofCustomer: people.customerIDs[0])   // the events of the first person
  /// ```
  ///
  /// A customer string names a person through an order's customer id first, else as a person
  /// id, else through an email of the person's orders (``EventCustomerMatcher`` has the rules).
  /// The events of a matched string take the person's id (``IdentityResolution/personIDs``, for
  /// example `email:ada@example.com`). Events whose string matches no person, or several, keep
  /// the string as it is: a subscriber who never bought is still someone to nurture, under the
  /// id the events give. Anonymous events stay anonymous. ``personKeying`` says how each
  /// string matched; the import report stays what the import did.
  ///
  /// - Parameters:
  ///   - resolution: A resolution of `orders`.
  ///   - orders: The order log the resolution was made from (or that log keyed by person).
  ///   - resolver: The resolver whose customer id and email rules normalise the strings (the
  ///     one that made the resolution; the default configuration by default).
  /// - Returns: The person-keyed event log.
  /// - Complexity: O(*n* + *e* + *c*) for *n* orders, *e* events and *c* customer strings, plus
  ///   O(*r* log *r*) for the *r* events that share their time with another.
  public func keyed(
    by resolution: IdentityResolution, orders: OrderLog,
    resolver: DeterministicIdentityResolver = DeterministicIdentityResolver()
  ) -> EventLog {
    let matcher = EventCustomerMatcher(resolution: resolution, orders: orders, resolver: resolver)
    var ids: [String] = []
    ids.reserveCapacity(customerCount)
    var byCustomerID = 0, byPersonID = 0, byEmail = 0, unmatched = 0, ambiguous = 0, attributed = 0
    var people = Set<PersonNumber>()
    for customer in 0..<customerCount {
      let id = customerID(ofNumber: customer)
      let match = matcher.match(id)
      switch match {
      case .customerID: byCustomerID += 1
      case .personID: byPersonID += 1
      case .email: byEmail += 1
      case .ambiguous:
        unmatched += 1
        ambiguous += 1
      case .none: unmatched += 1
      }
      if let person = match.person {
        ids.append(resolution.id(of: person))
        people.insert(person)
        attributed += positions(ofCustomerNumber: customer).count
      } else {
        ids.append(id)
      }
    }
    let keying = PersonKeying(
      customersMatchedByCustomerID: byCustomerID, customersMatchedByPersonID: byPersonID,
      customersMatchedByEmail: byEmail, unmatchedCustomers: unmatched, ambiguousCustomers: ambiguous,
      attributedEvents: attributed, personCount: people.count)
    return EventLog(relabeling: self, customerIDs: ids, keying: keying)
  }
}
