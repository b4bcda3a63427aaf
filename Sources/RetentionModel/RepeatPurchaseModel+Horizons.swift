extension RepeatPurchaseModel {
  /// E[X(t)]: the expected number of repeat purchases of a new customer within a horizon of the
  /// first purchase.
  ///
  /// ```swift
  /// model.expectedPurchases(within: .weeks(52))   // CDNOW BG/NBD: 1.444 (R BTYD walkthrough)
  /// model.expectedPurchases(within: .days(364))   // the same, converted to the model's weeks
  /// ```
  ///
  /// - Parameter horizon: The horizon, in any unit; converted to ``unit`` (seven days per week).
  /// - Returns: The expected number of repeat purchases.
  public func expectedPurchases(within horizon: TimeSpan) -> Double {
    expectedPurchases(withinPeriods: horizon.periods(in: unit))
  }

  /// E[Y(t) | x, t_x, T]: the expected number of purchases within a horizon after T of a
  /// customer with the given history.
  ///
  /// ```swift
  /// // CDNOW customer with x 2, t_x 30.43, T 38.86 weeks, next 39 weeks (FHL 2005: 1.226):
  /// model.conditionalExpectedPurchases(within: .weeks(39), frequency: 2, recency: 30.43, age: 38.86)
  /// ```
  ///
  /// - Parameters:
  ///   - horizon: The horizon after T, in any unit; converted to ``unit``.
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, in periods of ``unit``.
  ///   - age: T, in periods of ``unit``.
  /// - Returns: The expected number of purchases in (T, T + horizon].
  public func conditionalExpectedPurchases(
    within horizon: TimeSpan, frequency: Double, recency: Double, age: Double
  ) -> Double {
    conditionalExpectedPurchases(
      withinPeriods: horizon.periods(in: unit), frequency: frequency, recency: recency, age: age)
  }

  /// P(X(t) = n): the probability that a new customer makes exactly `n` repeat purchases within
  /// a horizon of the first purchase.
  ///
  /// - Parameters:
  ///   - n: A number of repeat purchases, `n >= 0`.
  ///   - horizon: The horizon, in any unit; converted to ``unit``.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfPurchases(_ n: Int, within horizon: TimeSpan) -> Double {
    probabilityOfPurchases(n, withinPeriods: horizon.periods(in: unit))
  }

  /// P(Y(t) = 0 | x, t_x, T): the probability that a customer with the given history makes no
  /// purchase within a horizon after T.
  ///
  /// - Parameters:
  ///   - horizon: The horizon after T, in any unit; converted to ``unit``.
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, in periods of ``unit``.
  ///   - age: T, in periods of ``unit``.
  /// - Returns: A probability in `0...1`.
  public func probabilityOfNoPurchase(within horizon: TimeSpan, frequency: Double, recency: Double, age: Double)
    -> Double
  {
    probabilityOfNoPurchase(withinPeriods: horizon.periods(in: unit), frequency: frequency, recency: recency, age: age)
  }
}

extension AliveFactoring {
  /// E[Y(t) | alive at T, x, T]: the expected purchases within a horizon after T of a customer
  /// known to be alive.
  ///
  /// - Parameters:
  ///   - horizon: The horizon after T, in any unit; converted to ``RepeatPurchaseModel/unit``.
  ///   - frequency: x, the number of repeat purchases.
  ///   - age: T, in periods of the model's unit.
  /// - Returns: The expected number of purchases in (T, T + horizon] of a customer alive at T.
  public func expectedPurchasesIfAlive(within horizon: TimeSpan, frequency: Double, age: Double) -> Double {
    expectedPurchasesIfAlive(withinPeriods: horizon.periods(in: unit), frequency: frequency, age: age)
  }
}
