/// A sparse accumulator of product scores for one customer, reused from customer to customer.
///
/// A recommender adds to the scores of the products it likes, naming the evidence for each
/// contribution (the product it was bought with, or -1); the strongest contribution's evidence is
/// kept for the reason. Only touched products are visited when ranking, and resetting costs
/// O(touched).
///
/// ```swift
/// var scores = ProductScores(productCount: history.productCount)
/// recommender.addScores(forCustomerNumber: 3, into: &scores)
/// for product in scores.touched { print(product, scores.score(of: Int(product))) }
/// ```
public struct ProductScores: Sendable {
  /// The score of every product (zero where untouched).
  public private(set) var values: [Double]
  /// The evidence (a product number, or -1) of each product's strongest contribution.
  public private(set) var evidence: [Int32]
  /// The size of each product's strongest contribution.
  public private(set) var strongest: [Double]
  /// Which component of a blend made the strongest contribution (0 outside blends).
  public private(set) var sources: [Int8]
  /// The products touched since the last reset, in the order first touched.
  public private(set) var touched: [Int32] = []
  private var isTouched: [Bool]
  /// Accumulators lent to blends, so that nested scoring allocates once per workspace.
  private var spares: [ProductScores] = []

  /// Creates an empty accumulator.
  ///
  /// - Parameter productCount: The number of products of the history.
  public init(productCount: Int) {
    values = Array(repeating: 0, count: productCount)
    evidence = Array(repeating: -1, count: productCount)
    strongest = Array(repeating: -.infinity, count: productCount)
    sources = Array(repeating: 0, count: productCount)
    isTouched = Array(repeating: false, count: productCount)
  }

  /// The number of products.
  public var productCount: Int { values.count }

  /// The score of a product.
  ///
  /// - Parameter product: A product number.
  public func score(of product: Int) -> Double { values[product] }

  /// Adds a contribution to a product's score.
  ///
  /// - Parameters:
  ///   - amount: The contribution (any finite value; larger is better).
  ///   - product: The product number.
  ///   - proof: The product that justifies the contribution (the `evidence` argument), or -1.
  ///   - source: The blend component, 0 outside blends.
  @inline(__always)
  public mutating func add(_ amount: Double, to product: Int, evidence proof: Int32 = -1, source: Int8 = 0) {
    if !isTouched[product] {
      isTouched[product] = true
      touched.append(Int32(product))
    }
    values[product] += amount
    if amount > strongest[product] {
      strongest[product] = amount
      evidence[product] = proof
      sources[product] = source
    }
  }

  /// An empty accumulator of the same size, lent out until ``returnSpare(_:)``.
  ///
  /// - Complexity: O(1) when a spare was returned before, else O(*p*).
  public mutating func takeSpare() -> ProductScores {
    spares.popLast() ?? ProductScores(productCount: productCount)
  }

  /// Returns an accumulator lent by ``takeSpare()``, after resetting it.
  ///
  /// - Parameter spare: The reset accumulator.
  public mutating func returnSpare(_ spare: ProductScores) {
    spares.append(spare)
  }

  /// Clears every touched product.
  ///
  /// - Complexity: O(*t*), where *t* is the number of touched products.
  public mutating func reset() {
    for product in touched {
      let index = Int(product)
      values[index] = 0
      evidence[index] = -1
      strongest[index] = -.infinity
      sources[index] = 0
      isTouched[index] = false
    }
    touched.removeAll(keepingCapacity: true)
  }
}
