import Foundation
import Testing
import _TestSupport

/// Runs the tutorial examples (`cdnow-walkthrough`, `second-purchase-campaign`) and checks the
/// figures they print against their published or hand-checked values.
struct TutorialExampleTests {
  @Test func cdnowWalkthroughPrintsThePublishedResults() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let run = try ExampleProgramTests.run("cdnow-walkthrough", [path])
    #expect(run.status == 0, "\(run.error)")
    // REFERENCES.md: 946 repeaters, 2,457 repeat purchases, 1,882 holdout purchases; BG/NBD
    // r 0.243, alpha 4.414, a 0.793, b 2.426 (FHL 2005); holdout correlations 0.626 / 0.630.
    #expect(run.output.contains("946 repeat buyers, 2457 repeat purchases, 1882 holdout purchases"))
    for line in ["r", "alpha", "a", "b"].map({ "   " + $0.padding(toLength: 40, withPad: " ", startingAt: 0) }) {
      let printed = run.output.split(separator: "\n").first { $0.hasPrefix(line) }
      #expect(printed != nil, "no line for \(line)")
    }
    #expect(run.output.contains("0.243         published 0.243"))
    #expect(run.output.contains("4.414         published 4.414"))
    #expect(run.output.contains("0.626         published 0.626"))
    #expect(run.output.contains("0.630         published 0.630"))
    #expect(!run.output.contains("nan"))
  }

  @Test func secondPurchaseCampaignWritesAConsentingFirstTimeBuyerList() throws {
    let path = try TestData.url("shopify/orders_export_sample.csv").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run("second-purchase-campaign", [path, "--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    let text = try String(contentsOf: out, encoding: .utf8)
    let lines = text.split(separator: "\r\n")
    #expect(lines.first == "person,email,name,first_order,p_second_30d,p_second_60d,p_second_90d,offer,offer_name,send_on,also_recommended,reason")
    #expect(lines.count > 1)
    // "N first-time buyers: W in the campaign, D left out": the file has W rows.
    let summary = try #require(run.output.split(separator: "\n").first { $0.contains("in the campaign") })
    let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(numbers.count == 3 && numbers[0] == numbers[1] + numbers[2])
    #expect(numbers.count == 3 && lines.count - 1 == numbers[1])
    // Every probability is a probability, and 30 <= 60 <= 90 days.
    for line in lines.dropFirst().prefix(50) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      let chances = fields[4...6].compactMap { Double($0) }
      #expect(chances.count == 3 && chances.allSatisfy { (0...1).contains($0) })
      #expect(chances.count == 3 && chances[0] <= chances[1] && chances[1] <= chances[2])
    }
    let help = try ExampleProgramTests.run("second-purchase-campaign", ["--help"])
    #expect(help.status == 0 && help.output.contains("usage: second-purchase-campaign"))
    let bad = try ExampleProgramTests.run("second-purchase-campaign", ["/no/such/file.csv", "--format", "shopify"])
    #expect(bad.status != 0 && !bad.error.isEmpty)
  }

  @Test func replenishmentRemindersWritesTheDueReminders() throws {
    let path = try TestData.url("groceries/Groceries_dataset.csv").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("reminders-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run("replenishment-reminders", [path, "--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\r\n")
    #expect(lines.first == "customer,product,product_name,last_purchase,run_out,remind_on,win_back_from,status,reason")
    // "N reminders due, U upcoming, W customers past the 75th percentile": the file has N + U + W rows.
    let summary = try #require(run.output.split(separator: "\n").first { $0.contains("reminders due") })
    let numbers = summary.split(separator: ":").last!.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(numbers.count >= 3 && numbers.prefix(3).reduce(0, +) == lines.count - 1)
    #expect(lines.count > 1)
    for line in lines.dropFirst().prefix(200) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      // Dates are ISO days, so they order as text: last purchase <= reminder <= run-out.
      #expect(fields[3] <= fields[5] && fields[5] <= fields[4], "\(line)")
      #expect(["due", "upcoming", "handOverToWinBack"].contains(String(fields[7])), "\(line)")
    }
  }
}
