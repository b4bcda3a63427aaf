import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The event file of `Tests/Data/fixtures/events/`: 32 rows (31 events of every kind and one
/// exact duplicate) of customers of the synthetic Shopify export, as CSV and as JSON Lines.
struct EventImportTests {
  static func csvURL() throws -> URL { try TestData.url("fixtures/events/shop_events.csv") }
  static func jsonURL() throws -> URL { try TestData.url("fixtures/events/shop_events.jsonl") }

  static func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { preconditionFailure("a test date: \(text)") }
    return date
  }

  @Test func theFixtureImportsEveryRowAsOneEventAndTheDuplicateOnce() throws {
    let log = try EventLog(contentsOf: Self.csvURL())
    #expect(log.report.rowsRead == 32)
    #expect(log.report.eventsImported == 31)
    #expect(log.count == 31)
    #expect(log.report.rowsRejected == 0)
    #expect(log.report.exclusions == ["duplicate event": 1])
    #expect(log.report.eventsImported + log.report.rowsExcluded + log.report.rowsRejected == log.report.rowsRead)
    // Counted by hand in shop_events.csv.
    let expected: [EventName: Int] = [
      .productViewed: 4, .addedToCart: 2, .checkoutStarted: 1, .orderPlaced: 2, .shipped: 1, .delayed: 1,
      .delivered: 2, .messageSent: 4, .messageDelivered: 1, .opened: 3, .clicked: 1, .bounced: 1, .heldOut: 1,
      .subscribed: 3, .unsubscribed: 1, .accountCreated: 1, .surveyAnswered: 2,
    ]
    for name in EventName.allCases {
      #expect(log.count(of: name) == expected[name], "\(name)")
      #expect(log.events(named: name).allSatisfy { $0.kind.eventName == name })
    }
    #expect(
      log.report.accountingLines(source: "shop_events.csv") == [
        "shop_events.csv: 32 rows read: 31 imported as events, 1 excluded, 0 rejected",
        "  excluded: duplicate event (1)",
      ])
  }

  @Test func eachKindKeepsItsFields() throws {
    let log = try EventLog(contentsOf: Self.csvURL())
    let felix = log.events(ofCustomer: "felix.weber452@gmx.de")
    #expect(felix.count == 15)
    #expect(
      felix.contains(
        CustomerEvent(
          customerID: "felix.weber452@gmx.de", time: Self.date("2025-06-20T08:10:00Z"),
          kind: .checkoutStarted(productIDs: ["COF-ESP-250", "SYR-VAN-250"]))))
    let reference = MessageReference(id: "ac-452-1", flow: "abandoned-checkout", step: 1, channel: .email)
    let opens = felix.filter { $0.kind.eventName == .opened }
    #expect(
      opens.map(\.kind) == [.opened(reference, isMachineOpen: true), .opened(reference, isMachineOpen: false)])
    #expect(felix.contains { $0.kind == .orderPlaced(orderID: "#5994", productIDs: ["COF-ESP-250"]) })
    #expect(felix.contains { $0.kind == .delayed(orderID: "#5994") })
    #expect(felix.contains { $0.kind == .subscribed(channel: .push) })
    #expect(felix.last?.kind == .surveyAnswered(score: 9))
    let hannes = log.events(ofCustomer: "hannes.klein933@hotel-am-see.de")
    #expect(
      hannes.map(\.kind) == [
        .accountCreated, .messageSent(MessageReference(id: "vip-933-1", flow: "vip-outreach", channel: .phone)),
        .bounced(MessageReference(id: "promo,933", flow: "sommer-aktion-ü", step: 1, channel: .email)),
      ])
    // Anonymous visitors: views and carts without a customer.
    let anonymous = log.filter { $0.customerID == nil }
    #expect(
      anonymous.map(\.kind) == [.productViewed(productID: "COF-ESP-250"), .addedToCart(productID: "COF-ESP-250")])
    #expect(
      log.events(ofCustomer: "lena.lead@example.com").map(\.kind.eventName) == [
        .subscribed, .messageSent, .opened, .surveyAnswered, .productViewed,
      ])
  }

  @Test func eventsAreSortedByTimeAndThenByContent() throws {
    let log = try EventLog(contentsOf: Self.csvURL())
    let times = log.map(\.time)
    #expect(times == times.sorted())
    #expect(log.first?.kind == .subscribed(channel: .email))
    #expect(log.last?.kind == .surveyAnswered(score: 9))
    // Two events of 2025-06-20 09:15:00 UTC: a view sorts before a sent message.
    let tie = log.filter { $0.time == Self.date("2025-06-20T09:15:00Z") }
    #expect(tie.map(\.customerID) == ["lena.lead@example.com", "felix.weber452@gmx.de"])
    // Customers are numbered by their first event.
    #expect(
      log.customerIDs == [
        "lena.lead@example.com", "hannes.klein933@hotel-am-see.de", "tina.richter0@web.de",
        "Tina.Richter0+news@web.de", "felix.weber452@gmx.de", "TINA.RICHTER0@WEB.DE",
      ])
  }

  @Test func csvAndJSONLinesGiveTheSameLog() throws {
    let csv = try EventLog(contentsOf: Self.csvURL())
    let json = try EventLog(contentsOf: Self.jsonURL())
    #expect(Array(json) == Array(csv))
    #expect(json.customerIDs == csv.customerIDs)
    #expect(json.report.rowsRead == 32)
    #expect(json.report.eventsImported == 31)
    #expect(json.report.exclusions == ["duplicate event": 1])
  }

  @Test func reversedFilesGiveTheSameLog() throws {
    let original = try EventLog(contentsOf: Self.csvURL())
    let records = CSVRecords(Array(try Data(contentsOf: Self.csvURL())))
    let reversed = try EventLog(bytes: records.text(order: records.rows.indices.reversed()), format: .csv)
    #expect(Array(reversed) == Array(original))
    #expect(reversed.customerIDs == original.customerIDs)
    let lines = try String(contentsOf: Self.jsonURL(), encoding: .utf8).split(separator: "\n")
    let reversedJSON = try EventLog(bytes: Array(lines.reversed().joined(separator: "\n").utf8), format: .jsonLines)
    #expect(Array(reversedJSON) == Array(original))
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func shuffledFilesGiveTheSameLog(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let original = try EventLog(contentsOf: Self.csvURL())
    let records = CSVRecords(Array(try Data(contentsOf: Self.csvURL())))
    let shuffled = try EventLog(
      bytes: records.text(order: records.rows.indices.shuffled(using: &generator)), format: .csv)
    #expect(Array(shuffled) == Array(original))
    #expect(shuffled.customerIDs == original.customerIDs)
    #expect(shuffled.columns.products.count == original.columns.products.count)
    for number in 0..<original.columns.messages.count {
      #expect(shuffled.columns.messages.string(Int32(number)) == original.columns.messages.string(Int32(number)))
    }
  }

  @Test func theFormatFollowsTheExtensionOrTheFirstCharacter() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("event-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Data(contentsOf: Self.jsonURL()), csv = try Data(contentsOf: Self.csvURL())
    let expected = Array(try EventLog(contentsOf: Self.csvURL()))
    for (name, data) in [("a.ndjson", json), ("b.txt", json), ("c.txt", csv), ("d", csv), ("e.JSONL", json)] {
      let url = folder.appendingPathComponent(name)
      try data.write(to: url)
      #expect(Array(try EventLog(contentsOf: url)) == expected, "\(name)")
    }
    #expect(EventFileFormat(pathExtensionOf: URL(fileURLWithPath: "x.CSV")) == .csv)
    #expect(EventFileFormat(pathExtensionOf: URL(fileURLWithPath: "x.json")) == nil)
    #expect(try EventFileFormat(name: "NDJSON") == .jsonLines)
    #expect(throws: RetentionCoreError.self) { try EventFileFormat(name: "xml") }
  }

  @Test func timesWithoutAnOffsetAreReadInTheImportsTimeZone() throws {
    let text = "time,customer,event\n2025-06-02 08:30:00,c-1,account_created\n2025-06-02,c-2,account_created\n"
    let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
    let log = try EventLog(bytes: Array(text.utf8), format: .csv, options: ImportOptions(timeZone: berlin))
    // Berlin is 2 hours ahead of UTC in June (CEST).
    #expect(log.map(\.time) == [Self.date("2025-06-01T22:00:00Z"), Self.date("2025-06-02T06:30:00Z")])
    let utc = try EventLog(bytes: Array(text.utf8), format: .csv)
    #expect(utc.map(\.time) == [Self.date("2025-06-02T00:00:00Z"), Self.date("2025-06-02T08:30:00Z")])
  }

  @Test func headerNamesMatchInAnyCaseAndOrderAndOtherColumnsAreIgnored() throws {
    let text = "Event, Customer ,note,TIME,Channel\nSUBSCRIBED,c-1,hello,2025-06-01T12:00:00Z,EMAIL\n"
    let log = try EventLog(bytes: Array(text.utf8), format: .csv)
    #expect(
      Array(log) == [
        CustomerEvent(customerID: "c-1", time: Self.date("2025-06-01T12:00:00Z"), kind: .subscribed(channel: .email))
      ])
  }
}
