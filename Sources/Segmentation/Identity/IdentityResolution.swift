/// The result of identity resolution: a person for every order that carries an identifier, and
/// the audit of how they were found.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// if let person = resolution.personOfOrder[0] { print(resolution.personIDs[person.rawValue]) }
/// print(resolution.merges.count, "merges")
/// for order in resolution.ordersSetAside { print(order.order, order.reason) }
/// ```
///
/// The audit has three parts: every ``merges`` entry (the identifier that joined orders, its
/// ``IdentityRule`` and reason), every identifier set aside (``ignoredIdentifiers``: shared by
/// different people, placeholders, the shop's own, invalid values, each with its rule, reason and
/// orders), and the orders left without a person because each of their identifiers was set
/// aside (``ordersSetAside``).
public struct IdentityResolution: Sendable, Hashable, Codable {
  /// The person of each order of the log (in log order), or `nil` for an order without any
  /// usable identifier (it stays anonymous; it is never attached to anyone by guesswork).
  public var personOfOrder: [PersonNumber?]
  /// A stable id per person number: the first usable identifier of the person's oldest order
  /// (`email:...`, `phone:...`, `id:...`).
  public var personIDs: PersonIDs
  /// Identifier values set aside: shared by different people (a company inbox, a family's
  /// phone), placeholders, the shop's own, or invalid; each with its rule, reason and orders,
  /// sorted by kind (customer id, email, phone) and value.
  public var ignoredIdentifiers: [IgnoredIdentifier]
  /// The orders that carry identifiers but have no person, because every one of them was set
  /// aside, each with its identifiers and why; in log order.
  ///
  /// Orders without any identifier are not listed (there was nothing to set aside); with these
  /// they make ``ordersWithoutIdentity``.
  public var ordersSetAside: [OrderSetAside]
  /// Every merge of orders into a person, with the identifier that linked them, stored
  /// compactly and spelled out as each is read.
  public var merges: Merges

  /// The number of merges, as `merges.count`.
  public var mergeCount: Int { merges.count }

  /// Creates a resolution, for example from an ``IdentityResolver`` of your own.
  ///
  /// - Parameters:
  ///   - personOfOrder: The person of each order of the log, or `nil`.
  ///   - personIDs: The id of each person number.
  ///   - merges: The merges, with the identifier that linked them.
  ///   - ignoredIdentifiers: The identifier values not used, with the reason.
  ///   - ordersSetAside: The orders whose identifiers were all set aside, with the reason.
  public init(
    personOfOrder: [PersonNumber?], personIDs: some Sequence<String>, merges: some Sequence<Merge>,
    ignoredIdentifiers: [IgnoredIdentifier], ordersSetAside: [OrderSetAside] = []
  ) {
    self.personOfOrder = personOfOrder
    self.personIDs = PersonIDs(personIDs)
    self.merges = Merges(merges)
    self.ignoredIdentifiers = ignoredIdentifiers
    self.ordersSetAside = ordersSetAside
  }

  private enum CodingKeys: String, CodingKey {
    case personOfOrder, personIDs, merges, ignoredIdentifiers, ordersSetAside
  }

  /// Decodes a resolution from the form ``encode(to:)`` writes (`ordersSetAside` may be missing,
  /// as earlier versions wrote it).
  ///
  /// - Throws: `DecodingError` for data of another form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      personOfOrder: try container.decode([Int32].self, forKey: .personOfOrder).map {
        $0 < 0 ? nil : PersonNumber(Int($0))
      },
      personIDs: try container.decode(PersonIDs.self, forKey: .personIDs),
      merges: try container.decode(Merges.self, forKey: .merges),
      ignoredIdentifiers: try container.decode([IgnoredIdentifier].self, forKey: .ignoredIdentifiers),
      ordersSetAside: try container.decodeIfPresent([OrderSetAside].self, forKey: .ordersSetAside) ?? [])
  }

  /// Encodes the person of each order (as its number, -1 for none, as earlier versions wrote
  /// it), the person ids, the merges, the ignored identifiers and the orders set aside.
  ///
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(personOfOrder.map { $0.map { Int32($0.rawValue) } ?? -1 }, forKey: .personOfOrder)
    try container.encode(personIDs, forKey: .personIDs)
    try container.encode(merges, forKey: .merges)
    try container.encode(ignoredIdentifiers, forKey: .ignoredIdentifiers)
    try container.encode(ordersSetAside, forKey: .ordersSetAside)
  }

  /// One link between orders.
  public struct Merge: Sendable, Hashable, Codable {
    /// The kind of identifier (`customer id`, `email`, `phone`, `name and address`).
    public var identifier: String
    /// The normalised value that linked the orders.
    public var value: String
    /// The ids of the orders it linked.
    public var orders: [String]
    /// Why the value is personal although its orders carry different names (for example
    /// `names of one person (initial, transliteration): "anna müller", "a. müller"`); `nil`
    /// when they carry one name.
    public var reason: String?

    /// The rule that merged the orders: ``IdentityRule/nameVariants`` when the merge has a
    /// ``reason`` (its names differ), else ``IdentityRule/sameIdentifier``.
    public var rule: IdentityRule { reason == nil ? .sameIdentifier : .nameVariants }

    /// Creates a merge.
    ///
    /// - Parameters:
    ///   - identifier: The kind of identifier.
    ///   - value: The normalised value.
    ///   - orders: The ids of the orders it linked.
    ///   - reason: Why the value is personal despite different names, if it needs saying.
    public init(identifier: String, value: String, orders: [String], reason: String? = nil) {
      self.identifier = identifier
      self.value = value
      self.orders = orders
      self.reason = reason
    }
  }

  /// The number of people.
  public var personCount: Int { personIDs.count }

  /// The number of orders without a person: orders without any identifier, and the
  /// ``ordersSetAside`` whose identifiers were all set aside.
  ///
  /// - Complexity: O(*n*) for *n* orders.
  public var ordersWithoutIdentity: Int { personOfOrder.count { $0 == nil } }

  /// The id of a person.
  ///
  /// - Parameter person: A person of this resolution.
  /// - Returns: The person's id, for example `email:ada@example.com`.
  public func id(of person: PersonNumber) -> String { personIDs[person.rawValue] }

  /// The person of every order, with each anonymous order given a number of its own after the
  /// people's (`personCount`, `personCount + 1`, ...), so that each of them counts as one
  /// customer.
  ///
  /// - Returns: The number of each order, and how many numbers there are.
  /// - Complexity: O(*n*) for *n* orders.
  public func personOfOrderIncludingAnonymous() -> (persons: [PersonNumber], count: Int) {
    var next = personIDs.count
    let persons = personOfOrder.map { person -> PersonNumber in
      if let person { return person }
      defer { next += 1 }
      return PersonNumber(next)
    }
    return (persons, next)
  }
}
