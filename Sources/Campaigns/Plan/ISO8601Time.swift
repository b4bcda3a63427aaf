import Foundation

/// ISO 8601 times in the plan's and the flow file's JSON: written in UTC to the second
/// (`2024-03-01T09:00:00Z`), read with or without fractional seconds and with any offset.
enum ISO8601Time {
  /// `yyyy-MM-ddTHH:mm:ssZ` of an instant, rounded down to the second.
  static func string(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let clock = seconds - day * 86_400
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return isoDay(Date(timeIntervalSince1970: Double(day) * 86_400)) + "T" + two(clock / 3_600) + ":"
      + two(clock / 60 % 60) + ":"
      + two(clock % 60) + "Z"
  }

  /// The instant of an ISO 8601 date-time with an offset or `Z`, or `nil`.
  static func date(_ text: String) -> Date? {
    if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
    return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
  }

  /// Decodes an ISO 8601 string.
  static func decode<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Date {
    let text = try container.decode(String.self, forKey: key)
    guard let date = date(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: container, debugDescription: "\"\(text)\" is not an ISO 8601 time such as 2024-03-01T09:00:00Z"
      )
    }
    return date
  }
}
