import _RetentionSupport

/// P(alive) and expected purchases for every customer of a base, in columns.
///
/// ```swift
/// let scores = fit.model.scores(summaries, within: 52)
/// let atRisk = scores.customerIDs.indices.filter { scores.probabilityAlive[$0] < 0.3 }
/// ```
public struct CustomerScores: Sendable, Hashable, Codable {
  /// The customer ids, in the order of the summaries (empty when scored from bare columns).
  public var customerIDs: [String]
  /// The horizon of ``expectedPurchases``, in periods.
  public var horizon: Double
  /// P(alive) per customer, in `0...1`.
  public var probabilityAlive: [Double]
  /// E[Y(horizon) | x, t_x, T] per customer.
  public var expectedPurchases: [Double]

  /// The number of customers scored.
  public var count: Int { probabilityAlive.count }
}

extension RepeatPurchaseModel {
  /// Scores every customer of a base: P(alive) and the expected purchases in the next `t`
  /// periods, computed in parallel contiguous chunks (the result does not depend on the number
  /// of threads).
  ///
  /// - Parameters:
  ///   - summaries: The customer summaries, in the unit the model was fitted in.
  ///   - t: The horizon in periods, `t >= 0`.
  ///   - isParallel: Whether to use several threads; `true` by default.
  /// - Returns: One score per summary, in order.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func scores(_ summaries: CustomerSummaries, within t: Double, isParallel: Bool = true) -> CustomerScores {
    var result = scores(frequency: summaries.frequency, recency: summaries.recency, age: summaries.age, within: t, isParallel: isParallel)
    result.customerIDs = summaries.customerIDs
    return result
  }

  /// Scores customers given as columns of x, t_x and T.
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - recency: t_x per customer.
  ///   - age: T per customer.
  ///   - t: The horizon in periods, `t >= 0`.
  ///   - isParallel: Whether to use several threads; `true` by default.
  /// - Returns: One score per customer; ``CustomerScores/customerIDs`` is empty.
  /// - Precondition: The columns have equal lengths.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func scores(frequency: [Double], recency: [Double], age: [Double], within t: Double, isParallel: Bool = true) -> CustomerScores {
    precondition(frequency.count == recency.count && recency.count == age.count, "columns must have equal lengths")
    precondition(t >= 0, "the horizon must not be negative")
    let count = frequency.count
    var alive = [Double](repeating: 0, count: count)
    var expected = [Double](repeating: 0, count: count)
    alive.withUnsafeMutableBufferPointer { aliveBuffer in
      expected.withUnsafeMutableBufferPointer { expectedBuffer in
        let outputs = UnsafeSendable(value: (aliveBuffer, expectedBuffer))
        let factoring = self as? any AliveExpectationFactoring
        ParallelChunks.forEach(count: count, chunkSize: 16_384, isParallel: isParallel) { chunk, _ in
          if let factoring {
            // The alive part depends on (x, T) only, shared by many customers of real data.
            var cache = PairCache()
            var aliveCache = PairCache()
            for index in chunk {
              let (x, tx, T) = (frequency[index], recency[index], age[index])
              let alive = factoring.probabilityAlive(frequency: x, recency: tx, age: T, cache: &aliveCache)
              let expected = cache.value(x, T) { factoring.aliveExpectedPurchases(within: t, frequency: x, age: T) }
              outputs.value.0[index] = alive
              outputs.value.1[index] = alive * expected
            }
          } else {
            for index in chunk {
              let score = self.score(within: t, frequency: frequency[index], recency: recency[index], age: age[index])
              outputs.value.0[index] = score.probabilityAlive
              outputs.value.1[index] = score.expectedPurchases
            }
          }
        }
      }
    }
    return CustomerScores(customerIDs: [], horizon: t, probabilityAlive: alive, expectedPurchases: expected)
  }

  /// The probability that a first-time buyer who bought `T` periods ago and not since makes a
  /// second purchase within the next `h` periods: 1 - P(Y(h) = 0 | x = 0, t_x = 0, T).
  ///
  /// ```swift
  /// // A customer whose only order was 3 weeks ago, within the next 30 days:
  /// let p = model.probabilityOfSecondPurchase(within: 30.0 / 7, age: 3)
  /// ```
  ///
  /// - Parameters:
  ///   - h: The horizon in periods, `h >= 0`.
  ///   - age: T, the time since the first purchase, `T >= 0`.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfSecondPurchase(within h: Double, age: Double) -> Double {
    precondition(h >= 0 && age >= 0, "the horizon and the age must not be negative")
    return Swift.max(0, Swift.min(1, 1 - probabilityOfNoPurchase(within: h, frequency: 0, recency: 0, age: age)))
  }

  /// The expected number of repeat buyers among `customers` new customers: those who make at
  /// least one repeat purchase within `t` periods of their first, customers × (1 - P(X(t) = 0)).
  ///
  /// - Parameters:
  ///   - customers: The number of new customers.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of repeat buyers.
  public func expectedRepeatBuyers(among customers: Double, within t: Double) -> Double {
    customers * (1 - probabilityOfPurchases(0, within: t))
  }

  /// The expected number of customers of a base who buy at least once in the next `t`
  /// periods: Σ 1 - P(Y(t) = 0 | x, t_x, T).
  ///
  /// - Parameters:
  ///   - summaries: The customer summaries.
  ///   - t: The horizon in periods, `t >= 0`.
  /// - Returns: The expected number of buyers.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  public func expectedBuyers(_ summaries: CustomerSummaries, within t: Double) -> Double {
    var total = 0.0
    for index in summaries.indices {
      total += 1 - probabilityOfNoPurchase(within: t, frequency: summaries.frequency[index], recency: summaries.recency[index], age: summaries.age[index])
    }
    return total
  }
}
