import Foundation
import RetentionCore
import Testing
import _TestSupport

/// Every program that writes CSV, run on a Shopify export whose customers chose hostile names,
/// emails, order names, product names and tags (`Tests/Data/fixtures/shopify/hostile_names.csv`):
/// the files read back with the SDK's own `CSVReader` as well-formed CSV, no text cell begins
/// with a formula trigger, and the hostile cells read back prefixed with `'`, cell by cell.
struct CSVExportSafetyTests {
  static let fixture = "fixtures/shopify/hostile_names.csv"
  static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"

  /// The records of a CSV file; every record must be well formed and as wide as the header.
  static func records(_ text: String) throws -> [[String]] {
    var reader = CSVReader(data: Array(text.utf8))
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.readRecord(into: &record) {
      #expect(!record.malformed, "record \(reader.recordNumber) is malformed")
      rows.append((0..<record.count).map { record.string(at: $0) })
    }
    let width = rows.first?.count ?? 0
    #expect(width > 0 && rows.allSatisfy { $0.count == width }, "ragged CSV")
    #expect(text.hasSuffix("\r\n"), "records end with CRLF")
    return rows
  }

  /// Whether a cell would be read as a formula by a spreadsheet.
  static func startsWithTrigger(_ cell: String) -> Bool {
    cell.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
  }

  /// Checks that every cell of the named text columns is safe and every cell of the numeric
  /// columns is a number.
  static func expectSafe(_ rows: [[String]], numericColumns: Set<String> = []) {
    guard let header = rows.first else { return }
    for row in rows.dropFirst() {
      for (column, cell) in zip(header, row) {
        if numericColumns.contains(column) {
          #expect(Double(cell) != nil, "\(column): \(cell.debugDescription) is not a number")
        } else {
          #expect(!startsWithTrigger(cell), "\(column): \(cell.debugDescription) would run as a formula")
        }
      }
    }
  }

  /// Runs a program that must succeed and returns the CSV it wrote to `--out`.
  static func export(_ program: String, _ arguments: [String]) throws -> [[String]] {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try ExampleProgramTests.run(program, arguments + ["--out", out.path])
    #expect(run.status == 0, "\(run.error)")
    return try records(String(contentsOf: out, encoding: .utf8))
  }

  @Test(arguments: [
    "first-time-buyers", "repeat-buyers", "top-customers", "high-aov", "bulk-b2b", "lapsed", "new-customers",
  ])
  func everySegmentExportIsSafeAndWellFormed(segment: String) throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("secondsale", ["segment", path, "--export", segment])
    #expect(rows.first == ["id", "email", "name", "accepts_marketing", "orders", "revenue", "last_order", "reason"])
    #expect(rows.count > 1, "the fixture has members of \(segment)")
    Self.expectSafe(rows, numericColumns: ["orders", "revenue"])
  }

  @Test func firstTimeBuyersExportCellByCell() throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("secondsale", ["segment", path, "--export", "first-time-buyers"])
    // The eight June customers of the fixture; the importer trims spaces and tabs, so "\t-cmd"
    // arrives as "-cmd", and the carriage return of "\r=1+1" stays.
    let expected: [[String]] = [
      ["id", "email", "name", "accepts_marketing", "orders", "revenue", "last_order", "reason"],
      [
        "id:=cmd@evil.example", "'=cmd@evil.example", "'" + Self.hyperlink, "yes", "1", "13.00", "2024-06-01",
        "one purchase, on 2024-06-01, 29 days ago",
      ],
      [
        "id:f2@shop.example", "f2@shop.example", "'+1+1", "yes", "1", "9.00", "2024-06-03",
        "one purchase, on 2024-06-03, 27 days ago",
      ],
      [
        "id:-2+3@shop.example", "'-2+3@shop.example", "'-2+3", "yes", "1", "9.00", "2024-06-05",
        "one purchase, on 2024-06-05, 25 days ago",
      ],
      [
        "id:f4@shop.example", "f4@shop.example", "'@SUM(A1)", "yes", "1", "9.00", "2024-06-08",
        "one purchase, on 2024-06-08, 22 days ago",
      ],
      [
        "id:f5@shop.example", "f5@shop.example", "'\r=1+1", "yes", "1", "9.00", "2024-06-10",
        "one purchase, on 2024-06-10, 20 days ago",
      ],
      [
        "id:f6@shop.example", "f6@shop.example", "O\"Brien, Pat\nJr", "yes", "1", "24.00", "2024-06-12",
        "one purchase, on 2024-06-12, 18 days ago",
      ],
      [
        "id:f7@shop.example", "f7@shop.example", "'-cmd", "yes", "1", "9.00", "2024-06-15",
        "one purchase, on 2024-06-15, 15 days ago",
      ],
      [
        "id:@f8@shop.example", "'@f8@shop.example", "Plain Name", "yes", "1", "9.00", "2024-06-30",
        "one purchase, on 2024-06-30, 0 days ago",
      ],
    ]
    #expect(rows.count == expected.count)
    for (row, expectedRow) in zip(rows, expected) {
      for (column, (cell, expectedCell)) in zip(row, expectedRow).enumerated() {
        #expect(cell == expectedCell, "\(row[0]), column \(expected[0][column])")
      }
    }
  }

  @Test func repeatBuyersExportNeutralisesEmailsAndNames() throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("secondsale", ["segment", path, "--export", "repeat-buyers"])
    let expected: [[String]] = [
      ["id", "email", "name", "accepts_marketing", "orders", "revenue", "last_order", "reason"],
      ["id:ann@shop.example", "ann@shop.example", "Ann Lee", "yes", "4", "33.00", "2024-04-04", "4 purchases"],
      ["id:bob@shop.example", "bob@shop.example", "Bob Roe", "no", "3", "17.00", "2024-03-10", "3 purchases"],
      ["id:+r3@shop.example", "'+r3@shop.example", "Cy Park", "yes", "3", "17.00", "2024-03-15", "3 purchases"],
      ["id:-r4@shop.example", "'-r4@shop.example", "'-Dee", "yes", "4", "21.00", "2024-04-19", "4 purchases"],
    ]
    #expect(rows == expected)
  }

  @Test func peopleExportNeutralisesOrderNames() throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("secondsale", ["segment", path, "--export", "people"])
    #expect(rows.first == ["order", "person"])
    #expect(rows.count == 22 + 1)
    Self.expectSafe(rows)
    let person = Dictionary(rows.dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
    #expect(person["'=1102"] == "id:f2@shop.example")
    #expect(person["=1102"] == nil)
    #expect(person["#1101"] == "id:=cmd@evil.example")
    #expect(person["#1014"] == "id:-r4@shop.example")
    // Standard output carries the same text as the file.
    let printed = try ExampleProgramTests.run("secondsale", ["segment", path, "--export", "people"])
    #expect(printed.status == 0, "\(printed.error)")
    #expect(try Self.records(printed.output) == rows)
  }

  @Test func secondPurchaseCampaignCellByCell() throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("second-purchase-campaign", [path])
    let header = [
      "person", "email", "name", "first_order", "p_second_30d", "p_second_60d", "p_second_90d", "offer", "offer_name",
      "send_on", "also_recommended", "reason",
    ]
    #expect(rows.first == header)
    Self.expectSafe(rows, numericColumns: ["p_second_30d", "p_second_60d", "p_second_90d"])
    // person -> email, name, first order, offer id, offer name, send day. Repeat buyers started
    // with House Blend and bought the filter pack (sku "-2+3", named like a formula) next, one of
    // them with "@SUM(A1)" (no sku: its name is its id); the buyer who already has the filter pack
    // is offered "@SUM(A1)". Repeat buyers came back after 30 days.
    let offer = ["'-2+3", "'" + Self.hyperlink]
    let expected: [String: [String]] = [
      "id:=cmd@evil.example": [
        "'=cmd@evil.example", "'" + Self.hyperlink, "2024-06-01", "'@SUM(A1)", "'@SUM(A1)", "2024-07-01",
      ],
      "id:f2@shop.example": ["f2@shop.example", "'+1+1", "2024-06-03"] + offer + ["2024-07-03"],
      "id:-2+3@shop.example": ["'-2+3@shop.example", "'-2+3", "2024-06-05"] + offer + ["2024-07-05"],
      "id:f4@shop.example": ["f4@shop.example", "'@SUM(A1)", "2024-06-08"] + offer + ["2024-07-08"],
      "id:f5@shop.example": ["f5@shop.example", "'\r=1+1", "2024-06-10"] + offer + ["2024-07-10"],
      "id:f6@shop.example": ["f6@shop.example", "O\"Brien, Pat\nJr", "2024-06-12"] + offer + ["2024-07-12"],
      "id:f7@shop.example": ["f7@shop.example", "'-cmd", "2024-06-15"] + offer + ["2024-07-15"],
      "id:@f8@shop.example": ["'@f8@shop.example", "Plain Name", "2024-06-30"] + offer + ["2024-07-30"],
    ]
    #expect(rows.count == expected.count + 1)
    for row in rows.dropFirst() {
      let cells = [row[1], row[2], row[3], row[7], row[8], row[9]]
      #expect(cells == expected[row[0]], "\(row[0])")
      let chances = row[4...6].compactMap(Double.init)
      #expect(chances.count == 3 && chances.allSatisfy { (0...1).contains($0) })
    }
  }

  @Test func replenishmentRemindersCellByCell() throws {
    let path = try TestData.url(Self.fixture).path
    let rows = try Self.export("replenishment-reminders", [path])
    #expect(
      rows.first == [
        "customer", "product", "product_name", "last_purchase", "run_out", "remind_on", "win_back_from", "status",
        "reason",
      ])
    Self.expectSafe(rows)
    // Only the filter pack has enough repurchases (six intervals of 30 days): run-out 30 days
    // after the last purchase, reminder at 0.75 of that (23 days), win-back from 30 days; on
    // 2024-06-30 only the June buyer is due.
    let product = ["'-2+3", "'" + Self.hyperlink]
    let expected: [[String]] = [
      ["bob@shop.example"] + product + ["2024-03-10", "2024-04-09", "2024-04-02", "2024-04-09", "handOverToWinBack"],
      ["'+r3@shop.example"] + product + ["2024-03-15", "2024-04-14", "2024-04-07", "2024-04-14", "handOverToWinBack"],
      ["ann@shop.example"] + product + ["2024-04-04", "2024-05-04", "2024-04-27", "2024-05-04", "handOverToWinBack"],
      ["'-r4@shop.example"] + product + ["2024-04-19", "2024-05-19", "2024-05-12", "2024-05-19", "handOverToWinBack"],
      ["'=cmd@evil.example"] + product + ["2024-06-01", "2024-07-01", "2024-06-24", "2024-07-01", "due"],
    ]
    #expect(rows.dropFirst().map { Array($0.prefix(8)) } == expected)
  }

  /// The one writer is the only place that ends CSV records or doubles quotes: no other source
  /// file builds CSV text by hand (SQL identifiers double quotes by their own rule).
  @Test func noOtherSourceBuildsCSVText() throws {
    let allowed: [String: Set<String>] = [
      "Sources/RetentionCore/CSV/CSVWriter.swift": ["\"\\r\\n\"", "with: \"\\\"\\\"\")"],
      "Sources/RetentionCore/SQL/SQLIdentifier.swift": ["with: \"\\\"\\\"\")"],
    ]
    var checked = 0
    for folder in ["Sources", "Examples"] {
      let root = TestData.projectRoot.appendingPathComponent(folder)
      let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
      for case let url as URL in files where url.pathExtension == "swift" {
        let relative = folder + url.path.dropFirst(root.path.count)
        let text = try String(contentsOf: url, encoding: .utf8)
        checked += 1
        for pattern in ["\"\\r\\n\"", "with: \"\\\"\\\"\")"] where text.contains(pattern) {
          #expect(allowed[relative]?.contains(pattern) == true, "\(relative) contains \(pattern)")
        }
      }
    }
    #expect(checked > 50)
  }
}
