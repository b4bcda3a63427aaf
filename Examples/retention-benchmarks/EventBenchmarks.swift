import Foundation
import RetentionCore
import Segmentation

/// Benchmarks of the event log: importing the event file of the generated 1M-customer shop
/// (about ten events per customer), reading every customer's events, and keying them by person.
func eventBenchmarks(_ runner: inout BenchmarkRunner) {
  let names = [
    "events: import 10M generated events (CSV, 1M customers)", "events: scan every customer's events by kind",
    "events: scan every customer's stored history (package API)", "events: spell out every customer's events",
    "events: checkouts of one day by kind and time",
    "events: key 10M events by person (resolution given)",
  ]
  guard names.contains(where: runner.wants) else { return }
  let orders = generatedOrders(customers: 1_000_000, linesPerCustomer: 10)
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("secondsale-generated-events-v1.csv")
  if !FileManager.default.fileExists(atPath: url.path) {
    let start = Date()
    var writer = GeneratedEventWriter()
    let rows = writer.write(for: orders, to: url)
    print(String(format: "    wrote %d event rows to %@ in %.1f s", rows, url.path, Date().timeIntervalSince(start)))
  }
  let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
  print("    event file: \(url.path), \(size >> 20) MiB")
  runner.measure(names[0], repeats: 3) {
    let before = processCPUSeconds()
    guard let log = try? EventLog(contentsOf: url) else { return "import failed" }
    let cpu = processCPUSeconds() - before
    return "\(log.count) events, \(log.customerCount) customers, \(log.report.rowsRejected) rejected; "
      + String(format: "CPU %.2f s (all threads)", cpu)
  }
  guard names.dropFirst().contains(where: runner.wants), let log = try? EventLog(contentsOf: url) else { return }
  runner.measure(names[1]) {
    var opens = 0, machineFree = 0
    for customer in 0..<log.customerCount {
      var opened = false
      for position in log.positions(ofCustomerNumber: customer) where log.name(at: Int(position)) == .opened {
        opens += 1
        opened = true
      }
      if opened { machineFree += 1 }
    }
    return "\(opens) opens of \(machineFree) customers"
  }
  // The planner's way: each customer's events are one run of the stored columns.
  runner.measure(names[2]) {
    var opens = 0, customers = 0
    let codes = log.columns.codes
    for customer in 0..<log.customerCount {
      var opened = false
      for storage in log.storageRange(ofCustomerNumber: customer) where codes[storage] == .opened {
        opens += 1
        opened = true
      }
      if opened { customers += 1 }
    }
    return "\(opens) person opens of \(customers) customers"
  }
  runner.measure(names[3], repeats: 3) {
    var count = 0
    for customer in 0..<log.customerCount { count += log.events(ofCustomer: log.customerID(ofNumber: customer)).count }
    return "\(count) events"
  }
  // A day in the middle of the file's time span.
  let middle = log.isEmpty ? Date() : log.time(at: log.count / 2)
  let day = middle..<middle.addingTimeInterval(86_400)
  runner.measure(names[4], repeats: 11) {
    "\(log.events(named: .checkoutStarted, in: day).count) checkouts"
  }
  if runner.wants(names[5]), let orderLog = try? OrderLog(orders) {
    let resolution = DeterministicIdentityResolver().resolve(orderLog)
    runner.measure(names[5], repeats: 3) {
      let keyed = log.keyed(by: resolution, orders: orderLog)
      let keying = keyed.personKeying
      return
        "\(keyed.customerCount) customers: \(keying?.customersMatchedByCustomerID ?? 0) by id, \(keying?.customersMatchedByEmail ?? 0) by email, \(keying?.unmatchedCustomers ?? 0) unmatched"
    }
  }
}

/// Writes the event file of a generated shop.
///
/// For every order its journey (product views, cart
/// additions, a checkout, shipping, delivery, now and then a delay) and for its customer consent,
/// an account, campaign messages (sent, delivered, opened with some machine opens, clicked,
/// bounced, held out for the control group) and survey answers; plus anonymous visitors and
/// subscribers who never bought. Rows are written customer by customer, not in time order.
struct GeneratedEventWriter {
  private var generator = BenchmarkGenerator(seed: 2_718)
  private var buffer: [UInt8] = []
  private var rows = 0

  private mutating func uniform() -> Double { generator.uniform() }

  /// Writes the file and returns the number of rows.
  mutating func write(for orders: [Order], to url: URL) -> Int {
    guard FileManager.default.createFile(atPath: url.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: url)
    else { return 0 }
    defer { try? handle.close() }
    buffer.reserveCapacity(1 << 26)
    append("time,customer,event,product,order,message,flow,step,channel,value\n")
    var index = 0
    var customerNumber = 0
    while index < orders.count {
      let customer = orders[index].customer.id ?? "guest"
      var end = index
      while end < orders.count && orders[end].customer.id == orders[index].customer.id { end += 1 }
      writeCustomer(customer, number: customerNumber, orders: orders[index..<end])
      customerNumber += 1
      index = end
      if buffer.count > 1 << 26 {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    // Subscribers who never bought: 5 % of the customers, with their nurture mails.
    for lead in 0..<(customerNumber / 20) {
      let id = "lead\(lead)@example.com"
      let time = 1_640_995_200 + uniform() * 700 * 86_400
      row(time, id, "subscribed", channel: "email")
      for step in 1...3 where uniform() < 0.8 {
        let sent = time + Double([1, 4, 10][step - 1]) * 86_400
        messageRows(sent, id, message: "ln-\(lead)-\(step)", flow: "lead-nurture", step: step)
      }
      if buffer.count > 1 << 26 {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    handle.write(Data(buffer))
    return rows
  }

  private mutating func writeCustomer(_ id: String, number: Int, orders: ArraySlice<Order>) {
    guard let first = orders.first?.placedAt.timeIntervalSince1970 else { return }
    if uniform() < 0.5 { row(first - 600, id, "account_created") }
    let subscribed = uniform() < 0.55
    if subscribed { row(first - 300, id, "subscribed", channel: "email") }
    if uniform() < 0.1 { row(first - 200, id, "subscribed", channel: "sms") }
    for (offset, order) in orders.enumerated() {
      let placed = order.placedAt.timeIntervalSince1970
      let products = order.lines.map(\.productID)
      let viewed = products[Int(uniform() * Double(products.count))]
      if uniform() < 0.55 {
        row(placed - 1_800 - uniform() * 3_600, uniform() < 0.03 ? "" : id, "product_viewed", product: viewed)
      }
      if uniform() < 0.35 { row(placed - 900, id, "added_to_cart", product: viewed) }
      if uniform() < 0.55 {
        row(placed - 300, id, "checkout_started", product: products.prefix(4).joined(separator: ";"))
      }
      let orderID = order.id
      if uniform() < 0.45 {
        row(placed + 86_400 + uniform() * 43_200, id, "shipped", order: orderID)
        if uniform() < 0.05 { row(placed + 2 * 86_400, id, "delayed", order: orderID) }
        row(placed + 3 * 86_400 + uniform() * 86_400, id, "delivered", order: orderID)
      }
      // An abandoned checkout now and then, with its reminder.
      if uniform() < 0.12 {
        let abandoned = placed - 20 * 86_400 * uniform() - 86_400
        row(abandoned, id, "checkout_started", product: viewed)
        if subscribed {
          messageRows(abandoned + 3_600, id, message: "ac-\(number)-\(offset)", flow: "abandoned-checkout", step: 1)
        }
      }
      if subscribed && uniform() < 0.35 {
        let sent = placed + Double(5 + Int(uniform() * 40)) * 86_400
        if uniform() < 0.1 {
          row(sent, id, "held_out", message: "promo-\(number)-\(offset)", flow: "promotion", step: 1, channel: "email")
        } else {
          messageRows(sent, id, message: "promo-\(number)-\(offset)", flow: "promotion", step: 1)
        }
      }
      if uniform() < 0.05 { row(placed + 14 * 86_400, id, "survey_answered", value: "\(Int(uniform() * 11))") }
    }
    if subscribed && uniform() < 0.05 { row(first + 200 * 86_400, id, "unsubscribed", channel: "email") }
  }

  /// A sent message and what became of it: delivered, opened (a third of opens by machines),
  /// clicked, or bounced.
  private mutating func messageRows(_ time: Double, _ id: String, message: String, flow: String, step: Int) {
    row(time, id, "message_sent", message: message, flow: flow, step: step, channel: "email")
    if uniform() < 0.03 {
      row(time + 60, id, "bounced", message: message, flow: flow, step: step, channel: "email")
      return
    }
    row(time + 30, id, "message_delivered", message: message, flow: flow, step: step, channel: "email")
    let roll = uniform()
    if roll < 0.15 {
      row(time + 40, id, "opened", message: message, flow: flow, step: step, channel: "email", value: "machine")
    } else if roll < 0.45 {
      row(time + 3_600 * (1 + uniform() * 20), id, "opened", message: message, flow: flow, step: step, channel: "email")
      if uniform() < 0.3 {
        row(time + 3_600 * 22, id, "clicked", message: message, flow: flow, step: step, channel: "email")
      }
    }
  }

  private mutating func row(
    _ time: Double, _ customer: String, _ event: String, product: String = "", order: String = "",
    message: String = "", flow: String = "", step: Int? = nil, channel: String = "", value: String = ""
  ) {
    rows += 1
    appendTime(time)
    append(",")
    append(customer)
    append(",")
    append(event)
    append(",")
    append(product)
    append(",")
    append(order)
    append(",")
    append(message)
    append(",")
    append(flow)
    append(",")
    if let step { append(String(step)) }
    append(",")
    append(channel)
    append(",")
    append(value)
    append("\n")
  }

  private mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

  private mutating func appendDigits(_ value: Int, width: Int) {
    var digits = [UInt8](repeating: 0x30, count: width)
    var rest = value
    for index in stride(from: width - 1, through: 0, by: -1) {
      digits[index] = UInt8(0x30 + rest % 10)
      rest /= 10
    }
    buffer.append(contentsOf: digits)
  }

  /// `2023-05-01T12:34:56Z`.
  private mutating func appendTime(_ time: Double) {
    let seconds = Int(time.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = CivilCalendar.date(ofDay: days)
    appendDigits(year, width: 4)
    append("-")
    appendDigits(month, width: 2)
    append("-")
    appendDigits(day, width: 2)
    append("T")
    appendDigits(secondOfDay / 3_600, width: 2)
    append(":")
    appendDigits(secondOfDay / 60 % 60, width: 2)
    append(":")
    appendDigits(secondOfDay % 60, width: 2)
    append("Z")
  }
}
