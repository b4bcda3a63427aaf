import Foundation

/// Draws from the distributions the models mix over, from any `RandomNumberGenerator`.
///
/// Deterministic for a deterministic generator: equal seeds give equal draws on every platform
/// (only IEEE arithmetic and `Foundation`'s `log`, `exp`, `sqrt`, `cos` are used). Package
/// access: the shop simulator in Campaigns draws from the same functions.
package enum RandomVariates {
  /// A uniform draw in the open interval (0, 1).
  @inline(__always)
  package static func uniform(using generator: inout some RandomNumberGenerator) -> Double {
    // 53 random bits, shifted by half a step so that 0 is never returned.
    (Double(generator.next() >> 11) + 0.5) * 0x1p-53
  }

  /// An exponential draw with the given rate.
  @inline(__always)
  package static func exponential(rate: Double, using generator: inout some RandomNumberGenerator) -> Double {
    -log(uniform(using: &generator)) / rate
  }

  /// A standard normal draw (Box-Muller; one of the pair is discarded for simplicity).
  package static func standardNormal(using generator: inout some RandomNumberGenerator) -> Double {
    let u = uniform(using: &generator)
    let v = uniform(using: &generator)
    return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
  }

  /// A gamma draw with shape `shape` and rate `rate` (mean shape/rate), by Marsaglia & Tsang
  /// (2000), with the boost U^(1/shape) for shapes below one.
  package static func gamma(shape: Double, rate: Double, using generator: inout some RandomNumberGenerator) -> Double {
    if shape < 1 {
      let boosted = gamma(shape: shape + 1, rate: rate, using: &generator)
      return boosted * exp(log(uniform(using: &generator)) / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / sqrt(9 * d)
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = standardNormal(using: &generator)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform(using: &generator)
      if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
        return d * v / rate
      }
    }
  }

  /// A beta draw with shapes `a` and `b`, from two gamma draws.
  package static func beta(_ a: Double, _ b: Double, using generator: inout some RandomNumberGenerator) -> Double {
    let x = gamma(shape: a, rate: 1, using: &generator)
    let y = gamma(shape: b, rate: 1, using: &generator)
    let sum = x + y
    // Both draws underflow only for tiny shapes; fall back on the mean.
    return sum > 0 ? x / sum : a / (a + b)
  }
}
