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
  func exclusionsAndElasticity(
    _ intervals: RepurchaseIntervals, quantityElasticity: Double?
  ) -> (
    excluded: [ExcludedProduct], elasticity: QuantityElasticity, scaled: [QuantityElasticity.ScaledDistribution?]
  ) {
    let elasticity: QuantityElasticity
    if let quantityElasticity {
      elasticity = QuantityElasticity(fixed: quantityElasticity)
    } else {
      let rebought = excludedProducts(intervals, intervalVariations: nil, checksVariation: false)
      elasticity = QuantityElasticity(estimatingFrom: intervals, excluding: Set(rebought.map(\.productID)))
    }
    let scaled = elasticity.scaledDistributions(intervals)
    let excluded = excludedProducts(intervals, intervalVariations: scaled.map { $0?.coefficientOfVariation })
    return (excluded, elasticity, scaled)
  }

  /// The excluded products, with the stability rule on the given coefficients of variation by
  /// product number (those of the intervals scaled by a ``QuantityElasticity``; `nil`: the
  /// per-unit distributions'), or without it when `checksVariation` is false.
  func excludedProducts(
    _ intervals: RepurchaseIntervals, intervalVariations: [Double?]?, checksVariation: Bool = true
  ) -> [ExcludedProduct] {
    var excluded: [ExcludedProduct] = []
    for (number, product) in intervals.products.enumerated() {
      let variation = checksVariation ? intervalVariations.map { $0[number] } ?? nil : nil
      if let (rule, reason) = exclusion(
        ofProductNumber: number, intervals, intervalVariation: variation, checksVariation: checksVariation)
      {
        excluded.append(ExcludedProduct(productID: product.id, name: product.name, rule: rule, reason: reason))
      }
    }
    return excluded.sorted { $0.productID < $1.productID }
  }

  /// The first rule that leaves out a product number, with its reason, or `nil` when it is kept.
  func exclusion(
    ofProductNumber number: Int, _ intervals: RepurchaseIntervals, intervalVariation: Double? = nil,
    checksVariation: Bool = true
  ) -> (ExcludedProduct.Rule, String)? {
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
    guard let distribution = intervals.distributions[number] else {
      return (
        .tooFewIntervals,
        "fewer than \(intervals.options.minimumSampleSize) repurchase intervals to time a run-out"
      )
    }
    let variation = intervalVariation ?? distribution.coefficientOfVariation
    if checksVariation, variation > maximumIntervalVariation {
      return (
        .unstableInterval,
        "intervals vary too much: coefficient of variation \(formatted((variation * 100).rounded(.up) / 100)) above \(formatted((maximumIntervalVariation * 100).rounded() / 100))"
      )
    }
    return nil
  }
}
