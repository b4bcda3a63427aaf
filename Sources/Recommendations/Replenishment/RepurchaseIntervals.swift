public import Foundation

/// How long a unit of each product lasts: the distribution of same-product repurchase intervals.
///
/// For every customer and product, purchases on the same calendar day (in the options' clock)
/// merge; the interval from one purchase day to the next purchase day of the same product, in
/// days, divided by the quantity bought on the earlier day, is one sample (days per unit).
/// Orders tagged as subscriptions are left out (their timing is the subscription's, not the
/// customer's), as are cancelled, voided and refunded orders. A product with fewer than
/// `minimumSampleSize` samples has no distribution. Percentiles interpolate linearly between
/// order statistics (Hyndman & Fan 1996, definition 7, the R and NumPy default).
///
/// ```swift
/// let intervals = RepurchaseIntervals(log, options: .init(minimumSampleSize: 5))
/// if let coffee = intervals.distribution(ofProduct: "BEANS-250") {
///   print(coffee.median)  // days one unit lasts
/// }
/// ```
public struct RepurchaseIntervals: Sendable {
  /// Options of the interval analysis and the reminders.
  public struct Options: Sendable, Hashable {
    /// Orders with this tag (compared case-insensitively) are subscription orders.
    public var subscriptionTag: String
    /// The fewest samples for a product distribution (at least 1; default 5).
    public var minimumSampleSize: Int
    /// The fewest own intervals before a customer's own median replaces the product's (default 2).
    public var minimumOwnIntervals: Int
    /// The calendar in which purchase days are counted.
    public var clock: DayClock

    /// Creates options.
    ///
    /// - Parameters:
    ///   - subscriptionTag: The tag of subscription orders (default `subscription`).
    ///   - minimumSampleSize: The fewest samples for a product distribution.
    ///   - minimumOwnIntervals: The fewest own intervals for a customer's own cadence.
    ///   - clock: The calendar of purchase days (UTC by default).
    public init(
      subscriptionTag: String = "subscription", minimumSampleSize: Int = 5, minimumOwnIntervals: Int = 2,
      clock: DayClock = DayClock()
    ) {
      precondition(minimumSampleSize >= 1 && minimumOwnIntervals >= 1, "sample sizes are at least 1")
      self.subscriptionTag = subscriptionTag
      self.minimumSampleSize = minimumSampleSize
      self.minimumOwnIntervals = minimumOwnIntervals
      self.clock = clock
    }
  }

  /// The repurchase interval distribution of one product, in days per unit.
  public struct Distribution: Sendable, Hashable, Codable {
    /// The product id.
    public var productID: String
    /// The product's display name.
    public var name: String?
    /// The number of intervals measured.
    public var sampleSize: Int
    /// The 25th percentile.
    public var lowerQuartile: Double
    /// The 50th percentile.
    public var median: Double
    /// The 75th percentile.
    public var upperQuartile: Double
    /// The coefficient of variation of the intervals.
    ///
    /// Their standard deviation (population, divisor *n*) over their mean, `0` when the mean is
    /// `0`. Small values mean a steady cadence.
    public var coefficientOfVariation: Double
  }

  /// How much a product's buyers buy it again (the evidence of ``ReplenishmentExclusions``).
  ///
  /// Counted on purchase days (same-day orders merge), subscription orders left out, like the
  /// intervals. The *rebuy lift* compares two rates: the share of a buyer's purchase days after
  /// their first purchase of the product that include it again, and the share of purchase days
  /// up to and including a customer's first purchase of it (all days of customers who never
  /// bought it) that include it. A product chosen at random on every visit has a lift near 1;
  /// a consumable that customers come back for has a lift well above 1.
  public struct Rebuying: Sendable, Hashable, Codable {
    /// The customers who bought the product.
    public var buyers: Int
    /// The customers who bought it on two or more days.
    public var repeatBuyers: Int
    /// The rebuy lift (see above), or `nil` when no buyer made a purchase after their first
    /// purchase of it.
    public var lift: Double?
    /// The largest lift the product could show.
    ///
    /// 1 over the share of first-purchase days that include it (`nil` when it is in none). A
    /// product in nearly every basket cannot show a lift much above 1, whatever its buyers do.
    public var maximumLift: Double?
  }

  /// One customer's purchase days of one product.
  struct Track: Sendable {
    var customer: Int32
    var product: Int32
    var days: [Int]
    var quantities: [Double]
    /// The customer's purchase days after the first day of this track.
    var laterDays: Int = 0
  }

  /// The options used.
  public let options: Options
  /// The distribution of each product with enough samples, by product number (`nil` otherwise).
  public let distributions: [Distribution?]
  /// How much each product is bought again, by product number (every product of the log).
  public let rebuying: [Rebuying]
  let tracks: [Track]
  let customerIDs: [String]
  let products: [OrderLog.Product]

  /// Measures the intervals of every product.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - asOf: Leave out orders placed after this instant, or `nil` for all.
  ///   - options: The options.
  /// - Complexity: O(*l* + *s* log *s*), where *l* is the number of lines and *s* the samples.
  public init(_ log: OrderLog, asOf: Date? = nil, options: Options = Options()) {
    self.options = options
    customerIDs = log.customerIDs
    products = log.products
    let limit = asOf?.timeIntervalSince1970 ?? .infinity
    let isSubscription: [Bool] = log.indices.map { order in
      log.tags(ofOrder: order).contains { $0.caseInsensitiveCompare(options.subscriptionTag) == .orderedSame }
    }
    var tracks: [Track] = []
    var slot = [Int32](repeating: -1, count: log.products.count)
    var touched: [Int32] = []
    var customerDays: [Int] = []
    var totalDays = 0
    for customer in 0..<log.customerCount {
      customerDays.removeAll(keepingCapacity: true)
      for orderIndex in log.orderIndices(ofCustomerNumber: customer) {
        let order = Int(orderIndex)
        guard log.orderIsPurchase[order], !isSubscription[order], log.orderTimes[order] <= limit else { continue }
        let day = options.clock.day(ofSeconds: log.orderTimes[order])
        if customerDays.last != day { customerDays.append(day) }
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1])
        where log.lineQuantities[line] > 0 {
          let product = log.lineProducts[line]
          var index = Int(slot[Int(product)])
          if index < 0 {
            index = tracks.count
            slot[Int(product)] = Int32(index)
            touched.append(product)
            tracks.append(Track(customer: Int32(customer), product: product, days: [], quantities: []))
          }
          if tracks[index].days.last == day {
            tracks[index].quantities[tracks[index].quantities.count - 1] += log.lineQuantities[line]
          } else {
            tracks[index].days.append(day)
            tracks[index].quantities.append(log.lineQuantities[line])
          }
        }
      }
      totalDays += customerDays.count
      for product in touched {
        let index = Int(slot[Int(product)])
        // Orders come in time order, so the customer's days are ascending.
        let first = customerDays.firstIndex(of: tracks[index].days[0]) ?? 0
        tracks[index].laterDays = customerDays.count - first - 1
        slot[Int(product)] = -1
      }
      touched.removeAll(keepingCapacity: true)
    }
    self.tracks = tracks
    rebuying = Self.rebuying(tracks, productCount: log.products.count, totalDays: totalDays)
    var samples = [[Double]](repeating: [], count: log.products.count)
    let perUnit = QuantityElasticity(fixed: 1)
    for track in tracks {
      samples[Int(track.product)].append(contentsOf: perUnit.scaledIntervals(track))
    }
    distributions = samples.enumerated().map { product, values in
      guard values.count >= options.minimumSampleSize else { return nil }
      let sorted = values.sorted()
      return Distribution(
        productID: log.products[product].id, name: log.products[product].name, sampleSize: sorted.count,
        lowerQuartile: percentile(sorted, 0.25), median: percentile(sorted, 0.5),
        upperQuartile: percentile(sorted, 0.75), coefficientOfVariation: coefficientOfVariation(sorted))
    }
  }

  /// The rebuy evidence of every product from the tracks.
  static func rebuying(_ tracks: [Track], productCount: Int, totalDays: Int) -> [Rebuying] {
    var buyers = [Int](repeating: 0, count: productCount)
    var repeatBuyers = buyers
    var repeatDays = buyers
    var laterDays = buyers
    for track in tracks {
      let product = Int(track.product)
      buyers[product] += 1
      if track.days.count >= 2 { repeatBuyers[product] += 1 }
      repeatDays[product] += track.days.count - 1
      laterDays[product] += track.laterDays
    }
    return (0..<productCount).map { product in
      let freshDays = totalDays - laterDays[product]
      let lift: Double? =
        laterDays[product] > 0 && buyers[product] > 0 && freshDays > 0
        ? (Double(repeatDays[product]) / Double(laterDays[product]))
          / (Double(buyers[product]) / Double(freshDays)) : nil
      let maximumLift: Double? =
        buyers[product] > 0 && freshDays > 0 ? Double(freshDays) / Double(buyers[product]) : nil
      return Rebuying(
        buyers: buyers[product], repeatBuyers: repeatBuyers[product], lift: lift, maximumLift: maximumLift)
    }
  }

  /// The distribution of a product id, if it has enough samples.
  ///
  /// - Complexity: O(*p*), where *p* is the number of products.
  public func distribution(ofProduct productID: String) -> Distribution? {
    guard let index = products.firstIndex(where: { $0.id == productID }) else { return nil }
    return distributions[index]
  }

  /// The products with a distribution, by descending sample size (ties: product id).
  public var measuredProducts: [Distribution] {
    distributions.compactMap { $0 }.sortedBySampleSize()
  }
}

/// The population standard deviation of values over their mean (`0` when the mean is `0`).
func coefficientOfVariation(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return 0 }
  let mean = values.reduce(0, +) / Double(values.count)
  guard mean > 0 else { return 0 }
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
  return variance.squareRoot() / mean
}

/// The `fraction` percentile of ascending values, interpolating between order statistics
/// (Hyndman & Fan definition 7): position (n − 1) · fraction.
package func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
  precondition(!sorted.isEmpty, "a percentile needs values")
  let position = Double(sorted.count - 1) * fraction
  let lower = Int(position.rounded(.down))
  let upper = Swift.min(lower + 1, sorted.count - 1)
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
}
