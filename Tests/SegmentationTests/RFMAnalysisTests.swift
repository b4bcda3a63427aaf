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
    // Equal values share the band of the first of them: the five 1-order people rank 0-4, all
    // in band ⌊0 · 5 / 10⌋ + 1 = 1; the five 2-order people rank 5-9, all in band ⌊5 · 5 / 10⌋ + 1 = 3.
    #expect(rfm.scores.map(\.frequency) == [1, 1, 1, 1, 1, 3, 3, 3, 3, 3])
    // The largest value in each band; the empty bands 2 and 5 repeat the band below.
    #expect(rfm.thresholds.monetary == [20, 40, 60, 80, 100])
    #expect(rfm.thresholds.frequency == [1, 1, 2, 2, 2])
    #expect(rfm.thresholds.recency == [20, 40, 60, 80, 100])
    // p9: R 5, F 3, M 5 is no Champion (F 4-5) but a Loyal Customer (R 2-5, F 3-5, M 3-5).
    #expect(rfm.scores[9].segment == "Loyal Customers")
    #expect(rfm.scores[0].segment == "Lost")
    // FM = (3 + 5) / 2 = 4 with R 5: CHAMPIONS.
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
    let custom = RFMAnalysis.CustomThresholds(
      recency: [30, 90, 180, 365], frequency: [1, 2, 4, 6], monetary: [50, 100, 250, 500])
    let rfm = try RFMAnalysis(profiles: profiles, custom: custom)
    // The boundaries used, then the top of the best band: the largest value, when above them.
    #expect(rfm.thresholds.recency == custom.recency + [400])
    #expect(rfm.thresholds.frequency == custom.frequency + [7])
    #expect(rfm.thresholds.monetary == custom.monetary + [900])
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

  /// Seven people, values worked out by hand: ranks 0-6 fall in bands ⌊i · 5 / 7⌋ + 1 =
  /// 1, 1, 2, 3, 3, 4, 5 (the band cuts at ranks 2, 3, 5, 6), and equal values take the band of
  /// the first of them.
  @Test func handMadeBandsThresholdsAndRoundTrip() throws {
    let values: [(orders: Int, revenue: Double, days: Int)] = [
      (1, 50, 5), (1, 10, 40), (1, 30, 40), (1, 30, 400), (2, 70, 12), (3, 20, 90), (1, 30, 40),
    ]
    let profiles = CustomerProfiles(
      values.enumerated().map { index, value in
        SegmentTests.profile(
          "p\(index)", orders: value.orders, revenue: value.revenue, daysSinceLast: value.days, daysSinceFirst: 500)
      }, asOf: SegmentTests.asOf, medianOrderValue: 30)
    let rfm = try RFMAnalysis(profiles: profiles)
    // Revenue ascending: 10 20 30 30 30 50 70; the three 30s share band 2 (rank 2), band 3 is empty.
    #expect(rfm.scores.map(\.monetary) == [4, 1, 2, 2, 5, 1, 2])
    #expect(rfm.thresholds.monetary == [20, 30, 30, 50, 70])
    // Orders ascending: five 1s (band 1), 2 (rank 5, band 4), 3 (rank 6, band 5).
    #expect(rfm.scores.map(\.frequency) == [1, 1, 1, 1, 4, 5, 1])
    #expect(rfm.thresholds.frequency == [1, 1, 1, 2, 3])
    // Days ascending: 5 12 40 40 40 90 400 in bands 1 1 2 2 2 4 5; recency scores 6 − band.
    #expect(rfm.scores.map(\.recency) == [5, 4, 4, 1, 5, 2, 4])
    #expect(rfm.thresholds.recency == [12, 40, 40, 90, 400])
    // The thresholds passed back give the same scores and thresholds.
    let again = try RFMAnalysis(profiles: profiles, custom: .init(rfm.thresholds))
    #expect(again.scores == rfm.scores)
    #expect(again.thresholds == rfm.thresholds)
  }

  /// One month's thresholds applied as custom thresholds reproduce every score of the synthetic
  /// Shopify export, and each threshold is the largest value among the people of its band.
  @Test func thresholdsRoundTripOnTheShopifyExport() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let asOf = try #require(log.lastOrderDate)
    let profiles = CustomerProfiles(log: log, resolution: DeterministicIdentityResolver().resolve(log), asOf: asOf)
    let rfm = try RFMAnalysis(profiles: profiles)
    #expect(profiles.count > 900)
    let again = try RFMAnalysis(profiles: profiles, custom: .init(rfm.thresholds))
    #expect(again.scores == rfm.scores)
    #expect(again.thresholds == rfm.thresholds)
    let people = Array(profiles)
    for band in 1...5 {
      let inRecency = people.indices.filter { rfm.scores[$0].recency == band }.map {
        Double(people[$0].daysSinceLastOrder)
      }
      if let top = inRecency.max() { #expect(rfm.thresholds.recency[5 - band] == top, "recency band \(band)") }
      let inFrequency = people.indices.filter { rfm.scores[$0].frequency == band }.map { Double(people[$0].orders) }
      if let top = inFrequency.max() { #expect(rfm.thresholds.frequency[band - 1] == top, "frequency band \(band)") }
      let inMonetary = people.indices.filter { rfm.scores[$0].monetary == band }.map { people[$0].revenue }
      if let top = inMonetary.max() { #expect(rfm.thresholds.monetary[band - 1] == top, "monetary band \(band)") }
    }
    // Everyone with the same number of orders has the same frequency score.
    let scoreOfOrders = Dictionary(grouping: people.indices, by: { people[$0].orders }).mapValues {
      Set($0.map { rfm.scores[$0].frequency })
    }
    #expect(scoreOfOrders.values.allSatisfy { $0.count == 1 })
  }

  @Test func customThresholdsMustBeNumbersThatNeverDecrease() throws {
    let profiles = CustomerProfiles(
      [SegmentTests.profile("a", orders: 1, revenue: 10, daysSinceLast: 5, daysSinceFirst: 5)],
      asOf: SegmentTests.asOf, medianOrderValue: 10)
    let error = #expect(throws: SegmentationError.self) {
      try RFMAnalysis(
        profiles: profiles,
        custom: .init(recency: [30, 90, 180, 365], frequency: [1, 2, 6, 4], monetary: [1, 2, 3, 4]))
    }
    #expect(error?.code == .invalidArgument)
    #expect(throws: SegmentationError.self) {
      try RFMAnalysis(
        profiles: profiles,
        custom: .init(recency: [30, .nan, 180, 365], frequency: [1, 2, 4, 6], monetary: [1, 2, 3, 4]))
    }
    // Repeated boundaries are allowed: the band between them is empty.
    let rfm = try RFMAnalysis(
      profiles: profiles,
      custom: .init(recency: [30, 30, 180, 365], frequency: [1, 1, 4, 6], monetary: [10, 10, 10, 10]))
    #expect([rfm.scores[0].recency, rfm.scores[0].frequency, rfm.scores[0].monetary] as [Int] == [5, 1, 1])
  }

  /// The example of the type's documentation, as written there.
  @Test func documentationExampleCompiles() throws {
    let profiles = CustomerProfiles(
      (0..<10).map {
        SegmentTests.profile(
          "p\($0)", orders: 1 + $0 % 3, revenue: Double(10 * $0), daysSinceLast: $0, daysSinceFirst: 50)
      },
      asOf: SegmentTests.asOf, medianOrderValue: 10)
    let laterProfiles = profiles
    let rfm = try RFMAnalysis(profiles: profiles)
    print(rfm.thresholds.recency, rfm.segmentSizes)
    let nextMonth = try RFMAnalysis(profiles: laterProfiles, custom: .init(rfm.thresholds))
    #expect(nextMonth.scores == rfm.scores)
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
