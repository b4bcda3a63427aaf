/// The result of identity resolution: a person for every order that carries an identifier.
public struct IdentityResolution: Sendable, Hashable, Codable {
  /// The person number of each order of the log (in log order), or -1 for an order without any
  /// usable identifier (it stays anonymous; it is never attached to anyone by guesswork).
  public var personOfOrder: [Int32]
  /// A stable id per person number: the first usable identifier of the person's oldest order
  /// (`email:...`, `phone:...`, `id:...`).
  public var personIDs: PersonIDs
  /// Identifier values ignored because they look like placeholders or are shared by different
  /// people (for example a company inbox), with the reason.
  public var ignoredIdentifiers: [IgnoredIdentifier]
  /// The merges, kept compact (values as bytes, orders as indices) until they are read.
  private var mergeStore: MergeStore

  /// Every merge of orders into a person, with the identifier that linked them.
  ///
  /// The merges are stored compactly and spelled out on each read of this property; read
  /// ``mergeCount`` and ``merge(at:)`` to look at a few of a large resolution.
  ///
  /// - Complexity: O(*m*) for *m* merges.
  public var merges: [Merge] {
    get { (0..<mergeStore.count).map(mergeStore.merge(at:)) }
    set { mergeStore = MergeStore(newValue) }
  }

  /// The number of merges.
  public var mergeCount: Int { mergeStore.count }

  /// The merge at a position of ``merges``.
  public func merge(at position: Int) -> Merge { mergeStore.merge(at: position) }

  /// Creates a resolution, for example from an ``IdentityResolver`` of your own.
  ///
  /// - Parameters:
  ///   - personOfOrder: The person number of each order of the log, or -1.
  ///   - personIDs: The id of each person number.
  ///   - merges: The merges, with the identifier that linked them.
  ///   - ignoredIdentifiers: The identifier values not used, with the reason.
  public init(personOfOrder: [Int32], personIDs: some Sequence<String>, merges: [Merge], ignoredIdentifiers: [IgnoredIdentifier]) {
    self.init(
      personOfOrder: personOfOrder, personIDs: PersonIDs(personIDs), mergeStore: MergeStore(merges),
      ignoredIdentifiers: ignoredIdentifiers)
  }

  init(personOfOrder: [Int32], personIDs: PersonIDs, mergeStore: MergeStore, ignoredIdentifiers: [IgnoredIdentifier]) {
    self.personOfOrder = personOfOrder
    self.personIDs = personIDs
    self.mergeStore = mergeStore
    self.ignoredIdentifiers = ignoredIdentifiers
  }

  private enum CodingKeys: String, CodingKey {
    case personOfOrder, personIDs, merges, ignoredIdentifiers
  }

  /// Decodes a resolution from the form ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      personOfOrder: try container.decode([Int32].self, forKey: .personOfOrder),
      personIDs: try container.decode(PersonIDs.self, forKey: .personIDs),
      merges: try container.decode([Merge].self, forKey: .merges),
      ignoredIdentifiers: try container.decode([IgnoredIdentifier].self, forKey: .ignoredIdentifiers))
  }

  /// Encodes the person of each order, the person ids, the merges and the ignored identifiers.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(personOfOrder, forKey: .personOfOrder)
    try container.encode(personIDs, forKey: .personIDs)
    try container.encode(merges, forKey: .merges)
    try container.encode(ignoredIdentifiers, forKey: .ignoredIdentifiers)
  }

  /// Whether two resolutions give the same people, merges and ignored identifiers.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.personOfOrder == rhs.personOfOrder && lhs.personIDs == rhs.personIDs && lhs.ignoredIdentifiers == rhs.ignoredIdentifiers
      && lhs.mergeCount == rhs.mergeCount && (0..<lhs.mergeCount).allSatisfy { lhs.merge(at: $0) == rhs.merge(at: $0) }
  }

  /// Hashes the people, the number of merges and the ignored identifiers.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(personOfOrder)
    hasher.combine(personIDs)
    hasher.combine(mergeCount)
    hasher.combine(ignoredIdentifiers)
  }

  /// One link between orders.
  public struct Merge: Sendable, Hashable, Codable {
    /// The kind of identifier (`customer id`, `email`, `phone`, `name and address`).
    public var identifier: String
    /// The normalised value that linked the orders.
    public var value: String
    /// The ids of the orders it linked.
    public var orders: [String]

    /// Creates a merge.
    public init(identifier: String, value: String, orders: [String]) {
      self.identifier = identifier
      self.value = value
      self.orders = orders
    }
  }

  /// An identifier value that was not used to link orders.
  public struct IgnoredIdentifier: Sendable, Hashable, Codable {
    /// The kind of identifier.
    public var identifier: String
    /// The normalised value.
    public var value: String
    /// Why it was ignored.
    public var reason: String

    /// Creates an ignored identifier.
    public init(identifier: String, value: String, reason: String) {
      self.identifier = identifier
      self.value = value
      self.reason = reason
    }
  }

  /// The number of people.
  public var personCount: Int { personIDs.count }

  /// The number of orders without any usable identifier.
  public var ordersWithoutIdentity: Int { personOfOrder.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

  /// The person number of every order, with anonymous orders given a person of their own (so
  /// that each of them counts as one customer).
  public func personOfOrderIncludingAnonymous() -> (persons: [Int32], count: Int) {
    var next = Int32(personIDs.count)
    let persons = personOfOrder.map { person -> Int32 in
      if person >= 0 { return person }
      defer { next += 1 }
      return next
    }
    return (persons, Int(next))
  }
}
