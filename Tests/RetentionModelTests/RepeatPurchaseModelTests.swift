import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// Properties every repeat-purchase model must have, over random parameters and histories.
struct RepeatPurchaseModelTests {
  /// A model of each kind with parameters drawn log-uniformly over wide ranges.
  static func randomModels(seed: UInt64) -> [any RepeatPurchaseModel] {
    var generator = SplitMix64(seed: seed)
    func draw(_ low: Double, _ high: Double) -> Double {
      exp(log(low) + Double.random(in: 0..<1, using: &generator) * (log(high) - log(low)))
    }
    return [
      BGNBDModel(r: draw(0.05, 5), alpha: draw(0.5, 50), a: draw(0.05, 5), b: draw(0.05, 20), unit: .weeks),
      MBGNBDModel(r: draw(0.05, 5), alpha: draw(0.5, 50), a: draw(0.05, 5), b: draw(0.05, 20), unit: .weeks),
      ParetoNBDModel(r: draw(0.05, 5), alpha: draw(0.5, 50), s: draw(0.05, 5), beta: draw(0.5, 50), unit: .weeks),
      NBDModel(r: draw(0.05, 5), alpha: draw(0.5, 50), unit: .weeks),
    ]
  }

  @Test(arguments: 0..<100 as Range<UInt64>)
  func probabilitiesStayInRangeAndExpectationsGrowWithTheHorizon(seed: UInt64) {
    var generator = SplitMix64(seed: seed &+ 1_000)
    for model in Self.randomModels(seed: seed) {
      let t = Double.random(in: 0...100, using: &generator)
      let x = Double(Int.random(in: 0...300, using: &generator))
      let tx = x == 0 ? 0 : Double.random(in: 0...t, using: &generator)
      let alive = model.probabilityAlive(frequency: x, recency: tx, age: t)
      #expect(alive >= 0 && alive <= 1, "\(model) P(alive) \(alive) at (\(x), \(tx), \(t))")
      #expect(model.logLikelihood(frequency: x, recency: tx, age: t).isFinite)
      var previous = 0.0, previousConditional = 0.0, previousNone = 1.0
      for horizon in [0.5, 1, 5, 13, 39, 52, 104, 520] {
        let expected = model.expectedPurchases(within: .weeks(horizon))
        let conditional = model.conditionalExpectedPurchases(within: .weeks(horizon), frequency: x, recency: tx, age: t)
        let none = model.probabilityOfNoPurchase(within: .weeks(horizon), frequency: x, recency: tx, age: t)
        #expect(expected.isFinite && expected >= previous * (1 - 1e-12), "\(model) E[X(\(horizon))] = \(expected)")
        #expect(conditional.isFinite && conditional >= previousConditional * (1 - 1e-12), "\(model) E[Y(\(horizon))] = \(conditional)")
        #expect(none >= 0 && none <= previousNone + 1e-12, "\(model) P(Y(\(horizon)) = 0) = \(none)")
        previous = expected
        previousConditional = conditional
        previousNone = none
      }
    }
  }

  @Test func probabilityOfSecondPurchaseMatchesClosedForms() {
    // BG/NBD: a first-time buyer cannot have dropped out, so 1 - ((α+T)/(α+T+h))^r.
    let bgnbd = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    let expected = 1 - pow((4.414 + 3) / (4.414 + 3 + 30.0 / 7), 0.243)
    #expect(bgnbd.probabilityOfSecondPurchase(within: .days(30), age: .weeks(3)).isApproximatelyEqual(to: expected, relativeTolerance: 1e-13))
    // Pareto/NBD: 1 - L(0, 0, T+h) / L(0, 0, T).
    let pareto = ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks)
    let ratio = exp(pareto.logLikelihood(frequency: 0, recency: 0, age: 3 + 90.0 / 7) - pareto.logLikelihood(frequency: 0, recency: 0, age: 3))
    #expect(pareto.probabilityOfSecondPurchase(within: .days(90), age: .weeks(3)).isApproximatelyEqual(to: 1 - ratio, relativeTolerance: 1e-12))
    // The longer a first-time buyer has waited, the less likely a second purchase.
    for model in [bgnbd as any RepeatPurchaseModel, pareto, MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks)] {
      var previous = 1.0
      for age in [0.0, 1, 4, 13, 26, 52] {
        let p = model.probabilityOfSecondPurchase(within: .days(30), age: .weeks(age))
        #expect(p > 0 && p < previous)
        previous = p
      }
    }
  }

  @Test(arguments: [0, 1, 2] as [Int])
  func simulationAgreesWithTheProbabilityOfNoRepeat(modelIndex: Int) {
    // Brute force: the share of simulated new customers without a repeat purchase in 52 weeks
    // against P(X(52) = 0); 20,000 draws give a binomial standard error below 0.0036, and we
    // allow 4 of them.
    let model: any RepeatPurchaseModel = [
      BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks) as any RepeatPurchaseModel,
      ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks),
      MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks),
    ][modelIndex]
    var generator = SplitMix64(seed: 2_024)
    let customers = 20_000
    var without = 0
    var purchases = 0
    for _ in 0..<customers {
      let times = model.simulatePurchaseTimes(age: 52, using: &generator)
      if times.isEmpty { without += 1 }
      purchases += times.count
    }
    let share = Double(without) / Double(customers)
    #expect(abs(share - model.probabilityOfPurchases(0, within: .weeks(52))) < 4 * 0.0036)
    #expect(abs(Double(customers) - Double(without) - model.expectedRepeatBuyers(among: Double(customers), within: .weeks(52))) < 4 * 0.0036 * Double(customers))
    // The mean number of purchases against E[X(52)] (about 1.4; the spread is below 4 per
    // customer, so the standard error is below 0.03).
    #expect(abs(Double(purchases) / Double(customers) - model.expectedPurchases(within: .weeks(52))) < 0.12)
  }

  @Test func scoringMatchesCustomerLevelCallsAndIsThreadIndependent() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    for model in [BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks) as any RepeatPurchaseModel,
                  ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, unit: .weeks),
                  MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, unit: .weeks), NBDModel(r: 0.385, alpha: 12.072, unit: .weeks)] {
      let parallel = model.scores(summaries, within: .weeks(39))
      let serial = model.scores(summaries, within: .weeks(39), isParallel: false)
      #expect(parallel == serial)
      #expect(parallel.customerIDs == summaries.customerIDs)
      for index in stride(from: 0, to: summaries.count, by: 97) {
        let (x, tx, t) = (summaries.frequency[index], summaries.recency[index], summaries.age[index])
        #expect(parallel.probabilityAlive[index].isApproximatelyEqual(to: model.probabilityAlive(frequency: x, recency: tx, age: t), relativeTolerance: 1e-14))
        #expect(parallel.expectedPurchases[index].isApproximatelyEqual(to: model.conditionalExpectedPurchases(within: .weeks(39), frequency: x, recency: tx, age: t), absoluteTolerance: 1e-300, relativeTolerance: 1e-13))
      }
    }
  }

  @Test func expectedBuyersOfABaseIsASumOfProbabilities() throws {
    let summaries = try CDNOWFixtures.sampleSummaries()
    let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
    var manual = 0.0
    for index in summaries.indices {
      manual += 1 - model.probabilityOfNoPurchase(within: .weeks(39), frequency: summaries.frequency[index], recency: summaries.recency[index], age: summaries.age[index])
    }
    let total = model.expectedBuyers(summaries, within: .weeks(39))
    #expect(total.isApproximatelyEqual(to: manual, relativeTolerance: 1e-12))
    // Fewer buyers than customers, and at least the customers' summed P(buy) is positive.
    #expect(total > 0 && total < Double(summaries.count))
  }
}
