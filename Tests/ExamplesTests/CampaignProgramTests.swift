import Foundation
import Testing
import _TestSupport

/// Runs `daily-campaigns` and `secondsale plan` on the simulated shop committed in
/// Tests/Data/campaigns (written by `daily-campaigns --simulate`, seed 2026).
struct CampaignProgramTests {
  @Test func dailyCampaignsPlansTheDayAndMeasuresTheFlows() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("daily-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run("daily-campaigns", ["--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    // Every row of both files is accounted for.
    #expect(run.output.contains("orders.csv: 3,300 rows read: 3,300 imported as 2,238 orders, 0 excluded, 0 rejected"))
    #expect(run.output.contains("events.csv: 21,876 rows read: 21,876 imported as events, 0 excluded, 0 rejected"))
    // The day after the last event, 2024-12-31 00:00 UTC.
    let planLine = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("plan for the 24 hours up to") })
    #expect(planLine.hasPrefix("plan for the 24 hours up to 2024-12-31T00:00:00Z: "))
    let planned = planLine.split(separator: ": ").last?.split(separator: " ").first.flatMap { Int($0) }
    let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\r\n")
    #expect(rows.first == "id,person,customer,email,phone,flow,step,channel,content,send_at,products,incentive,group,reason")
    #expect(rows.count - 1 == planned)
    // The simulated flows with control groups are measured with intervals.
    #expect(run.output.contains("second-purchase-nudge: 470 sent"))
    #expect(run.output.contains("(95 % "))
  }

  @Test func planPrintsTheSamePlanAsJSONWithItsIdentity() throws {
    let orders = try TestData.url("campaigns/orders.csv").path
    let events = try TestData.url("campaigns/events.csv").path
    let arguments = [
      "plan", orders, "--events", events, "--as-of", "2024-12-31", "--json", "--format", "lines", "--columns",
      "customer=customer,order=order,date=date,product=product,name=name,category=category,quantity=quantity,price=unit_price,currency=currency",
    ]
    let first = try ExampleProgramTests.run("secondsale", arguments)
    #expect(first.status == 0, "\(first.error)")
    let second = try ExampleProgramTests.run("secondsale", arguments)
    #expect(first.output == second.output)
    struct Output: Decodable {
      struct Message: Decodable {
        var person: String
        var flow: String
        var step: Int
        var sendAt: String
        var group: String
      }
      var identity: String
      var asOf: String
      var windowStart: String
      var messages: [Message]
    }
    let output = try JSONDecoder().decode(Output.self, from: Data(first.output.utf8))
    #expect(output.identity == "people")
    #expect(output.asOf == "2024-12-31T00:00:00Z" && output.windowStart == "2024-12-30T00:00:00Z")
    #expect(!output.messages.isEmpty)
    #expect(output.messages.allSatisfy { $0.sendAt.hasSuffix("Z") && ["treatment", "control"].contains($0.group) })
  }

  @Test func planNeedsItsEventsAndInstant() throws {
    let orders = try TestData.url("campaigns/orders.csv").path
    let noEvents = try ExampleProgramTests.run("secondsale", ["plan", orders, "--as-of", "2024-12-31"])
    #expect(noEvents.status != 0 && noEvents.error.contains("--events FILE is required"))
    let badInstant = try ExampleProgramTests.run(
      "secondsale", ["plan", orders, "--events", orders, "--as-of", "yesterday"])
    #expect(badInstant.status != 0 && badInstant.error.contains("--as-of"))
  }
}
