import _RetentionSupport

/// P(alive) and expected purchases for every customer of a base, in columns.
///
/// ```swift
/// let scores = fit.model.scores(summaries, within: .weeks(52))
/// let atRisk = scores.customerIDs.indices.filter { scores.probabilityAlive[$0] < 0.3 }
/// ```
public struct CustomerScores: Sendable, Hashable, Codable {
  /// The customer ids, in the order of the summaries (empty when scored from bare columns).
  public var customerIDs: [String]
  /// The horizon of ``expectedPurchases``, as it was asked for.
  public var horizon: TimeSpan
  /// P(alive) per customer, in `0...1`.
  public var probabilityAlive: [Double]
  /// E[Y(horizon) | x, t_x, T] per customer.
  public var expectedPurchases: [Double]

  /// The number of customers scored.
  public var count: Int { probabilityAlive.count }
}

extension RepeatPurchaseModel {
  /// Scores every customer of a base: P(alive) and the expected purchases within a horizon,
  /// computed in parallel contiguous chunks (the result does not depend on the number of
  /// threads).
  ///
  /// ```swift
  /// let scores = model.scores(summaries, within: .days(90))
  /// ```
  ///
  /// The horizon is converted to the model's ``unit`` once; summaries in another unit are
  /// converted once (``CustomerSummaries/converted(to:)``) before scoring.
  ///
  /// - Parameters:
  ///   - summaries: The customer summaries, in any unit.
  ///   - horizon: The horizon, in any unit.
  ///   - isParallel: Whether to use several threads; `true` by default.
  /// - Returns: One score per summary, in order.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func scores(_ summaries: CustomerSummaries, within horizon: TimeSpan, isParallel: Bool = true)
    -> CustomerScores
  {
    let summaries = summaries.converted(to: unit)
    var result = scores(
      frequency: summaries.frequency, recency: summaries.recency, age: summaries.age, unit: unit, within: horizon,
      isParallel: isParallel)
    result.customerIDs = summaries.customerIDs
    return result
  }

  /// Scores customers given as columns of x, t_x and T.
  ///
  /// ```swift
  /// let scores = model.scores(frequency: base.frequency, recency: base.recency, age: base.age,
  ///                           unit: base.unit, within: .weeks(52))
  /// ```
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - recency: t_x per customer, in `unit`.
  ///   - age: T per customer, in `unit`.
  ///   - unit: The unit of `recency` and `age`; converted to the model's ``unit`` when it
  ///     differs.
  ///   - horizon: The horizon, in any unit.
  ///   - isParallel: Whether to use several threads; `true` by default.
  /// - Returns: One score per customer; ``CustomerScores/customerIDs`` is empty.
  /// - Precondition: The columns have equal lengths.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func scores(
    frequency: [Double], recency: [Double], age: [Double], unit: TimeUnit, within horizon: TimeSpan,
    isParallel: Bool = true
  ) -> CustomerScores {
    precondition(frequency.count == recency.count && recency.count == age.count, "columns must have equal lengths")
    guard unit == self.unit else {
      return scores(
        frequency: frequency, recency: recency.map { unit.converting($0, to: self.unit) },
        age: age.map { unit.converting($0, to: self.unit) }, unit: self.unit, within: horizon, isParallel: isParallel)
    }
    let t = horizon.periods(in: self.unit)
    let factoring = self as? any AliveFactoring
    // The Pareto/NBD's P(alive) needs its tail integral at (x, t_x) and (x, T), which many
    // customers share too.
    let paretoNBD = self as? ParetoNBDModel
    // Chunks of at most 16,384 customers, and two of equal size below 32,768, so that two
    // threads share the work evenly (each customer's score is the same in any chunk).
    let chunks = ParallelWork.chunks(
      of: frequency.count, size: Swift.min(16_384, Swift.max(2_048, (frequency.count + 1) / 2)))
    let (alive, expected) = ParallelWork.build(chunks, isParallel: isParallel) {
      (chunk, alive: inout PartOutput<Double>, expected: inout PartOutput<Double>) in
      if let factoring {
        // E[Y(t) | alive] depends on (x, T) only, shared by many customers of real data.
        var cache = PairCache()
        var integrals = PairCache()
        for index in chunk {
          let (x, tx, T) = (frequency[index], recency[index], age[index])
          let probabilityAlive =
            paretoNBD?.probabilityAlive(frequency: x, recency: tx, age: T, cache: &integrals)
            ?? factoring.probabilityAlive(frequency: x, recency: tx, age: T)
          let expectedIfAlive = cache.value(x, T) {
            factoring.expectedPurchasesIfAlive(withinPeriods: t, frequency: x, age: T)
          }
          alive.append(probabilityAlive)
          expected.append(probabilityAlive * expectedIfAlive)
        }
      } else {
        for index in chunk {
          let score = self.score(
            withinPeriods: t, frequency: frequency[index], recency: recency[index], age: age[index])
          alive.append(score.probabilityAlive)
          expected.append(score.expectedPurchases)
        }
      }
    }
    return CustomerScores(customerIDs: [], horizon: horizon, probabilityAlive: alive, expectedPurchases: expected)
  }

  /// The probability that a first-time buyer who bought `age` ago and not since makes a second
  /// purchase within the horizon: 1 - P(Y(h) = 0 | x = 0, t_x = 0, T).
  ///
  /// ```swift
  /// // A customer whose only order was 3 weeks ago, within the next 30 days:
  /// let p = model.probabilityOfSecondPurchase(within: .days(30), age: .weeks(3))
  /// ```
  ///
  /// - Parameters:
  ///   - horizon: The horizon, in any unit.
  ///   - age: T, the time since the first purchase, in any unit.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfSecondPurchase(within horizon: TimeSpan, age: TimeSpan) -> Double {
    let h = horizon.periods(in: unit)
    return Swift.max(
      0,
      Swift.min(1, 1 - probabilityOfNoPurchase(withinPeriods: h, frequency: 0, recency: 0, age: age.periods(in: unit))))
  }

  /// The expected number of repeat buyers among `customers` new customers: those who make at
  /// least one repeat purchase within the horizon of their first, customers × (1 - P(X(t) = 0)).
  ///
  /// - Parameters:
  ///   - customers: The number of new customers.
  ///   - horizon: The horizon, in any unit.
  /// - Returns: The expected number of repeat buyers.
  public func expectedRepeatBuyers(among customers: Double, within horizon: TimeSpan) -> Double {
    customers * (1 - probabilityOfPurchases(0, withinPeriods: horizon.periods(in: unit)))
  }

  /// The expected number of customers of a base who buy at least once within the horizon:
  /// Σ 1 - P(Y(t) = 0 | x, t_x, T).
  ///
  /// - Parameters:
  ///   - summaries: The customer summaries, in any unit (converted to the model's once).
  ///   - horizon: The horizon, in any unit.
  /// - Returns: The expected number of buyers.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func expectedBuyers(_ summaries: CustomerSummaries, within horizon: TimeSpan) -> Double {
    let summaries = summaries.converted(to: unit)
    let t = horizon.periods(in: unit)
    var total = 0.0
    for index in summaries.indices {
      total +=
        1
        - probabilityOfNoPurchase(
          withinPeriods: t, frequency: summaries.frequency[index], recency: summaries.recency[index],
          age: summaries.age[index])
    }
    return total
  }
}
