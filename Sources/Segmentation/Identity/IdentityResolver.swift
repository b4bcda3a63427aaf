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
