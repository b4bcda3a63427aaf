import Foundation

/// Unique (x, t_x, T) triples with counts and the customers' sum of log inter-purchase times:
/// the data of the Erlang-k models (``MBGCNBDModel``, ``BGCNBDModel``).
///
/// With Erlang-k inter-purchase times the density of a customer's purchase times holds, beside
/// (x, t_x, T), the factor Π τ_j^(k−1) / ((k−1)!)^x over the customer's x inter-purchase times
/// τ_j (Platzer & Reutterer 2016). Its logarithm, (k−1) litt − x ln (k−1)! with
/// litt = Σ_j ln τ_j, does not depend on r, α, a or b: for a fixed k the triples alone give
/// the fit, and the sum of litt over all customers is what the comparison of k needs. So the
/// data stay compressed and mergeable: shards add their triples' counts and their litt sums.
///
/// litt is in the ``unit`` of the triples (BTYDplus's `elog2cbs` computes it from the purchase
/// days, in weeks by default); purchases of one day are one purchase, so every inter-purchase
/// time is at least one day.
///
/// ```swift
/// let summaries = log.summaries(SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd))
/// let data = try PurchaseTimingData(summaries: summaries, log: log)
/// let search = try MBGCNBDModel.fit(data)    // k chosen by likelihood
/// ```
public struct PurchaseTimingData: Sendable, Hashable, Codable {
  /// The compressed (x, t_x, T) triples.
  public private(set) var triples: FrequencyRecencyData
  /// Σ over customers of Σ_j ln τ_j, the logarithms of their inter-purchase times in ``unit``.
  public private(set) var logInterPurchaseTimeSum: Double

  /// The unit of t_x, T and the inter-purchase times.
  public var unit: TimeUnit { triples.unit }

  /// Σ count × x: the number of inter-purchase times behind ``logInterPurchaseTimeSum``.
  public var interPurchaseTimeCount: Double {
    zip(triples.frequency, triples.count).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Creates the data from compressed triples and the litt sum of the same customers.
  ///
  /// - Parameters:
  ///   - triples: The customers' (x, t_x, T) triples with counts.
  ///   - logInterPurchaseTimeSum: Σ litt over the same customers, in the triples' unit
  ///     (0 when nobody made a repeat purchase).
  /// - Precondition: The sum is finite.
  public init(triples: FrequencyRecencyData, logInterPurchaseTimeSum: Double) {
    precondition(logInterPurchaseTimeSum.isFinite, "the sum of log inter-purchase times must be finite")
    self.triples = triples
    self.logInterPurchaseTimeSum = logInterPurchaseTimeSum
  }

  /// Creates the data from one row per customer, as BTYDplus's `cbs` table (`x`, `t.x`,
  /// `T.cal`, `litt`).
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - recency: t_x per customer.
  ///   - age: T per customer.
  ///   - logInterPurchaseTimes: litt per customer (0 for x = 0).
  ///   - unit: The unit of the times.
  /// - Throws: ``RetentionModelError`` `.invalidData` for columns of different lengths or a
  ///   litt that is not finite, naming the row.
  /// - Complexity: O(*n* + *u* log *u*) for *n* customers and *u* unique triples.
  public init(
    frequency: [Double], recency: [Double], age: [Double], logInterPurchaseTimes: [Double], unit: TimeUnit
  ) throws {
    guard frequency.count == recency.count, recency.count == age.count, age.count == logInterPurchaseTimes.count
    else {
      throw RetentionModelError(
        .invalidData,
        reason:
          "columns of different lengths: x \(frequency.count), t_x \(recency.count), T \(age.count), litt \(logInterPurchaseTimes.count)"
      )
    }
    var sum = 0.0
    for (row, litt) in logInterPurchaseTimes.enumerated() {
      guard litt.isFinite else {
        throw RetentionModelError(.invalidData, row: row, reason: "the sum of log inter-purchase times is \(litt)")
      }
      sum += litt
    }
    self.init(
      triples: FrequencyRecencyData(frequency: frequency, recency: recency, age: age, unit: unit),
      logInterPurchaseTimeSum: sum)
  }

  /// Creates the data of summarised customers from the order log they were summarised from.
  ///
  /// - Parameters:
  ///   - summaries: The customers' summaries (``OrderLog/summaries(_:)``).
  ///   - log: The same order log.
  /// - Throws: ``RetentionModelError`` `.invalidData` when the log's purchase days of a
  ///   customer do not match the summary (summaries of another log).
  /// - Complexity: O(*m*) for *m* orders, plus the compression of the triples.
  public init(summaries: CustomerSummaries, log: OrderLog) throws {
    let litt = try log.logInterPurchaseTimes(of: summaries)
    self.init(triples: summaries.compressed(), logInterPurchaseTimeSum: litt.reduce(0, +))
  }

  /// The same data in another unit: t_x and T convert, and every ln τ_j shifts by
  /// −ln(new unit / old unit), so the litt sum shifts by that times ``interPurchaseTimeCount``.
  ///
  /// - Parameter unit: The unit to express the data in.
  /// - Returns: The converted data (the data themselves when the unit is theirs).
  /// - Complexity: O(*u*) for *u* unique triples.
  public func converted(to unit: TimeUnit) -> PurchaseTimingData {
    guard unit != self.unit else { return self }
    let shift = log(unit.days / self.unit.days)
    return PurchaseTimingData(
      triples: triples.converted(to: unit),
      logInterPurchaseTimeSum: logInterPurchaseTimeSum - shift * interPurchaseTimeCount)
  }

  /// Both data sets together: the triples' counts add up and so do the litt sums (the other's
  /// converted to this unit).
  ///
  /// - Parameter other: Data of other customers.
  /// - Returns: The merged data in this unit.
  /// - Complexity: O(*u* log *u*) for *u* unique triples.
  public func merging(_ other: PurchaseTimingData) -> PurchaseTimingData {
    let converted = other.converted(to: unit)
    return PurchaseTimingData(
      triples: triples.merging(converted.triples),
      logInterPurchaseTimeSum: logInterPurchaseTimeSum + converted.logInterPurchaseTimeSum)
  }
}

extension OrderLog {
  /// litt for every summarised customer: Σ_j ln τ_j over the times τ_j between consecutive
  /// purchase days up to the calibration end, in the summaries' unit (BTYDplus's `elog2cbs`).
  ///
  /// ```swift
  /// let summaries = log.summaries(options)
  /// let litt = try log.logInterPurchaseTimes(of: summaries)   // litt[i] belongs to summaries[i]
  /// ```
  ///
  /// - Parameter summaries: Summaries computed from this log.
  /// - Returns: One value per summary, in the summaries' order; 0 for a customer without repeat
  ///   purchases.
  /// - Throws: ``RetentionModelError`` `.invalidData` when a customer's purchase days here do
  ///   not give the summary's x (summaries of another log), naming the summary's row.
  /// - Complexity: O(*m*) for the *m* orders of the summarised customers.
  public func logInterPurchaseTimes(of summaries: CustomerSummaries) throws -> [Double] {
    let options = summaries.options
    let clock = options.clock
    let observationDay = clock.day(of: options.observationEnd)
    let calibrationDay = options.calibrationEnd.map { Swift.min(clock.day(of: $0), observationDay) } ?? observationDay
    let daysPerPeriod = options.unit.days
    var result: [Double] = []
    result.reserveCapacity(summaries.count)
    for index in 0..<summaries.count {
      let customer = Int(summaries.customerNumbers[index])
      guard customer >= 0, customer < customerCount else {
        throw RetentionModelError(
          .invalidData, row: index, reason: "customer \(summaries.customerIDs[index]) is not in this order log")
      }
      let days = PurchaseDays.days(of: customer, in: self, clock: clock, through: calibrationDay)
      guard Double(days.count - 1) == summaries.frequency[index] else {
        throw RetentionModelError(
          .invalidData, row: index,
          reason:
            "customer \(summaries.customerIDs[index]) has \(days.count) purchase days in this log but x = \(summaries.frequency[index]) in the summaries; summarise this log"
        )
      }
      var litt = 0.0
      for (previous, day) in zip(days, days.dropFirst()) { litt += log(Double(day - previous) / daysPerPeriod) }
      result.append(litt)
    }
    return result
  }
}
