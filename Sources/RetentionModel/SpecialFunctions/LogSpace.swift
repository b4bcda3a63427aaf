import Foundation

/// Small numerically careful building blocks shared by the models.
enum LogSpace {
  /// ln(e^x + e^y) without overflow; `-infinity` arguments are neutral.
  @inline(__always)
  static func addExp(_ x: Double, _ y: Double) -> Double {
    let high = Swift.max(x, y)
    if high == -.infinity { return -.infinity }
    let low = Swift.min(x, y)
    return high + log1p(exp(low - high))
  }

  /// ln(1 + e^x) and the logistic 1 / (1 + e^-x), both without overflow.
  @inline(__always)
  static func softplusAndLogistic(_ x: Double) -> (softplus: Double, logistic: Double) {
    if x == -.infinity { return (0, 0) }
    let e = exp(-abs(x))
    let softplus = Swift.max(x, 0) + log1p(e)
    let logistic = x >= 0 ? 1 / (1 + e) : e / (1 + e)
    return (softplus, logistic)
  }

  /// (1 - e^-u) / u, continuous at u = 0 (where it is 1).
  @inline(__always)
  static func oneMinusExpOverArgument(_ u: Double) -> Double {
    if abs(u) < 1e-5 { return 1 - u * (0.5 - u / 6) }
    return -expm1(-u) / u
  }
}
