public import Foundation

/// Turns triggers into a send plan: keeps the proposals timed in the window (or due at most
/// ``catchUp`` before it: they go late, at its start), moves marketing
/// into the customer's local sending hours, checks consent and applies per-channel frequency
/// caps.
///
/// Proposals are taken in send-time order (ties: the order of ``triggers``, so list the most
/// important first). A marketing message needs the customer's consent on its channel at its
/// send time, goes within ``sendingHours`` of the customer's time zone (a message due at night
/// waits for the morning; daylight-saving changes are respected), and is skipped when another
/// marketing message went (or is planned) on the same channel within the channel's cap before
/// it: 16 hours for email and 24 hours for SMS by default (REFERENCES.md). Transactional
/// messages go at their time regardless. Every skipped proposal is kept with its reason.
///
/// ```swift
/// let planner = CampaignPlanner(triggers: CampaignPlanner.standardTriggers())
/// let plan = planner.plan(context)
/// for message in plan.messages { print(message.customer, message.kind, message.sendAt, message.reason) }
/// ```
public struct CampaignPlanner: Sendable {
  /// A proposal that will not be sent, and why.
  public struct Skipped: Sendable, Hashable, Codable {
    /// The proposal.
    public var message: PlannedMessage
    /// Why it is skipped.
    public var reason: String
  }

  /// The triggers, most important first.
  public var triggers: [any MessageTrigger]
  /// The shortest time between two marketing messages to one customer on a channel, in seconds
  /// (channels without an entry are not capped).
  public var frequencyCaps: [Channel: TimeInterval]
  /// The local hours (0...24) in which marketing may be sent, or `nil` for any time.
  public var sendingHours: Range<Int>?
  /// How long before the window a proposal may have been due and still go, late, at the
  /// window's start, in seconds (default 1 hour): transactional notices of events that happened
  /// since the previous run, when the planner runs every hour.
  public var catchUp: TimeInterval

  /// Creates a planner.
  ///
  /// - Parameters:
  ///   - triggers: The triggers, most important first.
  ///   - frequencyCaps: Caps per channel (default email 16 h, SMS 24 h).
  ///   - sendingHours: Local sending hours for marketing (default 9..<20).
  ///   - catchUp: How late a proposal may still go, in seconds (default 1 hour).
  public init(
    triggers: [any MessageTrigger], frequencyCaps: [Channel: TimeInterval] = [.email: 16 * 3_600, .sms: 24 * 3_600],
    sendingHours: Range<Int>? = 9..<20, catchUp: TimeInterval = 3_600
  ) {
    precondition(catchUp >= 0, "the catch-up must not be negative")
    self.catchUp = catchUp
    if let sendingHours {
      precondition(
        sendingHours.lowerBound >= 0 && sendingHours.upperBound <= 24 && !sendingHours.isEmpty,
        "sending hours lie in 0...24")
    }
    self.triggers = triggers
    self.frequencyCaps = frequencyCaps
    self.sendingHours = sendingHours
  }

  /// The built-in triggers with their defaults, in a sensible priority: transactional and
  /// intent-driven first, broad marketing last.
  ///
  /// - Parameter promotions: Promotions to add at the end.
  /// - Returns: The triggers.
  public static func standardTriggers(promotions: [PromotionTrigger] = []) -> [any MessageTrigger] {
    var triggers: [any MessageTrigger] = [
      PostPurchaseTrigger(), AbandonedCheckoutTrigger(), AbandonedCartTrigger(), BrowseAbandonmentTrigger(),
    ]
    triggers.append(contentsOf: promotions)
    return triggers
  }

  /// Plans the messages of the window.
  ///
  /// - Parameter context: The events, orders, window and customer settings.
  /// - Returns: The messages to send, by send time, and the skipped proposals.
  /// - Complexity: The triggers' work plus O(*m* log *m*) for *m* proposals.
  public func plan(_ context: CampaignContext) -> CampaignPlan {
    var proposals: [(priority: Int, message: PlannedMessage)] = []
    for (priority, trigger) in triggers.enumerated() {
      let earliest = context.window.lowerBound.addingTimeInterval(-catchUp)
      for var message in trigger.messages(in: context)
      where message.sendAt >= earliest && message.sendAt < context.window.upperBound {
        message.sendAt = Swift.max(message.sendAt, context.window.lowerBound)
        if message.isMarketing, let sendingHours {
          message.sendAt = Self.withinHours(
            message.sendAt, hours: sendingHours, in: context.timeZone(of: message.customer))
        }
        proposals.append((priority, message))
      }
    }
    proposals.sort {
      if $0.message.sendAt != $1.message.sendAt { return $0.message.sendAt < $1.message.sendAt }
      if $0.priority != $1.priority { return $0.priority < $1.priority }
      return $0.message.customer < $1.message.customer
    }
    var lastMarketing: [String: [Channel: Date]] = [:]
    var planned: [PlannedMessage] = []
    var skipped: [Skipped] = []
    for (_, message) in proposals {
      guard message.isMarketing else {
        planned.append(message)
        continue
      }
      guard context.hasConsent(message.customer, on: message.channel, at: message.sendAt) else {
        skipped.append(Skipped(message: message, reason: "no marketing consent on \(message.channel.rawValue)"))
        continue
      }
      if lastMarketing[message.customer] == nil {
        var latest: [Channel: Date] = [:]
        for sent in context.sentMessages(to: message.customer) where sent.time <= context.asOf {
          latest[sent.channel] = Swift.max(latest[sent.channel] ?? .distantPast, sent.time)
        }
        lastMarketing[message.customer] = latest
      }
      if let cap = frequencyCaps[message.channel], let previous = lastMarketing[message.customer]?[message.channel],
        message.sendAt.timeIntervalSince(previous) < cap
      {
        skipped.append(
          Skipped(
            message: message,
            reason:
              "frequency cap: a \(message.channel.rawValue) message went \(formatted(message.sendAt.timeIntervalSince(previous) / 3_600)) h before (cap \(formatted(cap / 3_600)) h)"
          ))
        continue
      }
      lastMarketing[message.customer, default: [:]][message.channel] = message.sendAt
      planned.append(message)
    }
    return CampaignPlan(messages: planned, skipped: skipped)
  }

  /// The instant itself if its local hour lies in `hours`, else the next start of the hours.
  static func withinHours(_ instant: Date, hours: Range<Int>, in zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let hour = calendar.component(.hour, from: instant)
    if hours.contains(hour) { return instant }
    let day = calendar.startOfDay(for: instant)
    let base = hour < hours.lowerBound ? day : calendar.date(byAdding: .day, value: 1, to: day) ?? day
    return calendar.date(bySettingHour: hours.lowerBound, minute: 0, second: 0, of: base) ?? instant
  }
}

/// The messages a planner will send, and the proposals it skipped.
public struct CampaignPlan: Sendable, Hashable, Codable {
  /// The messages, by send time.
  public var messages: [PlannedMessage]
  /// The skipped proposals, with reasons.
  public var skipped: [CampaignPlanner.Skipped]
}
