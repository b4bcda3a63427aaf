import Foundation
import Testing
import _TestSupport
import Segmentation

struct SegmentTests {
  static let asOf = Date(timeIntervalSince1970: 400 * 86_400)

  static func profile(
    _ id: String, orders: Int, revenue: Double, daysSinceLast: Int, daysSinceFirst: Int, interval: Double? = nil,
    relative: Double = 1, company: String? = nil, tags: [String] = [], marketing: Bool? = nil, scores: [String: Double] = [:]
  ) -> CustomerProfile {
    CustomerProfile(
      id: id, orders: orders, revenue: revenue, averageOrderValue: revenue / Double(max(orders, 1)),
      firstOrder: asOf.addingTimeInterval(-Double(daysSinceFirst) * 86_400),
      lastOrder: asOf.addingTimeInterval(-Double(daysSinceLast) * 86_400), daysSinceLastOrder: daysSinceLast,
      daysSinceFirstOrder: daysSinceFirst, medianIntervalDays: interval, categories: ["coffee"], products: ["p1"],
      largestLineQuantity: relative * 2, largestRelativeQuantity: relative, company: company, tags: tags, channels: ["web"],
      acceptsMarketing: marketing, email: "\(id)@example.com", name: id, scores: scores)
  }

  static let shop = CustomerProfiles(
    [
      profile("a", orders: 1, revenue: 20, daysSinceLast: 10, daysSinceFirst: 10, marketing: true),
      profile("b", orders: 5, revenue: 500, daysSinceLast: 100, daysSinceFirst: 300, interval: 30, scores: ["pAlive": 0.2]),
      profile("c", orders: 2, revenue: 60, daysSinceLast: 40, daysSinceFirst: 90, interval: 50, relative: 12, tags: ["Wholesale"]),
      profile("d", orders: 1, revenue: 30, daysSinceLast: 200, daysSinceFirst: 200, company: "ACME", scores: ["pAlive": 0.9]),
    ], asOf: asOf, medianOrderValue: 25)

  private func ids(_ segment: some Segment, in profiles: CustomerProfiles = SegmentTests.shop) -> [String] {
    profiles.members(of: segment).map(\.id)
  }

  @Test func builtInSegments() {
    #expect(ids(FirstTimeBuyers()) == ["a", "d"])
    #expect(ids(RepeatBuyers()) == ["b", "c"])
    #expect(ids(TopCustomers(percent: 25)) == ["b"])  // ⌈0.25 · 4⌉ = 1
    #expect(ids(TopCustomers(percent: 26)) == ["b", "c"])  // ⌈1.04⌉ = 2
    #expect(ids(HighAverageOrderValue()) == ["b"])  // AOV 100 > 2 x 25; c has 30, d 30
    #expect(ids(BulkBuyers()) == ["c", "d"])  // c: 12 x usual quantity and a wholesale tag; d: a company
    #expect(ids(BulkBuyers(includesCompanies: false)) == ["c"])
    // b: 100 days > 2 x 30; c: 40 days < max(30, 2 x 50); d: one order 200 days > 180.
    #expect(ids(LapsedCustomers()) == ["b", "d"])
    #expect(ids(LapsedCustomers(.days(90))) == ["b", "d"])
    #expect(ids(AtRisk(score: "pAlive", below: 0.5)) == ["b"])  // a and c have no score: not members
    #expect(ids(NewCustomers(withinDays: 30)) == ["a"])
  }

  @Test func everyMemberHasAReason() {
    for member in SegmentTests.shop.members(of: BulkBuyers()) { #expect(!member.reason.isEmpty) }
    #expect(SegmentTests.shop.members(of: LapsedCustomers())[0].reason.contains("3.3 x the usual 30 days"))
  }

  @Test func compositionAndOrNot() {
    #expect(ids(FirstTimeBuyers().and(ProfileRule(.acceptsMarketing))) == ["a"])
    #expect(ids(FirstTimeBuyers().or(TopCustomers(percent: 25))) == ["a", "b", "d"])
    #expect(ids(FirstTimeBuyers().negated()) == ["b", "c"])
    #expect(ids(AllOf([])).isEmpty)
    #expect(ids(AnyOf([])).isEmpty)
  }

  @Test(arguments: [
    (ProfileRule(.orders, .equalTo(1)), ["a", "d"]),
    (ProfileRule(.orders, .notEqualTo(1)), ["b", "c"]),
    (ProfileRule(.revenue, .lessThan(30)), ["a"]),
    (ProfileRule(.revenue, .atMost(30)), ["a", "d"]),
    (ProfileRule(.revenue, .greaterThan(60)), ["b"]),
    (ProfileRule(.revenue, .atLeast(60)), ["b", "c"]),
    (ProfileRule(.daysSinceLastOrder, .between(40, 100)), ["b", "c"]),
    (ProfileRule(.medianIntervalDays, .atLeast(0)), ["b", "c"]),  // missing values never match
    (ProfileRule(.lastOrder, .before(daysAgo: 90)), ["b", "d"]),
    (ProfileRule(.firstOrder, .since(daysAgo: 90)), ["a", "c"]),
    (ProfileRule(.score("pAlive"), .greaterThan(0.5)), ["d"]),
    (ProfileRule(.tag("wholesale")), ["c"]),
    (ProfileRule(.hasCompany), ["d"]),
    (ProfileRule(.category("coffee")), ["a", "b", "c", "d"]),
    (ProfileRule(.product("p2")), []),
    (ProfileRule(.channel("web")), ["a", "b", "c", "d"]),
  ] as [(ProfileRule, [String])])
  func ruleOperators(rule: ProfileRule, expected: [String]) {
    #expect(ids(rule) == expected, "\(rule.name)")
  }

  @Test func emptyShopAndOneCustomer() {
    let empty = CustomerProfiles([], asOf: SegmentTests.asOf, medianOrderValue: 0)
    #expect(ids(TopCustomers(), in: empty).isEmpty)
    #expect(ids(FirstTimeBuyers().negated(), in: empty).isEmpty)
    #expect(SegmentReport(segments: [FirstTimeBuyers()], profiles: empty).segments[0].customerShare == 0)
    let one = CustomerProfiles([SegmentTests.shop[0]], asOf: SegmentTests.asOf, medianOrderValue: 20)
    #expect(ids(TopCustomers(percent: 10), in: one) == ["a"])
    #expect(ids(HighAverageOrderValue(), in: one).isEmpty)
  }

  @Test func reportSharesAndOverlaps() {
    let report = SegmentReport(segments: [FirstTimeBuyers(), BulkBuyers()], profiles: SegmentTests.shop)
    #expect(report.segments[0].size == 2)
    #expect(report.segments[0].customerShare == 0.5)
    #expect(report.segments[0].revenueShare.isApproximatelyEqual(to: 50.0 / 610, relativeTolerance: 1e-12))
    #expect(report.overlaps == [[2, 1], [1, 2]])
  }

  @Test func csvExportQuotesProperly() {
    let members = [SegmentMember(position: 0, id: "a", reason: "says \"hi\", twice")]
    let csv = SegmentExport.csv(members, profiles: SegmentTests.shop)
    #expect(csv.hasPrefix("id,email,name,accepts_marketing,orders,revenue,last_order,reason\r\n"))
    #expect(csv.contains("\"says \"\"hi\"\", twice\""))
    // The export parses back with the SDK's own RFC 4180 reader into the same fields.
    var reader = CSVReader(data: Array(csv.utf8))
    var record = CSVRecord()
    _ = try? reader.readRecord(into: &record)
    _ = try? reader.readRecord(into: &record)
    #expect(record.string(at: 7) == "says \"hi\", twice")
    #expect(record.string(at: 3) == "yes")
  }
}
