import Foundation

/// How the quantity bought stretches the repurchase interval: interval ≈ *a* × (quantity / typical)^*b*.
///
/// A customer who buys 48 of a product instead of 12 is not away four times as long: a
/// wholesaler who buys more also sells more. The *elasticity* *b* says how the interval grows
/// with the quantity bought on the earlier purchase day: 1 is the per-unit model (twice the
/// quantity lasts twice as long; REFERENCES.md, "Replenishment"), 0 ignores the quantity.
///
/// It is estimated by ordinary least squares on logarithms, the constant-elasticity
/// (log-log) model of econometrics, whose slope is the elasticity (Wooldridge, *Introductory
/// Econometrics: A Modern Approach*, §2.4, "Incorporating Nonlinearities": the log-log model),
/// with one intercept per product (the within, or fixed-effects, estimator, ibid. §14.1): over
/// every interval of every customer-product pair with two or more purchase days, of the products
/// included, the log of the interval in days is regressed on the log of the quantity bought on
/// the day the interval starts, both centred on their product's mean:
///
///     b̂ = Σₚ Σᵢ (xᵢ − x̄ₚ)(yᵢ − ȳₚ) / Σₚ Σᵢ (xᵢ − x̄ₚ)²,  xᵢ = ln quantityᵢ, yᵢ = ln daysᵢ.
///
/// One pooled slope serves every product (a choice fixed up front, not made on any outcome;
/// per-product slopes shrunk toward it were not tried). It is clamped to
/// `0...1` (a larger quantity never shortens the interval nor lasts more than proportionally
/// longer); without any quantity variation there is nothing to estimate and *b* is 1, the
/// per-unit model. Purchase days, subscriptions and refunds are those of
/// ``RepurchaseIntervals``.
///
/// ```swift
/// let intervals = RepurchaseIntervals(log, asOf: today)
/// let elasticity = QuantityElasticity(estimatingFrom: intervals)
/// print(elasticity.elasticity)  // 0...1
/// print(elasticity.factor(forQuantity: 48) / elasticity.factor(forQuantity: 12))  // 4^b
/// ```
public struct QuantityElasticity: Sendable, Hashable, Codable {
  /// The elasticity *b* used (`0...1`).
  public var elasticity: Double
  /// The least-squares slope before clamping, or `nil` when *b* was given or there was no
  /// quantity variation to estimate it from.
  public var estimate: Double?
  /// Whether *b* was estimated from the orders (else it was given).
  public var isEstimated: Bool
  /// The intervals in the regression (`0` when *b* was given).
  public var sampleSize: Int
  /// The products whose intervals entered the regression (`0` when *b* was given).
  public var products: Int

  /// The intervals of one product at its typical quantity, in days.
  ///
  /// Each interval is scaled to the product's typical quantity, days × (typical / quantity)^*b*,
  /// with the quantity bought on the day the interval starts; the quartiles interpolate as
  /// ``RepurchaseIntervals`` does. With *b* = 1 they are the per-unit quartiles times the
  /// typical quantity; with *b* = 0, the plain intervals between purchase days.
  public struct ProductIntervals: Sendable, Hashable, Codable {
    /// The product id.
    public var productID: String
    /// The product's display name.
    public var name: String?
    /// The median quantity bought on the days its intervals start.
    public var typicalQuantity: Double
    /// The number of intervals.
    public var sampleSize: Int
    /// The 25th percentile, in days at the typical quantity.
    public var lowerQuartile: Double
    /// The 50th percentile, in days at the typical quantity.
    public var median: Double
    /// The 75th percentile, in days at the typical quantity.
    public var upperQuartile: Double
  }

  /// A given elasticity, not estimated.
  ///
  /// - Parameter elasticity: *b*, in `0...1` (1: the per-unit model; 0: the quantity is ignored).
  public init(fixed elasticity: Double) {
    precondition((0...1).contains(elasticity), "the quantity elasticity lies in 0...1")
    self.elasticity = elasticity
    estimate = nil
    isEstimated = false
    sampleSize = 0
    products = 0
  }

  /// Estimates the elasticity from the intervals of the products with a distribution.
  ///
  /// - Parameters:
  ///   - intervals: The measured intervals (the orders the estimate may use, and no others).
  ///   - excludedProductIDs: Products left out of the regression (those a plan does not remind of).
  /// - Complexity: O(*s* + *p*), where *s* is the number of intervals and *p* of products.
  public init(estimatingFrom intervals: RepurchaseIntervals, excluding excludedProductIDs: Set<String> = []) {
    let included = intervals.products.indices.map { number in
      intervals.distributions[number] != nil && !excludedProductIDs.contains(intervals.products[number].id)
    }
    self.init(tracks: intervals.tracks, included: included)
  }

  /// The within-product least-squares estimate over the tracks of the included product numbers.
  init(tracks: [RepurchaseIntervals.Track], included: [Bool]) {
    var logQuantities = [[Double]](repeating: [], count: included.count)
    var logDays = logQuantities
    for track in tracks where included[Int(track.product)] && track.days.count >= 2 {
      for index in 1..<track.days.count {
        logQuantities[Int(track.product)].append(Foundation.log(track.quantities[index - 1]))
        logDays[Int(track.product)].append(Foundation.log(Double(track.days[index] - track.days[index - 1])))
      }
    }
    var crossProducts = 0.0
    var squares = 0.0
    var sampleSize = 0
    var products = 0
    for product in included.indices where !logQuantities[product].isEmpty {
      let x = logQuantities[product], y = logDays[product]
      let meanX = x.reduce(0, +) / Double(x.count), meanY = y.reduce(0, +) / Double(y.count)
      for index in x.indices {
        crossProducts += (x[index] - meanX) * (y[index] - meanY)
        squares += (x[index] - meanX) * (x[index] - meanX)
      }
      sampleSize += x.count
      products += 1
    }
    // Quantities equal up to rounding carry no evidence of a slope.
    let estimate: Double? = squares > 1e-9 ? crossProducts / squares : nil
    elasticity = estimate.map { Swift.min(1, Swift.max(0, $0)) } ?? 1
    self.estimate = estimate
    isEstimated = true
    self.sampleSize = sampleSize
    self.products = products
  }

  /// How much longer than one unit a quantity lasts: quantity^*b*.
  ///
  /// The ratio of two factors is the ratio of their intervals: `factor(forQuantity: 48) /
  /// factor(forQuantity: 12)` is 4^*b*.
  ///
  /// - Parameter quantity: The quantity bought (greater than 0).
  /// - Returns: quantity^*b* (exactly the quantity when *b* = 1, 1 when *b* = 0).
  public func factor(forQuantity quantity: Double) -> Double {
    elasticity == 1 ? quantity : (elasticity == 0 ? 1 : Foundation.pow(quantity, elasticity))
  }

  /// A track's intervals in days per quantity^*b*: each interval over the factor of the
  /// quantity bought on its first day (days per unit when *b* = 1).
  func scaledIntervals(_ track: RepurchaseIntervals.Track) -> [Double] {
    guard track.days.count >= 2 else { return [] }
    return (1..<track.days.count).map {
      Double(track.days[$0] - track.days[$0 - 1]) / factor(forQuantity: track.quantities[$0 - 1])
    }
  }
}
