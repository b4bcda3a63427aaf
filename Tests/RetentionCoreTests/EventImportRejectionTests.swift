import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// Bad event rows are rejected with their row, field and reason; blank rows and exact duplicates
/// are excluded; a file that gives no event fails.
struct EventImportRejectionTests {
  /// `events_bad_rows.csv`: the field and the kind of rejection of each bad row, in file order.
  static let expectedRejections: [(row: Int, field: String?, kind: String)] = [
    (2, "event", "invalid value"), (3, "time", "invalid date"), (4, "time", "invalid date"),
    (5, "time", "missing field"), (6, "customer", "missing field"), (7, "event", "missing field"),
    (8, "product", "missing field"), (9, "product", "missing field"), (10, "order", "missing field"),
    (11, "message", "missing field"), (12, "step", "invalid number"), (13, "step", "invalid number"),
    (14, "channel", "invalid value"), (15, "channel", "missing field"), (16, "channel", "invalid value"),
    (17, "value", "invalid number"), (18, "value", "not finite"), (19, "value", "missing field"),
    (20, "value", "invalid value"), (21, "product", "invalid value"), (22, nil, "malformed CSV"),
  ]

  @Test func everyBadRowOfTheCSVFileIsRejectedWithItsRowFieldAndReason() throws {
    let log = try EventLog(contentsOf: TestData.url("fixtures/events/events_bad_rows.csv"))
    let report = log.report
    #expect(report.rowsRead == 25)
    #expect(report.eventsImported == 2)
    #expect(report.rowsRejected == 21)
    #expect(report.exclusions == ["blank row": 1, "duplicate event": 1])
    #expect(report.eventsImported + report.rowsExcluded + report.rowsRejected == report.rowsRead)
    #expect(report.rejections.map(\.row) == Self.expectedRejections.map(\.row))
    #expect(report.rejections.map(\.field) == Self.expectedRejections.map(\.field))
    var kinds: [String: Int] = [:]
    for expected in Self.expectedRejections {
      kinds[expected.field.map { "\(expected.kind) in \"\($0)\"" } ?? expected.kind, default: 0] += 1
    }
    #expect(report.rejectionReasons == kinds)
    // The reasons name what is wrong and quote the value.
    #expect(report.rejections[0].reason.hasPrefix("unknown event \"page_viewed\"; the events are product_viewed, "))
    #expect(report.rejections[1].reason.contains("\"2025-06-31T12:00:00Z\""))
    #expect(
      report.rejections[4].reason == "the customer is empty; only product_viewed and added_to_cart may be anonymous")
    #expect(report.rejections[10].reason == "the step is a whole number from 1, found \"0\"")
    #expect(report.rejections[12].reason == "unknown channel \"fax\"; the channels are email, sms, phone and push")
    #expect(report.rejections[15].reason == "the score is not a number: \"great\"")
    #expect(report.rejections[19].reason == "added_to_cart is about one product, found 2")
    #expect(report.rejections[20].reason == "ragged row: expected 10 fields, found 5")
    // The good rows: a delivery, and a score of -1.5 at a time without an offset (UTC).
    #expect(
      Array(log) == [
        CustomerEvent(
          customerID: "c-1", time: EventImportTests.date("2025-06-01T12:00:00Z"), kind: .delivered(orderID: "#1")),
        CustomerEvent(
          customerID: "c-2", time: EventImportTests.date("2025-06-02T08:30:00Z"), kind: .surveyAnswered(score: -1.5)),
      ])
  }

  @Test func everyBadLineOfTheJSONLinesFileIsRejected() throws {
    let log = try EventLog(contentsOf: TestData.url("fixtures/events/events_bad_rows.jsonl"))
    let report = log.report
    #expect(report.rowsRead == 14)
    #expect(report.eventsImported == 3)
    #expect(report.exclusions == ["blank row": 1])
    #expect(report.rowsRejected == 10)
    #expect(report.rejections.map(\.row) == [2, 3, 4, 5, 6, 7, 8, 11, 13, 14])
    #expect(report.rejections.map(\.field) == [nil, "order", nil, "product", nil, nil, nil, "time", nil, nil])
    #expect(
      report.rejectionReasons == [
        "malformed JSON": 7, #"invalid value in "order""#: 1, #"invalid value in "product""#: 1,
        #"invalid date in "time""#: 1,
      ])
    #expect(report.rejections[0].reason == "expected an object, \"{\" at character 1 of the line")
    #expect(report.rejections[2].reason == "the key \"time\" appears twice at character 39 of the line")
    #expect(report.rejections[4].reason.hasPrefix("text after the object"))
    #expect(report.rejections[8].reason.hasPrefix("a lone surrogate escape"))
    #expect(report.rejections[9].reason.hasPrefix("a number with a leading zero"))
    // A numeric customer, a step written as a string, escapes with a surrogate pair.
    #expect(
      log.contains(
        CustomerEvent(
          customerID: "42", time: EventImportTests.date("2025-06-01T12:00:00Z"),
          kind: .messageSent(MessageReference(id: "m-é😀", step: 3)))))
    #expect(
      log.contains(
        CustomerEvent(
          customerID: "c-1", time: EventImportTests.date("2025-06-01T12:00:00Z"), kind: .subscribed(channel: .email))
      ))
  }

  @Test func strictModeThrowsTheFirstBadRow() throws {
    let url = try TestData.url("fixtures/events/events_bad_rows.csv")
    let error = try #require(throws: RetentionCoreError.self) {
      try EventLog(contentsOf: url, options: ImportOptions(mode: .strict))
    }
    #expect(error.code == .invalidValue)
    #expect(error.row == 2)
    #expect(error.field == "event")
  }

  @Test func aFileThatGivesNoEventFails() throws {
    let text = "time,customer,event\nsoon,c-1,account_created\n2025-06-01T00:00:00Z,,account_created\n\n"
    let error = try #require(throws: RetentionCoreError.self) { try EventLog(bytes: Array(text.utf8), format: .csv) }
    #expect(error.code == .emptyInput)
    #expect(
      error.reason
        == "no events: none of its 3 rows could be imported (1 excluded, 2 rejected); most often: invalid date in \"time\"; first: row 2, field \"time\": not an ISO 8601 time (2024-03-01T09:30:00Z, 2024-03-01 09:30:00+01:00): \"soon\""
    )
    let onlyBad = try #require(throws: RetentionCoreError.self) {
      try EventLog(bytes: Array("{\"event\":\"opened\"}\n".utf8), format: .jsonLines)
    }
    #expect(onlyBad.code == .emptyInput)
    #expect(onlyBad.reason.hasPrefix("no events: every one of its 1 rows was rejected"))
  }

  @Test func filesWithoutDataOrWithoutTheRequiredColumnsFail() throws {
    let headerOnly = try #require(throws: RetentionCoreError.self) {
      try EventLog(bytes: Array("time,customer,event\n".utf8), format: .csv)
    }
    #expect(headerOnly.code == .emptyInput)
    #expect(headerOnly.reason == "the file has a header but no data rows")
    let empty = try #require(throws: RetentionCoreError.self) { try EventLog(bytes: [], format: .csv) }
    #expect(empty.code == .emptyInput)
    let emptyJSON = try #require(throws: RetentionCoreError.self) { try EventLog(bytes: [], format: .jsonLines) }
    #expect(emptyJSON.code == .emptyInput)
    let missing = try #require(throws: RetentionCoreError.self) {
      try EventLog(bytes: Array("time,customer,product\n2025-06-01T00:00:00Z,c,p\n".utf8), format: .csv)
    }
    #expect(missing.code == .wrongHeader)
    #expect(missing.field == "event")
  }

  @Test func binaryAndOverlongInputIsRefusedAtOnce() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("event-binary-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = folder.appendingPathComponent("events.jsonl")
    try Data([0x7B, 0x00, 0x01, 0x7D, 0x0A]).write(to: binary)
    #expect(throws: RetentionCoreError.self) { try EventLog(contentsOf: binary) }
    let error = try #require(throws: RetentionCoreError.self) { try EventLog(contentsOf: binary) }
    #expect(error.code == .notText)
    let utf16 = folder.appendingPathComponent("events.csv")
    try Data([0xFF, 0xFE, 0x74, 0x00]).write(to: utf16)
    #expect((try #require(throws: RetentionCoreError.self) { try EventLog(contentsOf: utf16) }).code == .notText)
    let long =
      "{\"time\":\"2025-06-01T00:00:00Z\",\"customer\":\"c\",\"event\":\"account_created\",\"x\":\""
      + String(repeating: "a", count: 300) + "\"}\n"
    let options = ImportOptions(maximumRecordLength: 200)
    let first = try #require(throws: RetentionCoreError.self) {
      try EventLog(bytes: Array(long.utf8), format: .jsonLines, options: options)
    }
    #expect(first.code == .recordTooLong)
    // A later long line is rejected; the others import.
    let short = "{\"time\":\"2025-06-01T00:00:00Z\",\"customer\":\"c\",\"event\":\"account_created\"}\n"
    let log = try EventLog(
      bytes: Array((short + long + short.replacingOccurrences(of: "\"c\"", with: "\"d\"")).utf8), format: .jsonLines,
      options: options)
    #expect(log.count == 2)
    #expect(log.report.rejections.map(\.row) == [2])
    #expect(log.report.rejectionReasons == ["row too long": 1])
    // A missing file names itself.
    let missing = try #require(throws: RetentionCoreError.self) {
      try EventLog(contentsOf: folder.appendingPathComponent("none.csv"))
    }
    #expect(missing.code == .ioFailure)
    #expect(missing.reason.contains("there is no such file"))
  }

  @Test func eventsBuiltInCodeFollowTheSameRules() throws {
    let time = EventImportTests.date("2025-06-01T00:00:00Z")
    let log = EventLog([
      CustomerEvent(customerID: nil, time: time, kind: .checkoutStarted(productIDs: ["p"])),
      CustomerEvent(customerID: "c", time: time, kind: .productViewed(productID: "")),
      CustomerEvent(customerID: "c", time: time, kind: .checkoutStarted(productIDs: [])),
      CustomerEvent(customerID: "c", time: time, kind: .messageSent(MessageReference(id: "m", step: 0))),
      CustomerEvent(customerID: "c", time: time, kind: .surveyAnswered(score: .nan)),
      CustomerEvent(customerID: "c", time: Date(timeIntervalSince1970: .infinity), kind: .accountCreated),
      CustomerEvent(customerID: "", time: time, kind: .accountCreated),
      CustomerEvent(customerID: "c", time: time, kind: .opened(MessageReference(id: ""), isMachineOpen: false)),
      CustomerEvent(customerID: nil, time: time, kind: .addedToCart(productID: "p")),
      CustomerEvent(customerID: "c", time: time, kind: .messageSent(MessageReference(id: "m", flow: "", step: 2))),
    ])
    #expect(log.report.rowsRead == 10)
    #expect(log.report.rejections.map(\.row) == [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(
      log.report.rejections.map(\.field) == [
        "customer", "product", "product", "step", "value", "time", "customer", "message",
      ])
    #expect(
      Array(log) == [
        CustomerEvent(customerID: nil, time: time, kind: .addedToCart(productID: "p")),
        CustomerEvent(customerID: "c", time: time, kind: .messageSent(MessageReference(id: "m", step: 2))),
      ])
  }

  @Test func theStoredRejectionsAreBoundedAndTheirReasonsShort() throws {
    var text = "time,customer,event\n2025-06-01T00:00:00Z,c,account_created\n"
    for row in 0..<1_500 { text += "2025-06-01T00:00:00Z,c\(row),no_such_event\n" }
    let report = try EventLog(bytes: Array(text.utf8), format: .csv).report
    #expect(report.rowsRejected == 1_500)
    #expect(report.rejections.count == ImportReport.maximumStoredRejections)
    #expect(report.rejectionReasons == [#"invalid value in "event""#: 1_500])
    // A 10,000-character value is quoted in at most 200 characters.
    let long = "time,customer,event\n2025-06-01T00:00:00Z,c," + String(repeating: "x", count: 10_000) + "\n"
    let error = try #require(throws: RetentionCoreError.self) {
      try EventLog(bytes: Array(long.utf8), format: .csv, options: ImportOptions(mode: .strict))
    }
    #expect(error.code == .invalidValue)
    #expect(error.reason.count < 600)
    #expect(error.description.count < 700)
  }
}
