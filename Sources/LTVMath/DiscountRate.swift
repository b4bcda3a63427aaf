import Foundation

/// A discount rate with an explicit period.
///
/// Rates are stored as an effective annual rate and converted for any other period by
/// compounding: a period of *d* days has the rate (1 + annual)^(d / 365.25) − 1. A weekly model
/// with a 10 % annual rate therefore discounts about 0.18 % per week, never 10 % per week (the
/// mistake CLVTools users warn each other about).
///
/// ```swift
/// let rate = DiscountRate(annual: 0.10)
/// rate.rate(perDays: 7)              // 0.001828...
/// DiscountRate(rate: 0.01, perDays: 30.4375).annualRate   // 12.68 %
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

  /// Creates a rate from a rate per period of `days` days (for example 0.01 per month).
  ///
  /// - Precondition: `rate >= 0`, `days > 0`.
  public init(rate: Double, perDays days: Double) {
    precondition(rate >= 0 && rate.isFinite && days > 0, "a discount rate must be non-negative")
    annualRate = pow(1 + rate, 365.25 / days) - 1
  }

  /// No discounting.
  public static let none = DiscountRate(annual: 0)

  /// The equivalent rate per period of `days` days.
  public func rate(perDays days: Double) -> Double {
    pow(1 + annualRate, days / 365.25) - 1
  }

  /// The present value of one unit received `days` days from now: (1 + annual)^(−days/365.25).
  public func factor(afterDays days: Double) -> Double {
    pow(1 + annualRate, -days / 365.25)
  }
}
