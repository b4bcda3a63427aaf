extension IdentityResolution {
  /// An identifier value that was not used to link orders, with the rule that set it aside, why,
  /// and the orders that carry it.
  ///
  /// ```swift
  /// for ignored in resolution.ignoredIdentifiers {
  ///   print(ignored.identifier, ignored.value, ignored.rule?.rawValue ?? "-", ignored.reason, ignored.orders)
  /// }
  /// // email info@company.example shared-by-different-people used by 2 names ... ["#1010", "#1011"]
  /// ```
  public struct IgnoredIdentifier: Sendable, Hashable, Codable {
    /// The kind of identifier (`customer id`, `email`, `phone`).
    public var identifier: String
    /// The value: normalised for a shared value (`+491512345678`); as written, trimmed, for a
    /// value without a normalised form (a placeholder such as `N/A`, an invalid email).
    public var value: String
    /// Why it was set aside, for example `used by 2 names of at least 2 different people ("mia
    /// neumann" and "clara schwarz": different given names (mia / clara)); shared, not personal`.
    public var reason: String
    /// The rule that set it aside; `nil` when the resolver did not say (one of your own).
    public var rule: IdentityRule?
    /// The ids of the orders that carry it, in log order; empty where it is listed for one
    /// order (in ``OrderSetAside/identifiers``) or the resolver did not say.
    public var orders: [String]

    /// Creates an ignored identifier.
    ///
    /// - Parameters:
    ///   - identifier: The kind of identifier.
    ///   - value: The value.
    ///   - reason: Why it was set aside.
    ///   - rule: The rule that set it aside, if known.
    ///   - orders: The ids of the orders that carry it.
    public init(identifier: String, value: String, reason: String, rule: IdentityRule? = nil, orders: [String] = []) {
      self.identifier = identifier
      self.value = value
      self.reason = reason
      self.rule = rule
      self.orders = orders
    }

    private enum CodingKeys: String, CodingKey {
      case identifier, value, reason, rule, orders
    }

    /// Decodes an ignored identifier; `rule` and `orders` may be missing (as earlier versions
    /// wrote it).
    ///
    /// - Throws: `DecodingError` for data of another form.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        identifier: try container.decode(String.self, forKey: .identifier),
        value: try container.decode(String.self, forKey: .value),
        reason: try container.decode(String.self, forKey: .reason),
        rule: try container.decodeIfPresent(IdentityRule.self, forKey: .rule),
        orders: try container.decodeIfPresent([String].self, forKey: .orders) ?? [])
    }

    /// Encodes the identifier, its value, reason, rule (when known) and orders.
    ///
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(identifier, forKey: .identifier)
      try container.encode(value, forKey: .value)
      try container.encode(reason, forKey: .reason)
      try container.encodeIfPresent(rule, forKey: .rule)
      try container.encode(orders, forKey: .orders)
    }
  }
}
