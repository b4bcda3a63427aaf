/// A buy-till-you-die model of a non-contractual customer base: how often customers buy while
/// they are "alive", and how they drop out.
///
/// A model counts time in the ``unit`` of the data it was fitted on (or that its published
/// parameters were estimated in). Questions about the future take a typed horizon, a
/// ``TimeSpan``, which the model converts to its unit once per call:
///
/// ```swift
/// let model = try BGNBDModel.fit(summaries.compressed()).model   // weekly summaries
/// model.expectedPurchases(within: .weeks(39))
/// model.expectedPurchases(within: .days(30))                     // 30/7 weeks, not 30
/// ```
///
/// The requirements are the formulas themselves and take plain numbers in periods of ``unit``:
/// the horizon (`withinPeriods`) and the statistics (x, t_x, T) of ``CustomerSummary`` (x
/// repeat purchases, the last at t_x, observed for T periods since the first purchase). Code that
/// starts from summaries or a ``TimeSpan`` uses the derived methods, which convert.
///
/// Conforming models: ``BGNBDModel``, ``MBGNBDModel``, ``ParetoNBDModel``, ``NBDModel``. The
/// protocol's extensions derive whole-base scoring, the probability of a second purchase,
/// expected repeat buyers, validation reports and simulated customer bases from the
/// requirements.
public protocol RepeatPurchaseModel: Sendable {
  /// The unit in which the model counts time: t_x, T and horizons are in periods of it.
  var unit: TimeUnit { get }

  /// The log-likelihood of one customer's (x, t_x, T).
  ///
  /// - Parameters:
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, the time of the last purchase since the first.
  ///   - age: T, the time since the first purchase.
  /// - Returns: The log-likelihood; finite for valid input.
  func logLikelihood(frequency: Double, recency: Double, age: Double) -> Double

  /// The probability that a customer with (x, t_x, T) is still alive at T, in `0...1`.
  ///
  /// - Parameters:
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, the time of the last purchase since the first.
  ///   - age: T, the time since the first purchase.
  func probabilityAlive(frequency: Double, recency: Double, age: Double) -> Double

  /// E[X(t)]: the expected number of repeat purchases of a new customer within `t` periods of the
  /// first purchase.
  ///
  /// - Parameter t: A horizon in periods of ``unit``, `t >= 0`.
  func expectedPurchases(withinPeriods t: Double) -> Double

  /// E[Y(t) | x, t_x, T]: the expected number of purchases in the next `t` periods of a customer
  /// with the given history.
  ///
  /// - Parameters:
  ///   - t: A horizon in periods of ``unit`` after T, `t >= 0`.
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, the time of the last purchase since the first.
  ///   - age: T, the time since the first purchase.
  func conditionalExpectedPurchases(withinPeriods t: Double, frequency: Double, recency: Double, age: Double)
    -> Double

  /// P(X(t) = n): the probability that a new customer makes exactly `n` repeat purchases within
  /// `t` periods of the first purchase.
  ///
  /// - Parameters:
  ///   - n: A number of repeat purchases, `n >= 0`.
  ///   - t: A horizon in periods of ``unit``, `t >= 0`.
  /// - Returns: A probability in `0...1`.
  func probabilityOfPurchases(_ n: Int, withinPeriods t: Double) -> Double

  /// P(Y(t) = 0 | x, t_x, T): the probability that a customer with the given history makes no
  /// purchase in the next `t` periods (dead, or alive and not buying).
  ///
  /// - Parameters:
  ///   - t: A horizon in periods of ``unit`` after T, `t >= 0`.
  ///   - frequency: x, the number of repeat purchases.
  ///   - recency: t_x, the time of the last purchase since the first.
  ///   - age: T, the time since the first purchase.
  /// - Returns: A probability in `0...1`.
  func probabilityOfNoPurchase(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> Double

  /// Draws one new customer from the model and returns the times of their repeat purchases.
  ///
  /// The customer's latent purchase rate and dropout are drawn from the model's mixing
  /// distributions; the first purchase is at time 0 and is not returned.
  ///
  /// - Parameters:
  ///   - age: The observation length T in periods of ``unit``, `T >= 0`.
  ///   - generator: The source of randomness; equal seeds give equal customers.
  /// - Returns: The repeat purchase times in `0...T`, increasing.
  func simulatePurchaseTimes(age: Double, using generator: inout some RandomNumberGenerator) -> [Double]

  /// P(alive) and E[Y(t) | x, t_x, T] together, as whole-base scoring needs them.
  ///
  /// The default implementation calls ``probabilityAlive(frequency:recency:age:)`` and
  /// ``conditionalExpectedPurchases(withinPeriods:frequency:recency:age:)``; models override it
  /// to share the work.
  ///
  /// - Parameters:
  ///   - t: A horizon in periods of ``unit`` after T, `t >= 0`.
  ///   - frequency: x.
  ///   - recency: t_x.
  ///   - age: T.
  /// - Returns: The probability that the customer is alive and their expected purchases.
  func score(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> (
    probabilityAlive: Double, expectedPurchases: Double
  )
}

extension RepeatPurchaseModel {
  /// The default implementation: ``probabilityAlive(frequency:recency:age:)`` and
  /// ``conditionalExpectedPurchases(withinPeriods:frequency:recency:age:)`` called in turn.
  ///
  /// - Parameters:
  ///   - t: A horizon in periods of ``unit`` after T, `t >= 0`.
  ///   - frequency: x.
  ///   - recency: t_x.
  ///   - age: T.
  /// - Returns: The probability that the customer is alive and their expected purchases.
  public func score(withinPeriods t: Double, frequency: Double, recency: Double, age: Double) -> (
    probabilityAlive: Double, expectedPurchases: Double
  ) {
    (
      probabilityAlive(frequency: frequency, recency: recency, age: age),
      conditionalExpectedPurchases(withinPeriods: t, frequency: frequency, recency: recency, age: age)
    )
  }
}
