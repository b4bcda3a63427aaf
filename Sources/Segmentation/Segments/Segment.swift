import Foundation

/// A group of customers to talk to, with the reason each one belongs.
///
/// A segment decides membership for all profiles at once (so that relative rules such as "top
/// 10 %" cost O(*n* log *n*), not O(*n*²)). Compose segments with ``and(_:)``, ``or(_:)`` and
/// ``negated()``:
///
/// ```swift
/// let nudge = FirstTimeBuyers().and(NewCustomers(withinDays: 60)).and(ProfileRule(.acceptsMarketing))
/// for member in profiles.members(of: nudge) { print(member.id, member.reason) }
/// ```
public protocol Segment: Sendable {
  /// A short name, used in reports and exports.
  var name: String { get }
  /// For each profile, the reason it belongs to the segment, or `nil` if it does not.
  ///
  /// - Parameter profiles: All profiles of the shop.
  /// - Returns: One entry per profile.
  func reasons(in profiles: CustomerProfiles) -> [String?]
}

/// A member of a segment.
public struct SegmentMember: Sendable, Hashable, Codable {
  /// The position of the profile.
  public var position: Int
  /// The person's id.
  public var id: String
  /// Why the person is in the segment.
  public var reason: String

  /// Creates a member.
  public init(position: Int, id: String, reason: String) {
    self.position = position
    self.id = id
    self.reason = reason
  }
}

extension CustomerProfiles {
  /// The members of a segment, in profile order.
  ///
  /// - Complexity: That of the segment, usually O(*n*) or O(*n* log *n*).
  public func members(of segment: some Segment) -> [SegmentMember] {
    segment.reasons(in: self).enumerated().compactMap { position, reason in
      reason.map { SegmentMember(position: position, id: self[position].id, reason: $0) }
    }
  }
}

extension Segment {
  /// The customers in both segments.
  public func and(_ other: some Segment) -> AllOf { AllOf([self, other]) }
  /// The customers in either segment.
  public func or(_ other: some Segment) -> AnyOf { AnyOf([self, other]) }
  /// The customers not in this segment.
  public func negated() -> Not { Not(self) }
}

/// The customers in every one of several segments.
public struct AllOf: Segment {
  /// The segments.
  public var segments: [any Segment]
  /// Creates the intersection.
  public init(_ segments: [any Segment]) { self.segments = segments }
  /// `a and b`.
  public var name: String { segments.map(\.name).joined(separator: " and ") }
  /// Members of all segments, with their reasons joined.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    var result = [String?](repeating: "", count: profiles.count)
    for segment in segments {
      for (position, reason) in segment.reasons(in: profiles).enumerated() {
        if let reason, let current = result[position] {
          result[position] = current.isEmpty ? reason : current + "; " + reason
        } else {
          result[position] = nil
        }
      }
    }
    return segments.isEmpty ? [String?](repeating: nil, count: profiles.count) : result
  }
}

/// The customers in at least one of several segments.
public struct AnyOf: Segment {
  /// The segments.
  public var segments: [any Segment]
  /// Creates the union.
  public init(_ segments: [any Segment]) { self.segments = segments }
  /// `a or b`.
  public var name: String { segments.map(\.name).joined(separator: " or ") }
  /// Members of any segment, with the reason of the first that matches.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    var result = [String?](repeating: nil, count: profiles.count)
    for segment in segments {
      for (position, reason) in segment.reasons(in: profiles).enumerated() where result[position] == nil {
        result[position] = reason
      }
    }
    return result
  }
}

/// The customers not in a segment.
public struct Not: Segment {
  /// The segment to negate.
  public var segment: any Segment
  /// Creates the complement.
  public init(_ segment: some Segment) { self.segment = segment }
  /// `not a`.
  public var name: String { "not " + segment.name }
  /// Members of the complement.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    segment.reasons(in: profiles).map { $0 == nil ? "not \(segment.name)" : nil }
  }
}

private func day(_ date: Date) -> String {
  DayClock().isoDate(of: date)  // UTC, as ISO8601DateFormatter's default
}

/// People with exactly one purchase order (after identity resolution).
public struct FirstTimeBuyers: Segment {
  /// Creates the segment.
  public init() {}
  /// `first-time buyers`.
  public var name: String { "first-time buyers" }
  /// Members: one purchase.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    profiles.map { profile in
      profile.orders == 1 ? "one purchase, on \(day(profile.firstOrder)), \(profile.daysSinceFirstOrder) days ago" : nil
    }
  }
}

/// People with two or more purchase orders.
public struct RepeatBuyers: Segment {
  /// Creates the segment.
  public init() {}
  /// `repeat buyers`.
  public var name: String { "repeat buyers" }
  /// Members: two or more purchases.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    profiles.map { $0.orders >= 2 ? "\($0.orders) purchases" : nil }
  }
}

/// The top *k* % of people by revenue: the ⌈*k* · *n*⌉ highest (ties by earlier first purchase).
public struct TopCustomers: Segment {
  /// The percentage, in `0...100`.
  public var percent: Double
  /// Creates the segment.
  ///
  /// - Precondition: `0 <= percent <= 100`.
  public init(percent: Double = 10) {
    precondition((0...100).contains(percent), "a percentage is in 0...100")
    self.percent = percent
  }
  /// `top 10 % by revenue`.
  public var name: String { "top \(percent.formatted()) % by revenue" }
  /// Members: the highest-revenue people.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    let count = Int((Double(profiles.count) * percent / 100 - 1e-9).rounded(.up))
    let revenue = profiles.map { $0.revenue }
    let ranked = revenue.indices.sorted { (revenue[$1], $0) < (revenue[$0], $1) }
    var result = [String?](repeating: nil, count: profiles.count)
    for (rank, position) in ranked.prefix(Swift.max(0, count)).enumerated() {
      result[position] = "revenue rank \(rank + 1) of \(profiles.count) (\(String(format: "%.2f", revenue[position])))"
    }
    return result
  }
}

/// People whose average order value is above a multiple of the shop's median order value.
public struct HighAverageOrderValue: Segment {
  /// The multiple of the median order value; 2 by default.
  public var multiple: Double
  /// Creates the segment.
  public init(multiple: Double = 2) { self.multiple = multiple }
  /// `high average order value`.
  public var name: String { "high average order value" }
  /// Members: AOV > multiple × median order value.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    let threshold = multiple * profiles.medianOrderValue
    return profiles.map { profile in
      let value = profile.averageOrderValue
      return value > threshold
        ? String(format: "average order %.2f > %.1f x the median order %.2f", value, multiple, profiles.medianOrderValue)
        : nil
    }
  }
}

/// Bulk and business buyers: quantities far above the product's usual quantity, a billing
/// company, or a wholesale/B2B tag.
public struct BulkBuyers: Segment {
  /// A line counts as bulk when its quantity is at least this multiple of the product's median
  /// line quantity; 5 by default.
  public var relativeQuantity: Double
  /// Whether a billing company alone makes a business buyer; `true` by default.
  public var includesCompanies: Bool
  /// Creates the segment.
  public init(relativeQuantity: Double = 5, includesCompanies: Bool = true) {
    self.relativeQuantity = relativeQuantity
    self.includesCompanies = includesCompanies
  }
  /// `bulk and B2B buyers`.
  public var name: String { "bulk and B2B buyers" }
  /// Members and why.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    let wholesale = profiles.wholesaleFlags()
    return profiles.indices.map { position in
      var reasons: [String] = []
      let relative = profiles[position].largestRelativeQuantity
      if relative >= relativeQuantity {
        reasons.append(
          String(format: "bought %.0f units on one line, %.1f x the product's usual quantity", profiles[position].largestLineQuantity, relative))
      }
      if wholesale[position] { reasons.append("wholesale tag") }
      if includesCompanies, let company = profiles[position].company { reasons.append("buys for \(company)") }
      return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
  }
}

/// People who have not ordered for longer than usual.
public struct LapsedCustomers: Segment {
  /// How "longer than usual" is measured.
  public enum Rule: Sendable, Hashable {
    /// More than `multiple` × the person's median interval (people with 2+ orders, at least
    /// `minimumDays`), or more than `fallbackDays` for people with one order.
    case personalInterval(multiple: Double, minimumDays: Int, fallbackDays: Int)
    /// More than a fixed number of days.
    case days(Int)
  }
  /// The rule.
  public var rule: Rule
  /// Creates the segment; by default 2 × the personal interval (at least 30 days), 180 days for
  /// one-time buyers (REFERENCES.md: win-back at about 2 × the customer's own cadence).
  public init(_ rule: Rule = .personalInterval(multiple: 2, minimumDays: 30, fallbackDays: 180)) { self.rule = rule }
  /// `lapsed customers`.
  public var name: String { "lapsed customers" }
  /// Members and why.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    profiles.indices.map { position in
      let days = profiles[position].daysSinceLastOrder
      switch rule {
      case .days(let limit):
        return days > limit ? "no order for \(days) days (more than \(limit))" : nil
      case .personalInterval(let multiple, let minimum, let fallback):
        if let interval = profiles[position].medianIntervalDays {
          let limit = Swift.max(Double(minimum), multiple * interval)
          return Double(days) > limit
            ? String(format: "no order for %d days, %.1f x the usual %.0f days", days, Double(days) / Swift.max(interval, 1), interval)
            : nil
        }
        return days > fallback ? "one order, \(days) days ago (more than \(fallback))" : nil
      }
    }
  }
}

/// People whose score (for example P(alive)) is below a threshold.
public struct AtRisk: Segment {
  /// The score's name in ``CustomerProfile/scores``.
  public var score: String
  /// The threshold.
  public var threshold: Double
  /// Creates the segment.
  public init(score: String, below threshold: Double) {
    self.score = score
    self.threshold = threshold
  }
  /// `at risk`.
  public var name: String { "at risk" }
  /// Members: a score below the threshold (people without the score are not members).
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    profiles.indices.map { position in
      guard let value = profiles[position].score(named: score), value < threshold else { return nil }
      return String(format: "%@ %.2f < %.2f", score, value, threshold)
    }
  }
}

/// People whose first purchase is recent.
public struct NewCustomers: Segment {
  /// The window in days.
  public var days: Int
  /// Creates the segment.
  public init(withinDays days: Int = 30) { self.days = days }
  /// `new customers`.
  public var name: String { "new customers" }
  /// Members: first purchase within the window.
  public func reasons(in profiles: CustomerProfiles) -> [String?] {
    profiles.map { profile in
      let since = profile.daysSinceFirstOrder
      return since <= days ? "first order \(since) days ago" : nil
    }
  }
}
