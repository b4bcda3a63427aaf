public import Foundation
import _RetentionSupport

/// The profiles of every person with a purchase, with the shop-level figures segments compare
/// against.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: today)
/// let firstTimers = profiles.members(of: FirstTimeBuyers())
/// print(profiles[0].products, profiles[0].revenue)
/// ```
///
/// The profiles are stored compactly (each profile's numbers in one record without references;
/// its lists of strings as numbers into one table per list field), so that building them for a
/// million orders allocates nothing per person. A ``CustomerProfile`` read from the collection
/// reads its properties from that storage when asked: reading one property of every profile
/// (`profiles.map(\.revenue)`) allocates nothing per profile, and lists and strings are made
/// only when read.
public struct CustomerProfiles: Sendable, RandomAccessCollection {
  /// The date the profiles describe.
  public let asOf: Date
  /// The median value of all purchase orders of the shop.
  public let medianOrderValue: Double
  /// The number of purchase orders in no profile: orders without any identifier, and orders whose
  /// identifiers were all set aside by identity resolution (shared, placeholder or invalid; see
  /// `IdentityResolution.ordersSetAside`).
  public let anonymousPurchases: Int
  /// The profiles' columns.
  var store: ProfileStore

  /// The first position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { store.count }

  /// The profile at a position, reading from the collection's storage.
  ///
  /// - Complexity: O(1); each list or string property costs O(*k*) for *k* entries when read.
  public subscript(position: Int) -> CustomerProfile {
    precondition(indices.contains(position), "a position of the profiles")
    return CustomerProfile(store, position: position)
  }

  /// Every profile, as an array.
  ///
  /// - Complexity: O(*n*) for *n* profiles.
  public var profiles: [CustomerProfile] { Array(self) }

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
    case .categories: store.categoryLists.containsAny(where: predicate)
    case .products: store.productLists.containsAny(where: predicate)
    case .tags: store.tagLists.containsAny(where: predicate)
    case .channels: store.channelLists.containsAny(where: predicate)
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
    let figures = store.figures
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
  public var totalRevenue: Double { store.figures.reduce(0) { $0 + $1.revenue } }

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
    let figures = profiles.indices.map { position in
      let profile = profiles[position]
      return ProfileStore.Figures(
        orders: profile.orders, daysSinceLastOrder: profile.daysSinceLastOrder,
        daysSinceFirstOrder: profile.daysSinceFirstOrder,
        revenue: profile.revenue, averageOrderValue: profile.averageOrderValue,
        firstOrder: profile.firstOrder.timeIntervalSince1970, lastOrder: profile.lastOrder.timeIntervalSince1970,
        medianInterval: profile.medianIntervalDays ?? .nan, largestLineQuantity: profile.largestLineQuantity,
        largestRelativeQuantity: profile.largestRelativeQuantity,
        company: profile.company == nil ? -1 : Int32(position),
        email: profile.email == nil ? -1 : Int32(position), name: profile.name == nil ? -1 : Int32(position),
        marketing: profile.acceptsMarketing.map { $0 ? 1 : 0 } ?? -1)
    }
    let scoreNames = Set(profiles.lazy.flatMap(\.scores.keys))
    store = ProfileStore(
      idTable: PersonIDs(profiles.map(\.id)), idIndices: profiles.indices.map { Int32($0) }, figures: figures,
      references: OrderLog.CustomerReferences(
        profiles.map { CustomerReference(email: $0.email, name: $0.name, company: $0.company) }),
      categoryLists: StringLists(profiles.map(\.categories)), productLists: StringLists(profiles.map(\.products)),
      tagLists: StringLists(profiles.map(\.tags)), channelLists: StringLists(profiles.map(\.channels)),
      scoreColumns: Dictionary(
        uniqueKeysWithValues: scoreNames.map { name in (name, profiles.map { $0.scores[name] }) }))
  }

  /// Adds a score to every profile; where the score has no value, an earlier value of the same
  /// name is kept.
  ///
  /// - Parameter score: The score.
  /// - Complexity: O(*n*) for *n* profiles, plus the score of each.
  public mutating func attach(_ score: some CustomerScore) {
    let values = indices.map { score.score(for: self[$0]) }
    var columns = store.scoreColumns
    if let previous = columns[score.name] {
      columns[score.name] = zip(values, previous).map { $0 ?? $1 }
    } else {
      columns[score.name] = values
    }
    store = store.replacingScores(columns)
  }
}
