/// Finds the people behind orders: which orders were placed by the same person.
///
/// A resolver must be deterministic: the same log gives the same people.
public protocol IdentityResolver: Sendable {
  /// Resolves the orders of a log into people.
  ///
  /// - Parameter log: The order log.
  /// - Returns: The person of every order, with an explanation of every merge.
  func resolve(_ log: OrderLog) -> IdentityResolution
}

/// The result of identity resolution: a person for every order that carries an identifier.
public struct IdentityResolution: Sendable, Hashable, Codable {
  /// The person number of each order of the log (in log order), or -1 for an order without any
  /// usable identifier (it stays anonymous; it is never attached to anyone by guesswork).
  public var personOfOrder: [Int32]
  /// A stable id per person number: the first usable identifier of the person's oldest order
  /// (`email:...`, `phone:...`, `id:...`).
  public var personIDs: [String]
  /// Every merge of orders into a person, with the identifier that linked them.
  public var merges: [Merge]
  /// Identifier values ignored because they look like placeholders or are shared by different
  /// people (for example a company inbox), with the reason.
  public var ignoredIdentifiers: [IgnoredIdentifier]

  /// One link between orders.
  public struct Merge: Sendable, Hashable, Codable {
    /// The kind of identifier (`customer id`, `email`, `phone`, `name and address`).
    public var identifier: String
    /// The normalised value that linked the orders.
    public var value: String
    /// The ids of the orders it linked.
    public var orders: [String]
  }

  /// An identifier value that was not used to link orders.
  public struct IgnoredIdentifier: Sendable, Hashable, Codable {
    /// The kind of identifier.
    public var identifier: String
    /// The normalised value.
    public var value: String
    /// Why it was ignored.
    public var reason: String
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
