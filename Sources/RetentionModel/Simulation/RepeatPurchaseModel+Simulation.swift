public import Foundation

/// How to simulate a customer base: how many customers, when they arrive, how long they are
/// watched and on what time grid purchases are recorded.
///
/// ```swift
/// // 10,000 customers arriving over 12 weeks, calibration to week 39, holdout to week 78,
/// // purchases recorded per day as a shop's order log would.
/// let design = SimulationDesign(customers: 10_000, acquisitionSpan: .weeks(12), calibrationEnd: .weeks(39),
///                               observationEnd: .weeks(78), resolution: .days(1))
/// ```
///
/// The spans may be in any unit; a model converts them to its own unit when it draws the base.
public struct SimulationDesign: Sendable, Hashable, Codable {
  /// The number of customers.
  public var customers: Int
  /// First purchases fall uniformly in `0..<acquisitionSpan` after the start.
  public var acquisitionSpan: TimeSpan
  /// The end of the calibration period, after the start.
  public var calibrationEnd: TimeSpan
  /// The end of the observation (calibration plus holdout) after the start, at least
  /// ``calibrationEnd``.
  public var observationEnd: TimeSpan
  /// The grid on which purchases are recorded (`.days(1)` as in an order log), or `nil` for
  /// exact times. On a grid, every time is rounded down to a multiple of the resolution and
  /// purchases in the same slot merge, as same-day orders do in real summaries.
  public var resolution: TimeSpan?

  /// Creates a design.
  ///
  /// - Parameters:
  ///   - customers: The number of customers, `>= 0`.
  ///   - acquisitionSpan: The span of first purchases.
  ///   - calibrationEnd: The end of calibration, at least `acquisitionSpan`.
  ///   - observationEnd: The end of observation, at least `calibrationEnd`; equal to it (the
  ///     default) for no holdout.
  ///   - resolution: The recording grid, positive, or `nil` (the default) for exact times.
  public init(
    customers: Int, acquisitionSpan: TimeSpan, calibrationEnd: TimeSpan, observationEnd: TimeSpan? = nil,
    resolution: TimeSpan? = nil
  ) {
    precondition(customers >= 0 && calibrationEnd.days >= acquisitionSpan.days, "invalid simulation design")
    precondition(
      (observationEnd ?? calibrationEnd).days >= calibrationEnd.days,
      "the observation must not end before the calibration")
    precondition(resolution.map { $0.value > 0 } ?? true, "the resolution must be positive")
    self.customers = customers
    self.acquisitionSpan = acquisitionSpan
    self.calibrationEnd = calibrationEnd
    self.observationEnd = observationEnd ?? calibrationEnd
    self.resolution = resolution
  }
}

/// A simulated customer base: every customer's purchase times and their (x, t_x, T) summary.
///
/// Times are in periods of ``unit``, the unit of the model the base was drawn from.
public struct SimulatedCustomerBase: Sendable, Hashable, Codable {
  /// The design the base was drawn with.
  public var design: SimulationDesign
  /// The unit of every time of the base: the drawing model's unit.
  public var unit: TimeUnit
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
    FrequencyRecencyData(frequency: frequency, recency: recency, age: age, unit: unit)
  }

  /// The base as customer summaries in the base's ``unit``, with customer ids `c0`, `c1`, ...
  /// and the holdout.
  ///
  /// - Parameters:
  ///   - start: The calendar instant of time 0.
  ///   - orderValue: The value of every purchase (the models do not simulate spend).
  /// - Returns: Summaries whose x, t_x, T and holdout counts are this base's.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func customerSummaries(start: Date, orderValue: Double = 10) -> CustomerSummaries {
    let seconds = unit.days * 86_400
    let origin = start.timeIntervalSince1970
    let observationEnd = design.observationEnd.periods(in: unit),
      calibrationEnd = design.calibrationEnd.periods(in: unit)
    let options = SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: origin + observationEnd * seconds),
      calibrationEnd: observationEnd > calibrationEnd
        ? Date(timeIntervalSince1970: origin + calibrationEnd * seconds) : nil,
      unit: unit)
    let n = count
    let ids = (0..<n).map { "c\($0)" }
    let orders = frequency.map { Int32($0 + 1) }
    let firsts = firstPurchaseTimes.map { origin + $0 * seconds }
    let lasts = (0..<n).map { origin + (firstPurchaseTimes[$0] + recency[$0]) * seconds }
    let hasHoldout = observationEnd > calibrationEnd
    return CustomerSummaries(
      options: options, customerIDs: ids, frequency: frequency, recency: recency, age: age,
      monetaryValue: frequency.map { $0 > 0 ? orderValue : 0 }, orderCounts: orders,
      revenue: frequency.map { ($0 + 1) * orderValue }, firstOrderTimes: firsts, lastOrderTimes: lasts,
      holdoutFrequency: hasHoldout ? holdoutFrequency : [],
      holdoutRevenue: hasHoldout ? holdoutFrequency.map { $0 * orderValue } : [],
      holdoutLength: TimeSpan(observationEnd - calibrationEnd, unit: unit))
  }

  /// The base as orders, one per purchase, for code that starts from an order log.
  ///
  /// - Parameters:
  ///   - start: The calendar instant of time 0.
  ///   - orderValue: The total of every order.
  /// - Returns: Orders with ids `o0`, `o1`, ... and customers `c0`, `c1`, ..., oldest first per
  ///   customer.
  /// - Complexity: O(*p*), where *p* is the number of purchases.
  public func orders(start: Date, orderValue: Double = 10) -> [Order] {
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
  /// same base on every run and platform. The design's spans are converted to the model's
  /// ``unit`` once; the base's times are in that unit.
  ///
  /// ```swift
  /// var generator = SystemRandomNumberGenerator()
  /// let base = model.simulateCustomerBase(design, using: &generator)
  /// let refit = try BGNBDModel.fit(base.compressed())   // in the model's unit
  /// ```
  ///
  /// - Parameters:
  ///   - design: How many customers, when, and on what grid.
  ///   - generator: The source of randomness.
  /// - Returns: The simulated base.
  /// - Complexity: O(*n* + *p*), for *n* customers and *p* purchases.
  public func simulateCustomerBase(_ design: SimulationDesign, using generator: inout some RandomNumberGenerator) -> SimulatedCustomerBase {
    let n = design.customers
    let acquisitionSpan = design.acquisitionSpan.periods(in: unit)
    let calibrationEnd = design.calibrationEnd.periods(in: unit)
    let observationEnd = design.observationEnd.periods(in: unit)
    let resolution = design.resolution?.periods(in: unit)
    var firsts: [Double] = [], xs: [Double] = [], txs: [Double] = [], ts: [Double] = [], holdout: [Double] = []
    var starts: [Int] = [0], times: [Double] = []
    firsts.reserveCapacity(n)
    xs.reserveCapacity(n)
    txs.reserveCapacity(n)
    ts.reserveCapacity(n)
    holdout.reserveCapacity(n)
    starts.reserveCapacity(n + 1)
    func onGrid(_ time: Double) -> Double {
      guard let resolution else { return time }
      return (time / resolution + 1e-9).rounded(.down) * resolution
    }
    for _ in 0..<n {
      let first = onGrid(RandomVariates.uniform(using: &generator) * acquisitionSpan)
      let repeats = simulatePurchaseTimes(age: observationEnd - first, using: &generator)
      times.append(first)
      var last = first
      var calibrationRepeats = 0.0, holdoutPurchases = 0.0
      for offset in repeats {
        let time = onGrid(first + offset)
        guard time > times[times.count - 1], time <= observationEnd else { continue }
        times.append(time)
        if time <= calibrationEnd {
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
      ts.append(calibrationEnd - first)
      holdout.append(holdoutPurchases)
    }
    return SimulatedCustomerBase(
      design: design, unit: unit, firstPurchaseTimes: firsts, frequency: xs, recency: txs, age: ts,
      holdoutFrequency: holdout, purchaseStarts: starts, purchaseTimes: times)
  }
}
