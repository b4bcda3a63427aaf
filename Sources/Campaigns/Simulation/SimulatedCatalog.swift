/// The products of a simulated shop: a few categories with the same number of products each.
///
/// Product ids are the category and a two-digit number (`coffee-01`), names the capitalised
/// category and the number (`Coffee 1`). Each customer has a favourite category, drawn uniformly;
/// a line of their orders, views and carts is from it with probability ``favouriteShare`` and
/// otherwise from any category, so that the shop's data show category affinity.
///
/// ```swift
/// let catalog = SimulatedCatalog(categories: ["shoes", "bags"], productsPerCategory: 20)
/// print(catalog.products.count)   // 40
/// ```
public struct SimulatedCatalog: Sendable, Hashable, Codable {
  /// The category names; at least one, each a non-empty text.
  public var categories: [String]
  /// The number of products of each category, at least 1 and at most 99.
  public var productsPerCategory: Int
  /// The chance, in `0...1`, that a product a customer looks at or buys is from their favourite
  /// category (otherwise the category is drawn uniformly).
  public var favouriteShare: Double

  /// Creates a catalogue.
  ///
  /// - Parameters:
  ///   - categories: The category names (default coffee, tea, accessories).
  ///   - productsPerCategory: Products per category, 1...99 (default 10).
  ///   - favouriteShare: The share of products from the favourite category, 0...1 (default 0.8).
  public init(
    categories: [String] = ["coffee", "tea", "accessories"], productsPerCategory: Int = 10,
    favouriteShare: Double = 0.8
  ) {
    precondition(!categories.isEmpty && categories.allSatisfy { !$0.isEmpty }, "a catalogue needs named categories")
    precondition((1...99).contains(productsPerCategory), "a category has 1 to 99 products")
    precondition((0...1).contains(favouriteShare), "the favourite share is a fraction")
    self.categories = categories
    self.productsPerCategory = productsPerCategory
    self.favouriteShare = favouriteShare
  }

  /// Every product, category by category, with its id, name and category.
  ///
  /// - Complexity: O(*c* · *k*), for *c* categories of *k* products.
  public var products: [OrderLog.Product] {
    categories.indices.flatMap { category in
      (0..<productsPerCategory).map { self.product(category: category, number: $0) }
    }
  }

  /// The product `number` (from 0) of the category at index `category`.
  func product(category: Int, number: Int) -> OrderLog.Product {
    let name = categories[category]
    let digits = number + 1 < 10 ? "0\(number + 1)" : "\(number + 1)"
    return OrderLog.Product(
      id: "\(name)-\(digits)", name: "\(name.prefix(1).uppercased())\(name.dropFirst()) \(number + 1)", category: name)
  }
}
