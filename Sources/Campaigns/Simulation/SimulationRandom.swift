import Foundation
import RetentionCore

/// The draws of the shop simulator, from one seeded stream.
///
/// Only IEEE arithmetic and Foundation's `log`, `exp`, `sqrt`, `cos` and `pow` are used, so a
/// seed gives the same draws on every platform.
struct SimulationRandom {
  var generator: SeededRandomNumberGenerator

  init(seed: UInt64) { generator = SeededRandomNumberGenerator(seed: seed) }

  /// A uniform draw in the open interval (0, 1): 53 random bits, shifted by half a step.
  mutating func uniform() -> Double {
    (Double(generator.next() >> 11) + 0.5) * 0x1p-53
  }

  /// `true` with probability `probability`.
  mutating func bernoulli(_ probability: Double) -> Bool {
    uniform() < probability
  }

  /// A uniform index in `0..<count`; `count` must be positive.
  mutating func index(_ count: Int) -> Int {
    Int.random(in: 0..<count, using: &generator)
  }

  /// An exponential draw with the given rate.
  mutating func exponential(rate: Double) -> Double {
    -log(uniform()) / rate
  }

  /// A standard normal draw (Box-Muller, one of the pair kept).
  mutating func standardNormal() -> Double {
    let u = uniform()
    let v = uniform()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  /// A gamma draw with shape `shape` and rate `rate` (mean shape/rate): Marsaglia and Tsang
  /// (2000), "A simple method for generating gamma variables", ACM TOMS 26(3), with the boost
  /// U^(1/shape) for shapes below one.
  mutating func gamma(shape: Double, rate: Double) -> Double {
    if shape < 1 {
      let boosted = gamma(shape: shape + 1, rate: rate)
      return boosted * exp(log(uniform()) / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = standardNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform()
      if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
        return d * v / rate
      }
    }
  }

  /// A beta draw with shapes `a` and `b`, from two gamma draws.
  mutating func beta(_ a: Double, _ b: Double) -> Double {
    let x = gamma(shape: a, rate: 1)
    let y = gamma(shape: b, rate: 1)
    let sum = x + y
    // Both draws underflow only for tiny shapes; the mean is then the best guess.
    return sum > 0 ? x / sum : a / (a + b)
  }

  /// A Poisson draw with the given mean, by counting exponential gaps in one unit of time
  /// (the simulator's means are small, a few at most).
  mutating func poisson(mean: Double) -> Int {
    guard mean > 0 else { return 0 }
    var count = 0
    var time = exponential(rate: mean)
    while time < 1 {
      count += 1
      time += exponential(rate: mean)
    }
    return count
  }
}
