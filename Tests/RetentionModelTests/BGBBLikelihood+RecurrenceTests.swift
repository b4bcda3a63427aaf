import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The BG/BB likelihood by recurrence (the fitting fast path) equals the term-by-term
/// definition, value and gradient, on random and edge-case patterns.
struct BGBBLikelihoodRecurrenceTests {
  static func expectEqual(
    _ model: BGBBModel, x: Double, tx: Double, n: Double, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let reference = model.logLikelihoodWithGradient(x: x, tx: tx, n: n)
    let fast = model.logLikelihoodWithGradientByRecurrence(x: x, tx: tx, n: n)
    // Up to 1,000 recurrence steps each add a rounding error of about 1e-16 relative.
    #expect(
      fast.0.isApproximatelyEqual(to: reference.0, absoluteTolerance: 1e-11, relativeTolerance: 1e-11),
      "\(model.parameters) (\(x), \(tx), \(n)): \(fast.0) vs \(reference.0)", sourceLocation: sourceLocation)
    for j in 0..<4 {
      #expect(
        fast.1[j].isApproximatelyEqual(to: reference.1[j], absoluteTolerance: 1e-10, relativeTolerance: 1e-9),
        "derivative \(j) at \(model.parameters) (\(x), \(tx), \(n))", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func randomPatternsMatchTheDefinition(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    func positive() -> Double { exp(Double.random(in: -3...5, using: &generator)) }
    let model = BGBBModel(alpha: positive(), beta: positive(), gamma: positive(), delta: positive())
    let n = Double(Int.random(in: 0...(seed.isMultiple(of: 4) ? 1_000 : 60), using: &generator))
    let tx = Double(Int.random(in: 0...Int(n), using: &generator))
    let x = tx == 0 ? 0 : Double(Int.random(in: 1...Int(tx), using: &generator))
    Self.expectEqual(model, x: x, tx: tx, n: n)
  }

  @Test func edgeCasesMatchTheDefinition() {
    // Donations (FHS 2010) and a daily calendar's parameters; t_x = n, x = 0, x = t_x.
    let models = [
      BGBBModel(alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783),
      BGBBModel(alpha: 0.05, beta: 40, gamma: 0.6, delta: 1e6),
      BGBBModel(alpha: 1e-6, beta: 1e4, gamma: 1e3, delta: 1e-3),
    ]
    for model in models {
      for (x, tx, n) in [(0.0, 0.0, 0.0), (0, 0, 6), (6, 6, 6), (2, 4, 6), (1, 1, 365), (30, 200, 500), (0, 0, 1_000)] {
        Self.expectEqual(model, x: x, tx: tx, n: n)
      }
    }
  }
}
