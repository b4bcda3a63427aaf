public import Foundation

/// The facts about one person that segments, campaigns and exports need.
///
/// Built by ``CustomerProfiles`` from an ``OrderLog`` and an ``IdentityResolution``; all dates
/// are relative to an explicit as-of date, never "now".
public struct CustomerProfile: Sendable, Hashable, Codable {
  /// The person's id (from identity resolution).
  public var id: String
  /// The number of purchase orders.
  public var orders: Int
  /// Net revenue of the purchase orders.
  public var revenue: Double
  /// Revenue per order.
  public var averageOrderValue: Double
  /// The first purchase.
  public var firstOrder: Date
  /// The last purchase.
  public var lastOrder: Date
  /// Whole days from the last purchase to the as-of date.
  public var daysSinceLastOrder: Int
  /// Whole days from the first purchase to the as-of date.
  public var daysSinceFirstOrder: Int
  /// The median number of days between consecutive purchases, or `nil` with fewer than two.
  public var medianIntervalDays: Double?
  /// The categories bought, sorted.
  public var categories: [String]
  /// The product ids bought, sorted.
  public var products: [String]
  /// The largest quantity on one line.
  public var largestLineQuantity: Double
  /// The largest ratio of a line's quantity to that product's median line quantity in the shop.
  public var largestRelativeQuantity: Double
  /// The billing company, if any order named one.
  public var company: String?
  /// The tags of the person's orders, sorted and deduplicated.
  public var tags: [String]
  /// The sales channels used, sorted.
  public var channels: [String]
  /// The latest recorded marketing consent, if any.
  public var acceptsMarketing: Bool?
  /// The latest email address as written, if any.
  public var email: String?
  /// The latest name, if any.
  public var name: String?
  /// Pluggable scores by name (P(alive), CLV, ...); see ``CustomerScore``.
  public var scores: [String: Double]

  /// Creates a profile (for example from a database or for tests).
  ///
  /// - Parameters: One per stored property; see each property.
  public init(
    id: String, orders: Int, revenue: Double, averageOrderValue: Double, firstOrder: Date, lastOrder: Date,
    daysSinceLastOrder: Int, daysSinceFirstOrder: Int, medianIntervalDays: Double? = nil, categories: [String] = [],
    products: [String] = [], largestLineQuantity: Double = 0, largestRelativeQuantity: Double = 0,
    company: String? = nil, tags: [String] = [], channels: [String] = [], acceptsMarketing: Bool? = nil,
    email: String? = nil, name: String? = nil, scores: [String: Double] = [:]
  ) {
    self.id = id
    self.orders = orders
    self.revenue = revenue
    self.averageOrderValue = averageOrderValue
    self.firstOrder = firstOrder
    self.lastOrder = lastOrder
    self.daysSinceLastOrder = daysSinceLastOrder
    self.daysSinceFirstOrder = daysSinceFirstOrder
    self.medianIntervalDays = medianIntervalDays
    self.categories = categories
    self.products = products
    self.largestLineQuantity = largestLineQuantity
    self.largestRelativeQuantity = largestRelativeQuantity
    self.company = company
    self.tags = tags
    self.channels = channels
    self.acceptsMarketing = acceptsMarketing
    self.email = email
    self.name = name
    self.scores = scores
  }

  /// Whether the person has exactly one purchase order.
  public var isFirstTimeBuyer: Bool { orders == 1 }
  /// Whether any order is tagged `wholesale`, `b2b` or `trade`.
  public var isWholesale: Bool {
    tags.contains { ["wholesale", "b2b", "trade", "großhandel"].contains($0.lowercased()) }
  }
}
