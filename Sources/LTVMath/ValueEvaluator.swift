import RetentionModel

/// Evaluates the purchase and spend models (the estimate first, then the bootstrap draws) on a
/// chunk of distinct triples, for ``LifetimeValue/scores(_:purchases:spend:within:margin:discount:bootstrap:isParallel:)``.
struct ValueEvaluator<Model: RepeatPurchaseModel>: Sendable {
  /// The scores of one chunk, one entry per customer of its triples.
  struct Part: Sendable {
    var customers: [Int] = []
    var alive: [Double] = []
    var expected: [Double] = []
    var probabilityOfPurchase: [Double] = []
    var spend: [Double] = []
    var value: [Double] = []
    var low: [Double] = []
    var high: [Double] = []
  }

  /// The estimate, then the draws.
  var models: [Model]
  /// The spend estimate, then its draws (as many as `models`), or empty without a spend model.
  var spendModels: [GammaGammaModel]
  var steps: ValueSteps
  var margin: Double
  /// The interval's level.
  var level: Double

  /// Scores the customers of the triples `triples` of `table`.
  func evaluate(_ table: TripleTable, triples: Range<Int>, summaries: CustomerSummaries) -> Part {
    let draws = models.count
    let factoring = models.map { $0 as? any AliveFactoring }
    let factors = factoring.allSatisfy { $0 != nil } ? factoring.compactMap { $0 } : nil
    var part = Part()
    // The alive curves (value at the horizon, discounted sum) of the current (x, T), per model.
    var pair: SIMD2<Double>?
    var curveEnd = [Double](repeating: 0, count: draws), curveSum = curveEnd
    var discounted = curveEnd
    var values = [Double](repeating: 0, count: Swift.max(0, draws - 1))
    for triple in triples {
      let (x, tx, t) = (table.frequency[triple], table.recency[triple], table.age[triple])
      var alive = 1.0, expected = 0.0
      if let factors {
        if pair != SIMD2(x, t) {
          pair = SIMD2(x, t)
          for b in 0..<draws {
            (curveEnd[b], curveSum[b]) = discountedCurve { factors[b].expectedPurchasesIfAlive(withinPeriods: $0, frequency: x, age: t) }
          }
        }
        for b in 0..<draws {
          let probability = factors[b].probabilityAlive(frequency: x, recency: tx, age: t)
          discounted[b] = probability * curveSum[b]
          if b == 0 { (alive, expected) = (probability, probability * curveEnd[0]) }
        }
      } else {
        for b in 0..<draws {
          let (end, sum) = discountedCurve {
            models[b].conditionalExpectedPurchases(withinPeriods: $0, frequency: x, recency: tx, age: t)
          }
          discounted[b] = sum
          if b == 0 { (alive, expected) = (models[0].probabilityAlive(frequency: x, recency: tx, age: t), end) }
        }
      }
      let none = models[0].probabilityOfNoPurchase(withinPeriods: steps.horizon, frequency: x, recency: tx, age: t)
      let any = Swift.min(1, Swift.max(0, 1 - none))
      var previous: (zbar: Double, spend: Double, value: Double, low: Double, high: Double)?
      for customer in table.customers[table.starts[triple]..<table.starts[triple + 1]] {
        part.customers.append(customer)
        part.alive.append(alive)
        part.expected.append(expected)
        part.probabilityOfPurchase.append(any)
        guard !spendModels.isEmpty else { continue }
        let zbar = x > 0 ? summaries.monetaryValue[customer] : 0
        if previous?.zbar != zbar {
          let spend = Self.spend(spendModels[0], frequency: x, monetaryValue: zbar)
          var low = 0.0, high = 0.0
          if draws > 1 {
            for b in 1..<draws {
              values[b - 1] = margin * Self.spend(spendModels[b], frequency: x, monetaryValue: zbar) * discounted[b]
            }
            low = Self.percentile(&values, (1 - level) / 2, from: 0)
            // The selection left every value from the low end's position on at or above it.
            high = Self.percentile(&values, (1 + level) / 2, from: Int((((1 - level) / 2) * Double(values.count - 1)).rounded(.down)))
          }
          previous = (zbar, spend, margin * spend * discounted[0], low, high)
        }
        if let previous {
          part.spend.append(previous.spend)
          part.value.append(previous.value)
          part.low.append(previous.low)
          part.high.append(previous.high)
        }
      }
    }
    return part
  }

  /// The expectation at the horizon and the discounted sum of its increments over the steps.
  private func discountedCurve(_ expectation: (Double) -> Double) -> (Double, Double) {
    var previous = 0.0, sum = 0.0
    for (end, factor) in zip(steps.ends, steps.factors) {
      let current = expectation(end)
      sum += Swift.max(0, current - previous) * factor
      previous = current
    }
    return (previous, sum)
  }

  /// E[M | x, z̄]; for x = 0 the population mean pγ/(q − 1), infinite when q ≤ 1.
  static func spend(_ model: GammaGammaModel, frequency x: Double, monetaryValue zbar: Double) -> Double {
    x > 0 ? model.expectedAverageOrderValue(frequency: x, monetaryValue: zbar) : model.populationMeanOrderValue
  }

  /// The `p`-quantile of the values, interpolating linearly between order statistics
  /// (Hyndman & Fan 1996, type 7, the default of R and NumPy), found by selection rather than a
  /// full sort: afterwards the order statistic at the quantile's position is in place, with no
  /// larger value before it and no smaller one after it.
  ///
  /// - Parameters:
  ///   - values: The values; reordered.
  ///   - p: The probability, `0...1`.
  ///   - start: A position before which every value is at most every later one and which is at
  ///     most the quantile's position (0 when nothing is known).
  /// - Complexity: O(*n*) on average.
  static func percentile(_ values: inout [Double], _ p: Double, from start: Int) -> Double {
    guard !values.isEmpty else { return .nan }
    let position = p * Double(values.count - 1)
    let lower = Swift.min(Int(position.rounded(.down)), values.count - 1)
    select(&values, lower, in: Swift.min(start, lower)..<values.count)
    let fraction = position - Double(lower)
    guard fraction > 0, lower + 1 < values.count else { return values[lower] }
    let next = values[(lower + 1)...].min() ?? values[lower]
    return values[lower] + fraction * (next - values[lower])
  }

  /// Puts the `k`-th smallest value of `range` at `k`, smaller-or-equal ones before it and
  /// greater-or-equal ones after it (Hoare's selection with a median-of-three pivot).
  static func select(_ values: inout [Double], _ k: Int, in range: Range<Int>) {
    var (low, high) = (range.lowerBound, range.upperBound - 1)
    while low < high {
      let middle = low + (high - low) / 2
      if values[middle] < values[low] { values.swapAt(middle, low) }
      if values[high] < values[low] { values.swapAt(high, low) }
      if values[high] < values[middle] { values.swapAt(high, middle) }
      let pivot = values[middle]
      var (i, j) = (low, high)
      while i <= j {
        while values[i] < pivot { i += 1 }
        while pivot < values[j] { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        high = j
      } else if k >= i {
        low = i
      } else {
        return
      }
    }
  }
}
