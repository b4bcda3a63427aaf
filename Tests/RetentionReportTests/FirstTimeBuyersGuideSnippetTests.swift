import Foundation
import RetentionModel
import Segmentation
import Testing

/// Compiles and runs the code of Documentation/FirstTimeBuyers.md.
struct FirstTimeBuyersGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("FirstTimeBuyers.md", isCompiledBy: #filePath)
  }

  @Test func whoTheyAre() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let asOf = log.lastOrderDate ?? .now  // the day of the last order (an empty log has none)
    let profiles = CustomerProfiles(log: log, resolution: DeterministicIdentityResolver().resolve(log), asOf: asOf)
    let firstTimers = profiles.members(of: FirstTimeBuyers())
    let fresh = profiles.members(of: FirstTimeBuyers().and(NewCustomers(withinDays: 30)))
    print(firstTimers.count, fresh.count, fresh.first?.reason ?? "")  // "one purchase, on 2011-11-28, 11 days ago"
    let csv = SegmentExport.csv(fresh, profiles: profiles)  // id,email,name,accepts_marketing,...

    #expect(fresh.count <= firstTimers.count)
    #expect(csv.hasPrefix("id,email,name,accepts_marketing"))
  }

  @Test func yourOwnExport() throws {
    let log = try OrderLog(contentsOf: GuideSnippets.sampleURL, format: .onlineRetail)
    let profiles = CustomerProfiles(
      log: log, resolution: DeterministicIdentityResolver().resolve(log), asOf: try #require(log.lastOrderDate))
    let fresh = profiles.members(of: FirstTimeBuyers().and(NewCustomers(withinDays: 30)))

    var writer = CSVWriter(header: ["email", "name", "orders", "revenue"])
    for member in fresh {
      let profile = profiles[member.position]
      writer.append([
        .text(profile.email ?? ""), .text(profile.name ?? ""), .integer(profile.orders),
        .number(profile.revenue, fractionDigits: 2),
      ])
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("fresh.csv")
    try writer.write(to: output)

    defer { try? FileManager.default.removeItem(at: output) }
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.hasPrefix("email,name,orders,revenue\r\n"))
    #expect(!fresh.isEmpty && writer.rowCount == fresh.count)
  }

  @Test func howManyComeBack() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let end = log.lastOrderDate ?? .now  // the day of the last order (an empty log has none)
    let ladder = log.repeatLadder(through: end)
    print(ladder.steps[0].probability, ladder.steps[1].probability)  // P(2nd | 1st), P(3rd | 2nd)
    let second = log.timeToSecondPurchase(through: end)
    print(second.probability(within: .days(90)), second.medianDays ?? -1)

    #expect((0...1).contains(ladder.steps[0].probability))
    #expect((0...1).contains(second.probability(within: .days(90))))
  }

  @Test func whoIsLikelyToBuyAgain() throws {
    let url = GuideSnippets.sampleURL

    let log = try OrderLog(contentsOf: url, format: .onlineRetail)
    let summaries = log.summaries(SummaryOptions(observationEnd: log.lastOrderDate ?? .now, unit: .weeks))
    let model = try BGNBDModel.fit(summaries.compressed()).model
    // A customer who first bought 4 weeks ago: the chance of a second purchase in the next 13 weeks.
    let chance = model.probabilityOfSecondPurchase(within: .weeks(13), age: .weeks(4))
    print(chance)

    #expect((0...1).contains(chance))
  }
}
