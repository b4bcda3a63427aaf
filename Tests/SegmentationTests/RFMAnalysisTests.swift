import Foundation
import Testing
import _TestSupport
import Segmentation

struct RFMAnalysisTests {
  @Test func quintilesWithDeterministicTies() throws {
    // Ten people; frequency ties: five with 1 order, five with 2.
    let profiles = CustomerProfiles(
      (0..<10).map { index in
        SegmentTests.profile(
          "p\(index)", orders: index < 5 ? 1 : 2, revenue: Double(10 * (index + 1)), daysSinceLast: 100 - 10 * index,
          daysSinceFirst: 200)
      }, asOf: SegmentTests.asOf, medianOrderValue: 10)
    let rfm = try RFMAnalysis(profiles: profiles)
    // Monetary 10, 20, ..., 100: two per quintile.
    #expect(rfm.scores.map(\.monetary) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    // Recency: p0 is the least recent (100 days) and p9 the most recent (10 days).
    #expect(rfm.scores.map(\.recency) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    // Ties in frequency are broken by position ("rank first"): p0...p4 rank 1-5, p5...p9 6-10.
    #expect(rfm.scores.map(\.frequency) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    #expect(rfm.thresholds.monetary == [20, 40, 60, 80, 100])
    #expect(rfm.scores[9].segment == "Champions")
    #expect(rfm.scores[0].segment == "Lost")
    #expect(rfm.scores[9].shopifyGroup == "CHAMPIONS")
    #expect(rfm.scores[0].shopifyGroup == "DORMANT")
    #expect(rfm.segmentSizes.values.reduce(0, +) == 10)
  }

  @Test func customThresholdsAreHonoured() throws {
    let profiles = CustomerProfiles(
      [
        SegmentTests.profile("a", orders: 1, revenue: 10, daysSinceLast: 5, daysSinceFirst: 5),
        SegmentTests.profile("b", orders: 7, revenue: 900, daysSinceLast: 400, daysSinceFirst: 900),
      ], asOf: SegmentTests.asOf, medianOrderValue: 10)
    let custom = RFMAnalysis.CustomThresholds(recency: [30, 90, 180, 365], frequency: [1, 2, 4, 6], monetary: [50, 100, 250, 500])
    let rfm = try RFMAnalysis(profiles: profiles, custom: custom)
    #expect(rfm.thresholds.recency == custom.recency)
    // a: 5 days <= 30 -> R 5; 1 order <= 1 -> F 1; 10 <= 50 -> M 1.
    #expect([rfm.scores[0].recency, rfm.scores[0].frequency, rfm.scores[0].monetary] as [Int] == [5, 1, 1])
    // b: 400 days > 365 -> R 1; 7 > 6 -> F 5; 900 > 500 -> M 5.
    #expect([rfm.scores[1].recency, rfm.scores[1].frequency, rfm.scores[1].monetary] as [Int] == [1, 5, 5])
    // R 1, F 5, M 5 fits both "At Risk" (R 1-2, F 2-5, M 2-5) and "Can't Lose Them" (R 1,
    // F 4-5, M 4-5); the rfm defaults list At Risk first, and first match wins. The overlap is
    // reported.
    #expect(rfm.scores[1].segment == "At Risk")
    #expect(rfm.overlapping == 2)  // and a (R 5, F 1, M 1) fits Potential Loyalist and New Customers
    #expect(throws: SegmentationError.self) {
      try RFMAnalysis(profiles: profiles, custom: .init(recency: [1], frequency: [1], monetary: [1]))
    }
  }

  @Test(.fullData) func onlineRetailAgainstAnIndependentComputation() throws {
    let log = try OrderLog(contentsOf: try FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let asOf = Date(timeIntervalSince1970: 1_323_475_199)  // 2011-12-09 23:59:59 UTC, the last day
    let profiles = CustomerProfiles(log: log, resolution: DeterministicIdentityResolver().resolve(log), asOf: asOf)
    let rfm = try RFMAnalysis(profiles: profiles)
    // Independent: per customer id, count orders and revenue straight from the columns, then
    // quintile by the documented rank rule.
    var orders: [String: Int] = [:], revenue: [String: Double] = [:], firstSeen: [String: Int] = [:]
    for index in log.indices where log.orderIsPurchase[index] && log.orderCustomers[index] >= 0 {
      let id = "id:" + log.customerIDs[Int(log.orderCustomers[index])]
      orders[id, default: 0] += 1
      revenue[id, default: 0] += log.orderNetAmounts[index]
      if firstSeen[id] == nil { firstSeen[id] = firstSeen.count }
    }
    #expect(profiles.count == orders.count)
    let ids = firstSeen.sorted { $0.value < $1.value }.map(\.key)
    #expect(profiles.map(\.id) == ids)
    let ranked = ids.indices.sorted { (revenue[ids[$0]] ?? 0, $0) < (revenue[ids[$1]] ?? 0, $1) }
    var expected = [Int](repeating: 0, count: ids.count)
    for (rank, position) in ranked.enumerated() { expected[position] = rank * 5 / ids.count + 1 }
    #expect(rfm.scores.map(\.monetary) == expected)
    #expect(rfm.scores.indices.allSatisfy { rfm.scores[$0].frequency >= 1 && rfm.scores[$0].frequency <= 5 })
    #expect(rfm.coverage > 0.8)
  }
}
