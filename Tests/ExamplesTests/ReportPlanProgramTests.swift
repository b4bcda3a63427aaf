import Foundation
import Testing
import _TestSupport

/// `retention-report`'s action lists are the day's plan under the one contact policy.
///
/// A hand-made Shopify export: the last order (Zed's) is on 2024-03-22, so the report plans
/// 2024-03-23, when the second-purchase nudge of the first-time buyers of 2024-03-02 is due
/// (21 days). Ann accepts marketing, Bea declined, Cid's order does not say.
struct ReportPlanProgramTests {
  static let export = """
    Name,Email,Financial Status,Accepts Marketing,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku
    #1,ann@shop.example,paid,yes,EUR,9.00,2024-03-02 10:00:00 +0000,1,Beans,9.00,COF-1
    #2,bea@shop.example,paid,no,EUR,9.00,2024-03-02 10:00:00 +0000,1,Beans,9.00,COF-1
    #3,cid@shop.example,paid,,EUR,9.00,2024-03-02 10:00:00 +0000,1,Beans,9.00,COF-1
    #4,zed@shop.example,paid,yes,EUR,5.00,2024-03-22 10:00:00 +0000,1,Tea,5.00,TEA-1

    """

  /// The nudge list's people and its withheld-for-consent count, and everyone in any list.
  static func nudge(_ arguments: [String]) throws -> (people: [String], consent: Int?, everyone: Set<String>) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("orders.csv")
    try export.write(to: file, atomically: true, encoding: .utf8)
    let run = try ExampleProgramTests.run("retention-report", [file.path, "--format", "shopify", "--json"] + arguments)
    #expect(run.status == 0, "\(run.error)")
    let lists = try #require(try ExampleProgramTests.json(run.output)["actions"] as? [[String: Any]])
    let nudge = try #require(lists.first { $0["flow"] as? String == "second-purchase-nudge" })
    let rows = try #require(nudge["rows"] as? [[String: Any]])
    let everyone = Set(
      lists.flatMap { ($0["rows"] as? [[String: Any]] ?? []).compactMap { $0["customerID"] as? String } })
    let consent = (nudge["withheld"] as? [String: Any])?["consent"] as? Int
    return (rows.compactMap { ($0["message"] as? [String: Any])?["email"] as? String }, consent, everyone)
  }

  @Test func onlyPeopleWhoAcceptMarketingAreInThePlan() throws {
    let plan = try Self.nudge([])
    #expect(plan.people == ["ann@shop.example"])
    #expect(plan.consent == 2)
    #expect(!plan.everyone.contains { $0.contains("bea") || $0.contains("cid") })
  }

  @Test func assumedEmailConsentNeverOverridesADeclinedOne() throws {
    let plan = try Self.nudge(["--assume-consent", "email"])
    #expect(plan.people.sorted() == ["ann@shop.example", "cid@shop.example"])
    #expect(plan.consent == 1)
    #expect(!plan.everyone.contains { $0.contains("bea") })
  }

  @Test func anUnknownChannelIsAnError() throws {
    let run = try ExampleProgramTests.run("retention-report", ["--assume-consent", "fax", "--json"])
    #expect(run.status != 0)
    #expect(run.error.contains("--assume-consent: expected email, sms, phone or push"))
  }

  @Test func theBundledSampleSaysItAssumesEmailConsent() throws {
    let run = try ExampleProgramTests.run("retention-report", ["--markdown"])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("The bundled sample records no marketing consent; this demo assumes email consent"))
    #expect(run.output.contains("second-purchase-nudge step") || run.output.contains("replenishment step"))
  }
}
