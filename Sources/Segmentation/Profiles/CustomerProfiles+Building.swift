public import Foundation
import _RetentionSupport

extension CustomerProfiles {
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

    // The purchases up to the as-of date, grouped by person (oldest first).
    var purchaseValues: [Double] = []
    var personOfPurchase = [Int32](repeating: -1, count: log.orderCount)
    var anonymous = 0
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      purchaseValues.append(log.orderNetAmounts[index])
      if let person = resolution.personOfOrder[index] { personOfPurchase[index] = Int32(person.rawValue) } else { anonymous += 1 }
    }
    anonymousPurchases = anonymous
    medianOrderValue = median(&purchaseValues) ?? 0
    purchaseValues = []
    let purchasesOfPerson = InvertedIndex(keyCount: people, keyOfItem: personOfPurchase)
    personOfPurchase = []
    let personStarts = purchasesOfPerson.starts, ordersByPerson = purchasesOfPerson.items

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
      tagSetRanks: tagSetRanks, channelRank: channelRank, referenceFields: referenceFields,
      hasTags: !log.tagSets.isEmpty,
      hasChannels: !log.channels.isEmpty, hasMarketing: log.orderMarketing.contains { $0 >= 0 })
    let parts = ParallelWork.halves(people, minimum: 1_000)
    let (figures, lists) = ParallelWork.build(counts: parts.map { part in part.count { positions[$0] >= 0 } }) {
      part, output in Self.build(parts[part], inputs, into: &output)
    }
    store = ProfileStore(
      idTable: resolution.personIDs, idIndices: idIndices, figures: figures, references: log.references,
      categoryLists: StringLists(table: categoryTable, joining: lists.map(\.categories)),
      productLists: StringLists(table: productTable, joining: lists.map(\.products)),
      tagLists: StringLists(table: tagTable, joining: lists.map(\.tags)),
      channelLists: StringLists(table: channelTable, joining: lists.map(\.channels)), scoreColumns: [:])
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

  /// Builds the profiles of a range of people, appending their figures in order, and returns
  /// their lists.
  ///
  /// People are taken in batches of about 4,096 orders: first the batch's orders and lines are
  /// gathered (independent loads, which the processor overlaps), then each person is computed
  /// from the gathered records.
  private static func build(
    _ people: Range<Int>, _ inputs: ProfileInputs, into output: inout PartOutput<ProfileStore.Figures>
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
        let medianInterval: Double
        switch intervals.count {  // most people have at most two intervals: no selection needed
        case 0: medianInterval = .nan
        case 1: medianInterval = intervals[0]
        case 2: medianInterval = (intervals[0] + intervals[1]) / 2
        default: medianInterval = median(&intervals) ?? .nan
        }
        output.append(
          ProfileStore.Figures(
            orders: orderCount, daysSinceLastOrder: Int(((end - last) / 86_400).rounded(.down)),
            daysSinceFirstOrder: Int(((end - first) / 86_400).rounded(.down)), revenue: revenue,
            averageOrderValue: revenue / Double(orderCount), firstOrder: first, lastOrder: last,
            medianInterval: medianInterval,
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

  /// Distinct values sorted, and the rank of each value in that order.
  private static func ranked(_ values: [String]) -> (table: [String], rank: [Int32]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var rank = [Int32](repeating: 0, count: values.count)
    for (position, index) in order.enumerated() { rank[index] = Int32(position) }
    return (order.map { values[$0] }, rank)
  }

}
