extension BGBBModel {
  /// The (x, t_x, n) of every customer of `summaries` on a daily calendar: one transaction
  /// opportunity per day after the first purchase.
  ///
  /// Summaries count purchase days (same-day orders merge), so on this calendar x is the number
  /// of days with a repeat purchase, t_x the day of the last one and n the days observed; the
  /// BG/BB (Fader, Hardie & Shang 2010) then models the same events as the continuous-time
  /// models. Its likelihood is a probability of whole-day patterns, not a density of purchase
  /// times, so it is not comparable with theirs.
  ///
  /// - Parameter summaries: Summaries in any unit whose t_x and T are whole days.
  /// - Returns: x, t_x and n per customer, in the summaries' order.
  /// - Throws: ``RetentionModelError`` `.invalidData` naming the first customer whose t_x or T
  ///   is not a whole number of days (summaries built elsewhere, on a continuous clock).
  /// - Complexity: O(*n*), where *n* is the number of customers.
  static func dailyCalendar(_ summaries: CustomerSummaries) throws -> (x: [Int], tx: [Int], n: [Int]) {
    let days = summaries.options.unit.days
    var x: [Int] = [], tx: [Int] = [], n: [Int] = []
    x.reserveCapacity(summaries.count)
    tx.reserveCapacity(summaries.count)
    n.reserveCapacity(summaries.count)
    func wholeDays(_ value: Double, _ field: String, _ index: Int) throws -> Int {
      let scaled = value * days
      let rounded = scaled.rounded()
      guard scaled.isFinite, abs(scaled - rounded) <= 1e-6 * Swift.max(1, abs(scaled)), rounded >= 0,
        rounded < 1e9
      else {
        throw RetentionModelError(
          .invalidData, row: index,
          reason:
            "customer \(summaries.customerIDs[index]): \(field) = \(value) \(summaries.options.unit.rawValue) is not a whole number of days, so the data are not discrete-time"
        )
      }
      return Int(rounded)
    }
    for index in summaries.indices {
      let frequency = summaries.frequency[index]
      let last = try wholeDays(summaries.recency[index], "t_x", index)
      let age = try wholeDays(summaries.age[index], "T", index)
      guard frequency == frequency.rounded(), frequency >= 0, frequency <= Double(last), last <= age else {
        throw RetentionModelError(
          .invalidData, row: index,
          reason:
            "customer \(summaries.customerIDs[index]): (x, t_x, T) = (\(frequency), \(last), \(age)) days is not a daily pattern with x <= t_x <= T"
        )
      }
      x.append(Int(frequency))
      tx.append(last)
      n.append(age)
    }
    return (x, tx, n)
  }

  /// Unique daily patterns with counts, as ``fit(_:options:)`` takes them.
  ///
  /// - Parameter calendar: x, t_x and n per customer.
  /// - Returns: The patterns, in the order of their first customer.
  /// - Complexity: O(*n*), where *n* is the number of customers.
  static func patterns(of calendar: (x: [Int], tx: [Int], n: [Int])) -> Patterns {
    var position: [SIMD3<Int32>: Int] = [:]
    var x: [Double] = [], tx: [Double] = [], n: [Double] = [], count: [Double] = []
    for index in calendar.x.indices {
      let key = SIMD3(Int32(calendar.x[index]), Int32(calendar.tx[index]), Int32(calendar.n[index]))
      if let row = position[key] {
        count[row] += 1
      } else {
        position[key] = x.count
        x.append(Double(calendar.x[index]))
        tx.append(Double(calendar.tx[index]))
        n.append(Double(calendar.n[index]))
        count.append(1)
      }
    }
    return Patterns(frequency: x, recency: tx, opportunities: n, count: count)
  }

  /// The holdout report of the BG/BB on a daily calendar: E[X(n, n + n*) | x, t_x, n] with n* the
  /// holdout's days, against the holdout purchase days of each customer.
  ///
  /// - Parameters:
  ///   - summaries: The summaries, with a holdout period.
  ///   - calendar: Their daily patterns (``dailyCalendar(_:)``).
  /// - Returns: The report, with the holdout length in the summaries' unit.
  /// - Throws: ``RetentionModelError`` `.missingHoldout` without a holdout period.
  /// - Complexity: O(*u* · *d*) for *u* distinct patterns and *d* days observed and held out.
  func dailyHoldoutReport(_ summaries: CustomerSummaries, calendar: (x: [Int], tx: [Int], n: [Int])) throws
    -> HoldoutReport
  {
    guard summaries.hasHoldout, summaries.holdoutFrequency.count == summaries.count else {
      throw RetentionModelError(.missingHoldout, reason: "the summaries have no holdout period; set a calibration end")
    }
    let future = Int(summaries.holdoutLength.days.rounded())
    var cache: [SIMD3<Int32>: Double] = [:]
    var predicted: [Double] = []
    predicted.reserveCapacity(summaries.count)
    for index in calendar.x.indices {
      let (x, tx, n) = (calendar.x[index], calendar.tx[index], calendar.n[index])
      let key = SIMD3(Int32(x), Int32(tx), Int32(n))
      if let value = cache[key] {
        predicted.append(value)
      } else {
        let value = conditionalExpectedPurchases(
          withinOpportunities: future, frequency: x, recency: tx, opportunities: n)
        cache[key] = value
        predicted.append(value)
      }
    }
    return HoldoutReport(
      predicted: predicted, actual: summaries.holdoutFrequency, frequency: summaries.frequency,
      holdoutLength: summaries.holdoutLength)
  }

  /// Σ_i E[X(τ - s_i)] on a daily calendar, for first purchases s_i and times τ in periods of
  /// `unit`: each span is a whole number of days (the tracking series' convention), each day an
  /// opportunity.
  ///
  /// - Complexity: O(*s* · *m* · *d*) for *s* distinct first purchases, *m* times and spans of up
  ///   to *d* days.
  func expectedCumulativeRepeatPurchases(firstPurchases: [Double], at times: [Double], unit: TimeUnit) -> [Double] {
    var counts: [Double: Double] = [:]
    for start in firstPurchases { counts[start, default: 0] += 1 }
    let starts = counts.keys.sorted()
    var cache: [Int: Double] = [:]
    return times.map { time in
      var total = 0.0
      for start in starts where start < time {
        let days = Int(((time - start) * unit.days).rounded())
        let expected: Double
        if let value = cache[days] {
          expected = value
        } else {
          expected = expectedPurchases(withinOpportunities: days)
          cache[days] = expected
        }
        total += counts[start, default: 0] * expected
      }
      return total
    }
  }
}
