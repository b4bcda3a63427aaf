extension ReplenishmentExclusions {
  /// A product that gets no replenishment reminder, and why.
  public struct ExcludedProduct: Sendable, Hashable, Codable {
    /// Which rule left a product out.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
      /// Not a product (postage, fees, gift cards), by id, id prefix or name.
      case notAProduct
      /// Its category is one of the durable ``ReplenishmentExclusions/categories``.
      case durableCategory
      /// Too few customers bought it on two or more days.
      case tooFewRepeatBuyers
      /// Its buyers buy it again no more often than others buy it at all.
      case lowRebuyLift
      /// Too few intervals to time a run-out.
      case tooFewIntervals
      /// Its intervals vary too much.
      case unstableInterval
    }

    /// The product id.
    public var productID: String
    /// The product's name.
    public var name: String?
    /// The rule that left it out (the first that applies, in the order of the cases).
    public var rule: Rule
    /// Why, in words: `name has "postage"`, `bought on two or more days by 1 customer(s); 2 needed`.
    public var reason: String
  }

  /// Every product of the measured log that gets no reminder, with the first rule that leaves
  /// it out (a product no identified customer bought is left out for too few repeat buyers).
  ///
  /// The stability rule judges the intervals a ``ReplenishmentPlan`` times run-outs with: each
  /// scaled to its product's typical quantity by the ``QuantityElasticity``, estimated on the
  /// products the other rules keep (or given). With an elasticity of 1 these are the per-unit
  /// intervals of ``RepurchaseIntervals/distributions``.
  ///
  /// ```swift
  /// let intervals = RepurchaseIntervals(log, asOf: today)
  /// for product in ReplenishmentExclusions.standard.excludedProducts(intervals) {
  ///   print(product.productID, product.rule, product.reason)
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - intervals: The intervals and rebuy evidence of the orders.
  ///   - quantityElasticity: The elasticity in `0...1`, or `nil` (the default) to estimate it.
  /// - Returns: The excluded products, by product id.
  /// - Complexity: O(*s* log *s* + *p* · (*r* + *w*)), where *s* is the number of intervals, *p*
  ///   the number of products, *r* the number of ids, prefixes and categories and *w* the words
  ///   of a name.
  public func excludedProducts(_ intervals: RepurchaseIntervals, quantityElasticity: Double? = nil) -> [ExcludedProduct]
  {
    exclusionsAndElasticity(intervals, quantityElasticity: quantityElasticity).excluded
  }

  /// The excluded products, the elasticity and the scaled distributions they were judged on.
  ///
  /// Every rule but the stability rule is judged once per product; the elasticity is estimated
  /// on the products those rules keep, and the stability rule, the last, then judges the kept
  /// products' intervals scaled by it.
  func exclusionsAndElasticity(
    _ intervals: RepurchaseIntervals, quantityElasticity: Double?
  ) -> (
    excluded: [ExcludedProduct], elasticity: QuantityElasticity, scaled: [QuantityElasticity.ScaledDistribution?]
  ) {
    let byOtherRules = intervals.products.indices.map { exclusion(ofProductNumber: $0, intervals) }
    let elasticity =
      quantityElasticity.map { QuantityElasticity(fixed: $0) }
      ?? QuantityElasticity(tracks: intervals.tracks, included: byOtherRules.map { $0 == nil })
    let scaled = elasticity.scaledDistributions(intervals)
    var excluded: [ExcludedProduct] = []
    for (number, product) in intervals.products.enumerated() {
      // A product kept by the other rules has a distribution, hence a scaled one.
      guard let (rule, reason) = byOtherRules[number] ?? scaled[number].flatMap({ instability(of: $0) }) else {
        continue
      }
      excluded.append(ExcludedProduct(productID: product.id, name: product.name, rule: rule, reason: reason))
    }
    return (excluded.sorted { $0.productID < $1.productID }, elasticity, scaled)
  }

  /// The stability rule on a product's scaled intervals: the exclusion when they vary too much.
  func instability(of distribution: QuantityElasticity.ScaledDistribution) -> (ExcludedProduct.Rule, String)? {
    let variation = distribution.coefficientOfVariation
    guard variation > maximumIntervalVariation else { return nil }
    return (
      .unstableInterval,
      "intervals vary too much: coefficient of variation \(formatted((variation * 100).rounded(.up) / 100)) above \(formatted((maximumIntervalVariation * 100).rounded() / 100))"
    )
  }

  /// The first rule but the stability rule that leaves out a product number, with its reason,
  /// or `nil` when they keep it (it then has a distribution).
  func exclusion(ofProductNumber number: Int, _ intervals: RepurchaseIntervals) -> (ExcludedProduct.Rule, String)? {
    let product = intervals.products[number]
    if let reason = reasonForExcluding(product) {
      let isCategory = reason.hasPrefix("category ")
      return (isCategory ? .durableCategory : .notAProduct, reason)
    }
    let evidence = intervals.rebuying[number]
    if evidence.repeatBuyers < minimumRepeatBuyers {
      return (
        .tooFewRepeatBuyers,
        "bought on two or more days by \(evidence.repeatBuyers) customer(s); \(minimumRepeatBuyers) needed"
      )
    }
    if minimumRebuyLift > 0, (evidence.lift ?? 0) < minimumRebuyLift,
      (evidence.maximumLift ?? .infinity) >= minimumRebuyLift
    {
      let lift = evidence.lift.map { formatted(($0 * 100).rounded(.down) / 100) } ?? "unknown"
      return (
        .lowRebuyLift,
        "rebuy lift \(lift) below \(formatted((minimumRebuyLift * 100).rounded() / 100)): its buyers buy it again no more often than others buy it"
      )
    }
    guard intervals.distributions[number] != nil else {
      return (
        .tooFewIntervals,
        "fewer than \(intervals.options.minimumSampleSize) repurchase intervals to time a run-out"
      )
    }
    return nil
  }
}
