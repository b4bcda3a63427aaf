extension ItemSimilarity {
  /// The same similarities with at most `count` neighbours per product, the most similar kept.
  ///
  /// Equal to computing the similarities with `neighbourCount: count` (the lists are stored most
  /// similar first), without counting the co-purchases again; validation uses it to try several
  /// neighbourhood sizes.
  ///
  /// ```swift
  /// let wide = ItemSimilarity(history, neighbourCount: 100)
  /// let narrow = wide.keepingNeighbours(20)
  /// ```
  ///
  /// - Parameter count: The neighbours to keep per product (at least 1).
  /// - Returns: The truncated similarities.
  /// - Complexity: O(*n*), where *n* is the number of kept neighbours.
  public func keepingNeighbours(_ count: Int) -> ItemSimilarity {
    precondition(count >= 1, "keep at least one neighbour")
    var starts: [Int32] = [0]
    starts.reserveCapacity(neighbourStarts.count)
    var products: [Int32] = []
    var similarities: [Double] = []
    var supports: [Int32] = []
    for product in 0..<(neighbourStarts.count - 1) {
      let lower = Int(neighbourStarts[product])
      let upper = Swift.min(Int(neighbourStarts[product + 1]), lower + count)
      products.append(contentsOf: neighbourProducts[lower..<upper])
      similarities.append(contentsOf: neighbourSimilarities[lower..<upper])
      supports.append(contentsOf: neighbourSupports[lower..<upper])
      starts.append(Int32(products.count))
    }
    return ItemSimilarity(
      measure: measure, scope: scope, minimumSupport: minimumSupport, transactionCount: transactionCount,
      productCounts: productCounts, neighbourStarts: starts, neighbourProducts: products,
      neighbourSimilarities: similarities, neighbourSupports: supports)
  }

  /// Assembles similarities from their columns.
  init(
    measure: Measure, scope: Scope, minimumSupport: Int, transactionCount: Int, productCounts: [Int32],
    neighbourStarts: [Int32], neighbourProducts: [Int32], neighbourSimilarities: [Double], neighbourSupports: [Int32]
  ) {
    self.measure = measure
    self.scope = scope
    self.minimumSupport = minimumSupport
    self.transactionCount = transactionCount
    self.productCounts = productCounts
    self.neighbourStarts = neighbourStarts
    self.neighbourProducts = neighbourProducts
    self.neighbourSimilarities = neighbourSimilarities
    self.neighbourSupports = neighbourSupports
  }
}
