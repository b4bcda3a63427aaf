import Foundation
import Segmentation
import Testing
import _TestSupport
@testable import RetentionCore

/// A Shopify export says the same thing in any row order: the synthetic export, the same export
/// with its data rows reversed, and shuffled with seeded generators give the same import report,
/// log, summaries and segments, field for field (issue 15, section 2).
struct ShopifyRowOrderTests {
  /// The committed export and its reordered variants, generated here rather than committed.
  static func exports() throws -> [(name: String, bytes: [UInt8])] {
    let original = Array(try Data(contentsOf: try TestData.url("shopify/orders_export_sample.csv")))
    let records = CSVRecords(original)
    var variants: [(String, [UInt8])] = [("original", original), ("reversed", records.reversed)]
    for seed: UInt64 in [1, 2] {
      var generator = SplitMix64(seed: seed)
      variants.append(("shuffled with seed \(seed)", records.shuffled(using: &generator)))
    }
    return variants
  }

  @Test func reorderedExportsAreTheSameRecords() throws {
    let exports = try Self.exports()
    let original = CSVRecords(exports[0].bytes)
    // 8,307 data rows (orders_export_sample.csv; 392 of its fields hold a line break, so records
    // are not lines).
    #expect(original.rows.count == 8_307)
    for (name, bytes) in exports.dropFirst() {
      let variant = CSVRecords(bytes)
      #expect(variant.header == original.header, "\(name)")
      #expect(variant.rows != original.rows, "\(name) is a different order")
      #expect(
        variant.rows.sorted { $0.lexicographicallyPrecedes($1) }
          == original.rows.sorted { $0.lexicographicallyPrecedes($1) }, "\(name)")
    }
  }

  @Test func reversedAndShuffledExportsGiveTheSameLogSummariesAndSegments() throws {
    let exports = try Self.exports()
    let logs = try exports.map { try OrderLog(csv: $0.bytes, format: .shopify) }
    let reference = logs[0]
    // The figures of the export as Shopify wrote it (newest order first), counted independently
    // from the file: 5,026 orders; 106 voided (each with a Cancelled at), 172 refunded.
    #expect(reference.report.rowsRead == 8_307)
    #expect(reference.report.rowsRejected == 0)
    #expect(reference.orderCount == 5_026)
    #expect(reference.report.cancelledOrders == 106)
    #expect(reference.report.refundedOrders == 172)

    let end = try #require(reference.lastOrderDate)
    let options = SummaryOptions(observationEnd: end, calibrationEnd: end.addingTimeInterval(-180 * 86_400))
    let referenceSummaries = Array(reference.summaries(options))
    let referenceResolution = DeterministicIdentityResolver().resolve(reference)
    let asOf = end.addingTimeInterval(86_400)
    let referenceProfiles = CustomerProfiles(log: reference, resolution: referenceResolution, asOf: asOf)
    let referenceBuyers = referenceProfiles.members(of: FirstTimeBuyers())
    let referenceRFM = try RFMAnalysis(profiles: referenceProfiles)
    #expect(!referenceBuyers.isEmpty)

    for (index, log) in logs.enumerated().dropFirst() {
      let name = exports[index].name
      #expect(log.report == reference.report, "\(name)")
      #expect(LogContents(log) == LogContents(reference), "\(name)")
      #expect(log.revenue() == reference.revenue(), "\(name)")
      #expect(Array(log.summaries(options)) == referenceSummaries, "\(name)")
      let resolution = DeterministicIdentityResolver().resolve(log)
      #expect(resolution == referenceResolution, "\(name)")
      let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: asOf)
      #expect(Array(profiles) == Array(referenceProfiles), "\(name)")
      #expect(profiles.members(of: FirstTimeBuyers()) == referenceBuyers, "\(name)")
      #expect(try RFMAnalysis(profiles: profiles) == referenceRFM, "\(name)")
    }
  }

  /// Marketing consent is an order-level field: reading it from whichever row came first put
  /// declined customers into campaigns when the export was reversed.
  @Test func marketingConsentIsTheSameInAnyRowOrder() throws {
    let exports = try Self.exports()
    let reference = try OrderLog(csv: exports[0].bytes, format: .shopify)
    let reversed = try OrderLog(csv: exports[1].bytes, format: .shopify)
    func consent(_ log: OrderLog) -> [String: Bool?] {
      Dictionary(uniqueKeysWithValues: log.indices.map { (log.orderIDs[$0], log.acceptsMarketing(ofOrder: $0)) })
    }
    let expected = consent(reference)
    #expect(consent(reversed) == expected)
    // Every order of the export states its consent on its first row (counted from the file).
    #expect(expected.values.allSatisfy { $0 != nil })
  }
}
