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
    // "N first-time buyers: W in the campaign, D withheld for consent": the file has W rows.
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

  /// A hand-made export: Ann's two spellings of her email are one person with two purchase days
  /// (30 days apart), Bob buys twice 60 days apart, Eve's two orders on one day are one purchase
  /// day for the model (but two orders, so not a first-time buyer), Cy, Dee and Fay bought once
  /// (Dee declined marketing, Fay's order does not say: no statement, no consent under the
  /// contact policy). Every expected value is counted by hand.
  @Test func secondPurchaseCampaignCountsPeopleAndPurchaseDays() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let export = folder.appendingPathComponent("orders.csv")
    try """
      Name,Email,Financial Status,Accepts Marketing,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku
      #1,ann@shop.example,paid,yes,EUR,9.00,2024-01-05 10:00:00 +0100,1,Beans,9.00,COF-1
      #2,ANN@Shop.Example,paid,yes,EUR,13.00,2024-02-04 10:00:00 +0100,1,Filters,4.00,FLT-1
      #2,ANN@Shop.Example,paid,yes,EUR,13.00,2024-02-04 10:00:00 +0100,1,Mug,9.00,MUG-1
      #3,bob@shop.example,paid,yes,EUR,9.00,2024-01-10 10:00:00 +0100,1,Beans,9.00,COF-1
      #4,bob@shop.example,paid,yes,EUR,5.00,2024-03-10 10:00:00 +0100,1,Tea,5.00,TEA-1
      #5,cy@shop.example,paid,yes,EUR,9.00,2024-02-01 10:00:00 +0100,1,Beans,9.00,COF-1
      #6,dee@shop.example,paid,no,EUR,5.00,2024-03-01 10:00:00 +0100,1,Tea,5.00,TEA-1
      #7,eve@shop.example,paid,yes,EUR,9.00,2024-01-20 10:00:00 +0100,1,Beans,9.00,COF-1
      #8,Eve@shop.example,paid,yes,EUR,9.00,2024-01-20 15:00:00 +0100,1,Beans,9.00,COF-1
      #9,fay@shop.example,paid,,EUR,5.00,2024-02-20 10:00:00 +0100,1,Tea,5.00,TEA-1

      """.write(to: export, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("campaign.csv")
    let run = try ExampleProgramTests.run("second-purchase-campaign", [export.path, "--format", "shopify", "--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    // 9 purchase orders of 6 people; Ann and Bob came back (2 of 6), after 30 and 60 days: the
    // program's median is the upper middle, 60.
    #expect(run.output.contains("9 purchases by 6 people"), "\(run.output)")
    #expect(run.output.contains("2 repeat buyers (33.3 %); median time to the second purchase 60 days"), "\(run.output)")
    #expect(run.output.contains("3 first-time buyers: 1 in the campaign, 2 withheld for consent"), "\(run.output)")
    #expect(run.output.contains("withheld: 1 declined marketing, 1 never said"), "\(run.output)")
    // Cy started with COF-1; what came second after it: FLT-1, MUG-1 (Ann), TEA-1 (Bob), once
    // each, so the tie goes to the smallest id. Send 60 days after the first order.
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\r\n").dropFirst()
    let line = try #require(lines.first)
    #expect(lines.count == 1)
    let row = line.split(separator: ",", omittingEmptySubsequences: false)
    #expect(row[0] == "id:cy@shop.example" && row[3] == "2024-02-01" && row[9] == "2024-04-01", "\(row)")
    #expect(row[7] == "FLT-1" && row[8] == "Filters", "\(row)")
    #expect(line.contains("1 earlier customers who started with the same products bought it next"), "\(line)")
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
