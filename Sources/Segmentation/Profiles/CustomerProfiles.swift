public import Foundation
import _RetentionSupport

/// The profiles of every person with a purchase, with the shop-level figures segments compare
/// against.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: today)
/// let firstTimers = profiles.members(of: FirstTimeBuyers())
/// print(profiles[0].products, profiles.revenue(at: 0))
/// ```
///
/// The profiles are stored compactly (each profile's numbers in one record without references;
/// its lists of strings as numbers into one table per list field), so that building them for a
/// million orders, and reading a few fields of every profile as segments and RFM do, allocates
/// nothing per person. Reading a whole
/// profile (`profiles[i]`, or iterating) assembles a ``CustomerProfile`` value; to read one field
/// of many profiles, use the accessor of that field, for example ``revenue(at:)``.
public struct CustomerProfiles: Sendable, RandomAccessCollection {
  /// The date the profiles describe.
  public let asOf: Date
  /// The median value of all purchase orders of the shop.
  public let medianOrderValue: Double
  /// The number of purchase orders without any identifier (not in any profile).
  public let anonymousPurchases: Int

  // One entry per profile in each of these.
  let idTable: PersonIDs
  let idIndices: [Int32]
  /// The numbers of each profile.
  let figures: [Figures]
  /// Company, email and name are read from these references (``Figures`` holds the index of
  /// the reference each comes from).
  let references: [CustomerReference]
  let categoryLists: StringLists
  let productLists: StringLists
  let tagLists: StringLists
  let channelLists: StringLists
  var scoreColumns: [String: [Double?]]

  /// The numbers of one profile (everything but its id and lists).
  struct Figures {
    var orders: Int
    var daysSinceLastOrder: Int
    var daysSinceFirstOrder: Int
    var revenue: Double
    var averageOrderValue: Double
    var firstOrder: Double
    var lastOrder: Double
    /// NaN for "fewer than two orders".
    var medianInterval: Double
    var largestLineQuantity: Double
    var largestRelativeQuantity: Double
    /// The references the latest company, email and name come from, or -1.
    var company: Int32
    var email: Int32
    var name: Int32
    /// -1 unknown, 0 no, 1 yes.
    var marketing: Int8
  }

  /// The first position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { idIndices.count }

  /// The profile at a position, assembled from its figures, lists and scores.
  ///
  /// - Complexity: O(*k*), where *k* is the number of list entries and scores of the profile.
  public subscript(position: Int) -> CustomerProfile {
    CustomerProfile(
      id: id(at: position), orders: figures[position].orders, revenue: figures[position].revenue,
      averageOrderValue: figures[position].averageOrderValue, firstOrder: firstOrder(at: position),
      lastOrder: lastOrder(at: position), daysSinceLastOrder: figures[position].daysSinceLastOrder,
      daysSinceFirstOrder: figures[position].daysSinceFirstOrder,
      medianIntervalDays: medianIntervalDays(at: position), categories: categoryLists[position],
      products: productLists[position], largestLineQuantity: figures[position].largestLineQuantity,
      largestRelativeQuantity: figures[position].largestRelativeQuantity, company: company(at: position),
      tags: tagLists[position], channels: channelLists[position], acceptsMarketing: acceptsMarketing(at: position),
      email: email(at: position), name: name(at: position), scores: scores(at: position))
  }

  /// Every profile, assembled; prefer indexing or the field accessors for large shops.
  ///
  /// - Complexity: O(*n*) allocations for *n* profiles.
  public var profiles: [CustomerProfile] { Array(self) }

  // MARK: Reading one field

  /// The person's id of the profile at a position.
  public func id(at position: Int) -> String { idTable[Int(idIndices[position])] }
  /// The number of purchase orders of the profile at a position.
  public func orders(at position: Int) -> Int { figures[position].orders }
  /// The net revenue of the profile at a position.
  public func revenue(at position: Int) -> Double { figures[position].revenue }
  /// The revenue per order of the profile at a position.
  public func averageOrderValue(at position: Int) -> Double { figures[position].averageOrderValue }
  /// The first purchase of the profile at a position.
  public func firstOrder(at position: Int) -> Date { Date(timeIntervalSince1970: figures[position].firstOrder) }
  /// The last purchase of the profile at a position.
  public func lastOrder(at position: Int) -> Date { Date(timeIntervalSince1970: figures[position].lastOrder) }
  /// Whole days from the last purchase of the profile at a position to the as-of date.
  public func daysSinceLastOrder(at position: Int) -> Int { figures[position].daysSinceLastOrder }
  /// Whole days from the first purchase of the profile at a position to the as-of date.
  public func daysSinceFirstOrder(at position: Int) -> Int { figures[position].daysSinceFirstOrder }
  /// The median days between purchases of the profile at a position, or `nil` with fewer than two.
  public func medianIntervalDays(at position: Int) -> Double? {
    let interval = figures[position].medianInterval
    return interval.isNaN ? nil : interval
  }
  /// The largest quantity on one line of the profile at a position.
  public func largestLineQuantity(at position: Int) -> Double { figures[position].largestLineQuantity }
  /// The largest quantity relative to the product's median of the profile at a position.
  public func largestRelativeQuantity(at position: Int) -> Double { figures[position].largestRelativeQuantity }
  /// The billing company of the profile at a position, if any.
  public func company(at position: Int) -> String? {
    let reference = figures[position].company
    return reference < 0 ? nil : references[Int(reference)].company
  }
  /// The latest email address of the profile at a position, if any.
  public func email(at position: Int) -> String? {
    let reference = figures[position].email
    return reference < 0 ? nil : references[Int(reference)].email
  }
  /// The latest name of the profile at a position, if any.
  public func name(at position: Int) -> String? {
    let reference = figures[position].name
    return reference < 0 ? nil : references[Int(reference)].name
  }
  /// The latest marketing consent of the profile at a position, if any.
  public func acceptsMarketing(at position: Int) -> Bool? {
    let consent = figures[position].marketing
    return consent < 0 ? nil : consent == 1
  }
  /// A score of the profile at a position, if attached and computable.
  public func score(_ name: String, at position: Int) -> Double? { scoreColumns[name]?[position] ?? nil }
  /// The scores of the profile at a position.
  public func scores(at position: Int) -> [String: Double] {
    var scores: [String: Double] = [:]
    for (name, column) in scoreColumns {
      if let value = column[position] { scores[name] = value }
    }
    return scores
  }
  /// The categories bought by the profile at a position, sorted.
  public func categories(at position: Int) -> [String] { categoryLists[position] }
  /// The products bought by the profile at a position, sorted.
  public func products(at position: Int) -> [String] { productLists[position] }
  /// The tags of the orders of the profile at a position, sorted.
  public func tags(at position: Int) -> [String] { tagLists[position] }
  /// The sales channels of the profile at a position, sorted.
  public func channels(at position: Int) -> [String] { channelLists[position] }

  /// A list field of the profiles.
  package enum ListField: Sendable {
    /// ``CustomerProfile/categories``.
    case categories
    /// ``CustomerProfile/products``.
    case products
    /// ``CustomerProfile/tags``.
    case tags
    /// ``CustomerProfile/channels``.
    case channels
  }

  /// For every profile, whether any entry of a list field satisfies a predicate, which is
  /// called once per distinct value.
  ///
  /// - Complexity: O(*d* + *e*) for *d* distinct values and *e* list entries.
  package func containsAny(_ field: ListField, where predicate: (String) -> Bool) -> [Bool] {
    switch field {
    case .categories: categoryLists.containsAny(where: predicate)
    case .products: productLists.containsAny(where: predicate)
    case .tags: tagLists.containsAny(where: predicate)
    case .channels: channelLists.containsAny(where: predicate)
    }
  }

  /// For every profile, whether an order is tagged `wholesale`, `b2b` or `trade`, as
  /// ``CustomerProfile/isWholesale``.
  package func wholesaleFlags() -> [Bool] {
    containsAny(.tags) { ["wholesale", "b2b", "trade", "großhandel"].contains($0.lowercased()) }
  }

  /// Days since the last order, orders and revenue of each profile, for RFM.
  var rfmColumns: (recencyDays: [Double], orders: [Double], revenue: [Double]) {
    var recency: [Double] = [], orders: [Double] = [], revenue: [Double] = []
    recency.reserveCapacity(figures.count)
    orders.reserveCapacity(figures.count)
    revenue.reserveCapacity(figures.count)
    for figure in figures {  // one pass over the records
      recency.append(Double(figure.daysSinceLastOrder))
      orders.append(Double(figure.orders))
      revenue.append(figure.revenue)
    }
    return (recency, orders, revenue)
  }

  /// The total revenue of the profiles.
  public var totalRevenue: Double { figures.reduce(0) { $0 + $1.revenue } }

  /// Creates profiles from given values (for tests and for profiles kept in a database).
  ///
  /// Each profile reads back as given (lists in their order), except that a median interval of
  /// NaN reads back as `nil`.
  ///
  /// - Parameters:
  ///   - profiles: The profiles.
  ///   - asOf: The date they describe.
  ///   - medianOrderValue: The shop's median order value.
  public init(_ profiles: [CustomerProfile], asOf: Date, medianOrderValue: Double) {
    self.asOf = asOf
    self.medianOrderValue = medianOrderValue
    anonymousPurchases = 0
    idTable = PersonIDs(profiles.map(\.id))
    idIndices = profiles.indices.map { Int32($0) }
    figures = profiles.indices.map { position in
      let profile = profiles[position]
      return Figures(
        orders: profile.orders, daysSinceLastOrder: profile.daysSinceLastOrder, daysSinceFirstOrder: profile.daysSinceFirstOrder,
        revenue: profile.revenue, averageOrderValue: profile.averageOrderValue,
        firstOrder: profile.firstOrder.timeIntervalSince1970, lastOrder: profile.lastOrder.timeIntervalSince1970,
        medianInterval: profile.medianIntervalDays ?? .nan, largestLineQuantity: profile.largestLineQuantity,
        largestRelativeQuantity: profile.largestRelativeQuantity, company: profile.company == nil ? -1 : Int32(position),
        email: profile.email == nil ? -1 : Int32(position), name: profile.name == nil ? -1 : Int32(position),
        marketing: profile.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1)
    }
    references = profiles.map { CustomerReference(email: $0.email, name: $0.name, company: $0.company) }
    categoryLists = StringLists(profiles.map(\.categories))
    productLists = StringLists(profiles.map(\.products))
    tagLists = StringLists(profiles.map(\.tags))
    channelLists = StringLists(profiles.map(\.channels))
    let scoreNames = Set(profiles.lazy.flatMap(\.scores.keys))
    scoreColumns = Dictionary(uniqueKeysWithValues: scoreNames.map { name in (name, profiles.map { $0.scores[name] }) })
  }

  /// Adds a score to every profile; where the score has no value, an earlier value of the same
  /// name is kept.
  ///
  /// - Parameter score: The score.
  /// - Complexity: O(*n*) profiles assembled, where *n* is the number of profiles.
  public mutating func attach(_ score: some CustomerScore) {
    let values = indices.map { score.score(for: self[$0]) }
    if let previous = scoreColumns[score.name] {
      scoreColumns[score.name] = zip(values, previous).map { $0 ?? $1 }
    } else {
      scoreColumns[score.name] = values
    }
  }
}
