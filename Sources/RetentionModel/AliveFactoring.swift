/// A repeat-purchase model whose conditional expectation factors into P(alive) and an
/// expectation for a customer known to be alive.
///
/// The factoring is
///
///     E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive at T, x, T]
///
/// where the second factor does not depend on t_x. ``BGNBDModel`` (FHL 2005, eq. 10),
/// ``MBGNBDModel`` and ``ParetoNBDModel`` (Schmittlein, Morrison & Colombo 1987) all factor this
/// way. Code that evaluates many customers or many horizons (whole-base scoring, lifetime
/// value) computes the second factor once per (x, T) pair, which real data share
/// widely, and the first once per customer.
///
/// ```swift
/// if let factoring = model as? any AliveFactoring {
///   let alive = factoring.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86)
///   let expected = alive * factoring.expectedPurchasesIfAlive(within: .weeks(39), frequency: 2, age: 38.86)
/// }
/// ```
public protocol AliveFactoring: RepeatPurchaseModel {
  /// E[Y(t) | alive at T, x, T]: the expected purchases in the next `t` periods of a customer
  /// with `frequency` repeat purchases, observed for `age` periods, who is still alive.
  ///
  /// - Parameters:
  ///   - t: The horizon in periods of ``RepeatPurchaseModel/unit``, `t >= 0`.
  ///   - frequency: x, the number of repeat purchases.
  ///   - age: T, the time since the first purchase.
  /// - Returns: The expected number of purchases in (T, T + t] of a customer alive at T.
  func expectedPurchasesIfAlive(withinPeriods t: Double, frequency: Double, age: Double) -> Double
}
