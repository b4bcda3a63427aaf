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
  /// Days since the last order, orders and revenue of each profile, kept beside the profiles
  /// (which never change in these fields) so that RFM reads three dense columns instead of
  /// every profile.
  let rfmColumns: (recencyDays: [Double], orders: [Double], revenue: [Double])

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
    let people = resolution.personCount
    let products = log.products

    // The purchases up to the as-of date, grouped by person (a counting sort; oldest first).
    var purchaseValues: [Double] = []
    var personStarts = [Int32](repeating: 0, count: people + 1)
    var anonymous = 0
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      purchaseValues.append(log.orderNetAmounts[index])
      let person = Int(resolution.personOfOrder[index])
      if person >= 0 { personStarts[person + 1] += 1 } else { anonymous += 1 }
    }
    anonymousPurchases = anonymous
    medianOrderValue = median(&purchaseValues) ?? 0
    for person in 0..<people { personStarts[person + 1] += personStarts[person] }
    var ordersByPerson = [Int32](repeating: 0, count: Int(personStarts[people]))
    do {
      var next = personStarts
      for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
        let person = Int(resolution.personOfOrder[index])
        guard person >= 0 else { continue }
        ordersByPerson[Int(next[person])] = Int32(index)
        next[person] += 1
      }
    }

    // The median line quantity of each product over all purchase lines (lines grouped by product).
    var lineStarts = [Int32](repeating: 0, count: products.count + 1)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        lineStarts[Int(log.lineProducts[line]) + 1] += 1
      }
    }
    for product in products.indices { lineStarts[product + 1] += lineStarts[product] }
    var quantities = [Double](repeating: 0, count: Int(lineStarts[products.count]))
    do {
      var next = lineStarts
      for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
        for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
          let product = Int(log.lineProducts[line])
          quantities[Int(next[product])] = log.lineQuantities[line]
          next[product] += 1
        }
      }
    }
    var scratch: [Double] = []
    let medianQuantity = products.indices.map { product -> Double in
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: quantities[Int(lineStarts[product])..<Int(lineStarts[product + 1])])
      return median(&scratch) ?? 1
    }
    quantities = []

    // Products and categories are sorted once; a person's are then sorted by these ranks.
    let productRank = Self.ranks(of: products.map(\.id))
    let productsByRank = Self.inverse(productRank).map { products[Int($0)].id }
    var categoryOfName: [String: Int32] = [:]
    var categoryNames: [String] = []
    let categoryOfProduct = products.map { product -> Int32 in
      guard let category = product.category else { return -1 }
      if let number = categoryOfName[category] { return number }
      categoryOfName[category] = Int32(categoryNames.count)
      categoryNames.append(category)
      return Int32(categoryNames.count - 1)
    }
    let categoryRank = Self.ranks(of: categoryNames)
    let categoriesByRank = Self.inverse(categoryRank).map { categoryNames[Int($0)] }

    // Build the profiles in two halves in parallel, each written straight into its place.
    var positions = [Int32](repeating: -1, count: people)
    var built = 0
    for person in 0..<people where personStarts[person + 1] > personStarts[person] {
      positions[person] = Int32(built)
      built += 1
    }
    let inputs = ProfileInputs(
      log: log, resolution: resolution, end: end, scores: scores, personStarts: personStarts, ordersByPerson: ordersByPerson,
      positions: positions, medianQuantity: medianQuantity, productRank: productRank, productsByRank: productsByRank,
      categoryOfProduct: categoryOfProduct, categoryRank: categoryRank, categoriesByRank: categoriesByRank)
    var recency = [Double](repeating: 0, count: built), orderCounts = recency, revenues = recency
    self.profiles = recency.withUnsafeMutableBufferPointer { recency in
      orderCounts.withUnsafeMutableBufferPointer { orderCounts in
        revenues.withUnsafeMutableBufferPointer { revenues in
          [CustomerProfile](unsafeUninitializedCapacity: built) { buffer, initialized in
            let output = UnsafeOutput(buffer: buffer, recency: recency, orders: orderCounts, revenue: revenues)
            let parts = people >= 1_000 ? [0..<(people / 2), (people / 2)..<people] : [0..<people]
            _ = ParallelWork.map(parts.count) { part in Self.build(parts[part], inputs, into: output) }
            initialized = built
          }
        }
      }
    }
    rfmColumns = (recency, orderCounts, revenues)
  }

  /// A place for profiles (and their RFM columns) that parallel tasks fill, each its own
  /// positions.
  private struct UnsafeOutput: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CustomerProfile>
    let recency: UnsafeMutableBufferPointer<Double>
    let orders: UnsafeMutableBufferPointer<Double>
    let revenue: UnsafeMutableBufferPointer<Double>
  }

  /// What building a profile needs, shared read-only by the tasks.
  private struct ProfileInputs: Sendable {
    let log: OrderLog
    let resolution: IdentityResolution
    let end: Double
    let scores: [any CustomerScore]
    let personStarts: [Int32]
    let ordersByPerson: [Int32]
    let positions: [Int32]
    let medianQuantity: [Double]
    let productRank: [Int32]
    let productsByRank: [String]
    let categoryOfProduct: [Int32]
    let categoryRank: [Int32]
    let categoriesByRank: [String]
  }

  /// Builds the profiles of a range of people into their positions.
  private static func build(_ people: Range<Int>, _ inputs: ProfileInputs, into output: UnsafeOutput) {
    let log = inputs.log, end = inputs.end
    var productScratch: [Int32] = [], categoryScratch: [Int32] = [], intervals: [Double] = []
    log.references.withUnsafeBufferPointer { references in
      for person in people where inputs.positions[person] >= 0 {
        let orders = inputs.ordersByPerson[Int(inputs.personStarts[person])..<Int(inputs.personStarts[person + 1])]
        var revenue = 0.0, largest = 0.0, relative = 0.0
        var tags: [String] = [], channels: [String] = []
        var company: String?, email: String?, name: String?, marketing: Bool?
        productScratch.removeAll(keepingCapacity: true)
        categoryScratch.removeAll(keepingCapacity: true)
        intervals.removeAll(keepingCapacity: true)
        var previousTime = Double.nan
        for order in orders {
          let index = Int(order)
          revenue += log.orderNetAmounts[index]
          for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
            let product = Int(log.lineProducts[line])
            productScratch.append(inputs.productRank[product])
            let category = inputs.categoryOfProduct[product]
            if category >= 0 { categoryScratch.append(inputs.categoryRank[Int(category)]) }
            let quantity = log.lineQuantities[line]
            largest = Swift.max(largest, quantity)
            relative = Swift.max(relative, quantity / Swift.max(inputs.medianQuantity[product], 1e-9))
          }
          let tagSet = log.orderTagIndices[index]
          if tagSet >= 0 { tags.append(contentsOf: log.tagSets[Int(tagSet)]) }
          let channel = log.orderChannelIndices[index]
          if channel >= 0 { channels.append(log.channels[Int(channel)]) }
          // Field by field, in place: copying the reference would retain all of its strings.
          let reference = Int(log.orderReferenceIndices[index])
          if references[reference].company != nil { company = references[reference].company }
          if references[reference].email != nil { email = references[reference].email }
          if references[reference].name != nil { name = references[reference].name }
          marketing = log.acceptsMarketing(ofOrder: index) ?? marketing
          let time = log.orderTimes[index]
          if !previousTime.isNaN { intervals.append((time - previousTime) / 86_400) }
          previousTime = time
        }
        let first = log.orderTimes[Int(orders[orders.startIndex])], last = previousTime
        var profile = CustomerProfile(
          id: inputs.resolution.personIDs[person], orders: orders.count, revenue: revenue,
          averageOrderValue: revenue / Double(orders.count), firstOrder: Date(timeIntervalSince1970: first),
          lastOrder: Date(timeIntervalSince1970: last), daysSinceLastOrder: Int(((end - last) / 86_400).rounded(.down)),
          daysSinceFirstOrder: Int(((end - first) / 86_400).rounded(.down)), medianIntervalDays: median(&intervals),
          categories: sortedUnique(&categoryScratch, inputs.categoriesByRank),
          products: sortedUnique(&productScratch, inputs.productsByRank), largestLineQuantity: largest,
          largestRelativeQuantity: relative, company: company,
          tags: tags.count > 1 ? Array(Set(tags)).sorted() : tags,
          channels: channels.count > 1 ? Array(Set(channels)).sorted() : channels, acceptsMarketing: marketing, email: email,
          name: name, scores: [:])
        for score in inputs.scores {
          if let value = score.score(for: profile) { profile.scores[score.name] = value }
        }
        let position = Int(inputs.positions[person])
        output.recency[position] = Double(profile.daysSinceLastOrder)
        output.orders[position] = Double(profile.orders)
        output.revenue[position] = profile.revenue
        (output.buffer.baseAddress! + position).initialize(to: profile)
      }
    }
  }

  /// The rank of each value in ascending order (values distinct).
  private static func ranks(of values: [String]) -> [Int32] {
    var rank = [Int32](repeating: 0, count: values.count)
    for (position, index) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() {
      rank[index] = Int32(position)
    }
    return rank
  }

  /// The index of each rank.
  private static func inverse(_ ranks: [Int32]) -> [Int32] {
    var indices = [Int32](repeating: 0, count: ranks.count)
    for (index, rank) in ranks.enumerated() { indices[Int(rank)] = Int32(index) }
    return indices
  }

  /// The distinct values of the ranks, in rank order.
  private static func sortedUnique(_ ranks: inout [Int32], _ valueOfRank: [String]) -> [String] {
    guard !ranks.isEmpty else { return [] }
    ranks.sort()
    var values: [String] = []
    var previous: Int32 = -1
    for rank in ranks where rank != previous {
      values.append(valueOfRank[Int(rank)])
      previous = rank
    }
    return values
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
    rfmColumns = (profiles.map { Double($0.daysSinceLastOrder) }, profiles.map { Double($0.orders) }, profiles.map(\.revenue))
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
}
