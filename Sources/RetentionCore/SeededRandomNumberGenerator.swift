/// A small, fast random number generator with a seed: the same seed gives the same numbers on
/// every platform and in every run (SplitMix64, Steele, Lea and Flood 2014).
///
/// For reproducible bootstraps and simulations; not for anything secret.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 42)
/// let draw = Double.random(in: 0..<1, using: &generator)
/// ```
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var state: UInt64

  /// Creates a generator.
  ///
  /// - Parameter seed: The seed.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
