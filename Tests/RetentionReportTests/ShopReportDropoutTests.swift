import Foundation
import Testing
import _TestSupport

@testable import RetentionReport

/// The report's "Who is still a customer" section follows the BG/NBD fit's diagnostics: where the
/// history shows no dropout, a sentence instead of a P(alive) chart of 100 % everywhere.
struct ShopReportDropoutTests {
  @Test func onlineRetailSampleGetsASentenceInsteadOfAChartOfCertainty() throws {
    // The bundled UCI Online Retail sample: the BG/NBD maximum is its no-dropout limit, the NBD
    // (FitDiagnosticsTests.onlineRetailSampleHasNoDropout).
    let log = try OrderLog(contentsOf: TestData.onlineRetailSample, format: .onlineRetail)
    let report = ShopReport(log: log, options: ShopReportOptions(currency: "GBP"))
    #expect(report.aliveMatrix == nil)
    let sentence = try #require(report.notes.first { $0.hasPrefix("Who is still a customer") })
    #expect(sentence.contains("no dropout"))
    #expect(report.markdown().contains(sentence))
    #expect(report.html().contains("nobody seems to stop buying in this history"))
  }

  @Test func cdnowKeepsItsChart() throws {
    // CDNOW identifies dropout (Fader, Hardie & Lee 2005): the chart stays.
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
    let report = ShopReport(log: log, options: ShopReportOptions(currency: "USD"))
    #expect(report.aliveMatrix != nil)
    #expect(!report.notes.contains { $0.hasPrefix("Who is still a customer") })
  }
}
