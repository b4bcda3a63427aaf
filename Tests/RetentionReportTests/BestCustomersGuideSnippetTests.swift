import Foundation
import Segmentation
import Testing

/// Compiles and runs the code of Documentation/BestCustomers.md.
struct BestCustomersGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("BestCustomers.md", isCompiledBy: #filePath)
  }

  @Test func bestAndBulkBuyers() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let resolution = DeterministicIdentityResolver().resolve(log)
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: log.lastOrderDate ?? .now)
    let best = profiles.members(of: TopCustomers(percent: 10))
    let bulk = profiles.members(of: BulkBuyers(relativeQuantity: 5))
    let bigBaskets = profiles.members(of: HighAverageOrderValue(multiple: 2))
    let bestStillActive = profiles.members(of: TopCustomers(percent: 10).and(LapsedCustomers().negated()))
    print(best.count, bulk.count, bigBaskets.count, bestStillActive.count)
    print(bulk.first?.reason ?? "")  // "bought 1200 units on one line, 48.0 x the product's usual quantity"
    let report = SegmentReport(segments: [TopCustomers(), BulkBuyers(), HighAverageOrderValue()], profiles: profiles)
    for entry in report.segments { print(entry.name, entry.size, entry.revenueShare) }

    #expect(bestStillActive.count <= best.count)
  }

  @Test func rfm() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let profiles = CustomerProfiles(
      log: log, resolution: DeterministicIdentityResolver().resolve(log), asOf: log.lastOrderDate ?? .now)
    let rfm = try RFMAnalysis(profiles: profiles)
    print(rfm.thresholds.recency, rfm.segmentSizes["Champions"] ?? 0, rfm.shopifyGroupSizes)
    let champions = profiles.members(of: RFMSegment("Champions", of: rfm))
    let atRisk = profiles.members(of: RFMSegment("At Risk", of: rfm))
    print(champions.count, atRisk.count)

    #expect(champions.count == rfm.segmentSizes["Champions"] ?? 0)
  }
}
