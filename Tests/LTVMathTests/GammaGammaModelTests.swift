import Foundation
import Testing
import _TestSupport
import LTVMath

struct GammaGammaModelTests {
  /// The published CDNOW summary (x, t_x, T, zbar) of Fader, Hardie & Lee (2005).
  static func cdnowSummary() throws -> (x: [Double], zbar: [Double]) {
    let text = try String(contentsOf: try TestData.url("cdnow/cdnow_customers_summary_with_transactions.csv"), encoding: .utf8)
    var x: [Double] = [], zbar: [Double] = []
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
      x.append(fields[1])
      zbar.append(fields[4])
    }
    return (x, zbar)
  }

  @Test func reproducesThePublishedCDNOWFit() throws {
    let data = try Self.cdnowSummary()
    let fit = try GammaGammaModel.fit(frequency: data.x, monetaryValue: data.zbar)
    // REFERENCES.md (Fader & Hardie note 025; FHL 2005 "RFM and CLV"): 946 repeaters,
    // p 6.2493, q 3.7443, gamma 15.444, LL -4055.918; SEs 1.1897, 0.2902, 4.1600.
    #expect(fit.customers == 946)
    #expect(fit.model.p.isApproximatelyEqual(to: 6.2493, relativeTolerance: 1e-3))
    #expect(fit.model.q.isApproximatelyEqual(to: 3.7443, relativeTolerance: 1e-3))
    #expect(fit.model.gamma.isApproximatelyEqual(to: 15.444, relativeTolerance: 1e-3))
    #expect(fit.logLikelihood.isApproximatelyEqual(to: -4055.918, absoluteTolerance: 0.01))
    let errors = try #require(fit.standardErrors)
    #expect(errors.p.isApproximatelyEqual(to: 1.1897, relativeTolerance: 1e-2))
    #expect(errors.q.isApproximatelyEqual(to: 0.2902, relativeTolerance: 1e-2))
    #expect(errors.gamma.isApproximatelyEqual(to: 4.1600, relativeTolerance: 1e-2))
    // REFERENCES.md: population mean p*gamma/(q-1) = 35.171.
    #expect(fit.model.populationMeanOrderValue.isApproximatelyEqual(to: 35.171, absoluteTolerance: 0.005))
  }

  @Test func conditionalSpendOfTheFirstTenCustomers() throws {
    let data = try Self.cdnowSummary()
    // At the published parameters (note 025): E[M | x, zbar] for CDNOW customers 1-10, as listed
    // in REFERENCES.md to two decimals, truncated (lifetimes' documentation prints customer 1 as
    // 24.658619), hence the 0.01 absolute tolerance.
    let model = GammaGammaModel(p: 6.2493, q: 3.7443, gamma: 15.444)
    let expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
    for index in 0..<10 {
      let value = model.expectedAverageOrderValue(frequency: data.x[index], monetaryValue: data.zbar[index])
      #expect(value.isApproximatelyEqual(to: expected[index], absoluteTolerance: 0.01), "customer \(index + 1)")
    }
  }

  @Test func warnsWhenFrequencyAndSpendAreCorrelated() throws {
    var generator = SplitMix64(seed: 7)
    var x: [Double] = [], zbar: [Double] = []
    for _ in 0..<400 {
      let frequency = Double(1 + Int(generator.next() % 10))
      x.append(frequency)
      zbar.append(10 * frequency + Double(generator.next() % 100) / 50)
    }
    let fit = try GammaGammaModel.fit(frequency: x, monetaryValue: zbar)
    #expect(try #require(fit.frequencySpendCorrelation) > 0.9)
    #expect(!fit.warnings.isEmpty)
  }

  @Test func tooFewRepeatBuyersThrows() {
    #expect(throws: LTVMathError.self) { try GammaGammaModel.fit(frequency: [0, 1], monetaryValue: [0, 5]) }
  }
}
