public import RetentionCore
import Foundation

/// A discount rate with an explicit period.
///
/// Rates are stored as an effective annual rate and converted for any other period by
/// compounding: a period of *d* days has the rate (1 + annual)^(d / 365.25) − 1. A weekly model
/// with a 10 % annual rate therefore discounts about 0.18 % per week, never 10 % per week (the
/// mistake CLVTools users warn each other about). Periods are typed spans, so the length of a
/// period is always written down:
///
/// ```swift
/// let rate = DiscountRate(annual: 0.10)
/// rate.rate(per: .weeks(1))                                    // 0.001828...
/// DiscountRate(rate: 0.01, per: .days(30.4375)).annualRate     // 12.68 %
/// ```
public struct DiscountRate: Sendable, Hashable, Codable {
  /// The effective annual rate, `>= 0`.
  public var annualRate: Double

  /// Creates a rate from an effective annual rate.
  ///
  /// - Precondition: `annual >= 0` and finite.
  public init(annual: Double) {
    precondition(annual >= 0 && annual.isFinite, "a discount rate must be non-negative")
    annualRate = annual
  }

  /// Creates a rate from a rate per period (for example 0.01 per month of 30.4375 days).
  ///
  /// - Parameters:
  ///   - rate: The rate per period, `>= 0`.
  ///   - period: The length of the period, longer than zero.
  /// - Precondition: `rate >= 0` and finite, `period` longer than zero.
  public init(rate: Double, per period: TimeSpan) {
    let days = period.days
    precondition(
      rate >= 0 && rate.isFinite && days > 0, "a discount rate must be non-negative, per a period longer than zero")
    annualRate = pow(1 + rate, 365.25 / days) - 1
  }

  /// No discounting.
  public static let none = DiscountRate(annual: 0)

  /// The equivalent rate per period.
  ///
  /// - Parameter period: The length of the period.
  /// - Returns: (1 + annual)^(days / 365.25) − 1.
  public func rate(per period: TimeSpan) -> Double {
    pow(1 + annualRate, period.days / 365.25) - 1
  }

  /// The present value of one unit received after a delay: (1 + annual)^(−days/365.25).
  ///
  /// - Parameter delay: The time until the unit is received.
  /// - Returns: The discount factor, in `0...1`.
  public func factor(after delay: TimeSpan) -> Double {
    pow(1 + annualRate, -delay.days / 365.25)
  }
}
