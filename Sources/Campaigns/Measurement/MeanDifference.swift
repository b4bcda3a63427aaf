import Foundation
import Recommendations

/// The difference of two means (treatment minus control, for example revenue per person) with a
/// percentile bootstrap interval.
///
/// Each of `resamples` bootstrap rounds draws both groups again with replacement, at their own
/// sizes, and takes the difference of the means; the interval is the α/2 and 1 − α/2 quantiles
/// of those differences (Efron and Tibshirani 1993, An Introduction to the Bootstrap, ch. 13;
/// quantiles by Hyndman and Fan's definition 7). Revenue per person is mostly zeros, so a round
/// draws only the non-zero values: how many of a group's n draws hit one of its k non-zero values
/// is Binomial(n, k/n), generated exactly by geometric gaps between hits, and each hit picks one
/// of the k values uniformly. That is the same resampling distribution as n draws from all values,
/// in O(k) rather than O(n) work per round.
///
/// The generator makes the interval reproducible: the same values and seed give the same interval.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 7)
/// let revenue = MeanDifference(treatment: treated, control: held, using: &generator)
/// print(revenue.difference, revenue.low, revenue.high)
/// ```
public struct MeanDifference: Sendable, Hashable, Codable {
  /// The treatment group's size.
  public var treatmentCount: Int
  /// The control group's size.
  public var controlCount: Int
  /// The treatment group's mean, or `nil` when it is empty.
  public var treatmentMean: Double?
  /// The control group's mean, or `nil` when it is empty.
  public var controlMean: Double?
  /// Treatment mean minus control mean, or `nil` when a group is empty.
  public var difference: Double?
  /// The lower end of the interval, or `nil` when a group is empty.
  public var low: Double?
  /// The upper end of the interval, or `nil` when a group is empty.
  public var high: Double?
  /// The confidence level.
  public var confidence: Double
  /// The bootstrap rounds.
  public var resamples: Int

  /// Compares two means.
  ///
  /// - Parameters:
  ///   - treatment: The treatment group's values (finite).
  ///   - control: The control group's values (finite).
  ///   - confidence: The confidence level, strictly between 0 and 1 (default 0.95).
  ///   - resamples: Bootstrap rounds, at least 100 (default 2,000).
  ///   - generator: The random numbers.
  /// - Complexity: O(*n* + *B*·*k*), where *n* is the number of values, *B* the rounds and *k*
  ///   the number of non-zero values.
  public init(
    treatment: [Double], control: [Double], confidence: Double = 0.95, resamples: Int = 2_000,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(resamples >= 100, "a bootstrap needs at least 100 rounds")
    precondition(confidence > 0 && confidence < 1, "a confidence level lies strictly between 0 and 1")
    precondition(treatment.allSatisfy(\.isFinite) && control.allSatisfy(\.isFinite), "values must be finite")
    treatmentCount = treatment.count
    controlCount = control.count
    self.confidence = confidence
    self.resamples = resamples
    treatmentMean = treatment.isEmpty ? nil : treatment.reduce(0, +) / Double(treatment.count)
    controlMean = control.isEmpty ? nil : control.reduce(0, +) / Double(control.count)
    guard let treatmentMean, let controlMean else { return }
    difference = treatmentMean - controlMean
    let treatedValues = treatment.filter { $0 != 0 }
    let controlValues = control.filter { $0 != 0 }
    var differences = [Double](repeating: 0, count: resamples)
    for round in 0..<resamples {
      let treated = Self.resampledSum(of: treatedValues, draws: treatment.count, using: &generator)
      let held = Self.resampledSum(of: controlValues, draws: control.count, using: &generator)
      differences[round] = treated / Double(treatment.count) - held / Double(control.count)
    }
    differences.sort()
    let alpha = 1 - confidence
    low = percentile(differences, alpha / 2)
    high = percentile(differences, 1 - alpha / 2)
  }

  /// The sum of `draws` values drawn with replacement from a group of `draws` values whose
  /// non-zero ones are `nonZero` (the rest are zeros).
  static func resampledSum(of nonZero: [Double], draws: Int, using generator: inout some RandomNumberGenerator)
    -> Double
  {
    guard !nonZero.isEmpty else { return 0 }
    var sum = 0.0
    if nonZero.count == draws {
      for _ in 0..<draws { sum += nonZero[Int.random(in: 0..<nonZero.count, using: &generator)] }
      return sum
    }
    // Hits among the draws are Bernoulli(k/n) each: the gaps between hits are geometric.
    let logMiss = log1p(-Double(nonZero.count) / Double(draws))
    var position = -1
    while true {
      let uniform = 1 - Double.random(in: 0..<1, using: &generator)  // in (0, 1]
      let gap = (log(uniform) / logMiss).rounded(.down)
      guard gap < Double(draws - position) else { break }
      position += Int(gap) + 1
      guard position < draws else { break }
      sum += nonZero[Int.random(in: 0..<nonZero.count, using: &generator)]
    }
    return sum
  }
}
