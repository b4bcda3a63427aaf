extension IdentityResolution {
  /// An order left without a person because every identifier it carries was set aside, with
  /// those identifiers and why.
  ///
  /// Two orders under one email that the names show to be two people (`Eva Kranz` and `Eva
  /// Stein` on `eva@example.com`), with nothing else to tell them by, are both set aside; an order
  /// whose only email is `n/a` is too:
  ///
  /// ```swift
  /// for order in resolution.ordersSetAside { print(order.order, order.reason) }
  /// // #1017 email "eva@example.com": used by 2 names of at least 2 different people (...)
  /// ```
  public struct OrderSetAside: Sendable, Hashable, Codable {
    /// The order's id.
    public var order: String
    /// Each identifier of the order (customer id, email, then phones as written), with the rule
    /// and reason it was set aside; their ``IgnoredIdentifier/orders`` are empty (the same
    /// values in ``IdentityResolution/ignoredIdentifiers`` list them).
    public var identifiers: [IgnoredIdentifier]

    /// Creates an order set aside.
    ///
    /// - Parameters:
    ///   - order: The order's id.
    ///   - identifiers: Its identifiers, each with the rule and reason it was set aside.
    public init(order: String, identifiers: [IgnoredIdentifier]) {
      self.order = order
      self.identifiers = identifiers
    }

    /// Why the order has no person, in one line: each identifier, its value and its reason,
    /// for example `email "n/a": a placeholder, not an email address; phone "0000000": a
    /// placeholder: all zeros`.
    ///
    /// - Complexity: O(*k*) for *k* identifiers.
    public var reason: String {
      identifiers.map { "\($0.identifier) \"\($0.value)\": \($0.reason)" }.joined(separator: "; ")
    }
  }
}
