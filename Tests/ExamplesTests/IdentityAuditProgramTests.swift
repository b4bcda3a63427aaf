import Foundation
import Testing
import _TestSupport

/// `secondsale segment --export merges` (the audit of identity resolution), the orders set aside
/// in `segment`'s output, and `summary`'s guest figures in each identity.
struct IdentityAuditProgramTests {
  private static let phoneColumns = "fixtures/shopify/identity_phone_columns.csv"

  private func json(_ program: String, _ arguments: [String]) throws -> [String: Any] {
    let run = try ExampleProgramTests.run(program, arguments)
    #expect(run.status == 0, "\(run.error)")
    return try ExampleProgramTests.json(run.output)
  }

  /// The audit of the phone-columns fixture, row by row (`identity_phone_columns.truth.json`
  /// names the people; a `'` neutralises cells that begin with `+` for spreadsheets).
  @Test func theMergesExportListsMergesIgnoredIdentifiersAndOrdersSetAside() throws {
    let path = try TestData.url(Self.phoneColumns).path
    let rows = try CSVExportSafetyTests.export("secondsale", ["segment", path, "--export", "merges"])
    #expect(rows.first == ["record", "person", "identifier", "value", "rule", "reason", "orders", "customer_ids"])
    CSVExportSafetyTests.expectSafe(rows)
    let records = rows.dropFirst()
    let merges = records.filter { $0[0] == "merge" }
    #expect(
      merges.map { [$0[1], $0[2], $0[3], $0[4], $0[6], $0[7]] } == [
        // Rosa's guest orders: #3001's Shipping Phone is #3002's Billing Phone.
        ["phone:+49304444444", "phone", "'+491715555555", "same-identifier", "#3001 #3002", ""],
        ["phone:+15550104001", "phone", "'+15550104001", "same-identifier", "#3008 #3009", ""],
        ["id:ida@example.de", "phone", "'+49891230003", "same-identifier", "#3011 #3012", "ida@example.de"],
      ])
    let ignored = records.filter { $0[0] == "ignored" }
    #expect(
      ignored.map { [$0[2], $0[3], $0[4], $0[6], $0[7]] } == [
        ["customer id", "n/a", "placeholder", "#3010", "n/a"],
        ["email", "n/a", "placeholder", "#3010", "n/a"],
        [
          "phone", "'+15550103999", "shared-by-different-people", "#3006 #3007",
          "paul.hart@example.com ruth.hart@example.com",
        ],
        [
          "phone", "'+49407777777", "shared-by-different-people", "#3003 #3004 #3005",
          "tom.weber@example.de lena.weber@example.de",
        ],
        ["phone", "0000000", "placeholder", "#3010", "n/a"],
      ])
    #expect(ignored.allSatisfy { !$0[5].isEmpty })
    #expect(ignored[3][5].contains("different given names (tom / lena)"))
    // Max's order (a placeholder email, hence customer id, and a phone of zeros) and Lena's
    // guest order (only the family phone): one row per identifier, with the reason.
    let setAside = records.filter { $0[0] == "order-set-aside" }
    #expect(
      setAside.map { [$0[6], $0[2], $0[3], $0[4]] } == [
        ["#3010", "customer id", "n/a", "placeholder"], ["#3010", "email", "n/a", "placeholder"],
        ["#3010", "phone", "0000000", "placeholder"],
        ["#3005", "phone", "'+49407777777", "shared-by-different-people"],
      ])
    #expect(setAside[2][5] == "a placeholder (all zeros)")
    #expect(records.count == merges.count + ignored.count + setAside.count)
  }

  /// On the name-variants fixture the JSON audit has a record per merge, ignored identifier and
  /// order set aside that `segment --json` counts; the merges that joined different spellings of
  /// a name say so.
  @Test func theAuditAgreesWithTheCounts() throws {
    let path = try TestData.url("fixtures/shopify/identity_variants.csv").path
    let counts = try json("secondsale", ["segment", path, "--json"])
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("merges-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run("secondsale", ["segment", path, "--export", "merges", "--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    let audit = try ExampleProgramTests.json(String(contentsOf: out, encoding: .utf8))
    #expect(audit["identity"] as? String == "people")
    let merges = try #require(audit["merges"] as? [[String: Any]])
    let ignored = try #require(audit["ignoredIdentifiers"] as? [[String: Any]])
    let setAside = try #require(audit["ordersSetAside"] as? [[String: Any]])
    #expect(merges.count == counts["merges"] as? Int)
    #expect(ignored.count == counts["ignoredIdentifiers"] as? Int)
    #expect(setAside.count == counts["ordersSetAside"] as? Int)
    let anna = try #require(merges.first { $0["value"] as? String == "anna.mueller@example.de" })
    #expect(anna["rule"] as? String == "name-variants")
    #expect(anna["orders"] as? [String] == ["#1005", "#1006", "#1007"])
    #expect(anna["customerIDs"] as? [String] == ["anna.mueller@example.de"])
    #expect((anna["reason"] as? String)?.hasPrefix("names of one person (initial, transliteration)") == true)
    #expect(anna["person"] as? String == "id:anna.mueller@example.de")
    #expect(setAside.map { $0["order"] as? String } == ["#1017", "#1018"])
    #expect((setAside.first?["reason"] as? String)?.contains("different surnames (kranz / stein)") == true)
    #expect((setAside.first?["identifiers"] as? [[String: Any]])?.count == 2)
  }

  @Test func theAuditNeedsPeople() throws {
    let path = try TestData.url(Self.phoneColumns).path
    let run = try ExampleProgramTests.run(
      "secondsale", ["segment", path, "--export", "merges", "--identity", "customer-id"])
    #expect(run.status != 0)
    #expect(run.error.contains("--export merges: the audit of identity resolution needs --identity people"))
    let help = try ExampleProgramTests.run("secondsale", ["segment", "--help"])
    #expect(help.output.contains("`merges` for the"))
  }

  /// `segment` counts the orders set aside in a line of their own and in its JSON.
  @Test func segmentReportsTheOrdersSetAside() throws {
    let path = try TestData.url(Self.phoneColumns).path
    let counts = try json("secondsale", ["segment", path, "--json"])
    #expect(counts["ordersWithoutIdentity"] as? Int == 2)
    #expect(counts["ordersWithoutIdentifiers"] as? Int == 0)
    #expect(counts["ordersSetAside"] as? Int == 2)
    let first = try #require(counts["firstOrdersSetAside"] as? [[String: String]])
    #expect(first.map { $0["order"] } == ["#3010", "#3005"])
    #expect(
      first[0]["reason"]?.hasPrefix("customer id \"n/a\": a placeholder, not a customer id; email \"n/a\"") == true)
    #expect(counts["ignoredIdentifierRules"] as? [String: Int] == ["placeholder": 3, "shared-by-different-people": 2])
    let text = try ExampleProgramTests.run("secondsale", ["segment", path]).output
    #expect(
      text.contains("\norders set aside: 2 (every identifier set aside, so no person; --export merges says why)\n"))
    #expect(text.contains("  #3005: phone \"+49407777777\": used by 2 names"))
  }

  /// The import's guest orders (no customer id) are split into those identity resolution gave a
  /// person (their purchases are that person's) and the rest; the guest purchases count only the
  /// rest, and every purchase is counted once in either mode.
  @Test func guestFiguresAgree() throws {
    let path = try TestData.url("shopify/orders_export_sample.csv").path
    let people = try json("secondsale", ["summary", path, "--json"])
    let ids = try json("secondsale", ["summary", path, "--json", "--identity", "customer-id"])
    for summary in [people, ids] {
      let guests = try #require(summary["guestOrders"] as? Int)
      #expect(guests == 158)
      #expect(
        (summary["guestOrdersAttributed"] as? Int ?? -1) + (summary["guestOrdersUnattributed"] as? Int ?? -1) == guests)
    }
    // Every one of the sample's guest orders has an email: each belongs to a person.
    #expect(people["guestOrdersAttributed"] as? Int == 158)
    #expect(people["guestPurchases"] as? Int == 0)
    #expect((people["guests"] as? String)?.contains("158 attributed to a person by identity resolution") == true)
    #expect(ids["guestOrdersAttributed"] as? Int == 0)
    #expect(ids["guestPurchases"] as? Int == 144)
    func allPurchases(_ summary: [String: Any]) -> Int? {
      guard let purchases = summary["purchases"] as? Int, let guests = summary["guestPurchases"] as? Int else {
        return nil
      }
      return purchases + guests
    }
    #expect(allPurchases(people) != nil && allPurchases(people) == allPurchases(ids))
    let text = try ExampleProgramTests.run("secondsale", ["summary", path]).output
    #expect(
      text.contains(
        "  guest orders (no customer id): 158; 158 attributed to a person by identity resolution (that person's "
          + "purchases, not guest purchases), 0 without a person; guest purchases: 0\n"))
  }
}
