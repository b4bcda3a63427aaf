import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

struct CustomerSummariesTests {
  @Test func mergesSameDayPurchasesAndSplitsCalibrationFromHoldout() throws {
    let day = OrderLogTests.day
    func order(_ id: String, _ d: Double, _ total: Double) -> Order {
      Order(id: id, customer: CustomerReference(id: "ada"), placedAt: Date(timeIntervalSince1970: d * day), total: total)
    }
    // Days 0, 0.5 (same day), 7, 14 in calibration (ends day 20); 25 and 25.2 in the holdout;
    // 40 after the observation end (day 30).
    let log = try OrderLog([
      order("1", 0, 10), order("2", 0.5, 5), order("3", 7, 20), order("4", 14, 40), order("5", 25, 8), order("6", 25.2, 2),
      order("7", 40, 100),
    ])
    let options = SummaryOptions(
      observationEnd: Date(timeIntervalSince1970: 30 * day), calibrationEnd: Date(timeIntervalSince1970: 20 * day),
      unit: .weeks)
    let summaries = log.summaries(options)
    let ada = summaries[0]
    #expect(ada.frequency == 2)
    #expect(ada.recency == 14.0 / 7)
    #expect(ada.age == 20.0 / 7)
    #expect(ada.monetaryValue == 30)  // (20 + 40) / 2: repeat purchase days only
    #expect(ada.orders == 4)
    #expect(ada.revenue == 75)
    #expect(ada.holdoutFrequency == 1)
    #expect(ada.holdoutRevenue == 10)
    #expect(summaries.holdoutLength == .weeks(10.0 / 7))
    #expect(summaries.compressed().count == [1])
  }

  @Test func compressedTriplesMergeByAddition() {
    let a = FrequencyRecencyData(frequency: [0, 1, 1], recency: [0, 2, 2], age: [5, 5, 5], unit: .weeks)
    let b = FrequencyRecencyData(frequency: [1, 3], recency: [2, 4], age: [5, 6], unit: .weeks)
    let merged = a.merging(b)
    #expect(merged.frequency == [0, 1, 3])
    #expect(merged.count == [1, 3, 1])
    #expect(merged.customerCount == 5)
    #expect(merged == FrequencyRecencyData(frequency: [0, 1, 1, 1, 3], recency: [0, 2, 2, 2, 4], age: [5, 5, 5, 5, 6], unit: .weeks))
  }

  /// The hash table compresses exactly like counting equal triples by hand: -0.0 equals 0.0,
  /// weights add up, and many colliding-prone near-equal values stay apart.
  @Test(arguments: 0..<5 as Range<UInt64>)
  func compressionCountsEveryDistinctTriple(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let n = 5_000
    let x = (0..<n).map { _ in Double(generator.next() % 4) }
    let tx = (0..<n).map { index in x[index] == 0 ? (index % 2 == 0 ? -0.0 : 0.0) : Double(generator.next() % 3) / 7 }
    let t = (0..<n).map { _ in 10 + Double(generator.next() % 3) * 0x1p-40 }
    let weights = (0..<n).map { _ in Double(1 + generator.next() % 3) }
    let data = FrequencyRecencyData(frequency: x, recency: tx, age: t, unit: .weeks, weights: weights)
    // The reference: a linear scan over the distinct triples seen so far.
    var distinct: [(Double, Double, Double)] = []
    var totals: [Double] = []
    for index in 0..<n {
      if let k = distinct.firstIndex(where: { $0.0 == x[index] && $0.1 == tx[index] && $0.2 == t[index] }) {
        totals[k] += weights[index]
      } else {
        distinct.append((x[index], tx[index], t[index]))
        totals.append(weights[index])
      }
    }
    #expect(data.uniqueCount == distinct.count)
    #expect(data.customerCount == weights.reduce(0, +))
    for k in distinct.indices {
      let position = data.frequency.indices.first {
        data.frequency[$0] == distinct[k].0 && data.recency[$0] == distinct[k].1 && data.age[$0] == distinct[k].2
      }
      #expect(position.map { data.count[$0] } == totals[k])
    }
    #expect(!data.recency.contains { $0 == 0 && $0.sign == .minus })
  }
}
