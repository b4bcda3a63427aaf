/// The dense accumulator behind the built-in recommenders: the scores of one customer's products,
/// reused from customer to customer.
///
/// A recommender adds to the scores of the products it likes with an evidence code of its own
/// (the product it was bought with, a rule number, or -1) and, in a blend, the component number;
/// the strongest contribution's codes are kept so that the recommender can name its
/// ``Evidence`` for the few products that make a list. Only touched products are visited when
/// ranking, and resetting costs O(touched). Internal: recommenders of other modules return
/// ``ProductScores``.
struct ScoreBuffer: Sendable {
  /// The score of every product (zero where untouched).
  private(set) var values: [Double]
  /// The evidence (a product number, or -1) of each product's strongest contribution.
  private(set) var evidence: [Int32]
  /// The size of each product's strongest contribution.
  private(set) var strongest: [Double]
  /// Which component of a blend made the strongest contribution (0 outside blends).
  private(set) var sources: [Int8]
  /// The products touched since the last reset, in the order first touched.
  private(set) var touched: [Int32] = []
  private var isTouched: [Bool]
  /// Accumulators lent to blends, so that nested scoring allocates once per workspace.
  private var spares: [ScoreBuffer] = []

  /// Creates an empty accumulator.
  ///
  /// - Parameter productCount: The number of products of the history.
  init(productCount: Int) {
    values = Array(repeating: 0, count: productCount)
    evidence = Array(repeating: -1, count: productCount)
    strongest = Array(repeating: -.infinity, count: productCount)
    sources = Array(repeating: 0, count: productCount)
    isTouched = Array(repeating: false, count: productCount)
  }

  /// The number of products.
  var productCount: Int { values.count }

  /// The score of a product.
  ///
  /// - Parameter product: A product number.
  func score(of product: Int) -> Double { values[product] }

  /// Whether a product was touched since the last reset.
  ///
  /// - Parameter product: A product number.
  func isTouched(_ product: Int) -> Bool { isTouched[product] }

  /// Adds a contribution to a product's score.
  ///
  /// - Parameters:
  ///   - amount: The contribution (any finite value; larger is better).
  ///   - product: The product number.
  ///   - proof: The product that justifies the contribution (the `evidence` argument), or -1.
  ///   - source: The blend component, 0 outside blends.
  @inline(__always)
  mutating func add(_ amount: Double, to product: Int, evidence proof: Int32 = -1, source: Int8 = 0) {
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

  /// Adds an amount to a product's score without recording the strongest contribution (for
  /// sums that are added to another buffer afterwards).
  ///
  /// - Parameters:
  ///   - amount: The amount.
  ///   - product: The product number.
  @inline(__always)
  mutating func accumulate(_ amount: Double, to product: Int) {
    if !isTouched[product] {
      isTouched[product] = true
      touched.append(Int32(product))
    }
    values[product] += amount
  }

  /// An empty accumulator of the same size, lent out (to a blend) until ``returnSpare(_:)``.
  ///
  /// - Complexity: O(1) when a spare was returned before, else O(*p*).
  mutating func takeSpare() -> ScoreBuffer {
    spares.popLast() ?? ScoreBuffer(productCount: productCount)
  }

  /// Returns an accumulator lent by ``takeSpare()``, after resetting it.
  ///
  /// - Parameter spare: The reset accumulator.
  mutating func returnSpare(_ spare: ScoreBuffer) {
    spares.append(spare)
  }

  /// Clears every touched product.
  ///
  /// - Complexity: O(*t*), where *t* is the number of touched products.
  mutating func reset() {
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
