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

/// The profiles of every person with a purchase, with the shop-level figures segments compare
/// against.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: today)
/// let firstTimers = profiles.members(of: FirstTimeBuyers())
/// ```
public struct CustomerProfiles: Sendable, RandomAccessCollection {
  /// The profiles, in order of each person's first purchase.
  public private(set) var profiles: [CustomerProfile]
  /// The date the profiles describe.
  public let asOf: Date
  /// The median value of all purchase orders of the shop.
  public let medianOrderValue: Double
  /// The number of purchase orders without any identifier (not in any profile).
  public let anonymousPurchases: Int

  /// The first position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { profiles.count }
  /// The profile at a position.
  public subscript(position: Int) -> CustomerProfile { profiles[position] }

  /// Builds the profiles.
  ///
  /// Only purchases count (cancelled, voided and fully refunded orders do not) and only those
  /// up to the as-of date; people without a purchase have no profile.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - resolution: The people behind the orders.
  ///   - asOf: The date of the profiles (for days since last order and relative dates).
  ///   - scores: Scores to attach to every profile.
  /// - Complexity: O(*n* log *n*), where *n* is the number of lines.
  public init(log: OrderLog, resolution: IdentityResolution, asOf: Date, scores: [any CustomerScore] = []) {
    self.asOf = asOf
    let end = asOf.timeIntervalSince1970
    // Median line quantity per product over all purchase lines.
    var quantitiesOfProduct = [[Double]](repeating: [], count: log.products.count)
    var purchaseValues: [Double] = []
    var anonymous = 0
    var ordersOfPerson = [[Int]](repeating: [], count: resolution.personCount)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      purchaseValues.append(log.orderNetAmounts[index])
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        quantitiesOfProduct[Int(log.lineProducts[line])].append(log.lineQuantities[line])
      }
      let person = Int(resolution.personOfOrder[index])
      if person >= 0 { ordersOfPerson[person].append(index) } else { anonymous += 1 }
    }
    anonymousPurchases = anonymous
    let medianQuantity = quantitiesOfProduct.map { Self.median($0) ?? 1 }
    medianOrderValue = Self.median(purchaseValues) ?? 0

    var profiles: [CustomerProfile] = []
    for (person, orders) in ordersOfPerson.enumerated() where !orders.isEmpty {
      var revenue = 0.0, largest = 0.0, relative = 0.0
      var categories = Set<String>(), products = Set<String>(), tags = Set<String>(), channels = Set<String>()
      var company: String?, email: String?, name: String?, marketing: Bool?
      for index in orders {
        revenue += log.orderNetAmounts[index]
        for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
          let product = Int(log.lineProducts[line])
          products.insert(log.products[product].id)
          if let category = log.products[product].category { categories.insert(category) }
          let quantity = log.lineQuantities[line]
          largest = Swift.max(largest, quantity)
          relative = Swift.max(relative, quantity / Swift.max(medianQuantity[product], 1e-9))
        }
        for tag in log.tags(ofOrder: index) { tags.insert(tag) }
        if let channel = log.channel(ofOrder: index) { channels.insert(channel) }
        let reference = log.customerReference(ofOrder: index)
        company = reference.company ?? company
        email = reference.email ?? email
        name = reference.name ?? name
        marketing = log.acceptsMarketing(ofOrder: index) ?? marketing
      }
      let times = orders.map { log.orderTimes[$0] }
      let intervals = zip(times.dropFirst(), times).map { ($0 - $1) / 86_400 }
      let first = times.first ?? 0, last = times.last ?? 0
      var profile = CustomerProfile(
        id: resolution.personIDs[person], orders: orders.count, revenue: revenue,
        averageOrderValue: revenue / Double(orders.count), firstOrder: Date(timeIntervalSince1970: first),
        lastOrder: Date(timeIntervalSince1970: last), daysSinceLastOrder: Int(((end - last) / 86_400).rounded(.down)),
        daysSinceFirstOrder: Int(((end - first) / 86_400).rounded(.down)), medianIntervalDays: Self.median(intervals),
        categories: categories.sorted(), products: products.sorted(), largestLineQuantity: largest,
        largestRelativeQuantity: relative, company: company, tags: tags.sorted(), channels: channels.sorted(),
        acceptsMarketing: marketing, email: email, name: name, scores: [:])
      for score in scores {
        if let value = score.score(for: profile) { profile.scores[score.name] = value }
      }
      profiles.append(profile)
    }
    self.profiles = profiles
  }

  /// Creates profiles from given values (for tests and for profiles kept in a database).
  ///
  /// - Parameters:
  ///   - profiles: The profiles.
  ///   - asOf: The date they describe.
  ///   - medianOrderValue: The shop's median order value.
  public init(_ profiles: [CustomerProfile], asOf: Date, medianOrderValue: Double) {
    self.profiles = profiles
    self.asOf = asOf
    self.medianOrderValue = medianOrderValue
    anonymousPurchases = 0
  }

  /// Adds a score to every profile.
  ///
  /// - Parameter score: The score.
  /// - Complexity: O(*n*), where *n* is the number of profiles.
  public mutating func attach(_ score: some CustomerScore) {
    for index in profiles.indices {
      if let value = score.score(for: profiles[index]) { profiles[index].scores[score.name] = value }
    }
  }

  /// The total revenue of the profiles.
  public var totalRevenue: Double { profiles.reduce(0) { $0 + $1.revenue } }

  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
