public import Foundation

/// How to simulate a customer base: how many customers, when they arrive, how long they are
/// watched and on what time grid purchases are recorded.
///
/// ```swift
/// // 10,000 customers arriving over 12 weeks, calibration to week 39, holdout to week 78,
/// // purchases recorded per day (1/7 week) as a shop's order log would.
/// let design = SimulationDesign(customers: 10_000, acquisitionSpan: 12, calibrationEnd: 39,
///                               observationEnd: 78, resolution: 1.0 / 7)
/// ```
public struct SimulationDesign: Sendable, Hashable, Codable {
  /// The number of customers.
  public var customers: Int
  /// First purchases fall uniformly in `0..<acquisitionSpan` periods.
  public var acquisitionSpan: Double
  /// The end of the calibration period, in periods since the start.
  public var calibrationEnd: Double
  /// The end of the observation (calibration plus holdout), at least ``calibrationEnd``.
  public var observationEnd: Double
  /// The grid on which purchases are recorded (1/7 for days when the unit is weeks), or `nil`
  /// for exact times. On a grid, every time is rounded down to a multiple of the resolution and
  /// purchases in the same slot merge, as same-day orders do in real summaries.
  public var resolution: Double?

  /// Creates a design.
  ///
  /// - Parameters:
  ///   - customers: The number of customers, `>= 0`.
  ///   - acquisitionSpan: The span of first purchases in periods, `>= 0`.
  ///   - calibrationEnd: The end of calibration, `>= acquisitionSpan`.
  ///   - observationEnd: The end of observation, `>= calibrationEnd`; equal to it (the default)
  ///     for no holdout.
  ///   - resolution: The recording grid, or `nil` (the default) for exact times.
  public init(
    customers: Int, acquisitionSpan: Double, calibrationEnd: Double, observationEnd: Double? = nil,
    resolution: Double? = nil
  ) {
    precondition(customers >= 0 && acquisitionSpan >= 0 && calibrationEnd >= acquisitionSpan, "invalid simulation design")
    precondition((observationEnd ?? calibrationEnd) >= calibrationEnd, "the observation must not end before the calibration")
    precondition(resolution.map { $0 > 0 } ?? true, "the resolution must be positive")
    self.customers = customers
    self.acquisitionSpan = acquisitionSpan
    self.calibrationEnd = calibrationEnd
    self.observationEnd = observationEnd ?? calibrationEnd
    self.resolution = resolution
  }
}

/// A simulated customer base: every customer's purchase times and their (x, t_x, T) summary.
public struct SimulatedCustomerBase: Sendable, Hashable, Codable {
  /// The design the base was drawn with.
  public var design: SimulationDesign
  /// The first purchase time of each customer, in periods since the start.
  public var firstPurchaseTimes: [Double]
  /// x: repeat purchases in the calibration period.
  public var frequency: [Double]
  /// t_x: time of the last calibration purchase since the first.
  public var recency: [Double]
  /// T: time from the first purchase to the calibration end.
  public var age: [Double]
  /// Purchases in the holdout period (after the calibration end, up to the observation end).
  public var holdoutFrequency: [Double]
  /// `purchaseTimes[purchaseStarts[i]..<purchaseStarts[i+1]]` are customer i's purchase times.
  public var purchaseStarts: [Int]
  /// Every purchase time (first purchases included), in periods since the start, grouped by
  /// customer and increasing within a customer.
  public var purchaseTimes: [Double]

  /// The number of customers.
  public var count: Int { frequency.count }

  /// The calibration summaries as unique triples with counts.
  ///
  /// - Complexity: O(*n* + *u* log *u*), for *n* customers and *u* unique triples.
  public func compressed() -> FrequencyRecencyData {
    FrequencyRecencyData(frequency: frequency, recency: recency, age: age)
  }

  /// The base as customer summaries, with customer ids `c0`, `c1`, ... and the holdout.
  ///
  /// - Parameters:
  ///   - start: The calendar instant of time 0.
  ///   - unit: The time unit of the model the base was drawn from.
  ///   - orderValue: The value of every purchase (the models do not simulate spend).
  /// - Returns: Summaries whose x, t_x, T and holdout counts are this base's.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func customerSummaries(start: Date, unit: TimeUnit, orderValue: Double = 10) -> CustomerSummaries {
    let seconds = unit.days * 86_400
    let origin = start.timeIntervalSince1970
    let options = SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: origin + design.observationEnd * seconds),
      calibrationEnd: design.observationEnd > design.calibrationEnd ? Date(timeIntervalSince1970: origin + design.calibrationEnd * seconds) : nil,
      unit: unit)
    let n = count
    let ids = (0..<n).map { "c\($0)" }
    let orders = frequency.map { Int32($0 + 1) }
    let firsts = firstPurchaseTimes.map { origin + $0 * seconds }
    let lasts = (0..<n).map { origin + (firstPurchaseTimes[$0] + recency[$0]) * seconds }
    let hasHoldout = design.observationEnd > design.calibrationEnd
    return CustomerSummaries(
      options: options, customerIDs: ids, frequency: frequency, recency: recency, age: age,
      monetaryValue: frequency.map { $0 > 0 ? orderValue : 0 }, orderCounts: orders,
      revenue: frequency.map { ($0 + 1) * orderValue }, firstOrderTimes: firsts, lastOrderTimes: lasts,
      holdoutFrequency: hasHoldout ? holdoutFrequency : [],
      holdoutRevenue: hasHoldout ? holdoutFrequency.map { $0 * orderValue } : [],
      holdoutLength: design.observationEnd - design.calibrationEnd)
  }

  /// The base as orders, one per purchase, for code that starts from an order log.
  ///
  /// - Parameters:
  ///   - start: The calendar instant of time 0.
  ///   - unit: The time unit of the model the base was drawn from.
  ///   - orderValue: The total of every order.
  /// - Returns: Orders with ids `o0`, `o1`, ... and customers `c0`, `c1`, ..., oldest first per
  ///   customer.
  /// - Complexity: O(*p*), where *p* is the number of purchases.
  public func orders(start: Date, unit: TimeUnit, orderValue: Double = 10) -> [Order] {
    let seconds = unit.days * 86_400
    var result: [Order] = []
    result.reserveCapacity(purchaseTimes.count)
    for customer in 0..<count {
      let reference = CustomerReference(id: "c\(customer)")
      for index in purchaseStarts[customer]..<purchaseStarts[customer + 1] {
        result.append(
          Order(
            id: "o\(index)", customer: reference,
            placedAt: start.addingTimeInterval(purchaseTimes[index] * seconds), total: orderValue))
      }
    }
    return result
  }
}

extension RepeatPurchaseModel {
  /// Draws a customer base from the model: arrival times, purchase times and summaries.
  ///
  /// Customers are drawn one after another from the generator, so a seeded generator gives the
  /// same base on every run and platform.
  ///
  /// ```swift
  /// var generator = SystemRandomNumberGenerator()
  /// let base = model.simulateCustomerBase(design, using: &generator)
  /// let refit = try BGNBDModel.fit(base.compressed())
  /// ```
  ///
  /// - Parameters:
  ///   - design: How many customers, when, and on what grid.
  ///   - generator: The source of randomness.
  /// - Returns: The simulated base.
  /// - Complexity: O(*n* + *p*), for *n* customers and *p* purchases.
  public func simulateCustomerBase(_ design: SimulationDesign, using generator: inout some RandomNumberGenerator) -> SimulatedCustomerBase {
    let n = design.customers
    var firsts: [Double] = [], xs: [Double] = [], txs: [Double] = [], ts: [Double] = [], holdout: [Double] = []
    var starts: [Int] = [0], times: [Double] = []
    firsts.reserveCapacity(n)
    xs.reserveCapacity(n)
    txs.reserveCapacity(n)
    ts.reserveCapacity(n)
    holdout.reserveCapacity(n)
    starts.reserveCapacity(n + 1)
    func onGrid(_ time: Double) -> Double {
      guard let resolution = design.resolution else { return time }
      return (time / resolution + 1e-9).rounded(.down) * resolution
    }
    for _ in 0..<n {
      let first = onGrid(RandomVariates.uniform(using: &generator) * design.acquisitionSpan)
      let repeats = simulatePurchaseTimes(age: design.observationEnd - first, using: &generator)
      times.append(first)
      var last = first
      var calibrationRepeats = 0.0, holdoutPurchases = 0.0
      for offset in repeats {
        let time = onGrid(first + offset)
        guard time > times[times.count - 1], time <= design.observationEnd else { continue }
        times.append(time)
        if time <= design.calibrationEnd {
          calibrationRepeats += 1
          last = time
        } else {
          holdoutPurchases += 1
        }
      }
      starts.append(times.count)
      firsts.append(first)
      xs.append(calibrationRepeats)
      txs.append(last - first)
      ts.append(design.calibrationEnd - first)
      holdout.append(holdoutPurchases)
    }
    return SimulatedCustomerBase(
      design: design, firstPurchaseTimes: firsts, frequency: xs, recency: txs, age: ts,
      holdoutFrequency: holdout, purchaseStarts: starts, purchaseTimes: times)
  }
}
