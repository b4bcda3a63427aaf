extension QuantityElasticity {
  /// One product's intervals in days per quantity^*b*, sorted, with its typical quantity.
  struct ScaledDistribution: Sendable {
    /// The median quantity bought on the days the intervals start.
    var typicalQuantity: Double
    /// The 25th, 50th and 75th percentile of days per quantity^*b*.
    var lowerQuartile: Double
    var median: Double
    var upperQuartile: Double
    var sampleSize: Int
    /// The coefficient of variation of the scaled intervals (that of ``RepurchaseIntervals``'
    /// per-unit intervals when *b* = 1).
    var coefficientOfVariation: Double
  }

  /// The scaled distribution of every product that has a ``RepurchaseIntervals/distributions``
  /// entry, by product number (`nil` otherwise).
  func scaledDistributions(_ intervals: RepurchaseIntervals) -> [ScaledDistribution?] {
    var samples = [[Double]](repeating: [], count: intervals.products.count)
    var quantities = samples
    // Read once per product: a test on the optional distribution per track copies it (its strings).
    let isMeasured = intervals.distributions.map { $0 != nil }
    for track in intervals.tracks where isMeasured[Int(track.product)] {
      samples[Int(track.product)].append(contentsOf: scaledIntervals(track))
      quantities[Int(track.product)].append(contentsOf: track.quantities.dropLast())
    }
    return intervals.products.indices.map { product in
      guard isMeasured[product], !samples[product].isEmpty else { return nil }
      let sorted = samples[product].sorted()
      return ScaledDistribution(
        typicalQuantity: percentile(quantities[product].sorted(), 0.5), lowerQuartile: percentile(sorted, 0.25),
        median: percentile(sorted, 0.5), upperQuartile: percentile(sorted, 0.75), sampleSize: sorted.count,
        coefficientOfVariation: coefficientOfVariation(sorted))
    }
  }

  /// The intervals of every product with a distribution, at its typical quantity.
  ///
  /// ```swift
  /// let intervals = RepurchaseIntervals(log, asOf: today)
  /// let elasticity = QuantityElasticity(estimatingFrom: intervals)
  /// for product in elasticity.productIntervals(intervals) {
  ///   print(product.productID, product.typicalQuantity, product.median)
  /// }
  /// ```
  ///
  /// - Parameter intervals: The measured intervals.
  /// - Returns: By descending sample size, then product id.
  /// - Complexity: O(*s* log *s*), where *s* is the number of intervals.
  public func productIntervals(_ intervals: RepurchaseIntervals) -> [ProductIntervals] {
    productIntervals(intervals, scaledDistributions(intervals)).compactMap { $0 }.sortedBySampleSize()
  }

  /// The product intervals of precomputed scaled distributions, by product number.
  func productIntervals(_ intervals: RepurchaseIntervals, _ scaled: [ScaledDistribution?]) -> [ProductIntervals?] {
    scaled.enumerated().map { product, distribution in
      distribution.map { distribution in
        let typical = factor(forQuantity: distribution.typicalQuantity)
        return ProductIntervals(
          productID: intervals.products[product].id, name: intervals.products[product].name,
          typicalQuantity: distribution.typicalQuantity, sampleSize: distribution.sampleSize,
          lowerQuartile: distribution.lowerQuartile * typical, median: distribution.median * typical,
          upperQuartile: distribution.upperQuartile * typical)
      }
    }
  }
}
