import Foundation

/// How the simulated shop's order values are drawn, in the shop's currency.
///
/// - ``gammaGamma(p:q:gamma:)``: the spend model of Colombo and Jiang (1999) and Fader, Hardie
///   and Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis", *Journal of
///   Marketing Research* 42(4): each customer has a scale ν ~ Gamma(q, rate γ), and each of their
///   orders is worth z ~ Gamma(p, rate ν). A customer's mean order value is p/ν; the population
///   mean is pγ/(q − 1) for q > 1. `LTVMath.GammaGammaModel` fits these three parameters.
/// - ``logNormal(median:logStandardDeviation:)``: every order independently worth
///   median · e^(σZ) with Z standard normal, the same for every customer.
///
/// Values are rounded to cents and kept in 0.01...1,000,000,000 (a customer scale near zero,
/// possible for a tiny q, would otherwise make an infinite value), so that they are written and
/// read back exactly.
///
/// ```swift
/// var simulator = ShopSimulator(customers: 1_000)
/// simulator.orderValues = .gammaGamma(p: 6.25, q: 3.74, gamma: 15.44)  // mean 35.2
/// simulator.orderValues = .logNormal(median: 40, logStandardDeviation: 0.6)
/// ```
public enum OrderValueDistribution: Sendable, Hashable, Codable {
  /// The gamma-gamma spend model with shape `p`, and `q` and `gamma` the shape and rate of the
  /// customers' scales; all positive.
  case gammaGamma(p: Double, q: Double, gamma: Double)
  /// Independent log-normal order values with the given median (positive) and standard deviation
  /// of the logarithm (at least 0).
  case logNormal(median: Double, logStandardDeviation: Double)

  /// The population mean of an order value before rounding to cents: pγ/(q − 1) for the
  /// gamma-gamma model (`nil` for q ≤ 1, where it is infinite), median · e^(σ²/2) for the
  /// log-normal.
  public var meanOrderValue: Double? {
    switch self {
    case .gammaGamma(let p, let q, let gamma): q > 1 ? p * gamma / (q - 1) : nil
    case .logNormal(let median, let sigma): median * exp(sigma * sigma / 2)
    }
  }

  /// Whether every parameter is in range (positive and finite; σ at least 0).
  var isValid: Bool {
    switch self {
    case .gammaGamma(let p, let q, let gamma):
      [p, q, gamma].allSatisfy { $0 > 0 && $0.isFinite }
    case .logNormal(let median, let sigma):
      median > 0 && median.isFinite && sigma >= 0 && sigma.isFinite
    }
  }

  /// Whether each customer has a scale of their own (the gamma-gamma model).
  var usesCustomerScale: Bool {
    if case .gammaGamma = self { true } else { false }
  }

  /// A customer's own scale: ν for the gamma-gamma model, unused (1) for the log-normal.
  func customerScale(using random: inout SimulationRandom) -> Double {
    switch self {
    case .gammaGamma(_, let q, let gamma): random.gamma(shape: q, rate: gamma)
    case .logNormal: 1
    }
  }

  /// One order value of a customer with the given scale, rounded to cents, in 0.01...1e9.
  func orderValue(scale: Double, using random: inout SimulationRandom) -> Double {
    let value: Double
    switch self {
    case .gammaGamma(let p, _, _): value = random.gamma(shape: p, rate: scale)
    case .logNormal(let median, let sigma): value = median * exp(sigma * random.standardNormal())
    }
    return min(100_000_000_000, max(1, (value * 100).rounded())) / 100
  }
}
