import RetentionCore

extension IdentityKeyedLog {
  /// The ids a user may mean by a typed customer id, in the importers' normalisations: the id
  /// as typed, trimmed, lower-cased (Shopify keys customers by the lower-cased email) and
  /// without the `.0` of a number (UCI Online Retail writes `17850.0` for customer 17850).
  ///
  /// - Parameter typed: The id as the user typed it.
  /// - Returns: The distinct candidates, the typed id first.
  /// - Complexity: O(*n*), where *n* is the length of the id.
  public static func customerIDCandidates(of typed: String) -> [String] {
    let trimmed = String(typed.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    var candidates = [typed, trimmed, trimmed.lowercased()]
    if trimmed.hasSuffix(".0"), Double(trimmed) != nil { candidates.append(String(trimmed.dropLast(2))) }
    var seen = Set<String>()
    return candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// The customer a user typed, matched as the importers normalise ids
  /// (``customerIDCandidates(of:)``), by the shop's customer id or by the id of ``log`` (a
  /// person id), or `nil` when no candidate names a customer.
  ///
  /// - Parameter typed: The id as the user typed it.
  /// - Returns: `matched`, the candidate that named the customer, and `key`, the id to look up
  ///   in ``log`` (the person of the shop customer's first order when keyed by people).
  /// - Complexity: O(*n*) on average, where *n* is the length of the id.
  public func knownCustomer(typed: String) -> (matched: String, key: String)? {
    for candidate in Self.customerIDCandidates(of: typed) {
      if let first = imported.orderIndices(ofCustomer: candidate).first, let key = log.customerID(ofOrder: first) {
        return (candidate, key)
      }
      if log.customerNumber(of: candidate) != nil { return (candidate, candidate) }
    }
    return nil
  }
}
