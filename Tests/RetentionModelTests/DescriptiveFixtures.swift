import Foundation
import RetentionModel

/// A small hand-made order log whose descriptive measures are known exactly.
///
/// - A: paid orders on 2024-01-05, 01-20, 02-10, 04-01.
/// - B: 2024-01-31 paid, 03-01 cancelled, 03-02 paid.
/// - C: two paid orders on 2024-02-29, one on 05-15.
/// - E: one paid order on 2024-03-10.
/// - D: only a cancelled order (2024-01-03), so never a customer; one guest order (2024-01-10).
enum DescriptiveFixtures {
  static func at(_ text: String, hour: Int = 12) -> Date {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: hour)) ?? Date(timeIntervalSince1970: 0)
  }

  static func log() throws -> OrderLog {
    func order(_ id: String, _ customer: String?, _ day: String, _ status: OrderStatus = .paid, hour: Int = 12) -> Order {
      Order(id: id, customer: CustomerReference(id: customer), placedAt: at(day, hour: hour), status: status, total: 20)
    }
    return try OrderLog([
      order("1", "A", "2024-01-05"), order("2", "A", "2024-01-20"), order("3", "A", "2024-02-10"),
      order("4", "A", "2024-04-01"),
      order("5", "B", "2024-01-31"), order("6", "B", "2024-03-01", .cancelled), order("7", "B", "2024-03-02"),
      order("8", "C", "2024-02-29"), order("9", "C", "2024-02-29", hour: 18), order("10", "C", "2024-05-15"),
      order("11", "E", "2024-03-10"),
      order("12", "D", "2024-01-03", .cancelled), order("13", nil, "2024-01-10"),
    ])
  }
}
