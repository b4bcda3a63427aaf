import Foundation
import Testing
import _TestSupport
import Segmentation

/// `SegmentExport.csv` with hostile customer data: ids, emails, names and tags that a spreadsheet
/// would run as formulas come out as text (prefixed with `'`), numbers stay numbers, and the file
/// reads back with the SDK's own `CSVReader` as well-formed CSV, cell by cell.
struct SegmentExportTests {
  static let asOf = Date(timeIntervalSince1970: 19_900 * 86_400)  // 2024-06-26
  static let header = ["id", "email", "name", "accepts_marketing", "orders", "revenue", "last_order", "reason"]

  /// Every record, read with `CSVReader`; each must be well formed and as wide as the header.
  static func records(_ text: String) throws -> [[String]] {
    var reader = CSVReader(data: Array(text.utf8))
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.readRecord(into: &record) {
      #expect(!record.malformed, "record \(reader.recordNumber) is malformed")
      rows.append((0..<record.count).map { record.string(at: $0) })
    }
    #expect(rows.allSatisfy { $0.count == header.count }, "ragged export")
    return rows
  }

  /// The reason of each member is the first of its tags: tags reach the export through reasons.
  struct FirstTag: Segment {
    var name: String { "tagged" }
    func reasons(in profiles: CustomerProfiles) -> [String?] { profiles.indices.map { profiles[$0].tags.first } }
  }

  static func profile(
    _ id: String, email: String?, name: String?, revenue: Double, orders: Int = 1, tag: String,
    marketing: Bool? = true
  ) -> CustomerProfile {
    CustomerProfile(
      id: id, orders: orders, revenue: revenue, averageOrderValue: revenue / Double(orders),
      firstOrder: asOf.addingTimeInterval(-10 * 86_400), lastOrder: asOf.addingTimeInterval(-10 * 86_400),
      daysSinceLastOrder: 10, daysSinceFirstOrder: 10, tags: [tag], acceptsMarketing: marketing, email: email,
      name: name)
  }

  @Test func hostileTextIsNeutralisedCellByCell() throws {
    let profiles = CustomerProfiles(
      [
        Self.profile(
          "=HYPERLINK(\"http://x\",\"y\")", email: "=cmd@evil.example", name: "=HYPERLINK(\"http://x\",\"y\")",
          revenue: 12.5, tag: "=1+1"),
        Self.profile("+1+1", email: "+1+1@shop.example", name: "+1+1", revenue: -3.5, tag: "+tag"),
        Self.profile("-2+3", email: "-2+3@shop.example", name: "-2+3", revenue: 0, tag: "-2+3", marketing: false),
        Self.profile("@SUM(A1)", email: "@x@shop.example", name: "@SUM(A1)", revenue: 7, orders: 2, tag: "@SUM(A1)"),
        Self.profile("\tc5", email: "\t=1@shop.example", name: "\t=1+1", revenue: 1, tag: "\tTab", marketing: nil),
        Self.profile("\rc6", email: "c6@shop.example", name: "\r=1+1", revenue: 2, tag: "\r\n=1"),
        Self.profile("c7", email: nil, name: "O\"Brien, Pat\nJr", revenue: 3.25, tag: "a, \"b\"\nc"),
        Self.profile("-3.5", email: "plain@shop.example", name: nil, revenue: -0.004, tag: "-3.5"),
      ], asOf: Self.asOf, medianOrderValue: 5)
    let members = profiles.members(of: FirstTag())
    #expect(members.count == 8)
    let rows = try Self.records(SegmentExport.csv(members, profiles: profiles))
    let expected: [[String]] = [
      Self.header,
      [
        "'=HYPERLINK(\"http://x\",\"y\")", "'=cmd@evil.example", "'=HYPERLINK(\"http://x\",\"y\")", "yes", "1", "12.50",
        "2024-06-16", "'=1+1",
      ],
      ["'+1+1", "'+1+1@shop.example", "'+1+1", "yes", "1", "-3.50", "2024-06-16", "'+tag"],
      ["'-2+3", "'-2+3@shop.example", "'-2+3", "no", "1", "0.00", "2024-06-16", "'-2+3"],
      ["'@SUM(A1)", "'@x@shop.example", "'@SUM(A1)", "yes", "2", "7.00", "2024-06-16", "'@SUM(A1)"],
      ["'\tc5", "'\t=1@shop.example", "'\t=1+1", "", "1", "1.00", "2024-06-16", "'\tTab"],
      ["'\rc6", "c6@shop.example", "'\r=1+1", "yes", "1", "2.00", "2024-06-16", "'\r\n=1"],
      ["c7", "", "O\"Brien, Pat\nJr", "yes", "1", "3.25", "2024-06-16", "a, \"b\"\nc"],
      ["'-3.5", "plain@shop.example", "", "yes", "1", "-0.00", "2024-06-16", "'-3.5"],
    ]
    #expect(rows.count == expected.count)
    for (row, expectedRow) in zip(rows, expected) {
      for (column, (cell, expectedCell)) in zip(row, expectedRow).enumerated() {
        #expect(cell == expectedCell, "row \(row[0].debugDescription), column \(Self.header[column])")
      }
    }
  }

  /// A score name and a rule are text of the caller's, and reasons that begin with them are
  /// neutralised too.
  @Test func reasonsThatBeginWithATriggerAreNeutralised() throws {
    let profiles = CustomerProfiles(
      [
        CustomerProfile(
          id: "a", orders: 1, revenue: 5, averageOrderValue: 5, firstOrder: Self.asOf, lastOrder: Self.asOf,
          daysSinceLastOrder: 0, daysSinceFirstOrder: 0, email: "a@shop.example", name: "Ann", scores: ["@risk": 0.5])
      ], asOf: Self.asOf, medianOrderValue: 5)
    let members = profiles.members(of: ProfileRule(.score("@risk"), .atLeast(0.1)))
    let rows = try Self.records(SegmentExport.csv(members, profiles: profiles))
    #expect(rows.count == 2)
    #expect(rows.last?[7].hasPrefix("'@risk ") == true, "\(rows.last?[7] ?? "")")
    #expect(rows.last?.first == "a")
  }

  /// From orders to the export: customer ids become person ids (`id:...`, never a formula), and
  /// the names and emails the orders carry (leading tab and carriage return included, which
  /// `Order` values keep) are neutralised.
  @Test func ordersWithHostileNamesExportSafely() throws {
    let day = 86_400.0
    func order(_ id: String, customer: String, email: String, name: String, day offset: Double) -> Order {
      Order(
        id: id, customer: CustomerReference(id: customer, email: email, name: name),
        placedAt: Self.asOf.addingTimeInterval(-offset * day), status: .paid,
        lines: [LineItem(productID: "=p1", name: "=HYPERLINK(\"http://x\",\"y\")", unitPrice: 9)],
        acceptsMarketing: true)
    }
    let log = try OrderLog([
      order("=1001", customer: "=1+1", email: "=cmd@evil.example", name: "=HYPERLINK(\"http://x\",\"y\")", day: 5),
      order("-1002", customer: "+c2", email: "c2@shop.example", name: "\t-cmd", day: 4),
      order("@1003", customer: "c3", email: "-c3@shop.example", name: "\r@SUM(A1)", day: 3),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: Self.asOf)
    let rows = try Self.records(SegmentExport.csv(profiles.members(of: FirstTimeBuyers()), profiles: profiles))
    #expect(rows.count == 4)
    let byEmail = Dictionary(rows.dropFirst().map { ($0[1], $0) }, uniquingKeysWith: { first, _ in first })
    #expect(byEmail["'=cmd@evil.example"]?[2] == "'=HYPERLINK(\"http://x\",\"y\")")
    #expect(byEmail["c2@shop.example"]?[2] == "'\t-cmd")
    #expect(byEmail["'-c3@shop.example"]?[2] == "'\r@SUM(A1)")
    for row in rows.dropFirst() {
      #expect(row[0].hasPrefix("id:"), "person id \(row[0])")
      #expect(row[4] == "1" && row[5] == "9.00")
    }
  }
}
