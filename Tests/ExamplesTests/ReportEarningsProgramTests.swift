import Foundation
import Testing
import _TestSupport

/// `retention-report --events` on the simulated shop of Tests/Data/campaigns: the section "What
/// your messages earned" with the figures `secondsale attribute` prints, and nothing of it
/// without events.
struct ReportEarningsProgramTests {
  static func report(_ extra: [String]) throws -> ExampleProgramTests.Run {
    let orders = try TestData.url("campaigns/orders.csv").path
    return try ExampleProgramTests.run("retention-report", [orders] + SimulatedShopFiles.orderFormatArguments + extra)
  }

  @Test func eventsAddTheSectionWithTheAttributeFigures() throws {
    let events = try TestData.url("campaigns/events.csv").path
    let with = try Self.report(["--markdown", "--events", events])
    #expect(with.status == 0, "\(with.error)")
    #expect(with.error.contains("events.csv: 21,876 rows read: 21,876 imported as events"))
    let without = try Self.report(["--markdown"])
    #expect(without.status == 0 && !without.output.contains("What your messages earned"))
    let markdown = with.output
    let start = try #require(markdown.range(of: "## What your messages earned"))
    let end = try #require(markdown.range(of: "## Segments"))
    let section = String(markdown[start.lowerBound..<end.lowerBound])
    // The same period and seed as `secondsale attribute` by default: the same figures.
    let attribute = try AttributeCommandTests.json([])
    let flows = try #require(attribute["flows"] as? [[String: Any]])
    for flow in flows {
      let name = try #require(flow["flow"] as? String)
      let sent = try #require(flow["sent"] as? Int)
      #expect(section.contains("| \(name) | \(sent) |"), "\(name)")
    }
    let share = try AttributeCommandTests.number(attribute["emailRevenueShare"])
    #expect(section.contains("| email | \(String(format: "%.1f", share * 100)) % | at least 20 % |"))
    let satisfaction = try AttributeCommandTests.object(attribute["satisfaction"])
    #expect(section.contains("\(try #require(satisfaction["responses"] as? Int)) people answered the survey"))
    // Every figure before the section is the report's without events. The day's plan ("What to
    // do today") may differ: it honours the events' opt-outs and what was already sent.
    #expect(without.output.hasPrefix(String(markdown[..<start.lowerBound])))
    let plan = try #require(markdown.range(of: "## What to do today"))
    let planWithout = try #require(without.output.range(of: "## What to do today"))
    let segmentsWithout = try #require(without.output.range(of: "## Segments"))
    #expect(
      markdown[end.lowerBound..<plan.lowerBound] == without.output[segmentsWithout.lowerBound..<planWithout.lowerBound])

    let json = try ExampleProgramTests.json(try Self.report(["--json", "--events", events]).output)
    let earnings = try AttributeCommandTests.object(json["campaignEarnings"])
    #expect(earnings["emailRevenueShare"] as? Double == share)
  }

  @Test func aMissingEventFileIsAnError() throws {
    let run = try Self.report(["--events", "/nonexistent/no-events.csv"])
    #expect(run.status != 0 && run.error.contains("no-events.csv"))
  }
}
