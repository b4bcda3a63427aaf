public import Foundation
import _RetentionSupport

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
  private let idTable: PersonIDs
  private let idIndices: [Int32]
  /// The numbers of each profile.
  private let figures: [Figures]
  /// Company, email and name are read from these references (``Figures`` holds the index of
  /// the reference each comes from).
  private let references: [CustomerReference]
  private let categoryLists: StringLists
  private let productLists: StringLists
  private let tagLists: StringLists
  private let channelLists: StringLists
  private var scoreColumns: [String: [Double?]]

  /// The numbers of one profile (everything but its id and lists).
  private struct Figures {
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

  // MARK: Building

  /// Builds the profiles.
  ///
  /// Only purchases count (cancelled, voided and fully refunded orders do not) and only those
  /// up to the as-of date; people without a purchase have no profile.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - resolution: The people behind the orders.
  ///   - asOf: The date of the profiles (for days since last order and relative dates).
  ///   - scores: Scores to attach to every profile, in order (each sees the ones before).
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
    purchaseValues = []
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

    let medianQuantity = Self.medianLineQuantities(log, upTo: end)

    // Every list field is kept as sorted numbers into a sorted table, so that a person's list is
    // sorted by sorting numbers: products, categories, tags and channels are each ranked once.
    let (productTable, productRank) = Self.ranked(products.map(\.id))
    var categoryNames: [String] = []
    var categoryOfName: [String: Int32] = [:]
    let categoryOfProduct = products.map { product -> Int32 in
      guard let category = product.category else { return -1 }
      if let number = categoryOfName[category] { return number }
      categoryOfName[category] = Int32(categoryNames.count)
      categoryNames.append(category)
      return Int32(categoryNames.count - 1)
    }
    let (categoryTable, categoryRank) = Self.ranked(categoryNames)
    let categoryRankOfProduct = categoryOfProduct.map { $0 < 0 ? -1 : categoryRank[Int($0)] }
    var tagNames: [String] = []
    var tagOfName: [String: Int32] = [:]
    let tagSetNumbers = log.tagSets.map { tags in
      tags.map { tag -> Int32 in
        if let number = tagOfName[tag] { return number }
        tagOfName[tag] = Int32(tagNames.count)
        tagNames.append(tag)
        return Int32(tagNames.count - 1)
      }
    }
    let (tagTable, tagRank) = Self.ranked(tagNames)
    let tagSetRanks = tagSetNumbers.map { $0.map { tagRank[Int($0)] } }
    let (channelTable, channelRank) = Self.ranked(log.channels)
    // Which of company, email and name (bits 1, 2, 4) each reference carries.
    // (By index: `map` would copy each reference, retaining and releasing all of its strings.)
    let logReferences = log.references
    let referenceFields = logReferences.indices.map { index -> UInt8 in
      (logReferences[index].company != nil ? 1 : 0) | (logReferences[index].email != nil ? 2 : 0)
        | (logReferences[index].name != nil ? 4 : 0)
    }

    // Build the profiles in two halves in parallel: each profile's figures written straight into
    // its place, the lists of each half appended in order and joined afterwards.
    var positions = [Int32](repeating: -1, count: people)
    var built = 0
    var idIndices: [Int32] = []
    idIndices.reserveCapacity(people)
    for person in 0..<people where personStarts[person + 1] > personStarts[person] {
      positions[person] = Int32(built)
      idIndices.append(Int32(person))
      built += 1
    }
    let inputs = ProfileInputs(
      log: log, end: end, personStarts: personStarts, ordersByPerson: ordersByPerson, positions: positions,
      medianQuantity: medianQuantity, productRank: productRank, categoryRankOfProduct: categoryRankOfProduct,
      tagSetRanks: tagSetRanks, channelRank: channelRank, referenceFields: referenceFields, hasTags: !log.tagSets.isEmpty,
      hasChannels: !log.channels.isEmpty, hasMarketing: log.orderMarketing.contains { $0 >= 0 })
    var lists: [ListParts] = []
    let figures = [Figures](unsafeUninitializedCapacity: built) { buffer, initialized in
      let output = UnsafeSendable(value: buffer)
      let parts = ParallelWork.halves(people, minimum: 1_000)
      lists = ParallelWork.map(parts.count) { part in Self.build(parts[part], inputs, into: output.value) }
      initialized = built  // every position is written once
    }
    idTable = resolution.personIDs
    self.idIndices = idIndices
    self.figures = figures
    references = log.references
    categoryLists = StringLists(table: categoryTable, joining: lists.map(\.categories))
    productLists = StringLists(table: productTable, joining: lists.map(\.products))
    tagLists = StringLists(table: tagTable, joining: lists.map(\.tags))
    channelLists = StringLists(table: channelTable, joining: lists.map(\.channels))
    scoreColumns = [:]
    for score in scores { attach(score) }
  }

  /// What building a profile needs, shared read-only by the tasks.
  private struct ProfileInputs: Sendable {
    let log: OrderLog
    let end: Double
    let personStarts: [Int32]
    let ordersByPerson: [Int32]
    let positions: [Int32]
    let medianQuantity: [Double]
    let productRank: [Int32]
    let categoryRankOfProduct: [Int32]
    let tagSetRanks: [[Int32]]
    let channelRank: [Int32]
    let referenceFields: [UInt8]
    /// Whether any order has tags, a channel, a recorded marketing consent.
    let hasTags: Bool
    let hasChannels: Bool
    let hasMarketing: Bool
  }

  /// The lists of a range of profiles, as ranks.
  private struct ListParts: Sendable {
    var categories = RankLists(), products = RankLists(), tags = RankLists(), channels = RankLists()
  }

  /// What a profile needs of one order, gathered so that building profiles reads records one
  /// after another instead of a dozen columns at scattered orders.
  private struct OrderFacts {
    var time: Double
    var net: Double
    var reference: Int32
    var tagSet: Int32
    var channelRank: Int32
    var lineCount: Int32
    /// Bits 0–2: the reference carries a company, email, name; bit 3: marketing consent known,
    /// bit 4: consent given.
    var flags: UInt8
  }

  /// Builds the profiles of a range of people into their positions, and returns their lists.
  ///
  /// People are taken in batches of about 4,096 orders: first the batch's orders and lines are
  /// gathered (independent loads, which the processor overlaps), then each person is computed
  /// from the gathered records.
  private static func build(
    _ people: Range<Int>, _ inputs: ProfileInputs, into output: UnsafeMutableBufferPointer<Figures>
  ) -> ListParts {
    let log = inputs.log, end = inputs.end
    var lists = ListParts()
    var products: [Int32] = [], categories: [Int32] = [], tags: [Int32] = [], channels: [Int32] = []
    var intervals: [Double] = []
    var facts: [OrderFacts] = [], lineProducts: [Int32] = [], lineQuantities: [Double] = []
    var batchStart = people.lowerBound
    while batchStart < people.upperBound {
      let firstOrder = Int(inputs.personStarts[batchStart])
      var batchEnd = batchStart
      while batchEnd < people.upperBound && Int(inputs.personStarts[batchEnd]) - firstOrder < 4_096 { batchEnd += 1 }
      facts.removeAll(keepingCapacity: true)
      lineProducts.removeAll(keepingCapacity: true)
      lineQuantities.removeAll(keepingCapacity: true)
      // Index loops throughout: a slice of an array would retain and release its storage.
      for gathered in firstOrder..<Int(inputs.personStarts[batchEnd]) {
        let index = Int(inputs.ordersByPerson[gathered])
        let reference = log.orderReferenceIndices[index]
        // Columns the log never fills are not read (each read here is a cache miss).
        let marketing = inputs.hasMarketing ? log.orderMarketing[index] : -1
        let channel = inputs.hasChannels ? log.orderChannelIndices[index] : -1
        let lines = Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1])
        facts.append(
          OrderFacts(
            time: log.orderTimes[index], net: log.orderNetAmounts[index], reference: reference,
            tagSet: inputs.hasTags ? log.orderTagIndices[index] : -1,
            channelRank: channel < 0 ? -1 : inputs.channelRank[Int(channel)],
            lineCount: Int32(lines.count),
            flags: inputs.referenceFields[Int(reference)] | (marketing < 0 ? 0 : marketing == 1 ? 0b11000 : 0b01000)))
        for line in lines {
          lineProducts.append(log.lineProducts[line])
          lineQuantities.append(log.lineQuantities[line])
        }
      }
      var fact = 0, line = 0
      for person in batchStart..<batchEnd where inputs.positions[person] >= 0 {
        let orderCount = Int(inputs.personStarts[person + 1] - inputs.personStarts[person])
        var revenue = 0.0, largest = 0.0, relative = 0.0
        var company: Int32 = -1, email: Int32 = -1, name: Int32 = -1
        var marketing: Int8 = -1
        intervals.removeAll(keepingCapacity: true)
        let first = facts[fact].time
        var previousTime = Double.nan
        for gathered in fact..<(fact + orderCount) {
          let order = facts[gathered]
          revenue += order.net
          for _ in 0..<order.lineCount {
            let product = Int(lineProducts[line])
            products.append(inputs.productRank[product])
            let category = inputs.categoryRankOfProduct[product]
            if category >= 0 { categories.append(category) }
            let quantity = lineQuantities[line]
            largest = Swift.max(largest, quantity)
            relative = Swift.max(relative, quantity / Swift.max(inputs.medianQuantity[product], 1e-9))
            line += 1
          }
          if order.tagSet >= 0 { tags.append(contentsOf: inputs.tagSetRanks[Int(order.tagSet)]) }
          if order.channelRank >= 0 { channels.append(order.channelRank) }
          if order.flags & 1 != 0 { company = order.reference }
          if order.flags & 2 != 0 { email = order.reference }
          if order.flags & 4 != 0 { name = order.reference }
          if order.flags & 8 != 0 { marketing = order.flags & 16 != 0 ? 1 : 0 }
          if !previousTime.isNaN { intervals.append((order.time - previousTime) / 86_400) }
          previousTime = order.time
        }
        fact += orderCount
        let last = previousTime
        let position = Int(inputs.positions[person])
        let medianInterval: Double
        switch intervals.count {  // most people have at most two intervals: no selection needed
        case 0: medianInterval = .nan
        case 1: medianInterval = intervals[0]
        case 2: medianInterval = (intervals[0] + intervals[1]) / 2
        default: medianInterval = median(&intervals) ?? .nan
        }
        (output.baseAddress! + position).initialize(
          to: Figures(
            orders: orderCount, daysSinceLastOrder: Int(((end - last) / 86_400).rounded(.down)),
            daysSinceFirstOrder: Int(((end - first) / 86_400).rounded(.down)), revenue: revenue,
            averageOrderValue: revenue / Double(orderCount), firstOrder: first, lastOrder: last, medianInterval: medianInterval,
            largestLineQuantity: largest, largestRelativeQuantity: relative, company: company, email: email, name: name,
            marketing: marketing))
        lists.categories.appendSortedUnique(&categories)
        lists.products.appendSortedUnique(&products)
        lists.tags.appendSortedUnique(&tags)
        lists.channels.appendSortedUnique(&channels)
      }
      batchStart = batchEnd
    }
    return lists
  }

  /// The median line quantity of each product over the purchase lines up to a time (1 for a
  /// product without any).
  ///
  /// Quantities are nearly always small whole numbers, so each product's are counted in a
  /// histogram of whole numbers below 32 in one pass; only products with other quantities have
  /// their quantities collected and selected from.
  private static func medianLineQuantities(_ log: OrderLog, upTo end: Double) -> [Double] {
    let productCount = log.products.count
    let bins = productCount <= 1 << 16 ? 32 : 0
    var histogram = [Int32](repeating: 0, count: productCount * bins)
    var irregular = [Bool](repeating: bins == 0, count: productCount)
    var lineCounts = [Int](repeating: 0, count: productCount)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        let product = Int(log.lineProducts[line]), quantity = log.lineQuantities[line]
        lineCounts[product] += 1
        if quantity >= 0 && quantity < Double(bins) && quantity == quantity.rounded(.towardZero) {
          histogram[product * bins + Int(quantity)] += 1
        } else {
          irregular[product] = true
        }
      }
    }
    // The k-th smallest (0-based) of a product's counted quantities.
    func counted(_ product: Int, _ k: Int) -> Double {
      var seen = 0
      for bin in 0..<bins {
        seen += Int(histogram[product * bins + bin])
        if seen > k { return Double(bin) }
      }
      preconditionFailure("k is below the product's line count")
    }
    var medians = (0..<productCount).map { product -> Double in
      let n = lineCounts[product]
      guard n > 0, !irregular[product] else { return 1 }
      return n % 2 == 1 ? counted(product, n / 2) : (counted(product, n / 2 - 1) + counted(product, n / 2)) / 2
    }
    let slots = irregular.indices.filter { irregular[$0] && lineCounts[$0] > 0 }
    guard !slots.isEmpty else { return medians }
    var slotOfProduct = [Int](repeating: -1, count: productCount)
    for (slot, product) in slots.enumerated() { slotOfProduct[product] = slot }
    var quantities = [[Double]](repeating: [], count: slots.count)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        let slot = slotOfProduct[Int(log.lineProducts[line])]
        if slot >= 0 { quantities[slot].append(log.lineQuantities[line]) }
      }
    }
    for (slot, product) in slots.enumerated() { medians[product] = median(&quantities[slot]) ?? 1 }
    return medians
  }

  /// Distinct values sorted, and the rank of each value in that order.
  private static func ranked(_ values: [String]) -> (table: [String], rank: [Int32]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var rank = [Int32](repeating: 0, count: values.count)
    for (position, index) in order.enumerated() { rank[index] = Int32(position) }
    return (order.map { values[$0] }, rank)
  }

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

/// Lists of numbers, one list after another, as built per range of profiles.
private struct RankLists: Sendable {
  var starts: [Int32] = [0]
  var entries: [Int32] = []

  /// Appends the distinct values of `ranks` in ascending order as the next list, and empties `ranks`.
  mutating func appendSortedUnique(_ ranks: inout [Int32]) {
    guard !ranks.isEmpty else {
      starts.append(Int32(entries.count))
      return
    }
    if ranks.count > 16 {
      ranks.sort()
    } else if ranks.count > 1 {
      // Insertion sort: a person's list is short, and `sort()` costs more to set up.
      for index in 1..<ranks.count {
        let rank = ranks[index]
        var slot = index
        while slot > 0 && ranks[slot - 1] > rank {
          ranks[slot] = ranks[slot - 1]
          slot -= 1
        }
        ranks[slot] = rank
      }
    }
    var previous: Int32 = -1
    for rank in ranks where rank != previous {
      entries.append(rank)
      previous = rank
    }
    starts.append(Int32(entries.count))
    ranks.removeAll(keepingCapacity: true)
  }
}

/// One list of strings per profile, stored as numbers into a table of distinct strings.
private struct StringLists: Sendable {
  private var table: [String]
  private var starts: [Int32]
  private var entries: [Int32]

  /// Lists of numbers into a table, joined in order.
  init(table: [String], joining parts: [RankLists]) {
    self.table = table
    entries = parts.count == 1 ? parts[0].entries : parts.flatMap(\.entries)
    if parts.count == 1 {
      starts = parts[0].starts
    } else {
      starts = [0]
      starts.reserveCapacity(parts.reduce(1) { $0 + $1.starts.count - 1 })
      for part in parts {
        let offset = starts[starts.count - 1]
        starts.append(contentsOf: part.starts.dropFirst().lazy.map { $0 + offset })
      }
    }
  }

  /// Lists of strings, each kept in its order.
  init(_ lists: [[String]]) {
    var numbers: [String: Int32] = [:]
    table = []
    starts = [0]
    entries = []
    for list in lists {
      for value in list {
        if let number = numbers[value] {
          entries.append(number)
        } else {
          numbers[value] = Int32(table.count)
          entries.append(Int32(table.count))
          table.append(value)
        }
      }
      starts.append(Int32(entries.count))
    }
  }

  /// The list at a position.
  subscript(position: Int) -> [String] {
    let range = Int(starts[position])..<Int(starts[position + 1])
    return range.isEmpty ? [] : range.map { table[Int(entries[$0])] }
  }

  /// For every list, whether an entry satisfies a predicate (called once per distinct string).
  func containsAny(where predicate: (String) -> Bool) -> [Bool] {
    let matching = table.map(predicate)
    let count = starts.count - 1
    guard matching.contains(true) else { return [Bool](repeating: false, count: count) }
    return (0..<count).map { position in
      (Int(starts[position])..<Int(starts[position + 1])).contains { matching[Int(entries[$0])] }
    }
  }
}
