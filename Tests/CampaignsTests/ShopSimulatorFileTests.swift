import Foundation
import Testing
@testable import Campaigns

/// The simulator's files: the orders file reads back through the line-items importer into the
/// same log, and the events file has the columns of an event file with one row per event.
struct ShopSimulatorFileTests {
  static let t0 = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01 00:00 UTC

  static func shop(seed: UInt64 = 4) -> SimulatedShop {
    var simulator = ShopSimulator(customers: 400)
    simulator.flows = [
      SimulatedFlow(
        name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.3,
        causedPurchaseProbability: 0.2)
    ]
    var generator = SeededRandomNumberGenerator(seed: seed)
    return simulator.run(using: &generator)
  }

  /// Every column of the two logs, compared order by order in the logs' own order.
  static func expectSameLogs(_ imported: OrderLog, _ built: OrderLog) {
    #expect(imported.orderIDs == built.orderIDs)
    #expect(imported.orderTimes == built.orderTimes)
    #expect(imported.orderNetAmounts == built.orderNetAmounts)
    #expect(imported.currency == "EUR" && built.currency == "EUR")
    #expect((0..<built.orderCount).allSatisfy { imported[$0] == built[$0] })
    #expect(imported.products == built.products)
  }

  @Test func theOrdersFileReadsBackIntoTheSameLog() throws {
    let shop = Self.shop()
    let lines = shop.orders.reduce(0) { $0 + $1.lines.count }
    let imported = try OrderLog(csv: Array(shop.ordersCSV.utf8), format: SimulatedShop.orderFileFormat, mode: .strict)
    #expect(imported.report.rowsRead == lines)
    #expect(imported.report.linesImported == lines)
    #expect(imported.report.rowsRejected == 0 && imported.report.rowsExcluded == 0)
    #expect(imported.orderCount == shop.orders.count)
    Self.expectSameLogs(imported, try shop.orderLog())

    let url = FileManager.default.temporaryDirectory.appendingPathComponent("simulated-orders-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try shop.writeOrders(to: url)
    Self.expectSameLogs(try OrderLog(contentsOf: url, format: SimulatedShop.orderFileFormat), try shop.orderLog())
  }

  @Test func theOrdersFileHasOneRowPerLine() throws {
    let order = Order(
      id: "c7-1", customer: CustomerReference(id: "c7"), placedAt: Self.t0.addingTimeInterval(9 * 3_600 + 30 * 60),
      lines: [
        LineItem(productID: "tea-03", name: "Tea 3", category: "tea", quantity: 1, unitPrice: 4.5),
        LineItem(productID: "coffee-10", name: "Coffee 10", category: "coffee", quantity: 1, unitPrice: 12.99),
      ], currency: "EUR")
    let shop = SimulatedShop(
      simulator: ShopSimulator(customers: 1), orders: [order], events: [],
      truth: SimulationTruth(customers: [], flows: [], expectedNetPromoterScore: 0))
    #expect(
      shop.ordersCSV == """
        order,customer,date,product,name,category,quantity,unit_price,currency\r
        c7-1,c7,2024-03-01T09:30:00Z,tea-03,Tea 3,tea,1,4.5,EUR\r
        c7-1,c7,2024-03-01T09:30:00Z,coffee-10,Coffee 10,coffee,1,12.99,EUR\r

        """)
  }

  /// One event of each kind the simulator writes, and the rows worked out by hand from the
  /// column specification `time,customer,event,product,order,message,flow,step,channel,value`.
  @Test func theEventsFileWritesEachKindInItsColumns() {
    let message = MessageReference(id: "nudge/1:c7", flow: "nudge", step: 1, channel: .email)
    let kinds: [CustomerEvent.Kind] = [
      .productViewed(productID: "tea-03"), .addedToCart(productID: "tea-03"),
      .checkoutStarted(productIDs: ["tea-03", "coffee-10"]), .shipped(orderID: "c7-1"), .delayed(orderID: "c7-1"),
      .delivered(orderID: "c7-1"), .messageSent(message), .messageDelivered(message),
      .opened(message, isMachineOpen: true), .opened(message, isMachineOpen: false), .clicked(message),
      .bounced(message), .heldOut(message), .subscribed(channel: .email), .unsubscribed(channel: .sms),
      .accountCreated, .surveyAnswered(score: 9),
    ]
    let events = kinds.enumerated().map {
      CustomerEvent(customerID: "c7", time: Self.t0.addingTimeInterval(Double($0.offset)), kind: $0.element)
    }
    let shop = SimulatedShop(
      simulator: ShopSimulator(customers: 1), orders: [], events: events,
      truth: SimulationTruth(customers: [], flows: [], expectedNetPromoterScore: 0))
    let rows = shop.eventsCSV.components(separatedBy: "\r\n")
    #expect(
      rows == [
        "time,customer,event,product,order,message,flow,step,channel,value",
        "2024-03-01T00:00:00Z,c7,product_viewed,tea-03,,,,,,",
        "2024-03-01T00:00:01Z,c7,added_to_cart,tea-03,,,,,,",
        "2024-03-01T00:00:02Z,c7,checkout_started,tea-03;coffee-10,,,,,,",
        "2024-03-01T00:00:03Z,c7,shipped,,c7-1,,,,,",
        "2024-03-01T00:00:04Z,c7,delayed,,c7-1,,,,,",
        "2024-03-01T00:00:05Z,c7,delivered,,c7-1,,,,,",
        "2024-03-01T00:00:06Z,c7,message_sent,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:07Z,c7,message_delivered,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:08Z,c7,opened,,,nudge/1:c7,nudge,1,email,machine",
        "2024-03-01T00:00:09Z,c7,opened,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:10Z,c7,clicked,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:11Z,c7,bounced,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:12Z,c7,held_out,,,nudge/1:c7,nudge,1,email,",
        "2024-03-01T00:00:13Z,c7,subscribed,,,,,,email,",
        "2024-03-01T00:00:14Z,c7,unsubscribed,,,,,,sms,",
        "2024-03-01T00:00:15Z,c7,account_created,,,,,,,",
        "2024-03-01T00:00:16Z,c7,survey_answered,,,,,,,9",
        "",
      ])
  }

  /// A simulated shop's events file: the header, one row of ten fields per event, in time order,
  /// and every kind the simulator makes.
  @Test func theEventsFileOfASimulatedShopHasOneRowPerEvent() throws {
    let shop = Self.shop()
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("simulated-events-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try shop.writeEvents(to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text == shop.eventsCSV)
    var rows = text.components(separatedBy: "\r\n")
    #expect(rows.removeLast() == "")
    #expect(rows.removeFirst() == SimulatedShop.eventFileHeader.joined(separator: ","))
    #expect(rows.count == shop.events.count)
    let fields = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(fields.allSatisfy { $0.count == 10 })
    let times = fields.map { String($0[0]) }
    #expect(times.allSatisfy { $0.count == 20 && $0.hasSuffix("Z") && $0.dropFirst(10).hasPrefix("T") })
    #expect(times == times.sorted())  // ISO 8601 text sorts as time
    let names = Set(fields.map { String($0[2]) })
    #expect(
      names.isSuperset(of: [
        "product_viewed", "added_to_cart", "checkout_started", "shipped", "delivered", "message_sent",
        "message_delivered", "opened", "clicked", "held_out", "subscribed", "account_created", "survey_answered",
      ]), "\(names.sorted())")
    #expect(fields.contains { $0[2] == "opened" && $0[9] == "machine" })
  }

  /// ISO 8601 UTC text from the civil calendar, against dates worked out by hand.
  @Test(arguments: [
    (0.0, "1970-01-01T00:00:00Z"), (-1.0, "1969-12-31T23:59:59Z"), (1_709_251_199.0, "2024-02-29T23:59:59Z"),
    (1_709_251_200.9, "2024-03-01T00:00:00Z"), (951_782_400.0, "2000-02-29T00:00:00Z"),
  ])
  func timesAreWrittenInISO8601UTC(seconds: Double, text: String) {
    #expect(SimulatedShop.timeText(Date(timeIntervalSince1970: seconds)) == text)
  }
}
