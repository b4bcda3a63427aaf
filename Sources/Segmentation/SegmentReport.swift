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
      let revenue = positions.reduce(0) { $0 + profiles.revenue(at: $1) }
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
  /// The members as CSV (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes
  /// doubled), with a header `id,email,name,accepts_marketing,orders,revenue,last_order,reason`.
  ///
  /// - Parameters:
  ///   - members: The members.
  ///   - profiles: The profiles they index.
  /// - Complexity: O(*n*) for *n* members.
  public static func csv(_ members: [SegmentMember], profiles: CustomerProfiles) -> String {
    var lines = ["id,email,name,accepts_marketing,orders,revenue,last_order,reason"]
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    for member in members {
      let position = member.position
      let fields = [
        profiles.id(at: position), profiles.email(at: position) ?? "", profiles.name(at: position) ?? "",
        profiles.acceptsMarketing(at: position).map { $0 ? "yes" : "no" } ?? "", String(profiles.orders(at: position)),
        String(format: "%.2f", profiles.revenue(at: position)), formatter.string(from: profiles.lastOrder(at: position)),
        member.reason,
      ]
      lines.append(fields.map(quoted).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
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
        id: profiles.id(at: position), email: profiles.email(at: position), name: profiles.name(at: position),
        acceptsMarketing: profiles.acceptsMarketing(at: position), reason: member.reason)
    }
  }

  /// A field quoted as RFC 4180 requires.
  public static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
