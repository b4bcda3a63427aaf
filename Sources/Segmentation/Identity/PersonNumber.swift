/// A person found by identity resolution: a number in `0..<personCount`, the people numbered
/// in order of their oldest order.
///
/// A person number indexes the resolution's ``IdentityResolution/personIDs`` and any array you
/// keep per person:
///
/// ```swift
/// var orderCounts = [Int](repeating: 0, count: resolution.personCount)
/// for case let person? in resolution.personOfOrder { orderCounts[person.rawValue] += 1 }
/// ```
public struct PersonNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByIntegerLiteral,
  CustomStringConvertible
{
  private var storage: Int32

  /// The number, from 0.
  public var rawValue: Int { Int(storage) }

  /// A person number.
  ///
  /// - Parameter rawValue: The number, in `0...Int32.max`.
  public init(rawValue: Int) {
    precondition(rawValue >= 0 && rawValue <= Int(Int32.max), "a person number is in 0...Int32.max")
    storage = Int32(rawValue)
  }

  /// A person number.
  ///
  /// - Parameter rawValue: The number, in `0...Int32.max`.
  public init(_ rawValue: Int) { self.init(rawValue: rawValue) }

  /// A person number written as a literal.
  ///
  /// - Parameter value: The number, in `0...Int32.max`.
  public init(integerLiteral value: Int) { self.init(rawValue: value) }

  /// Whether a person comes before another (is numbered lower).
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.storage < rhs.storage }

  /// The number, for example `12`.
  public var description: String { String(storage) }
}
