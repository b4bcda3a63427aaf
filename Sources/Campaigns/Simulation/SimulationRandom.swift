import Foundation
import RetentionCore
import RetentionModel

/// The draws of the shop simulator, from one seeded stream.
///
/// The continuous draws are RetentionModel's `RandomVariates` (Marsaglia and Tsang's gamma,
/// Box-Muller normals), so a seed gives the same draws on every platform.
struct SimulationRandom {
  var generator: SeededRandomNumberGenerator

  init(seed: UInt64) { generator = SeededRandomNumberGenerator(seed: seed) }

  /// A uniform draw in the open interval (0, 1).
  mutating func uniform() -> Double { RandomVariates.uniform(using: &generator) }

  /// `true` with probability `probability`.
  mutating func bernoulli(_ probability: Double) -> Bool {
    uniform() < probability
  }

  /// A uniform index in `0..<count`; `count` must be positive.
  mutating func index(_ count: Int) -> Int {
    Int.random(in: 0..<count, using: &generator)
  }

  /// An exponential draw with the given rate.
  mutating func exponential(rate: Double) -> Double { RandomVariates.exponential(rate: rate, using: &generator) }

  /// A standard normal draw.
  mutating func standardNormal() -> Double { RandomVariates.standardNormal(using: &generator) }

  /// A gamma draw with shape `shape` and rate `rate` (mean shape/rate).
  mutating func gamma(shape: Double, rate: Double) -> Double {
    RandomVariates.gamma(shape: shape, rate: rate, using: &generator)
  }

  /// A beta draw with shapes `a` and `b`.
  mutating func beta(_ a: Double, _ b: Double) -> Double { RandomVariates.beta(a, b, using: &generator) }

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
