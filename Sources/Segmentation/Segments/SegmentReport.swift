import Foundation

/// The size and weight of segments, and how they overlap.
public struct SegmentReport: Sendable, Hashable, Codable {
  /// One segment's figures.
  public struct Entry: Sendable, Hashable, Codable {
    /// The segment's name.
    public var name: String
    /// Its number of people.
    public var size: Int
    /// Its share of people.
    public var customerShare: Double
    /// Its share of revenue.
    public var revenueShare: Double
  }

  /// The segments, in the order given.
  public var segments: [Entry]
  /// `overlaps[i][j]`: people in both segment *i* and segment *j*.
  public var overlaps: [[Int]]

  /// Reports on segments of the same profiles.
  ///
  /// - Parameters:
  ///   - segments: The segments.
  ///   - profiles: The profiles.
  /// - Complexity: O(*s*² · *n*) for *s* segments and *n* profiles.
  public init(segments: [any Segment], profiles: CustomerProfiles) {
    let total = profiles.totalRevenue
    let memberships = segments.map { $0.reasons(in: profiles).map { $0 != nil } }
    self.segments = zip(segments, memberships).map { segment, members in
      let positions = members.indices.filter { members[$0] }
      let revenue = positions.reduce(0) { $0 + profiles[$1].revenue }
      return Entry(
        name: segment.name, size: positions.count,
        customerShare: profiles.isEmpty ? 0 : Double(positions.count) / Double(profiles.count),
        revenueShare: total > 0 ? revenue / total : 0)
    }
    overlaps = memberships.map { a in memberships.map { b in zip(a, b).reduce(0) { $0 + ($1.0 && $1.1 ? 1 : 0) } } }
  }
}

/// Writes segment members for an email or SMS tool.
public enum SegmentExport {
  /// The members as CSV, with a header `id,email,name,accepts_marketing,orders,revenue,last_order,reason`.
  ///
  /// The file is written by ``CSVWriter``: RFC 4180 quoting (fields with commas, quotes or line
  /// breaks are quoted, quotes doubled, CRLF line ends), and the text fields (id, email, name,
  /// reason) neutralised for spreadsheets: one that begins with `=`, `+`, `-`, `@`, a tab or a
  /// carriage return is prefixed with `'`, so a customer named `=HYPERLINK(...)` is shown as text
  /// instead of running as a formula. `orders` (an integer) and `revenue` (two decimals, in the
  /// log's currency) are numbers; `accepts_marketing` is `yes`, `no` or empty when unknown;
  /// `last_order` is the day of the last order, `yyyy-MM-dd` in UTC.
  ///
  /// ```swift
  /// let members = profiles.members(of: FirstTimeBuyers())
  /// try SegmentExport.csv(members, profiles: profiles).write(toFile: "first.csv", atomically: true, encoding: .utf8)
  /// ```
  ///
  /// - Parameters:
  ///   - members: The members.
  ///   - profiles: The profiles they index.
  /// - Returns: The CSV text.
  /// - Complexity: O(*n*) for *n* members.
  public static func csv(_ members: [SegmentMember], profiles: CustomerProfiles) -> String {
    var writer = CSVWriter(header: [
      "id", "email", "name", "accepts_marketing", "orders", "revenue", "last_order", "reason",
    ])
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    for member in members {
      let position = member.position
      writer.append([
        .text(profiles[position].id), .text(profiles[position].email ?? ""),
        .text(profiles[position].name ?? ""),
        .text(profiles[position].acceptsMarketing.map { $0 ? "yes" : "no" } ?? ""),
        .integer(profiles[position].orders), .number(profiles[position].revenue, fractionDigits: 2),
        .text(formatter.string(from: profiles[position].lastOrder)), .text(member.reason),
      ])
    }
    return writer.text
  }

  /// One exported member, as JSON.
  public struct Record: Sendable, Hashable, Codable {
    /// The person's id.
    public var id: String
    /// The email address, if known.
    public var email: String?
    /// The name, if known.
    public var name: String?
    /// The marketing consent, if known.
    public var acceptsMarketing: Bool?
    /// Why the person is in the segment.
    public var reason: String
  }

  /// The members as records for JSON.
  public static func records(_ members: [SegmentMember], profiles: CustomerProfiles) -> [Record] {
    members.map { member in
      let position = member.position
      return Record(
        id: profiles[position].id, email: profiles[position].email, name: profiles[position].name,
        acceptsMarketing: profiles[position].acceptsMarketing, reason: member.reason)
    }
  }
}
