import Foundation
import Testing
import _TestSupport

/// The programs tell the same story in any row order of a Shopify export (issue 15, section 2):
/// the synthetic export, reversed and shuffled (generated into a temporary folder) give the same
/// summary, the same first-time-buyer export and the same campaign file, byte for byte.
struct ShopifyRowOrderProgramTests {
  @Test func reversedAndShuffledExportsGiveTheSameSummarySegmentAndCampaign() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("row-order-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = try TestData.url("shopify/orders_export_sample.csv")
    let records = CSVRecords(Array(try Data(contentsOf: original)))
    var generator = SplitMix64(seed: 15)
    let reversed = folder.appendingPathComponent("reversed.csv")
    let shuffled = folder.appendingPathComponent("shuffled.csv")
    try Data(records.reversed).write(to: reversed)
    try Data(records.shuffled(using: &generator)).write(to: shuffled)

    struct Outputs: Equatable {
      var summary: [String: String]
      var firstTimeBuyers: String
      var campaign: String
      var campaignOutput: String
    }
    func outputs(_ file: URL, _ tag: String) throws -> Outputs {
      let summary = try ExampleProgramTests.run("secondsale", ["summary", file.path, "--json"])
      #expect(summary.status == 0, "\(summary.error)")
      var json = try ExampleProgramTests.json(summary.output)
      json["file"] = nil
      let buyersFile = folder.appendingPathComponent("buyers-\(tag).csv")
      let buyers = try ExampleProgramTests.run(
        "secondsale", ["segment", file.path, "--export", "first-time-buyers", "--out", buyersFile.path])
      #expect(buyers.status == 0, "\(buyers.error)")
      let campaignFile = folder.appendingPathComponent("campaign-\(tag).csv")
      let campaign = try ExampleProgramTests.run("second-purchase-campaign", [file.path, "--out", campaignFile.path])
      #expect(campaign.status == 0, "\(campaign.error)")
      return Outputs(
        summary: json.mapValues { "\($0)" }, firstTimeBuyers: try String(contentsOf: buyersFile, encoding: .utf8),
        campaign: try String(contentsOf: campaignFile, encoding: .utf8),
        // The import accounting names the file; the rest must match word for word.
        campaignOutput: campaign.output.split(separator: "\n").filter { !$0.hasPrefix("wrote ") }.joined(
          separator: "\n"
        ).replacingOccurrences(of: file.lastPathComponent, with: "FILE"))
    }
    let reference = try outputs(original, "original")
    // The export as Shopify wrote it: 106 voided/cancelled and 172 refunded orders (counted from
    // the file), and a campaign of first-time buyers who accept marketing.
    #expect(reference.summary["cancelledOrders"] == "106")
    #expect(reference.summary["refundedOrders"] == "172")
    #expect(reference.campaign.split(separator: "\r\n").count > 1)
    #expect(try outputs(reversed, "reversed") == reference)
    #expect(try outputs(shuffled, "shuffled") == reference)
  }
}
