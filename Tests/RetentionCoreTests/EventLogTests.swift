import Foundation
import Testing
import _RetentionSupport
import _TestSupport
@testable import RetentionCore

/// The event log's order, queries and parallel import, against plain reference definitions.
struct EventLogTests {
  static let day = 86_400.0
  static let start = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01 00:00 UTC

  /// Random events on a coarse grid of times (many share an instant), with duplicates.
  static func randomEvents(_ count: Int, seed: UInt64) -> [CustomerEvent] {
    var generator = SplitMix64(seed: seed)
    func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
    var events: [CustomerEvent] = []
    for _ in 0..<count {
      let time = start.addingTimeInterval(Double(generator.next() % 20) * 3_600)
      let customer = pick(["c1", "c2", "c10", "ada@example.com", "b", "B"])
      let message = MessageReference(
        id: pick(["m1", "m2", "m10"]), flow: pick([nil, "winback", "promo"]), step: pick([nil, 1, 2]),
        channel: pick([nil, Channel.email, .sms]))
      let products = pick([["p1"], ["p2", "p1"], ["p1", "p2"], ["p1", "p2", "p3"]])
      let kind: CustomerEvent.Kind = pick([
        .productViewed(productID: pick(["p1", "p2", "p10"])), .addedToCart(productID: pick(["p1", "p2"])),
        .checkoutStarted(productIDs: products),
        .orderPlaced(orderID: pick(["o1", "o2"]), productIDs: pick([[], products])),
        .shipped(orderID: pick(["o1", "o2"])), .delayed(orderID: "o1"), .delivered(orderID: pick(["o1", "o2"])),
        .messageSent(message), .messageDelivered(message), .opened(message, isMachineOpen: pick([true, false])),
        .clicked(message), .bounced(message), .heldOut(message), .subscribed(channel: pick(Channel.allCases)),
        .unsubscribed(channel: pick(Channel.allCases)), .accountCreated,
        .surveyAnswered(score: pick([1, 5, 9.5, -0.0, 0])),
      ])
      let anonymous = kind.eventName.allowsAnonymousCustomer && generator.next() % 3 == 0
      events.append(CustomerEvent(customerID: anonymous ? nil : customer, time: time, kind: kind))
    }
    return events
  }

  /// The plain definition of the log's order: by time, then kind, customer (none first), and the
  /// kind's details, strings by the 64-bit `ByteHash` of their UTF-8 bytes and then the bytes;
  /// then exact duplicates dropped.
  static func referenceOrder(_ events: [CustomerEvent]) -> [CustomerEvent] {
    func bytes(_ text: String?) -> [Int] {
      guard let text else { return [0] }
      let hash = UTF8Bytes.read(text) { ByteHash.hash($0) }
      return [1, Int(hash >> 32), Int(hash & 0xFFFF_FFFF)] + text.utf8.map(Int.init)
    }
    func key(_ event: CustomerEvent) -> [[Int]] {
      let codes = EventCode.allCases
      let machine = { if case .opened(_, true) = event.kind { true } else { false } }()
      let code = codes.firstIndex(of: EventCode(event.kind.eventName, isMachineOpen: machine)) ?? -1
      var key: [[Int]] = [[code], bytes(event.customerID)]
      switch event.kind {
      case .productViewed(let product), .addedToCart(let product): key.append(bytes(product))
      case .checkoutStarted(let products): key.append(contentsOf: products.map(bytes))
      case .orderPlaced(let order, let products):
        key.append(bytes(order))
        key.append([products.isEmpty ? 0 : 1])
        key.append(contentsOf: products.map(bytes))
      case .shipped(let order), .delayed(let order), .delivered(let order): key.append(bytes(order))
      case .subscribed(let channel), .unsubscribed(let channel):
        key.append([Channel.allCases.firstIndex(of: channel) ?? -1])
      case .surveyAnswered: break
      case .accountCreated: break
      default:
        if let message = event.kind.message {
          key.append(bytes(message.id))
          key.append(bytes(message.flow))
          key.append([message.step ?? -1, message.channel.flatMap { Channel.allCases.firstIndex(of: $0) } ?? -1])
        }
      }
      return key
    }
    func precedes(_ a: CustomerEvent, _ b: CustomerEvent) -> Bool {
      if a.time != b.time { return a.time < b.time }
      let (left, right) = (key(a), key(b))
      if left != right { return left.lexicographicallyPrecedes(right) { $0.lexicographicallyPrecedes($1) } }
      if case .surveyAnswered(let x) = a.kind, case .surveyAnswered(let y) = b.kind { return x < y }
      return false
    }
    let sorted = events.map { event -> CustomerEvent in
      var event = event
      if case .surveyAnswered(let score) = event.kind { event.kind = .surveyAnswered(score: score + 0) }
      return event
    }.sorted(by: precedes)
    var result: [CustomerEvent] = []
    for event in sorted where result.last != event { result.append(event) }
    return result
  }

  @Test(arguments: 0..<30 as Range<UInt64>)
  func theOrderIsTheReferenceOrderWhateverTheInputOrder(seed: UInt64) {
    let events = Self.randomEvents(400, seed: seed)
    let expected = Self.referenceOrder(events)
    let log = EventLog(events)
    #expect(Array(log) == expected)
    #expect(log.report.eventsImported == expected.count)
    #expect(log.report.exclusions["duplicate event", default: 0] == events.count - expected.count)
    var generator = SplitMix64(seed: seed &+ 1_000)
    let shuffled = EventLog(events.shuffled(using: &generator))
    #expect(Array(shuffled) == expected)
    #expect(shuffled.customerIDs == log.customerIDs)
  }

  @Test(arguments: 0..<10 as Range<UInt64>)
  func theQueriesAgreeWithFilteringEveryEvent(seed: UInt64) {
    let log = EventLog(Self.randomEvents(300, seed: seed))
    let all = Array(log)
    let window = Self.start.addingTimeInterval(3 * 3_600)..<Self.start.addingTimeInterval(9 * 3_600)
    for customer in ["c1", "B", "nobody"] {
      #expect(log.events(ofCustomer: customer) == all.filter { $0.customerID == customer })
      #expect(
        log.events(ofCustomer: customer, in: window)
          == all.filter { $0.customerID == customer && window.contains($0.time) })
    }
    for name in EventName.allCases {
      #expect(log.events(named: name) == all.filter { $0.kind.eventName == name })
      #expect(
        log.events(named: name, in: window) == all.filter { $0.kind.eventName == name && window.contains($0.time) })
      #expect(log.count(of: name) == all.count { $0.kind.eventName == name })
    }
    #expect(log.positions(in: window).map { all[$0] } == all.filter { window.contains($0.time) })
    #expect(log.positions(in: window.lowerBound..<window.lowerBound).isEmpty)
    #expect(Set(log.customerIDs) == Set(all.compactMap(\.customerID)))
    for (position, event) in all.enumerated() {
      #expect(log.time(at: position) == event.time)
      #expect(log.name(at: position) == event.kind.eventName)
      #expect(log.customerID(at: position) == event.customerID)
    }
    // Customers by number, in the order of their first event.
    var firstSeen: [String] = []
    for event in all { if let id = event.customerID, !firstSeen.contains(id) { firstSeen.append(id) } }
    #expect(log.customerIDs == firstSeen)
    for (number, id) in firstSeen.enumerated() {
      #expect(log.customerNumber(of: id) == number)
      #expect(
        log.positions(ofCustomerNumber: number).map { all[Int($0)].customerID }
          == Array(repeating: id, count: log.positions(ofCustomerNumber: number).count))
    }
    // Storage holds each customer's events in one run, and the anonymous ones after the last.
    for number in 0...log.customerCount {
      let stored = log.storageRange(ofCustomerNumber: number).map { log.columns.event(at: $0) }
      let id = number < log.customerCount ? log.customerID(ofNumber: number) : nil
      #expect(stored == all.filter { $0.customerID == id })
    }
    #expect(log.firstEventDate == all.first?.time)
    #expect(log.lastEventDate == all.last?.time)
  }

  @Test func anEmptyLogAnswersEveryQuery() {
    let log = EventLog([])
    #expect(log.isEmpty)
    #expect(log.customerIDs.isEmpty)
    #expect(log.events(ofCustomer: "c").isEmpty)
    #expect(log.events(named: .opened).isEmpty)
    #expect(log.positions(in: Self.start..<Self.start.addingTimeInterval(Self.day)).isEmpty)
    #expect(log.firstEventDate == nil)
    #expect(log.report.rowsRead == 0)
  }

  /// A file of 600 kB, written from random events with bad rows among them, as CSV and JSON.
  static func largeFile(json: Bool) -> [UInt8] {
    var generator = SplitMix64(seed: 77)
    var text = json ? "" : "time,customer,event,product,order,message,flow,step,channel,value\n"
    var row = 0
    let formatter = ISO8601DateFormatter()
    while text.utf8.count < 600_000 {
      row += 1
      let time = formatter.string(from: start.addingTimeInterval(Double(generator.next() % 500_000)))
      let customer = "c\(generator.next() % 5_000)"
      switch row % 9 {
      case 0:
        text += json ? "{\"time\":\"\(time)\",\"event\":\"teleported\"}\n" : "\(time),\(customer),teleported,,,,,,,\n"
      case 1, 2, 3:
        let product = "p\(generator.next() % 300)"
        text +=
          json
          ? "{\"time\":\"\(time)\",\"customer\":\"\(customer)\",\"event\":\"product_viewed\",\"product\":\"\(product)\"}\n"
          : "\(time),\(customer),product_viewed,\(product),,,,,,\n"
      case 4:
        text += json ? "\n" : "\n"
      default:
        let message = "m\(generator.next() % 20_000)"
        text +=
          json
          ? "{\"time\":\"\(time)\",\"customer\":\"\(customer)\",\"event\":\"opened\",\"message\":\"\(message)\",\"flow\":\"f\",\"step\":2,\"channel\":\"email\",\"value\":\"machine\"}\n"
          : "\(time),\(customer),opened,,,\(message),f,2,email,machine\n"
      }
    }
    return Array(text.utf8)
  }

  @Test(arguments: [false, true])
  func parallelPartsAndAStreamGiveTheSameLogAndReport(json: Bool) throws {
    let bytes = Self.largeFile(json: json)
    let format: EventFileFormat = json ? .jsonLines : .csv
    let importer = EventImporter(format: format, context: ImportContext(ImportOptions()))
    let whole = try importer.importBytes(bytes, partCount: 1)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "events-\(UUID().uuidString).\(format.rawValue)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let stream = try importer.importStream(url)
    let expectedEvents = Array(whole)
    #expect(whole.report.rowsRejected > 500)
    for parts in [2, 3, 7] {
      let split = try importer.importBytes(bytes, partCount: parts)
      #expect(Array(split) == expectedEvents)
      #expect(split.report == whole.report)
      #expect(split.customerIDs == whole.customerIDs)
    }
    #expect(Array(stream) == expectedEvents)
    #expect(stream.report == whole.report)
    #expect(try Array(EventLog(contentsOf: url)) == expectedEvents)
  }

  @Test func aPartWithoutEventsMergesWithTheOthers() throws {
    let good = "2025-06-01T00:00:00Z,c1,account_created\n"
    let bad = String(repeating: "2025-06-01T00:00:00Z,c2,teleported\n", count: 40)
    let text = "time,customer,event\n" + good + bad + "2025-06-02T00:00:00Z,c3,account_created\n"
    let importer = EventImporter(format: .csv, context: ImportContext(ImportOptions()))
    let whole = try importer.importBytes(Array(text.utf8), partCount: 1)
    #expect(whole.customerIDs == ["c1", "c3"])
    #expect(whole.report.rowsRejected == 40)
    for parts in [3, 5] {
      let split = try importer.importBytes(Array(text.utf8), partCount: parts)
      #expect(Array(split) == Array(whole))
      #expect(split.report == whole.report)
    }
  }
}
