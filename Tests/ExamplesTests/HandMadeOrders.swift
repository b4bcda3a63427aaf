import Foundation
import _TestSupport
import RetentionCore

/// Small orders that touch every rule the generated SQL must get right on a real engine: every
/// status, a `NULL` status, guests (`NULL` customer), refunds above the total, same-day orders
/// across a day boundary of a UTC+5 clock, orders after the observation end, cents, a time with
/// a quarter second, and a customer id with quotes.
///
/// In Spark they are one table, `hand_made_orders`, and views of it:
/// - `orders` (the name of the query's own CTE) with `DOUBLE` amounts and a `TIMESTAMP` column;
/// - a view with hostile names (`orders"; DROP VIEW keep; --`, ``re`fund``, `status" = status OR "1`)
///   whose amounts are `DECIMAL(12,2)` and whose time is there three times: a `TIMESTAMP`, the same
///   instant as a `TIMESTAMP_NTZ` wall clock in UTC, and the `DATE` of the UTC+5 day;
/// - the purchase status of customer `c` is `paid'); DELETE FROM keep; --`, bound as a parameter.
struct HandMadeOrders: Sendable {
  static let hostileStatus = "paid'); DELETE FROM keep; --"
  static let names = (
    table: "orders\"; DROP VIEW keep; --", customer: "cust\"omer id", time: "placed at", utc: "placed_utc",
    day: "placed_on", amount: "amount'; --", refund: "re`fund", status: "status\" = status OR \"1"
  )

  static func at(_ day: Double, _ hour: Double) -> Date {
    Date(timeIntervalSince1970: (10_000 + day) * 86_400 + hour * 3_600)
  }

  /// Days at UTC+05:00; calibration to day 20, observation to day 30.
  static let options = SummaryOptions(
    observationEnd: at(30, 0), calibrationEnd: at(20, 0), unit: .days,
    clock: DayClock(timeZone: TimeZone(secondsFromGMT: 5 * 3_600)!))

  let log: OrderLog

  init() throws {
    func order(
      _ id: Int, _ customer: String?, _ day: Double, _ hour: Double, _ total: Double, _ status: OrderStatus = .paid
    ) -> Order {
      Order(
        id: "\(id)", customer: CustomerReference(id: customer), placedAt: Self.at(day, hour), status: status,
        total: total)
    }
    log = try OrderLog([
      order(1, "a", 0, 1, 10), order(2, "a", 0, 23.5, 5), order(3, "a", 3, 12, 7, .partiallyRefunded(amount: 2)),
      order(4, "a", 5, 12, 100, .refunded(amount: 100)), order(5, "a", 6, 12, 9, .cancelled),
      order(6, "a", 9, 12, 4, .pending), order(7, "a", 25, 12, 3), order(8, "a", 25, 13, 1), order(9, "a", 40, 12, 50),
      order(10, "b", 1, 0, 20, .voided), order(11, "b", 21, 12, 8), order(12, "c", 2, 12, 6),
      order(13, "c", 2, 23.9, 6), order(14, nil, 2, 12, 99),
      order(15, "d", 4, 12, 30, .partiallyRefunded(amount: 45)), order(16, "d", 10, 12, 1),
      order(17, "it's \"e\"", 7, 12, 2), order(18, "it's \"e\"", 8, 12, 3),
      order(19, "f", 3, 19.5, 19.99), order(20, "f", 5, 2, 0.1), order(21, "f", 5, 3, 0.2),
      order(22, "f", 11, 9, 1_234.56, .partiallyRefunded(amount: 0.07)), order(23, "f", 19, 18.99, 0.01),
      order(24, "g", 12, 12, 7.5, .voided), order(25, "g", 14, 12, 33.33, .pending),
      // A quarter of a second: the wall-clock (TIMESTAMP_NTZ) times must keep it.
      Order(id: "26", customer: CustomerReference(id: "g"), placedAt: Self.at(16, 12) + 0.25, total: 2),
    ])
  }

  /// The table: customer `c`'s status is the hostile one, a voided order has a `NULL` status.
  func csv() throws -> String {
    try SparkOrdersCSV.text(log) { order, status in
      if case .voided = status { return nil }
      if log.orderCustomers[order] >= 0, log.customerIDs[Int(log.orderCustomers[order])] == "c" {
        return Self.hostileStatus
      }
      return SparkOrdersCSV.statusText(status).status
    }
  }

  static func quoted(_ name: String) throws -> String { try SQLIdentifier(name).quoted(for: .spark) }

  /// The views of the loaded table.
  func views(of table: String) throws -> [String] {
    let n = Self.names
    func q(_ name: String) throws -> String { try Self.quoted(name) }
    return [
      "CREATE OR REPLACE TEMPORARY VIEW keep AS SELECT 1 AS x",
      "CREATE OR REPLACE TEMPORARY VIEW orders AS SELECT * FROM \(table)",
      """
      CREATE OR REPLACE TEMPORARY VIEW \(try q(n.table)) AS SELECT
        customer_id AS \(try q(n.customer)),
        placed_at AS \(try q(n.time)),
        timestampadd(MICROSECOND, unix_micros(placed_at), TIMESTAMP_NTZ '1970-01-01 00:00:00') AS \(try q(n.utc)),
        date_from_unix_date(CAST(FLOOR((unix_seconds(placed_at) + 18000) / 86400) AS INT)) AS \(try q(n.day)),
        CAST(amount AS DECIMAL(12,2)) AS \(try q(n.amount)),
        CAST(refunded AS DECIMAL(12,2)) AS \(try q(n.refund)),
        status AS \(try q(n.status))
      FROM \(table)
      """,
    ]
  }

  struct Variant {
    var name: String
    var spark: OrderTable
    var bigQuery: OrderTable
    var bigQueryColumns: [String: String]
  }

  /// The plain table and the three timestamp types of the hostile view, each with the BigQuery
  /// table of the same shape (BigQuery cannot quote a backtick, so its names are plain).
  func tables() throws -> [Variant] {
    let statuses = ["paid", "pending", "partially_refunded", Self.hostileStatus]
    func table(
      _ name: String, customer: String, time: String, type: OrderTable.TimestampType, amount: String, refund: String,
      status: String
    ) throws -> OrderTable {
      try OrderTable(
        table: SQLIdentifier(name), customer: SQLIdentifier(customer), timestamp: SQLIdentifier(time),
        timestampType: type, amount: SQLIdentifier(amount), refundedAmount: SQLIdentifier(refund),
        status: SQLIdentifier(status), purchaseStatuses: statuses)
    }
    let plain = try table(
      "orders", customer: "customer_id", time: "placed_at", type: .timestampWithTimeZone, amount: "amount",
      refund: "refunded", status: "status")
    var variants = [
      Variant(
        name: "hand-made-plain", spark: plain, bigQuery: plain,
        bigQueryColumns: [
          "customer_id": "STRING", "placed_at": "TIMESTAMP", "amount": "FLOAT64", "refunded": "FLOAT64",
          "status": "STRING",
        ])
    ]
    let n = Self.names
    for (suffix, time, type, bigQueryType) in [
      ("instant", n.time, OrderTable.TimestampType.timestampWithTimeZone, "TIMESTAMP"),
      ("wall-clock", n.utc, .timestampWithoutTimeZone, "DATETIME"), ("date", n.day, .date, "DATE"),
    ] {
      let spark = try table(
        n.table, customer: n.customer, time: time, type: type, amount: n.amount, refund: n.refund, status: n.status)
      let bigQuery = try table(
        "orders", customer: "customer id", time: "placed_at", type: type, amount: "amount", refund: "refunded",
        status: "status")
      variants.append(
        Variant(
          name: "hand-made-\(suffix)", spark: spark, bigQuery: bigQuery,
          bigQueryColumns: [
            "customer id": "STRING", "placed_at": bigQueryType, "amount": "NUMERIC", "refunded": "NUMERIC",
            "status": "STRING",
          ]))
    }
    return variants
  }
}

/// New orders for the incremental test: `count` orders in January 2024 (after every order of the
/// generated shop, which ends in 2023), 90 % by existing customers and 10 % by 700 new ones, one
/// in ten on the same day as the order before it by the same customer; sorted by time, as a
/// shop backend records them; amounts in cents; deterministic (seed 22).
enum IncrementalOrders {
  static func make(after log: OrderLog, count: Int) -> [Order] {
    var generator = SplitMix64(seed: 22)
    let start = SparkRun.date("2024-01-01").timeIntervalSince1970
    var orders: [Order] = []
    orders.reserveCapacity(count)
    var previous: (customer: String, day: Double)?
    for index in 0..<count {
      let customer: String
      var time = start + Double(Int.random(in: 0..<(31 * 86_400), using: &generator))
      if let previous, Double.random(in: 0..<1, using: &generator) < 0.1 {
        customer = previous.customer
        time = previous.day + Double(Int.random(in: 0..<86_400, using: &generator))
      } else if Double.random(in: 0..<1, using: &generator) < 0.1 {
        customer = "new-\(Int.random(in: 0..<700, using: &generator))"
      } else {
        customer = log.customerIDs[Int.random(in: 0..<log.customerIDs.count, using: &generator)]
      }
      previous = (customer, (time / 86_400).rounded(.down) * 86_400)
      let amount = Double(Int.random(in: 500...20_000, using: &generator)) / 100
      orders.append(
        Order(
          id: "new-order-\(index)", customer: CustomerReference(id: customer),
          placedAt: Date(timeIntervalSince1970: time), total: amount))
    }
    return orders.sorted { ($0.placedAt, $0.id) < ($1.placedAt, $1.id) }
  }
}
