public import Foundation
import _RetentionSupport

/// Where and how to cut the order history for customer summaries.
///
/// The calendar day that contains ``observationEnd`` (in the ``clock``'s time zone) is the last
/// day observed; the day that contains ``calibrationEnd`` is the last day of the calibration
/// period, and the days after it up to the observation end form the holdout period.
public struct SummaryOptions: Sendable, Hashable {
  /// The last instant (its calendar day included) of the observation.
  public var observationEnd: Date
  /// The end of the calibration period (its day included), or `nil` for no holdout split.
  public var calibrationEnd: Date?
  /// The unit of x, t_x and T.
  public var unit: TimeUnit
  /// The calendar in which purchases on the same day merge.
  public var clock: DayClock

  /// Creates options.
  ///
  /// - Parameters:
  ///   - observationEnd: The last observed instant; its whole calendar day counts.
  ///   - calibrationEnd: The end of the calibration period, or `nil`.
  ///   - unit: The time unit; weeks by default, as in the BTYD literature.
  ///   - clock: The calendar; UTC by default.
  public init(
    observationEnd: Date, calibrationEnd: Date? = nil, unit: TimeUnit = .weeks,
    clock: DayClock = DayClock()
  ) {
    self.observationEnd = observationEnd
    self.calibrationEnd = calibrationEnd
    self.unit = unit
    self.clock = clock
  }
}

/// One customer's purchase history reduced to the statistics the models need.
///
/// The buy-till-you-die statistics follow Fader, Hardie & Lee (2005): purchases on the same
/// calendar day merge into one purchase; ``frequency`` (x) counts the *repeat* purchase days,
/// ``recency`` (t_x) is the time from the first to the last purchase day, ``age`` (T) the time
/// from the first purchase day to the end of the calibration (or observation) period, all in the
/// summaries' ``TimeUnit``; ``monetaryValue`` (z̄) is the mean value of the repeat purchase days
/// (zero when there are none). Every summary of the SDK is read through one definition of these
/// rules (`CustomerSummary+Definition.swift`, with its sources).
public struct CustomerSummary: Sendable, Hashable, Codable {
  /// The customer id.
  public var customerID: String
  /// x: the number of repeat purchase days in the calibration period.
  public var frequency: Double
  /// t_x: the time from the first to the last purchase day, in periods.
  public var recency: Double
  /// T: the time from the first purchase day to the end of the calibration period, in periods.
  public var age: Double
  /// z̄: the mean net value of the repeat purchase days, or zero without repeats.
  public var monetaryValue: Double
  /// The number of purchase orders (not days) in the calibration period.
  public var orders: Int
  /// The net revenue of those orders.
  public var revenue: Double
  /// The time of the first purchase.
  public var firstOrder: Date
  /// The time of the last purchase in the calibration period.
  public var lastOrder: Date
  /// The number of purchase days in the holdout period, or `nil` without a calibration end.
  public var holdoutFrequency: Double?
  /// The net revenue in the holdout period, or `nil` without a calibration end.
  public var holdoutRevenue: Double?

  /// Revenue per order.
  public var averageOrderValue: Double { orders > 0 ? revenue / Double(orders) : 0 }
}

/// The summaries of every customer who purchased by the end of the calibration period, stored
/// in columns.
///
/// ```swift
/// let options = SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks)
/// let summaries = log.summaries(options)
/// let triples = summaries.compressed()      // what the models fit on
/// print(summaries.repeatCustomerCount, triples.count)
/// ```
public struct CustomerSummaries: Sendable, RandomAccessCollection {
  /// The options the summaries were computed with.
  public let options: SummaryOptions
  /// Customer ids, in the log's customer-number order.
  public let customerIDs: [String]
  /// The log's customer number of each summary (for this package's modules; the public key is
  /// ``customerIDs``).
  package let customerNumbers: [Int32]
  /// x per customer.
  public let frequency: [Double]
  /// t_x per customer.
  public let recency: [Double]
  /// T per customer.
  public let age: [Double]
  /// z̄ per customer.
  public let monetaryValue: [Double]
  /// Purchase orders per customer in the calibration period.
  public let orderCounts: [Int32]
  /// Net revenue per customer in the calibration period.
  public let revenue: [Double]
  /// First purchase time per customer (seconds since 1970).
  public let firstOrderTimes: [Double]
  /// Last calibration purchase time per customer (seconds since 1970).
  public let lastOrderTimes: [Double]
  /// Holdout purchase days per customer, empty without a calibration end.
  public let holdoutFrequency: [Double]
  /// Holdout net revenue per customer, empty without a calibration end.
  public let holdoutRevenue: [Double]
  /// The length of the holdout period, in ``SummaryOptions/unit`` (zero without a calibration
  /// end).
  public let holdoutLength: TimeSpan

  /// Creates summaries from columns (all of the same length; the holdout columns empty or of
  /// the same length).
  ///
  /// Recency and age are in `options.unit`; the holdout length is converted to it.
  ///
  /// - Precondition: The columns have equal lengths.
  public init(
    options: SummaryOptions, customerIDs: [String], customerNumbers: [Int32]? = nil,
    frequency: [Double], recency: [Double], age: [Double], monetaryValue: [Double],
    orderCounts: [Int32], revenue: [Double], firstOrderTimes: [Double], lastOrderTimes: [Double],
    holdoutFrequency: [Double] = [], holdoutRevenue: [Double] = [], holdoutLength: TimeSpan = .days(0)
  ) {
    let n = customerIDs.count
    precondition(
      [frequency.count, recency.count, age.count, monetaryValue.count, orderCounts.count,
       revenue.count, firstOrderTimes.count, lastOrderTimes.count].allSatisfy { $0 == n },
      "summary columns must have equal lengths")
    precondition(holdoutFrequency.isEmpty || holdoutFrequency.count == n)
    precondition(holdoutRevenue.isEmpty || holdoutRevenue.count == n)
    self.options = options
    self.customerIDs = customerIDs
    self.customerNumbers = customerNumbers ?? (0..<n).map { Int32($0) }
    self.frequency = frequency
    self.recency = recency
    self.age = age
    self.monetaryValue = monetaryValue
    self.orderCounts = orderCounts
    self.revenue = revenue
    self.firstOrderTimes = firstOrderTimes
    self.lastOrderTimes = lastOrderTimes
    self.holdoutFrequency = holdoutFrequency
    self.holdoutRevenue = holdoutRevenue
    self.holdoutLength = holdoutLength.converted(to: options.unit)
  }

  /// The first position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { customerIDs.count }

  /// The summary of the customer at a position.
  public subscript(position: Int) -> CustomerSummary {
    CustomerSummary(
      customerID: customerIDs[position], frequency: frequency[position],
      recency: recency[position], age: age[position], monetaryValue: monetaryValue[position],
      orders: Int(orderCounts[position]), revenue: revenue[position],
      firstOrder: Date(timeIntervalSince1970: firstOrderTimes[position]),
      lastOrder: Date(timeIntervalSince1970: lastOrderTimes[position]),
      holdoutFrequency: holdoutFrequency.isEmpty ? nil : holdoutFrequency[position],
      holdoutRevenue: holdoutRevenue.isEmpty ? nil : holdoutRevenue[position])
  }

  /// Whether a holdout period was summarised.
  public var hasHoldout: Bool { options.calibrationEnd != nil }

  /// The number of customers with at least one repeat purchase day (x > 0).
  public var repeatCustomerCount: Int { frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
  /// The total number of repeat purchase days in the calibration period (Σx).
  public var repeatPurchaseCount: Double { frequency.reduce(0, +) }
  /// The total number of holdout purchase days.
  public var holdoutPurchaseCount: Double { holdoutFrequency.reduce(0, +) }
  /// The total net revenue in the calibration period.
  public var totalRevenue: Double { revenue.reduce(0, +) }

  /// The unique (x, t_x, T) triples with their counts, in ``SummaryOptions/unit``: the
  /// sufficient statistics of the buy-till-you-die models.
  ///
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func compressed() -> FrequencyRecencyData {
    FrequencyRecencyData(frequency: frequency, recency: recency, age: age, unit: options.unit)
  }
}

extension OrderLog {
  /// Summarises every customer with a purchase by the end of the calibration period (or of the
  /// observation when there is no calibration end).
  ///
  /// Only purchases count (cancelled, voided and fully refunded orders do not); purchases after
  /// the observation end are ignored; guest orders are not attributed.
  ///
  /// - Parameter options: Where to cut, and in which unit.
  /// - Returns: One summary per customer, in customer-number order.
  /// - Complexity: O(*n*), where *n* is the number of orders.
  public func summaries(_ options: SummaryOptions) -> CustomerSummaries {
    let cut = SummaryCut(options)
    let customerCount = customerIDs.count
    // Two halves of the customers in parallel for large logs (each half's columns in customer
    // order, so the result is the same as one pass).
    let parts = ParallelWork.halves(customerCount, minimum: 8_192)
    let log = self
    let columns = ParallelWork.map(parts.count) { part in log.summaryColumns(of: parts[part], cut, options) }
    var merged = columns[0]
    for part in columns.dropFirst() { merged.append(part) }
    return CustomerSummaries(
      options: options, customerIDs: merged.ids, customerNumbers: merged.numbers, frequency: merged.xs,
      recency: merged.txs, age: merged.ts, monetaryValue: merged.zbars, orderCounts: merged.counts,
      revenue: merged.revenues, firstOrderTimes: merged.firsts, lastOrderTimes: merged.lasts,
      holdoutFrequency: merged.holdoutXs, holdoutRevenue: merged.holdoutRevenues,
      holdoutLength: TimeSpan(Double(cut.observationDay - cut.calibrationDay) / options.unit.days, unit: options.unit))
  }

  /// The summaries of a range of customers, each read through ``CustomerSummary/Definition``.
  ///
  /// The orders of consecutive customers are gathered in batches into small buffers first: the
  /// gather loop has no data-dependent branches, so the processor overlaps its cache misses
  /// (the order columns are in time order, the customers' orders scattered over them).
  private func summaryColumns(of customers: Range<Int>, _ cut: SummaryCut, _ options: SummaryOptions) -> SummaryColumnParts {
    var columns = SummaryColumnParts(capacity: customers.count, cut, options)
    let batchLimit = 4_096
    var times = GatherBuffer<Double>(), amounts = GatherBuffer<Double>(), isPurchase = GatherBuffer<Bool>()
    var batchStart = customers.lowerBound
    while batchStart < customers.upperBound {
      // Consecutive customers with at most `batchLimit` orders in all (or one with more).
      let firstPosition = Int(customerOrderStarts[batchStart])
      var batchEnd = batchStart + 1
      while batchEnd < customers.upperBound, Int(customerOrderStarts[batchEnd + 1]) - firstPosition <= batchLimit {
        batchEnd += 1
      }
      let positions = customerOrderIndices[firstPosition..<Int(customerOrderStarts[batchEnd])]
      times.gather(orderTimes, at: positions)
      amounts.gather(orderNetAmounts, at: positions)
      isPurchase.gather(orderIsPurchase, at: positions)
      for customer in batchStart..<batchEnd {
        var summary = CustomerSummary.Definition()
        for offset in (Int(customerOrderStarts[customer]) - firstPosition)..<(Int(customerOrderStarts[customer + 1]) - firstPosition)
        where isPurchase[offset] {
          guard summary.read(purchaseAt: times[offset], amount: amounts[offset], cut: cut) else { break }
        }
        if summary.hasSummary { columns.append(summary, customer: customer, id: customerIDs[customer]) }
      }
      batchStart = batchEnd
    }
    return columns
  }
}

/// The summary columns of a range of customers.
private struct SummaryColumnParts: Sendable {
  var ids: [String] = []
  var numbers: [Int32] = []
  var xs: [Double] = [], txs: [Double] = [], ts: [Double] = [], zbars: [Double] = []
  var counts: [Int32] = [], revenues: [Double] = [], firsts: [Double] = [], lasts: [Double] = []
  var holdoutXs: [Double] = [], holdoutRevenues: [Double] = []
  /// The calibration end day, the days of the unit and whether there is a holdout period.
  let calibrationDay: Int, daysPerPeriod: Double, hasHoldout: Bool

  init(capacity: Int, _ cut: SummaryCut, _ options: SummaryOptions) {
    calibrationDay = cut.calibrationDay
    daysPerPeriod = options.unit.days
    hasHoldout = options.calibrationEnd != nil
    ids.reserveCapacity(capacity)
    numbers.reserveCapacity(capacity)
    counts.reserveCapacity(capacity)
    xs.reserveCapacity(capacity)
    txs.reserveCapacity(capacity)
    ts.reserveCapacity(capacity)
    zbars.reserveCapacity(capacity)
    revenues.reserveCapacity(capacity)
    firsts.reserveCapacity(capacity)
    lasts.reserveCapacity(capacity)
    if hasHoldout {
      holdoutXs.reserveCapacity(capacity)
      holdoutRevenues.reserveCapacity(capacity)
    }
  }

  @inline(__always)
  mutating func append(_ summary: CustomerSummary.Definition, customer: Int, id: String) {
    ids.append(id)
    numbers.append(Int32(customer))
    xs.append(summary.frequency)
    txs.append(summary.recency(daysPerPeriod: daysPerPeriod))
    ts.append(summary.age(calibrationDay: calibrationDay, daysPerPeriod: daysPerPeriod))
    zbars.append(summary.monetaryValue)
    counts.append(Int32(summary.orders))
    revenues.append(summary.revenue)
    firsts.append(summary.firstTime)
    lasts.append(summary.lastTime)
    if hasHoldout {
      holdoutXs.append(Double(summary.holdoutDays))
      holdoutRevenues.append(summary.holdoutRevenue)
    }
  }

  mutating func append(_ other: SummaryColumnParts) {
    ids += other.ids
    numbers += other.numbers
    xs += other.xs
    txs += other.txs
    ts += other.ts
    zbars += other.zbars
    counts += other.counts
    revenues += other.revenues
    firsts += other.firsts
    lasts += other.lasts
    holdoutXs += other.holdoutXs
    holdoutRevenues += other.holdoutRevenues
  }
}
