/// A score that can be attached to every profile, for example P(alive) from a fitted model or
/// a lifetime value, so that segments can use it.
public protocol CustomerScore: Sendable {
  /// The score's name, used as the key in ``CustomerProfile/scores``.
  var name: String { get }
  /// The score of a profile, or `nil` when it cannot be computed.
  func score(for profile: CustomerProfile) -> Double?
}

/// A ``CustomerScore`` computed by a closure.
public struct ClosureScore: CustomerScore {
  /// The score's name.
  public var name: String
  private let body: @Sendable (CustomerProfile) -> Double?

  /// Creates a score.
  ///
  /// - Parameters:
  ///   - name: The key in ``CustomerProfile/scores``.
  ///   - body: Computes the score of a profile.
  public init(_ name: String, _ body: @escaping @Sendable (CustomerProfile) -> Double?) {
    self.name = name
    self.body = body
  }

  /// Calls the closure.
  public func score(for profile: CustomerProfile) -> Double? { body(profile) }
}
