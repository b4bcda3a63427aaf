import Foundation
import Recommendations

/// A hand-made shop whose every figure is worked out by hand in the tests.
///
/// Days count from 2024-01-01 00:00 UTC. Products (numbered in order of first appearance):
/// p1 coffee 8.00, p2 mugs 12.00, p3 coffee 9.00, p4 shoes 60.00, p5 coffee 7.00.
///
/// | customer | before day 20 (training)        | after the split (test) |
/// |----------|---------------------------------|------------------------|
/// | A        | day 0 {p1, p2}, day 10 {p1, p3} | day 25 {p3, p5}        |
/// | B        | day 2 {p1, p2}                  | day 26 {p3}            |
/// | C        | day 3 {p2, p3}                  |                        |
/// | D        | day 4 {p4}                      | day 27 {p2}            |
/// | E        |                                 | day 28 {p1}            |
///
/// A cancelled order of C on day 5 {p4} and a guest order on day 6 {p4} are not purchases of
/// anyone.
enum ShopFixture {
  static let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01 00:00 UTC
  static func day(_ number: Double) -> Date { start.addingTimeInterval(number * 86_400) }
  static let split = day(20)

  static let catalogue: [String: (category: String, price: Double)] = [
    "p1": ("coffee", 8), "p2": ("mugs", 12), "p3": ("coffee", 9), "p4": ("shoes", 60), "p5": ("coffee", 7),
  ]

  static func order(
    _ id: String, _ customer: String?, day number: Double, _ products: [String], status: OrderStatus = .paid
  ) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: day(number), status: status,
      lines: products.map {
        LineItem(
          productID: $0, name: $0, category: catalogue[$0]?.category, quantity: 1, unitPrice: catalogue[$0]?.price ?? 1)
      })
  }

  static var orders: [Order] {
    [
      order("1", "A", day: 0, ["p1", "p2"]),
      order("2", "B", day: 2, ["p1", "p2"]),
      order("3", "C", day: 3, ["p2", "p3"]),
      order("4", "D", day: 4, ["p4"]),
      order("5", "C", day: 5, ["p4"], status: .cancelled),
      order("6", nil, day: 6, ["p4"]),
      order("7", "A", day: 10, ["p1", "p3"]),
      order("8", "A", day: 25, ["p3", "p5"]),
      order("9", "B", day: 26, ["p3"]),
      order("10", "D", day: 27, ["p2"]),
      order("11", "E", day: 28, ["p1"]),
    ]
  }

  static func log() throws -> OrderLog { try OrderLog(orders) }
  static func training() throws -> PurchaseHistory { PurchaseHistory(try log(), before: split) }
}

extension Array where Element == Recommendation {
  var ids: [String] { map(\.productID) }
}
