import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct RegularitySearchTests {
  @Test func groceryChoosesTwoStagesOverTheMBGNBD() throws {
    // BTYDplus demo/grocery.R: `cbs <- elog2cbs(groceryElog, T.cal = "2006-12-31", T.tot =
    // "2007-12-31"); mbgcnbd.EstimateParameters(cbs)` with the comment "k=2 -> regularity
    // detected for grocery dataset"; the BTYDplus vignette (BTYDplus-HowTo.Rmd) on the same
    // data: "the estimate for regularity parameter k is 2".
    let log = try GroceryFixtures.log()
    let summaries = log.summaries(GroceryFixtures.summaryOptions())
    #expect(summaries.count == 1_525)
    let data = try PurchaseTimingData(summaries: summaries, log: log)
    let search = try MBGCNBDModel.fit(data)
    #expect(search.best.parameters.k == 2)
    #expect(search.best.converged)
    // The log-likelihood falls at k = 3 and 4, so the search stops there (BTYDplus's rule).
    #expect(search.fits.map(\.parameters.k) == [1, 2, 3, 4])
    let one = search.fits[0]
    // Measured: -15781.94 (k = 1, the MBG/NBD's maximum on these data) and -14978.21 (k = 2).
    #expect(
      one.logLikelihood.isApproximatelyEqual(
        to: try MBGNBDModel.fit(data.triples).logLikelihood, absoluteTolerance: 1e-6))
    #expect(search.best.logLikelihood > one.logLikelihood + 500)
    // r, alpha, a, b have standard errors conditional on k; k has a reason instead.
    #expect(Set(search.best.standardErrorsByParameter.keys) == ["r", "alpha", "a", "b"])
    #expect(search.best.diagnostics.missingStandardErrors.keys.sorted() == ["k"])

    let plain = try BGCNBDModel.fit(data)
    #expect(plain.best.parameters.k == 2)
    #expect(
      plain.fits[0].logLikelihood.isApproximatelyEqual(
        to: try BGNBDModel.fit(data.triples).logLikelihood, absoluteTolerance: 1e-6))
    // The MBG variant fits these data better than the BG variant (BTYDplus demo/grocery.R).
    #expect(search.best.logLikelihood > plain.best.logLikelihood)
  }

  @Test(arguments: [UInt64(11), 12])
  func recoversSimulatedRegularity(seed: UInt64) throws {
    // BTYDplus demo/mbg-cnbd-k.R: 4,000 customers, k 3, r 0.85, alpha 1.45, a 0.79, b 2.42,
    // 24-32 weeks observed.
    let truth = MBGCNBDModel(k: 3, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42, unit: .weeks)
    var generator = SplitMix64(seed: seed)
    var x: [Double] = [], tx: [Double] = [], age: [Double] = [], litt: [Double] = []
    for index in 0..<4_000 {
      let t = Double(24 + 4 * (index % 3))
      let times = truth.simulatePurchaseTimes(age: t, using: &generator)
      x.append(Double(times.count))
      tx.append(times.last ?? 0)
      age.append(t)
      litt.append(zip([0] + times, times).reduce(0) { $0 + log($1.1 - $1.0) })
    }
    let data = try PurchaseTimingData(frequency: x, recency: tx, age: age, logInterPurchaseTimes: litt, unit: .weeks)
    let search = try MBGCNBDModel.fit(data)
    #expect(search.best.parameters.k == 3)
    for name in ["r", "alpha", "a", "b"] {
      let index = try #require(MBGCNBDModel.Parameters.names.firstIndex(of: name))
      let error = try #require(search.best.standardErrorsByParameter[name])
      // Within 3.5 standard errors of the truth (two seeds, four parameters).
      #expect(abs(search.best.parameters.values[index] - truth.parameters.values[index]) <= 3.5 * error)
    }
  }

  @Test func badRegularitiesAreRejected() throws {
    let data = try PurchaseTimingData(
      frequency: [0, 2], recency: [0, 3], age: [5, 5], logInterPurchaseTimes: [0, 1], unit: .weeks)
    let error = #expect(throws: RetentionModelError.self) { try MBGCNBDModel.fit(data, regularities: 0...3) }
    #expect(error?.code == .invalidArgument)
    #expect(throws: RetentionModelError.self) { try MBGCNBDModel.fit(data, k: 0) }
    let empty = PurchaseTimingData(
      triples: FrequencyRecencyData(frequency: [], recency: [], age: [], unit: .weeks), logInterPurchaseTimeSum: 0)
    #expect(throws: RetentionModelError.self) { try MBGCNBDModel.fit(empty, k: 2) }
  }

  @Test func fitEncodesItsRegularity() throws {
    let log = try GroceryFixtures.log()
    let data = try PurchaseTimingData(summaries: log.summaries(GroceryFixtures.summaryOptions()), log: log)
    let fit = try MBGCNBDModel.fit(data, k: 2)
    let encoded = try JSONEncoder().encode(fit)
    let decoded = try JSONDecoder().decode(ModelFit<MBGCNBDModel>.self, from: encoded)
    #expect(decoded.parameters == fit.parameters)
    #expect(decoded.parameters.k == 2)
    let text = String(decoding: encoded, as: UTF8.self)
    #expect(text.contains("\"k\":2"))
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ModelFit<MBGNBDModel>.self, from: encoded)
    }
  }
}
