public import Foundation

/// The facts about one person that segments, campaigns and exports need.
///
/// Built by ``CustomerProfiles`` from an ``OrderLog`` and an ``IdentityResolution``; all dates
/// are relative to an explicit as-of date, never "now".
///
/// A profile read from ``CustomerProfiles`` reads each property from the collection's compact
/// storage when asked, so reading one property of every profile allocates nothing (lists and
/// strings are made when read); changing a property makes the profile a value of its own.
///
/// ```swift
/// let firstTimers = profiles.filter { $0.orders == 1 && $0.daysSinceFirstOrder <= 30 }
/// ```
public struct CustomerProfile: Sendable, Hashable, Codable {
  /// Where the properties are: in values of the profile's own, or at a position of the storage
  /// of ``CustomerProfiles``.
  private enum Source: Sendable {
    case values(Values)
    case stored(ProfileStore, Int)
  }

  private var source: Source

  /// The properties as plain values.
  struct Values: Sendable, Hashable, Codable {
    var id: String
    var orders: Int
    var revenue: Double
    var averageOrderValue: Double
    var firstOrder: Date
    var lastOrder: Date
    var daysSinceLastOrder: Int
    var daysSinceFirstOrder: Int
    var medianIntervalDays: Double?
    var categories: [String]
    var products: [String]
    var largestLineQuantity: Double
    var largestRelativeQuantity: Double
    var company: String?
    var tags: [String]
    var channels: [String]
    var acceptsMarketing: Bool?
    var email: String?
    var name: String?
    var scores: [String: Double]
  }

  /// The properties as plain values (assembled from the storage for a profile read from
  /// ``CustomerProfiles``; setting them makes the profile a value of its own).
  private var values: Values {
    get {
      switch source {
      case .values(let values): values
      case .stored(let store, let position): store.values(at: position)
      }
    }
    set { source = .values(newValue) }
  }

  /// A property: from the profile's own values, or read from the storage at the position.
  private func read<Value>(_ own: KeyPath<Values, Value>, stored: (ProfileStore, Int) -> Value) -> Value {
    switch source {
    case .values(let values): values[keyPath: own]
    case .stored(let store, let position): stored(store, position)
    }
  }

  /// The profile at a position of the storage of ``CustomerProfiles``.
  init(_ store: ProfileStore, position: Int) { source = .stored(store, position) }

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
    source = .values(
      Values(
        id: id, orders: orders, revenue: revenue, averageOrderValue: averageOrderValue, firstOrder: firstOrder,
        lastOrder: lastOrder, daysSinceLastOrder: daysSinceLastOrder, daysSinceFirstOrder: daysSinceFirstOrder,
        medianIntervalDays: medianIntervalDays, categories: categories, products: products,
        largestLineQuantity: largestLineQuantity, largestRelativeQuantity: largestRelativeQuantity, company: company,
        tags: tags, channels: channels, acceptsMarketing: acceptsMarketing, email: email, name: name, scores: scores))
  }

  /// The person's id (from identity resolution).
  public var id: String {
    get { read(\.id) { $0.id(at: $1) } }
    set { values.id = newValue }
  }

  /// The number of purchase orders.
  public var orders: Int {
    get { read(\.orders) { $0.figures[$1].orders } }
    set { values.orders = newValue }
  }

  /// Net revenue of the purchase orders.
  public var revenue: Double {
    get { read(\.revenue) { $0.figures[$1].revenue } }
    set { values.revenue = newValue }
  }

  /// Revenue per order.
  public var averageOrderValue: Double {
    get { read(\.averageOrderValue) { $0.figures[$1].averageOrderValue } }
    set { values.averageOrderValue = newValue }
  }

  /// The first purchase.
  public var firstOrder: Date {
    get { read(\.firstOrder) { Date(timeIntervalSince1970: $0.figures[$1].firstOrder) } }
    set { values.firstOrder = newValue }
  }

  /// The last purchase.
  public var lastOrder: Date {
    get { read(\.lastOrder) { Date(timeIntervalSince1970: $0.figures[$1].lastOrder) } }
    set { values.lastOrder = newValue }
  }

  /// Whole days from the last purchase to the as-of date.
  public var daysSinceLastOrder: Int {
    get { read(\.daysSinceLastOrder) { $0.figures[$1].daysSinceLastOrder } }
    set { values.daysSinceLastOrder = newValue }
  }

  /// Whole days from the first purchase to the as-of date.
  public var daysSinceFirstOrder: Int {
    get { read(\.daysSinceFirstOrder) { $0.figures[$1].daysSinceFirstOrder } }
    set { values.daysSinceFirstOrder = newValue }
  }

  /// The median number of days between consecutive purchases, or `nil` with fewer than two.
  public var medianIntervalDays: Double? {
    get { read(\.medianIntervalDays) { $0.medianIntervalDays(at: $1) } }
    set { values.medianIntervalDays = newValue }
  }

  /// The categories bought, sorted.
  public var categories: [String] {
    get { read(\.categories) { $0.categoryLists[$1] } }
    set { values.categories = newValue }
  }

  /// The product ids bought, sorted.
  public var products: [String] {
    get { read(\.products) { $0.productLists[$1] } }
    set { values.products = newValue }
  }

  /// The largest quantity on one line.
  public var largestLineQuantity: Double {
    get { read(\.largestLineQuantity) { $0.figures[$1].largestLineQuantity } }
    set { values.largestLineQuantity = newValue }
  }

  /// The largest ratio of a line's quantity to that product's median line quantity in the shop.
  public var largestRelativeQuantity: Double {
    get { read(\.largestRelativeQuantity) { $0.figures[$1].largestRelativeQuantity } }
    set { values.largestRelativeQuantity = newValue }
  }

  /// The billing company, if any order named one.
  public var company: String? {
    get { read(\.company) { $0.company(at: $1) } }
    set { values.company = newValue }
  }

  /// The tags of the person's orders, sorted and deduplicated.
  public var tags: [String] {
    get { read(\.tags) { $0.tagLists[$1] } }
    set { values.tags = newValue }
  }

  /// The sales channels used, sorted.
  public var channels: [String] {
    get { read(\.channels) { $0.channelLists[$1] } }
    set { values.channels = newValue }
  }

  /// The latest recorded marketing consent, if any.
  public var acceptsMarketing: Bool? {
    get { read(\.acceptsMarketing) { $0.acceptsMarketing(at: $1) } }
    set { values.acceptsMarketing = newValue }
  }

  /// The latest email address as written, if any.
  public var email: String? {
    get { read(\.email) { $0.email(at: $1) } }
    set { values.email = newValue }
  }

  /// The latest name, if any.
  public var name: String? {
    get { read(\.name) { $0.name(at: $1) } }
    set { values.name = newValue }
  }

  /// Pluggable scores by name (P(alive), CLV, ...); see ``CustomerScore`` and ``score(named:)``.
  public var scores: [String: Double] {
    get { read(\.scores) { $0.scores(at: $1) } }
    set { values.scores = newValue }
  }

  /// A score by name, if attached and computable (as `scores[name]`, without assembling the
  /// dictionary).
  ///
  /// - Parameter name: The score's name.
  /// - Returns: The score, or `nil`.
  public func score(named name: String) -> Double? {
    guard case .stored(let store, let position) = source else { return values.scores[name] }
    return store.score(name, at: position)
  }

  /// Whether the person has exactly one purchase order.
  public var isFirstTimeBuyer: Bool { orders == 1 }
  /// Whether any order is tagged `wholesale`, `b2b` or `trade`.
  public var isWholesale: Bool {
    tags.contains { ["wholesale", "b2b", "trade", "großhandel"].contains($0.lowercased()) }
  }

  /// Whether two profiles have the same properties.
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.values == rhs.values }

  /// Hashes the properties.
  public func hash(into hasher: inout Hasher) { values.hash(into: &hasher) }

  /// Decodes a profile from its properties.
  public init(from decoder: any Decoder) throws { source = .values(try Values(from: decoder)) }

  /// Encodes the properties.
  public func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
}
