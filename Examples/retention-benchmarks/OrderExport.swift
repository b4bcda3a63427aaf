import Foundation
import RetentionCore

/// Writes the generated benchmark shop (`generatedOrders(customers: 1_000_000, linesPerCustomer: 10)`,
/// the one the core benchmarks time) as an orders table, so that other engines can read the very
/// same orders: `retention-benchmarks --export-orders FILE`.
///
/// The CSV has the header `order_id,customer_id,placed_at,amount,refunded,status`, one row per
/// order: `placed_at` is the order time in UTC rounded down to the whole second
/// (`2023-05-01T08:09:10Z`), `amount` the order's total (the sum of its lines) in Swift's shortest
/// round-trip form, `refunded` 0 and `status` `paid`. The SDK reads it back with the transactions
/// format (`customer=customer_id,date=placed_at,amount=amount,order=order_id`); the Spark check
/// (`Benchmarks/spark/run_queries.py`) loads it as a table.
///
/// - Returns: The number of orders written.
func exportGeneratedOrders(to url: URL, customers: Int = 1_000_000) throws -> Int {
  let orders = generatedOrders(customers: customers, linesPerCustomer: 10)
  var bytes: [UInt8] = []
  bytes.reserveCapacity(orders.count * 56)
  bytes.append(contentsOf: "order_id,customer_id,placed_at,amount,refunded,status\n".utf8)
  for order in orders {
    bytes.append(contentsOf: order.id.utf8)
    bytes.append(UInt8(ascii: ","))
    bytes.append(contentsOf: (order.customer.id ?? "").utf8)
    bytes.append(UInt8(ascii: ","))
    appendUTCTime(Int(order.placedAt.timeIntervalSince1970.rounded(.down)), to: &bytes)
    bytes.append(UInt8(ascii: ","))
    bytes.append(contentsOf: "\(order.netAmount)".utf8)
    bytes.append(contentsOf: ",0,paid\n".utf8)
  }
  try Data(bytes).write(to: url)
  return orders.count
}

/// Appends `yyyy-MM-ddTHH:mm:ssZ` for seconds since 1970-01-01 UTC (the SDK's `CivilCalendar`).
private func appendUTCTime(_ seconds: Int, to bytes: inout [UInt8]) {
  let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
  let secondOfDay = seconds - day * 86_400
  let date = CivilCalendar.date(ofDay: day)
  func digits(_ value: Int, _ width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
  digits(date.year, 4)
  bytes.append(UInt8(ascii: "-"))
  digits(date.month, 2)
  bytes.append(UInt8(ascii: "-"))
  digits(date.day, 2)
  bytes.append(UInt8(ascii: "T"))
  digits(secondOfDay / 3_600, 2)
  bytes.append(UInt8(ascii: ":"))
  digits(secondOfDay / 60 % 60, 2)
  bytes.append(UInt8(ascii: ":"))
  digits(secondOfDay % 60, 2)
  bytes.append(UInt8(ascii: "Z"))
}
