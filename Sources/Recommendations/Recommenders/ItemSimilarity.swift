import _RetentionSupport

/// Item-to-item similarities from co-purchase, kept sparse: each product's strongest neighbours.
///
/// Following Linden, Smith & York (2003), a product is the set of customers (or baskets) that
/// bought it, and two products are similar when those sets overlap. With *n_i* and *n_j* the
/// numbers of customers who bought each product, *c_ij* those who bought both and *N* the number of
/// customers:
///
/// - cosine: *c_ij* / sqrt(*n_i* *n_j*) (the binary form of Linden et al.'s cosine);
/// - Jaccard: *c_ij* / (*n_i* + *n_j* − *c_ij*);
/// - lift: *c_ij* *N* / (*n_i* *n_j*) (how much more often than chance).
///
/// Pairs bought together fewer than `minimumSupport` times are dropped; each product keeps its
/// `neighbourCount` most similar products (ties: lower product number first).
///
/// ```swift
/// let similarity = ItemSimilarity(history, measure: .cosine, minimumSupport: 3)
/// for neighbour in similarity.neighbours(of: 0).prefix(5) { print(neighbour) }
/// ```
public struct ItemSimilarity: Sendable {
  /// How co-purchase becomes similarity.
  public enum Measure: String, Sendable, Hashable, Codable, CaseIterable {
    /// *c* / sqrt(*n_i* *n_j*).
    case cosine
    /// *c* / (*n_i* + *n_j* − *c*).
    case jaccard
    /// *c* *N* / (*n_i* *n_j*).
    case lift
  }

  /// What counts as bought together.
  public enum Scope: String, Sendable, Hashable, Codable {
    /// Bought by the same customer, at any time (Linden, Smith & York 2003).
    case customers
    /// Bought in the same basket.
    case baskets
  }

  /// One neighbour of a product.
  public struct Neighbour: Sendable, Hashable, Codable {
    /// The neighbour.
    public var product: ProductNumber
    /// The similarity.
    public var similarity: Double
    /// The number of customers (or baskets) that bought both.
    public var support: Int
  }

  /// The measure.
  public let measure: Measure
  /// The scope.
  public let scope: Scope
  /// The smallest co-occurrence count kept.
  public let minimumSupport: Int
  /// The number of customers (or baskets) counted (*N*).
  public let transactionCount: Int
  /// The number of customers (or baskets) that bought each product (*n_i*).
  let productCounts: [Int32]
  /// The start of each product's neighbours; `neighbourStarts[productCount]` is the total.
  let neighbourStarts: [Int32]
  /// The neighbours' product numbers, most similar first within a product.
  let neighbourProducts: [Int32]
  /// The similarities, parallel to ``neighbourProducts``.
  let neighbourSimilarities: [Double]
  /// The co-occurrence counts, parallel to ``neighbourProducts``.
  let neighbourSupports: [Int32]

  /// Computes the similarities of every pair of products bought together.
  ///
  /// - Parameters:
  ///   - history: The purchase history.
  ///   - measure: Cosine (default), Jaccard or lift.
  ///   - scope: Customers (default) or baskets.
  ///   - minimumSupport: The smallest co-occurrence count kept (at least 1; default 2).
  ///   - neighbourCount: The neighbours kept per product (at least 1; default 50).
  ///   - maximumTransactionSize: Customers (or baskets) with more distinct products than this are
  ///     left out (wholesale accounts that bought half the catalogue say little about affinity);
  ///     `nil` keeps all.
  /// - Complexity: O(Σ *m*²), where *m* is the number of distinct products of a customer (or
  ///   basket), run in parallel chunks of products.
  public init(
    _ history: PurchaseHistory, measure: Measure = .cosine, scope: Scope = .customers, minimumSupport: Int = 2,
    neighbourCount: Int = 50, maximumTransactionSize: Int? = nil
  ) {
    precondition(minimumSupport >= 1, "the minimum support must be at least 1")
    precondition(neighbourCount >= 1, "keep at least one neighbour")
    self.measure = measure
    self.scope = scope
    self.minimumSupport = minimumSupport
    let productCount = history.productCount
    let (starts, items) =
      scope == .customers
      ? (history.customerProductStarts, history.customerProducts) : (history.basketStarts, history.basketProducts)
    let limit = maximumTransactionSize ?? Int.max
    // The inverted index: for each product, the transactions that contain it and its position
    // there (transactions list their products ascending).
    var counts = [Int32](repeating: 0, count: productCount)
    var kept = 0
    for transaction in 0..<(starts.count - 1) {
      let size = Int(starts[transaction + 1] - starts[transaction])
      guard size > 0, size <= limit else { continue }
      kept += 1
      for position in Int(starts[transaction])..<Int(starts[transaction + 1]) { counts[Int(items[position])] += 1 }
    }
    var indexStarts = [Int32](repeating: 0, count: productCount + 1)
    for product in 0..<productCount { indexStarts[product + 1] = indexStarts[product] + counts[product] }
    var fill = Array(indexStarts.dropLast())
    var indexPositions = [Int32](repeating: 0, count: Int(indexStarts[productCount]))
    var indexEnds = [Int32](repeating: 0, count: indexPositions.count)
    for transaction in 0..<(starts.count - 1) {
      let size = Int(starts[transaction + 1] - starts[transaction])
      guard size > 0, size <= limit else { continue }
      for position in Int(starts[transaction])..<Int(starts[transaction + 1]) {
        let product = Int(items[position])
        indexPositions[Int(fill[product])] = Int32(position)
        indexEnds[Int(fill[product])] = starts[transaction + 1]
        fill[product] += 1
      }
    }
    transactionCount = kept
    productCounts = counts

    // Pass 1: co-occurrence counts of the pairs (i, j > i), each counted once, kept when
    // supported often enough.
    let positions = indexPositions
    let ends = indexEnds
    let index = indexStarts
    let pairChunks = ParallelWork.map(ParallelWork.chunks(of: productCount, count: 32, minimumSize: 16)) {
      range -> PairChunk in
      var chunk = PairChunk()
      var together = SparseCounter(keyCount: productCount)
      for product in range {
        // The products after this one in each of its transactions (ascending, so each pair once).
        for entry in Int(index[product])..<Int(index[product + 1]) {
          together.add(items[(Int(positions[entry]) + 1)..<Int(ends[entry])])
        }
        together.drain { other, support in
          if Int(support) >= minimumSupport {
            chunk.first.append(Int32(product))
            chunk.second.append(other)
            chunk.supports.append(support)
          }
        }
      }
      return chunk
    }
    // Pass 2: both directions of every pair, bucketed by product.
    var degree = [Int32](repeating: 0, count: productCount + 1)
    for chunk in pairChunks {
      for position in chunk.first.indices {
        degree[Int(chunk.first[position]) + 1] += 1
        degree[Int(chunk.second[position]) + 1] += 1
      }
    }
    for product in 0..<productCount { degree[product + 1] += degree[product] }
    var slot = Array(degree.dropLast())
    var others = [Int32](repeating: 0, count: Int(degree[productCount]))
    var supportsOfPairs = [Int32](repeating: 0, count: others.count)
    for chunk in pairChunks {
      for position in chunk.first.indices {
        let first = Int(chunk.first[position]), second = Int(chunk.second[position])
        others[Int(slot[first])] = Int32(second)
        supportsOfPairs[Int(slot[first])] = chunk.supports[position]
        slot[first] += 1
        others[Int(slot[second])] = Int32(first)
        supportsOfPairs[Int(slot[second])] = chunk.supports[position]
        slot[second] += 1
      }
    }
    // Pass 3: similarities and each product's strongest neighbours.
    let total = Double(kept)
    let bucketStarts = degree
    let bucketOthers = others
    let bucketSupports = supportsOfPairs
    let productCountsCopy = counts
    struct Row: Sendable {
      var lengths: [Int32] = []
      var products: [Int32] = []
      var similarities: [Double] = []
      var supports: [Int32] = []
    }
    let rows = ParallelWork.map(ParallelWork.chunks(of: productCount, count: 16, minimumSize: 16)) { range -> Row in
      var row = Row()
      var candidates: [(product: Int32, similarity: Double, support: Int32)] = []
      let ordered:
        (
          (product: Int32, similarity: Double, support: Int32), (product: Int32, similarity: Double, support: Int32)
        ) -> Bool = { a, b in a.similarity != b.similarity ? a.similarity > b.similarity : a.product < b.product }
      for product in range {
        candidates.removeAll(keepingCapacity: true)
        let own = Double(productCountsCopy[product])
        for position in Int(bucketStarts[product])..<Int(bucketStarts[product + 1]) {
          let other = bucketOthers[position]
          let theirs = Double(productCountsCopy[Int(other)])
          let both = Double(bucketSupports[position])
          let similarity: Double
          switch measure {
          case .cosine: similarity = both / (own * theirs).squareRoot()
          case .jaccard: similarity = both / (own + theirs - both)
          case .lift: similarity = both * total / (own * theirs)
          }
          candidates.append((other, similarity, bucketSupports[position]))
        }
        if candidates.count > neighbourCount {
          candidates = Array(selectFirst(neighbourCount, of: candidates, by: ordered))
        } else {
          candidates.sort(by: ordered)
        }
        row.lengths.append(Int32(candidates.count))
        for candidate in candidates {
          row.products.append(candidate.product)
          row.similarities.append(candidate.similarity)
          row.supports.append(candidate.support)
        }
      }
      return row
    }
    var neighbourStarts: [Int32] = [0]
    neighbourStarts.reserveCapacity(productCount + 1)
    var products: [Int32] = []
    var similarities: [Double] = []
    var supports: [Int32] = []
    for row in rows {
      for length in row.lengths { neighbourStarts.append(neighbourStarts[neighbourStarts.count - 1] + length) }
      products.append(contentsOf: row.products)
      similarities.append(contentsOf: row.similarities)
      supports.append(contentsOf: row.supports)
    }
    if productCount == 0 { neighbourStarts = [0] }
    self.neighbourStarts = neighbourStarts
    neighbourProducts = products
    neighbourSimilarities = similarities
    neighbourSupports = supports
  }

  /// The number of products.
  public var productCount: Int { neighbourStarts.count - 1 }

  /// The number of neighbours kept, over all products.
  public var keptNeighbourCount: Int { neighbourProducts.count }

  /// The number of customers (or baskets) counted that bought a product (*n_i*).
  ///
  /// - Parameter product: A product of the history.
  public func transactionCount(of product: ProductNumber) -> Int { Int(productCounts[product.rawValue]) }

  /// The range of a product's neighbours in the neighbour columns.
  func neighbourRange(ofProduct product: Int) -> Range<Int> {
    Int(neighbourStarts[product])..<Int(neighbourStarts[product + 1])
  }

  /// A product's neighbours, most similar first.
  ///
  /// - Parameter product: A product of the history.
  /// - Complexity: O(*m*), where *m* is the number of neighbours kept.
  public func neighbours(of product: ProductNumber) -> [Neighbour] {
    neighbourRange(ofProduct: product.rawValue).map {
      Neighbour(
        product: ProductNumber(column: neighbourProducts[$0]), similarity: neighbourSimilarities[$0],
        support: Int(neighbourSupports[$0]))
    }
  }

  /// The similarity of two products, or 0 when the pair is not among the kept neighbours.
  ///
  /// - Complexity: O(*m*), where *m* is the number of neighbours kept.
  public func similarity(between product: ProductNumber, and other: ProductNumber) -> Double {
    for position in neighbourRange(ofProduct: product.rawValue) where Int(neighbourProducts[position]) == other.rawValue {
      return neighbourSimilarities[position]
    }
    return 0
  }
}

/// The pairs (first < second) one chunk of products found, with their co-occurrence counts.
struct PairChunk: Sendable {
  var first: [Int32] = []
  var second: [Int32] = []
  var supports: [Int32] = []
}

/// The first `count` elements of `elements` in `areInIncreasingOrder`, sorted; a bounded
/// selection that avoids sorting long candidate lists.
func selectFirst<T>(_ count: Int, of elements: [T], by areInIncreasingOrder: (T, T) -> Bool) -> ArraySlice<T> {
  guard count > 0 else { return [] }
  guard count < elements.count else { return elements.sorted(by: areInIncreasingOrder)[...] }
  var heap: [T] = []  // a max-heap (worst on top) of the best `count` so far
  heap.reserveCapacity(count)
  func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard areInIncreasingOrder(heap[parent], heap[child]) else { break }
      heap.swapAt(parent, child)
      child = parent
    }
  }
  func siftDown() {
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var worst = parent
      if left < heap.count && areInIncreasingOrder(heap[worst], heap[left]) { worst = left }
      if right < heap.count && areInIncreasingOrder(heap[worst], heap[right]) { worst = right }
      guard worst != parent else { return }
      heap.swapAt(parent, worst)
      parent = worst
    }
  }
  for element in elements {
    if heap.count < count {
      heap.append(element)
      siftUp(heap.count - 1)
    } else if areInIncreasingOrder(element, heap[0]) {
      heap[0] = element
      siftDown()
    }
  }
  return heap.sorted(by: areInIncreasingOrder)[...]
}
