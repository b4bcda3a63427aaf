import Foundation
import Testing
import _TestSupport

/// The simulated shop committed in Tests/Data/campaigns, read row by row with plain string
/// splitting (no SDK importer), and the figures of `secondsale attribute` computed from it
/// independently: the reference the command's JSON is checked against.
struct SimulatedShopFiles {
  struct Order {
    var customer: String
    var time: Date
    var amount: Double
  }

  struct Event {
    var time: Date
    var customer: String
    var event: String
    var message: String
    var flow: String
    var channel: String
    var value: String
  }

  /// The command-line options that read the simulated orders file.
  static let orderFormatArguments = [
    "--format", "lines", "--columns",
    "customer=customer,order=order,date=date,product=product,name=name,category=category,quantity=quantity,price=unit_price,currency=currency",
  ]

  var orders: [Order] = []
  var events: [Event] = []

  init() throws {
    let time = ISO8601DateFormatter()
    func rows(_ path: String) throws -> [[String]] {
      let text = try String(contentsOf: TestData.url(path), encoding: .utf8)
      return text.split(whereSeparator: \.isNewline).dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    }
    // order,customer,date,product,name,category,quantity,unit_price,currency: one row per line.
    var byOrder: [String: Order] = [:]
    var orderIDs: [String] = []
    for row in try rows("campaigns/orders.csv") {
      try #require(row.count == 9)
      let amount = try #require(Double(row[6])) * #require(Double(row[7]))
      if byOrder[row[0]] == nil {
        byOrder[row[0]] = Order(customer: row[1], time: try #require(time.date(from: row[2])), amount: 0)
        orderIDs.append(row[0])
      }
      byOrder[row[0]]?.amount += amount
    }
    orders = orderIDs.compactMap { byOrder[$0] }
    // time,customer,event,product,order,message,flow,step,channel,value
    for row in try rows("campaigns/events.csv") {
      try #require(row.count == 10)
      events.append(
        Event(
          time: try #require(time.date(from: row[0])), customer: row[1], event: row[2], message: row[5], flow: row[6],
          channel: row[8], value: row[9]))
    }
    events.sort { $0.time < $1.time }  // stable: the file's order within one instant
  }

  /// The revenue of the orders placed in a period.
  func revenue(in period: Range<Date>) -> Double {
    orders.filter { period.contains($0.time) }.reduce(0) { $0 + $1.amount }
  }

  /// Per flow: messages sent in the period, delivered (a delivery, a human open or a click),
  /// opened by a human and clicked.
  func messageCounts(flow: String, in period: Range<Date>) -> (sent: Int, delivered: Int, opened: Int, clicked: Int) {
    let sent = Set(
      events.filter { $0.event == "message_sent" && $0.flow == flow && period.contains($0.time) }.map(\.message))
    func messages(_ kinds: Set<String>, human: Bool = false) -> Set<String> {
      Set(
        events.filter { kinds.contains($0.event) && sent.contains($0.message) && !(human && $0.value == "machine") }
          .map(\.message))
    }
    let opened = messages(["opened"], human: true)
    let clicked = messages(["clicked"])
    let delivered = messages(["message_delivered"]).union(opened).union(clicked)
    return (sent.count, delivered.count, opened.count, clicked.count)
  }

  /// The credited orders of each message, by last-touch attribution with 5-day windows.
  ///
  /// Each order goes to the message of the same customer whose latest human open or click lies
  /// at most 5 days before it.
  func creditedRevenue() -> [String: [(time: Date, amount: Double)]] {
    let window: TimeInterval = 5 * 86_400
    var touches: [String: [(time: Date, message: String)]] = [:]
    for event in events where (event.event == "opened" && event.value != "machine") || event.event == "clicked" {
      touches[event.customer, default: []].append((event.time, event.message))
    }
    var credited: [String: [(time: Date, amount: Double)]] = [:]
    for order in orders {
      let touch = (touches[order.customer] ?? []).last {
        $0.time <= order.time && order.time.timeIntervalSince($0.time) <= window
      }
      if let touch { credited[touch.message, default: []].append((order.time, order.amount)) }
    }
    return credited
  }

  /// Per flow and group: the customers whose first send or hold-out of the flow lies in the
  /// period, and their revenue within 7 days after it (`nil` entries: no purchase).
  func groups(flow: String, in period: Range<Date>) -> (treated: [Double?], control: [Double?]) {
    var starts: [String: (time: Date, treated: Bool)] = [:]
    for event in events
    where (event.event == "message_sent" || event.event == "held_out") && event.flow == flow
      && period.contains(event.time)
      && starts[event.customer] == nil
    {
      starts[event.customer] = (event.time, event.event == "message_sent")
    }
    var treated: [Double?] = [], control: [Double?] = []
    for (customer, start) in starts {
      let bought = orders.filter {
        $0.customer == customer && $0.time >= start.time && $0.time.timeIntervalSince(start.time) <= 7 * 86_400
      }
      let revenue = bought.isEmpty ? nil : bought.reduce(0) { $0 + $1.amount }
      if start.treated { treated.append(revenue) } else { control.append(revenue) }
    }
    return (treated, control)
  }

  /// The last 0...10 answer of each customer in the period.
  func lastAnswers(in period: Range<Date>) -> [String: (time: Date, score: Double)] {
    var last: [String: (time: Date, score: Double)] = [:]
    for event in events where event.event == "survey_answered" && period.contains(event.time) {
      if let score = Double(event.value) { last[event.customer] = (event.time, score) }
    }
    return last
  }
}
