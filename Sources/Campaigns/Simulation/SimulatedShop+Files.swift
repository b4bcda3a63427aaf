public import Foundation
import RetentionCore

extension SimulatedShop {
  /// The columns of the orders file ``ordersCSV`` writes: one row per line,
  /// `order,customer,date,product,name,category,quantity,unit_price,currency`, dates in ISO 8601
  /// UTC (`2024-03-01T09:30:00Z`).
  ///
  /// On the command line: `--format lines --columns
  /// order=order,customer=customer,date=date,product=product,name=name,category=category,quantity=quantity,price=unit_price,currency=currency`.
  public static let orderFileColumns = LineItemColumns(
    customer: "customer", order: "order", date: "date", product: "product", name: "name", category: "category",
    quantity: "quantity", unitPrice: "unit_price", currency: "currency", dateFormat: .iso8601)

  /// The format that reads the orders file back: `OrderLog(contentsOf: url, format: SimulatedShop.orderFileFormat)`.
  public static var orderFileFormat: OrderFileFormat { .lineItems(orderFileColumns) }

  /// The header of the events file: `time,customer,event,product,order,message,flow,step,channel,value`.
  public static let eventFileHeader = [
    "time", "customer", "event", "product", "order", "message", "flow", "step", "channel", "value",
  ]

  /// The orders as CSV text, one row per line in the order of ``orders`` (see
  /// ``orderFileColumns``); prices in the shortest spelling that reads back exactly.
  ///
  /// ```swift
  /// let log = try OrderLog(csv: Array(shop.ordersCSV.utf8), format: SimulatedShop.orderFileFormat)
  /// ```
  ///
  /// - Complexity: O(*l*), where *l* is the number of lines.
  public var ordersCSV: String { ordersWriter().text }

  /// The events as CSV text with the columns of ``eventFileHeader``, in the order of ``events``.
  ///
  /// Each row fills the columns its event has: `product` for views and cart additions (for a
  /// checkout the product ids separated by `;`), `order` for shipping and delivery, `message`,
  /// `flow`, `step` and `channel` for message events, `channel` for (un)subscriptions; `value` is
  /// `machine` for a machine open and the score of a survey answer. Times are ISO 8601 UTC
  /// (`2024-03-01T09:30:00Z`).
  ///
  /// - Complexity: O(*e*), where *e* is the number of events.
  public var eventsCSV: String { eventsWriter().text }

  /// Writes ``ordersCSV`` to a file, replacing it.
  ///
  /// - Parameter url: A file URL.
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) naming the file if it cannot be written.
  /// - Complexity: O(*l*), where *l* is the number of lines.
  public func writeOrders(to url: URL) throws {
    try ordersWriter().write(to: url)
  }

  /// Writes ``eventsCSV`` to a file, replacing it.
  ///
  /// - Parameter url: A file URL.
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) naming the file if it cannot be written.
  /// - Complexity: O(*e*), where *e* is the number of events.
  public func writeEvents(to url: URL) throws {
    try eventsWriter().write(to: url)
  }

  private func ordersWriter() -> CSVWriter {
    var writer = CSVWriter(header: [
      "order", "customer", "date", "product", "name", "category", "quantity", "unit_price", "currency",
    ])
    for order in orders {
      let date = CSVCell.text(Self.timeText(order.placedAt))
      for line in order.lines {
        writer.append([
          .text(order.id), .text(order.customer.id ?? ""), date, .text(line.productID), .text(line.name ?? ""),
          .text(line.category ?? ""), Self.numberCell(line.quantity), .number(line.unitPrice),
          .text(order.currency ?? ""),
        ])
      }
    }
    return writer
  }

  private func eventsWriter() -> CSVWriter {
    var writer = CSVWriter(header: Self.eventFileHeader)
    for event in events { writer.append(Self.row(of: event)) }
    return writer
  }

  /// The events-file row of an event.
  static func row(of event: CustomerEvent) -> [CSVCell] {
    var product = "", order = "", channel = ""
    var value = CSVCell.text("")
    var message: MessageReference?
    switch event.kind {
    case .productViewed(let id), .addedToCart(let id): product = id
    case .checkoutStarted(let ids): product = ids.joined(separator: ";")
    case .orderPlaced(let id, let ids):
      order = id
      product = ids.joined(separator: ";")
    case .shipped(let id), .delayed(let id), .delivered(let id): order = id
    case .messageSent(let reference), .messageDelivered(let reference), .clicked(let reference),
      .bounced(let reference), .heldOut(let reference):
      message = reference
    case .opened(let reference, let isMachineOpen):
      message = reference
      if isMachineOpen { value = "machine" }
    case .subscribed(let medium), .unsubscribed(let medium): channel = medium.rawValue
    case .accountCreated: break
    case .surveyAnswered(let score):
      value = numberCell(score)
    }
    if let message { channel = message.channel?.rawValue ?? "" }
    return [
      .text(timeText(event.time)), .text(event.customerID ?? ""), .text(event.kind.name), .text(product),
      .text(order), .text(message?.id ?? ""), .text(message?.flow ?? ""), message?.step.map(CSVCell.integer) ?? "",
      .text(channel), value,
    ]
  }

  /// A whole number as an integer (`1`, not `1.0`), any other number in its shortest spelling.
  static func numberCell(_ value: Double) -> CSVCell {
    value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
  }

  /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, the time rounded down to the second.
  static func timeText(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let (day, second) = (seconds.quotientAndRemainder(dividingBy: 86_400))
    let (dayNumber, secondOfDay) = second < 0 ? (day - 1, second + 86_400) : (day, second)
    let civil = CivilCalendar.date(ofDay: dayNumber)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let year = String(civil.year)
    let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
    return "\(paddedYear)-\(two(civil.month))-\(two(civil.day))T\(two(secondOfDay / 3_600)):"
      + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }
}
