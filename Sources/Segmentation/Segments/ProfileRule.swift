import Foundation

/// A rule over one profile field, for segments a marketer writes without code changes.
///
/// ```swift
/// ProfileRule(.orders, .atLeast(3))
/// ProfileRule(.lastOrder, .before(daysAgo: 90))          // relative to the profiles' as-of date
/// ProfileRule(.score("pAlive"), .lessThan(0.3))
/// ProfileRule(.tag("subscription"))
/// ```
///
/// A profile with no value for the field (no median interval, no score) is never a member.
public struct ProfileRule: Segment {
  /// A numeric or date field of ``CustomerProfile``.
  public enum Field: Sendable, Hashable {
    /// ``CustomerProfile/orders``, the number of purchases.
    case orders
    /// ``CustomerProfile/revenue``, in the shop's currency.
    case revenue
    /// ``CustomerProfile/averageOrderValue``, in the shop's currency.
    case averageOrderValue
    /// ``CustomerProfile/daysSinceLastOrder``.
    case daysSinceLastOrder
    /// ``CustomerProfile/daysSinceFirstOrder``.
    case daysSinceFirstOrder
    /// ``CustomerProfile/medianIntervalDays``, the median days between purchases (none with fewer
    /// than two).
    case medianIntervalDays
    /// ``CustomerProfile/largestLineQuantity``, the most units on one line.
    case largestLineQuantity
    /// ``CustomerProfile/largestRelativeQuantity``, that quantity over the product's usual one.
    case largestRelativeQuantity
    /// The first purchase date (compare with relative dates).
    case firstOrder
    /// The last purchase date (compare with relative dates).
    case lastOrder
    /// A named score.
    case score(String)

    var label: String {
      switch self {
      case .orders: "orders"
      case .revenue: "revenue"
      case .averageOrderValue: "average order value"
      case .daysSinceLastOrder: "days since last order"
      case .daysSinceFirstOrder: "days since first order"
      case .medianIntervalDays: "median interval (days)"
      case .largestLineQuantity: "largest line quantity"
      case .largestRelativeQuantity: "largest relative quantity"
      case .firstOrder: "first order"
      case .lastOrder: "last order"
      case .score(let name): name
      }
    }
  }

  /// A comparison.
  public enum Comparison: Sendable, Hashable {
    /// Equal to the value.
    case equalTo(Double)
    /// Not equal to the value.
    case notEqualTo(Double)
    /// Strictly less than the value.
    case lessThan(Double)
    /// Less than or equal to the value.
    case atMost(Double)
    /// Strictly greater than the value.
    case greaterThan(Double)
    /// Greater than or equal to the value.
    case atLeast(Double)
    /// Inclusive range.
    case between(Double, Double)
    /// For date fields: before the day `n` days before the as-of date.
    case before(daysAgo: Int)
    /// For date fields: on or after the day `n` days before the as-of date.
    case since(daysAgo: Int)
  }

  /// A yes/no fact of a profile.
  public enum Flag: Sendable, Hashable {
    /// Some order carries the tag (case-insensitive).
    case tag(String)
    /// Bought a product of the category.
    case category(String)
    /// Bought the product.
    case product(String)
    /// Agreed to marketing.
    case acceptsMarketing
    /// Has a billing company.
    case hasCompany
    /// Ordered through the channel.
    case channel(String)
  }

  private enum Kind: Sendable, Hashable {
    case compare(Field, Comparison)
    case flag(Flag)
  }

  private let kind: Kind

  /// A comparison rule.
  public init(_ field: Field, _ comparison: Comparison) { kind = .compare(field, comparison) }
  /// A flag rule.
  public init(_ flag: Flag) { kind = .flag(flag) }

  /// A readable description of the rule.
  public var name: String {
    switch kind {
    case .compare(let field, let comparison): "\(field.label) \(comparison)"
    case .flag(let flag): "\(flag)"
    }
  }

  /// Members and why.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    switch kind {
    case .flag(let flag):
      let members: [Bool]
      switch flag {
      case .tag(let tag): members = profiles.containsAny(.tags) { $0.caseInsensitiveCompare(tag) == .orderedSame }
      case .category(let category): members = profiles.containsAny(.categories) { $0 == category }
      case .product(let product): members = profiles.containsAny(.products) { $0 == product }
      case .acceptsMarketing: members = profiles.map { $0.acceptsMarketing == true }
      case .hasCompany: members = profiles.map { $0.company != nil }
      case .channel(let channel): members = profiles.containsAny(.channels) { $0 == channel }
      }
      return members.map { $0 ? name : nil }
    case .compare(let field, let comparison):
      return profiles.indices.map { position in
        guard let value = Self.value(of: field, at: position, in: profiles) else { return nil }
        let member: Bool
        switch comparison {
        case .equalTo(let x): member = value == x
        case .notEqualTo(let x): member = value != x
        case .lessThan(let x): member = value < x
        case .atMost(let x): member = value <= x
        case .greaterThan(let x): member = value > x
        case .atLeast(let x): member = value >= x
        case .between(let low, let high): member = value >= low && value <= high
        case .before(let days): member = value > Double(days)  // dates are compared as days ago
        case .since(let days): member = value <= Double(days)
        }
        return member ? "\(field.label) \(Self.format(value, field: field)) (\(comparison))" : nil
      }
    }
  }

  /// Numeric fields as numbers; date fields as whole days before the as-of date.
  private static func value(of field: Field, at position: Int, in profiles: CustomerProfiles) -> Double? {
    switch field {
    case .orders: Double(profiles[position].orders)
    case .revenue: profiles[position].revenue
    case .averageOrderValue: profiles[position].averageOrderValue
    case .daysSinceLastOrder, .lastOrder: Double(profiles[position].daysSinceLastOrder)
    case .daysSinceFirstOrder, .firstOrder: Double(profiles[position].daysSinceFirstOrder)
    case .medianIntervalDays: profiles[position].medianIntervalDays
    case .largestLineQuantity: profiles[position].largestLineQuantity
    case .largestRelativeQuantity: profiles[position].largestRelativeQuantity
    case .score(let name): profiles[position].score(named: name)
    }
  }

  private static func format(_ value: Double, field: Field) -> String {
    switch field {
    case .firstOrder, .lastOrder: "\(Int(value)) days ago"
    default: value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
  }
}
