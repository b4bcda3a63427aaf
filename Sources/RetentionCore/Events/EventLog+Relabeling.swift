import _RetentionSupport

extension EventLog {
  /// How an event log was re-keyed from the customer strings of its file to people (identity
  /// resolution in `Segmentation`): how each distinct customer string was matched, and how many
  /// events went to people.
  ///
  /// ```swift
  /// let people = events.keyed(by: resolution, orders: log)
  /// if let keying = people.personKeying {
  ///   print("\(keying.attributedEvents) events of \(keying.personCount) people; \(keying.unmatchedCustomers) customers unmatched")
  /// }
  /// ```
  public struct PersonKeying: Sendable, Hashable, Codable {
    /// Customer strings that are a customer id of the orders (of one person).
    public var customersMatchedByCustomerID: Int
    /// Customer strings that are a person's id (an event log keyed before).
    public var customersMatchedByPersonID: Int
    /// Customer strings that are an email of a person's orders (normalised as the resolver does).
    public var customersMatchedByEmail: Int
    /// Customer strings that match no person (a subscriber who never bought); their events keep
    /// the string as their customer.
    public var unmatchedCustomers: Int
    /// Of the unmatched strings, those that match several people (a customer id or email the
    /// resolver found shared); their events keep the string too.
    public var ambiguousCustomers: Int
    /// The number of events attributed to a person.
    public var attributedEvents: Int
    /// The number of people with events.
    public var personCount: Int

    /// Creates a description of a re-keying.
    ///
    /// - Parameters:
    ///   - customersMatchedByCustomerID: Customer strings matched through a customer id.
    ///   - customersMatchedByPersonID: Customer strings that are a person's id.
    ///   - customersMatchedByEmail: Customer strings matched through an email.
    ///   - unmatchedCustomers: Customer strings that match no person.
    ///   - ambiguousCustomers: Unmatched customer strings that match several people.
    ///   - attributedEvents: Events attributed to a person.
    ///   - personCount: People with events.
    public init(
      customersMatchedByCustomerID: Int, customersMatchedByPersonID: Int, customersMatchedByEmail: Int,
      unmatchedCustomers: Int, ambiguousCustomers: Int, attributedEvents: Int, personCount: Int
    ) {
      self.customersMatchedByCustomerID = customersMatchedByCustomerID
      self.customersMatchedByPersonID = customersMatchedByPersonID
      self.customersMatchedByEmail = customersMatchedByEmail
      self.unmatchedCustomers = unmatchedCustomers
      self.ambiguousCustomers = ambiguousCustomers
      self.attributedEvents = attributedEvents
      self.personCount = personCount
    }
  }

  /// The same events attributed to new customers: the events of customer number `c` to
  /// `customerIDs[c]` (several numbers may share an id); anonymous events stay anonymous.
  ///
  /// Every event keeps its time, kind and details. Events of one instant are sorted again by
  /// their content with the new ids, and every table is renumbered in the order of the events, as
  /// an import of the relabelled events would; events that become equal are all kept. The import
  /// report stays what the import did.
  ///
  /// - Parameters:
  ///   - log: The log to relabel.
  ///   - customerIDs: The new id of each customer number of `log`.
  ///   - keying: What the relabelling did, for ``personKeying``.
  /// - Complexity: O(*n* + *c*) for *n* events and *c* customers, plus O(*r* log *r*) for the *r*
  ///   events that share their time with another.
  package init(relabeling log: EventLog, customerIDs: [String], keying: PersonKeying?) {
    precondition(customerIDs.count == log.customerCount, "one new id per customer number")
    var interner = ByteInterner(capacity: customerIDs.count)
    let entries = customerIDs.map { interner.intern($0) }
    var columns = log.columns
    columns.customers = columns.customers.map { $0 < 0 ? -1 : entries[Int($0)] }
    columns.customerIDs = EventStringTable(interner: interner, entryOfNumber: Array(0..<Int32(interner.count)))
    let order = EventOrdering(columns).sortedPositions(droppingDuplicates: false, timeOrder: log.storageOfPosition)
    self.init(arranging: columns, timeOrder: order.positions, report: log.report)
    personKeying = keying
  }
}
