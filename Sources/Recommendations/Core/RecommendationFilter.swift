/// Business rules that remove products from a customer's recommendations.
///
/// The default filter removes nothing. Typical shop rules:
///
/// ```swift
/// var filter = RecommendationFilter()
/// filter.excludesPurchasedDurables = true         // no second sofa, but coffee again
/// filter.durability = .inferred()                  // consumable = bought again by >= 10 % of buyers
/// filter.categoryAffinity = .purchasedCategoryTrees()  // buyers of "Men > Shoes" get no "Women > Bags"
/// filter.excludedProducts = ["GIFT-CARD"]
/// filter.priceRange = 5...80
/// let list = recommender.recommendations(forCustomer: "c-17", count: 10, filter: filter)
/// ```
public struct RecommendationFilter: Sendable, Hashable {
  /// Which products are durable goods (bought once) and which are consumables (bought again).
  public enum Durability: Sendable, Hashable {
    /// Every product is a consumable.
    case allConsumable
    /// Every product is durable.
    case allDurable
    /// These product ids are durable; all others are consumables.
    case durableProducts(Set<String>)
    /// Products in these categories are durable; all others are consumables.
    case durableCategories(Set<String>)
    /// These product ids are consumables; all others are durable.
    case consumableProducts(Set<String>)
    /// A product is a consumable when at least `minimumRepeatShare` (`0...1`) of its buyers
    /// bought it in two or more baskets, among at least `minimumBuyers` buyers; otherwise durable
    /// (a product without evidence of repurchase is not offered again).
    case inferred(minimumRepeatShare: Double = 0.1, minimumBuyers: Int = 5)
  }

  /// Which categories a customer's recommendations may come from.
  public enum CategoryAffinity: Sendable, Hashable {
    /// Any category.
    case any
    /// Only the categories of the products the customer bought (products without a category
    /// pass only if the customer bought such products too). A customer without purchases is
    /// not restricted.
    case purchasedCategories
    /// The categories a purchased category opens: `mapping["Men's shoes"] = ["Men's shoes",
    /// "Socks"]`. A purchased category missing from the mapping opens only itself.
    case mapping([String: Set<String>])
    /// Only the category trees of the products the customer bought. A category's tree is its
    /// top level, the text before the first `separator`, trimmed and compared without regard to
    /// case: a buyer of `Men > Shoes` may be offered `Men > Socks` but not `Women > Bags`. A
    /// category without the separator is a tree of its own (then this is
    /// ``purchasedCategories``). Products without a category pass only if the customer bought
    /// such products too; a customer without purchases is not restricted.
    case purchasedCategoryTrees(separator: String = ">")

    /// The tree (top level) of a category under ``purchasedCategoryTrees(separator:)``: the text
    /// before the first separator, trimmed and lower-cased (`"Men > Shoes"` → `"men"`).
    ///
    /// - Parameters:
    ///   - category: The category, for example `Men > Shoes`.
    ///   - separator: The separator of the levels; an empty separator makes the whole category
    ///     its own tree.
    /// - Returns: The top level.
    /// - Complexity: O(*n*), where *n* is the length of the category.
    public static func tree(of category: String, separator: String = ">") -> String {
      var top = Substring(category)
      if !separator.isEmpty, let range = category.firstRange(of: separator) { top = category[..<range.lowerBound] }
      return String(top.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
    }
  }

  /// Product ids never to recommend.
  public var excludedProducts: Set<String>
  /// Whether to remove durable products the customer already bought (consumables stay).
  public var excludesPurchasedDurables: Bool
  /// Whether to remove every product the customer already bought.
  public var excludesPurchasedProducts: Bool
  /// How to tell durable goods from consumables.
  public var durability: Durability
  /// Which categories may be recommended.
  public var categoryAffinity: CategoryAffinity
  /// The allowed unit price (the product's most recent price in the history, in the log's
  /// currency); products without a known price are removed when a range is set.
  public var priceRange: ClosedRange<Double>?

  /// Creates a filter; the defaults remove nothing.
  ///
  /// - Parameters:
  ///   - excludedProducts: Product ids never to recommend.
  ///   - excludesPurchasedDurables: Whether to remove purchased durable goods.
  ///   - excludesPurchasedProducts: Whether to remove every purchased product.
  ///   - durability: How to tell durable goods from consumables.
  ///   - categoryAffinity: Which categories may be recommended.
  ///   - priceRange: The allowed unit price, or `nil`.
  public init(
    excludedProducts: Set<String> = [], excludesPurchasedDurables: Bool = false,
    excludesPurchasedProducts: Bool = false, durability: Durability = .inferred(),
    categoryAffinity: CategoryAffinity = .any, priceRange: ClosedRange<Double>? = nil
  ) {
    self.excludedProducts = excludedProducts
    self.excludesPurchasedDurables = excludesPurchasedDurables
    self.excludesPurchasedProducts = excludesPurchasedProducts
    self.durability = durability
    self.categoryAffinity = categoryAffinity
    self.priceRange = priceRange
  }

  /// The filter that removes nothing.
  public static let none = RecommendationFilter()

  /// Whether each product of a history is durable under ``durability``.
  ///
  /// - Parameter history: The purchase history.
  /// - Returns: One flag per product number.
  /// - Complexity: O(*p*), where *p* is the number of products.
  public func durableFlags(in history: PurchaseHistory) -> [Bool] {
    history.products.indices.map { product in
      switch durability {
      case .allConsumable: return false
      case .allDurable: return true
      case .durableProducts(let ids): return ids.contains(history.products[product].id)
      case .consumableProducts(let ids): return !ids.contains(history.products[product].id)
      case .durableCategories(let names):
        return history.products[product].category.map(names.contains) ?? false
      case .inferred(let share, let minimumBuyers):
        let buyers = Int(history.productCustomerCounts[product])
        guard buyers >= Swift.max(1, minimumBuyers) else { return true }
        return Double(history.productRepeatCustomerCounts[product]) < share * Double(buyers)
      }
    }
  }
}

/// A ``RecommendationFilter`` resolved against one history: per-product flags, per-customer checks.
struct CompiledFilter: Sendable {
  /// Products removed for everyone (excluded ids, price out of range).
  let isExcluded: [Bool]
  /// Products removed when the customer bought them.
  let isRemovedWhenPurchased: [Bool]
  let affinity: RecommendationFilter.CategoryAffinity
  /// For a mapping: the categories each category opens, as category numbers (-1 = none).
  let opens: [[Int32]]
  /// For category trees: the tree number of each category (the first category number of its
  /// tree); empty otherwise.
  let trees: [Int32]
  let categoryCount: Int
  let isTrivial: Bool

  init(_ filter: RecommendationFilter, history: PurchaseHistory) {
    let count = history.productCount
    var excluded = [Bool](repeating: false, count: count)
    if !filter.excludedProducts.isEmpty || filter.priceRange != nil {
      for product in 0..<count {
        if filter.excludedProducts.contains(history.products[product].id) { excluded[product] = true }
        if let range = filter.priceRange {
          guard let price = history.productPrices[product], range.contains(price) else {
            excluded[product] = true
            continue
          }
        }
      }
    }
    isExcluded = excluded
    if filter.excludesPurchasedProducts {
      isRemovedWhenPurchased = Array(repeating: true, count: count)
    } else if filter.excludesPurchasedDurables {
      isRemovedWhenPurchased = filter.durableFlags(in: history)
    } else {
      isRemovedWhenPurchased = Array(repeating: false, count: count)
    }
    affinity = filter.categoryAffinity
    categoryCount = history.categories.count
    if case .mapping(let mapping) = filter.categoryAffinity {
      let numbers = Dictionary(uniqueKeysWithValues: history.categories.enumerated().map { ($1, Int32($0)) })
      opens = history.categories.enumerated().map { number, name in
        guard let allowed = mapping[name] else { return [Int32(number)] }
        return allowed.compactMap { numbers[$0] }
      }
    } else {
      opens = []
    }
    if case .purchasedCategoryTrees(let separator) = filter.categoryAffinity {
      var firstOfTree: [String: Int32] = [:]
      trees = history.categories.enumerated().map { number, name in
        let tree = RecommendationFilter.CategoryAffinity.tree(of: name, separator: separator)
        if let first = firstOfTree[tree] { return first }
        firstOfTree[tree] = Int32(number)
        return Int32(number)
      }
    } else {
      trees = []
    }
    isTrivial = filter == .none
  }

  /// A per-customer view: marks the customer's purchases and allowed categories in scratch arrays.
  struct Scratch: Sendable {
    var purchased: [Bool]
    var allowedCategory: [Bool]
    var allowsUncategorised = true
    var restrictsCategories = false
    var marked: [Int32] = []

    init(productCount: Int, categoryCount: Int) {
      purchased = Array(repeating: false, count: productCount)
      allowedCategory = Array(repeating: false, count: categoryCount)
    }
  }

  func prepare(_ scratch: inout Scratch, customer: Int?, history: PurchaseHistory) {
    for product in scratch.marked { scratch.purchased[Int(product)] = false }
    scratch.marked.removeAll(keepingCapacity: true)
    for category in scratch.allowedCategory.indices { scratch.allowedCategory[category] = false }
    scratch.restrictsCategories = false
    scratch.allowsUncategorised = true
    guard let customer else { return }
    let products = history.products(ofCustomerNumber: customer)
    for product in products {
      scratch.purchased[Int(product)] = true
      scratch.marked.append(product)
    }
    guard !products.isEmpty else { return }
    switch affinity {
    case .any: return
    case .purchasedCategories, .mapping, .purchasedCategoryTrees:
      scratch.restrictsCategories = true
      scratch.allowsUncategorised = false
      for product in products {
        let category = history.productCategories[Int(product)]
        if category < 0 {
          scratch.allowsUncategorised = true
        } else if !trees.isEmpty {
          scratch.allowedCategory[Int(trees[Int(category)])] = true
        } else if opens.isEmpty {
          scratch.allowedCategory[Int(category)] = true
        } else {
          for opened in opens[Int(category)] { scratch.allowedCategory[Int(opened)] = true }
        }
      }
    }
  }

  @inline(__always)
  func allows(_ product: Int, scratch: Scratch, history: PurchaseHistory) -> Bool {
    if isExcluded[product] { return false }
    if scratch.purchased[product] && isRemovedWhenPurchased[product] { return false }
    if scratch.restrictsCategories {
      let category = history.productCategories[product]
      guard category >= 0 else { return scratch.allowsUncategorised }
      return scratch.allowedCategory[trees.isEmpty ? Int(category) : Int(trees[Int(category)])]
    }
    return true
  }
}
