public import Foundation

extension CampaignContext {
  /// The products picked for one message, and why (section 4 of issue 18, "Personal content").
  public struct ProductPicks: Sendable, Hashable {
    /// The recommendations, best first, each with its own reason.
    public var recommendations: [Recommendation]
    /// Why these products, in words (the rules applied), or empty when none were asked for.
    public var reason: String

    /// The picked product ids, best first.
    public var productIDs: [String] { recommendations.map(\.productID) }

    /// Creates picks.
    ///
    /// - Parameters:
    ///   - recommendations: The recommendations, best first.
    ///   - reason: Why, in words.
    public init(recommendations: [Recommendation], reason: String) {
      self.recommendations = recommendations
      self.reason = reason
    }
  }

  /// Up to `count` products for the message of one flow entry: the recommender's picks that
  /// respect the person's category affinity and leave out what they just bought.
  ///
  /// The planner calls it once per planned marketing message, with the step's product count,
  /// and puts ``ProductPicks/productIDs`` after the entry's own products (the cart, the product
  /// that runs out) and ``ProductPicks/reason`` after the entry's reason:
  ///
  /// ```swift
  /// let picks = context.personalProducts(for: entry, count: step.productCount)
  /// message.products = entry.products + picks.productIDs
  /// message.reason = picks.reason.isEmpty ? entry.reason : entry.reason + "; " + picks.reason
  /// ```
  ///
  /// The rules, on top of ``recommendationFilter`` (whose other rules, such as no durable goods
  /// bought before, still apply):
  /// - **Category affinity**: `categoryAffinity`, or by default the filter's affinity unless it
  ///   is `.any`, in which case ``RecommendationFilter/CategoryAffinity/purchasedCategoryTrees(separator:)``
  ///   (`>` as the separator): a buyer of only `Men > Shoes` is offered products of the `Men`
  ///   tree only, never `Women > Bags`. The categories are the recommender's history's; a
  ///   catalogue without categories is not restricted, and neither is a person the history does
  ///   not know (they get the cold-start list).
  /// - **Not just bought**: the entry's products and the products the person bought in the
  ///   `recentDays` before ``asOf`` (orders and `order_placed` events) are left out.
  ///
  /// The person must be a customer id of the recommender's history (train it on the same,
  /// person-keyed order log). Without a recommender, or with `count` 0, no products.
  ///
  /// - Parameters:
  ///   - entry: The flow entry the message belongs to.
  ///   - count: The most products (the step's ``FlowStep/productCount``, at least 0).
  ///   - recentDays: How far back a purchase counts as just bought, in days (default 30).
  ///   - categoryAffinity: The category rule, or `nil` for the default above.
  /// - Returns: The picks, best first, with the reason.
  /// - Complexity: O(*p* + *s* *k* + *m*), where *p* is the number of products of the history,
  ///   *s* the products the recommender scores, *k* = `count` and *m* the person's orders and
  ///   events.
  public func personalProducts(
    for entry: FlowEntry, count: Int, recentDays: Double = 30,
    categoryAffinity: RecommendationFilter.CategoryAffinity? = nil
  ) -> ProductPicks {
    precondition(count >= 0, "count must not be negative")
    precondition(recentDays >= 0, "recent days must not be negative")
    guard count > 0, let recommender else { return ProductPicks(recommendations: [], reason: "") }
    let recent = purchasedProducts(of: entry.person, in: asOf.addingTimeInterval(-recentDays * 86_400)...asOf)
    var left: [String] = []
    var seen: Set<String> = []
    for product in entry.products + recent where seen.insert(product).inserted { left.append(product) }
    var filter = recommendationFilter
    filter.excludedProducts.formUnion(left)
    if let categoryAffinity {
      filter.categoryAffinity = categoryAffinity
    } else if filter.categoryAffinity == .any {
      filter.categoryAffinity = .purchasedCategoryTrees()
    }
    let picks = recommender.recommendations(forCustomer: entry.person, count: count, filter: filter)
    var rules = ["picked by \(recommender.name)"]
    switch filter.categoryAffinity {
    case .any: break
    case .purchasedCategories: rules.append("from the categories bought")
    case .purchasedCategoryTrees: rules.append("from the category trees bought")
    case .mapping: rules.append("from the categories the purchases open")
    }
    if !left.isEmpty {
      rules.append("not \(left.count == 1 ? "the product" : "the \(left.count) products") just bought")
    }
    return ProductPicks(recommendations: picks, reason: rules.joined(separator: ", "))
  }

  /// The distinct products a person bought in a time interval up to ``asOf``: the lines of
  /// their purchases in the order log and the products of their `order_placed` events.
  ///
  /// - Parameters:
  ///   - person: The person (a customer id of the order log or of the events).
  ///   - interval: The purchase times that count; times after ``asOf`` never do.
  /// - Returns: Product ids, in order of purchase.
  /// - Complexity: O(*m*), where *m* is the number of the person's orders, lines and events.
  public func purchasedProducts(of person: String, in interval: ClosedRange<Date>) -> [String] {
    var products: [String] = []
    var seen: Set<String> = []
    func take(_ product: String) { if seen.insert(product).inserted { products.append(product) } }
    if let number = orders.customerNumber(of: person) {
      for index in orders.orderIndices(ofCustomerNumber: number) {
        let order = Int(index)
        let time = orders.date(ofOrder: order)
        guard orders.orderIsPurchase[order], interval.contains(time), time <= asOf else { continue }
        for line in orders.lines(ofOrder: order) where line.quantity > 0 { take(line.productID) }
      }
    }
    // The person's `order_placed` events, read from the stored run by kind (the others are
    // never spelled out).
    guard let customer = events.customerNumber(of: person) else { return products }
    let columns = events.columns
    for storage in events.storageRange(ofCustomerNumber: customer) where columns.codes[storage] == .orderPlaced {
      let time = Date(timeIntervalSince1970: columns.times[storage])
      let list = columns.details[storage]
      guard interval.contains(time), time <= asOf, list >= 0 else { continue }
      for product in columns.productNumbers(ofList: list) { take(columns.products.string(product)) }
    }
    return products
  }
}
