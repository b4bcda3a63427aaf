/// A product of a ``PurchaseHistory``: a number in `0..<productCount`, the position of the
/// product in the order log's ``OrderLog/products``.
///
/// A product number indexes ``PurchaseHistory/products`` and any array you keep per product:
///
/// ```swift
/// for item in recommender.recommendations(forCustomer: "12347", count: 5) {
///   print(history.products[item.productNumber.rawValue].id)
/// }
/// ```
public struct ProductNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByIntegerLiteral,
  CustomStringConvertible
{
  @usableFromInline var storage: Int32

  /// The number, from 0.
  @inlinable public var rawValue: Int { Int(storage) }

  /// A product number.
  ///
  /// - Parameter rawValue: The number, in `0...Int32.max`.
  public init(rawValue: Int) {
    precondition(rawValue >= 0 && rawValue <= Int(Int32.max), "a product number is in 0...Int32.max")
    storage = Int32(rawValue)
  }

  /// A product number.
  ///
  /// - Parameter rawValue: The number, in `0...Int32.max`.
  public init(_ rawValue: Int) { self.init(rawValue: rawValue) }

  /// A product number written as a literal.
  ///
  /// - Parameter value: The number, in `0...Int32.max`.
  public init(integerLiteral value: Int) { self.init(rawValue: value) }

  /// A product number from a history's `Int32` column, which holds valid numbers only.
  @inlinable init(column value: Int32) { storage = value }

  /// Whether a product comes before another (is numbered lower).
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.storage < rhs.storage }

  /// The number, for example `12`.
  public var description: String { String(storage) }
}
