/// A rule that proposes single messages (the planner of before flows; being replaced by
/// ``Flow``s, whose ``CampaignTrigger`` says who enters and when).
///
/// Triggers are plain values; configure the built-in ones (``AbandonedCheckoutTrigger``,
/// ``WinBackTrigger``, ...) or write your own. A trigger proposes the messages it would send,
/// with their send time; the ``CampaignPlanner`` keeps those in the window and applies consent,
/// sending hours and frequency caps. Exit conditions ("ordered since") are the trigger's own.
///
/// ```swift
/// struct BirthdayTrigger: MessageTrigger {
///   var birthdays: [String: Date]
///   var name: String { "birthday" }
///   func messages(in context: CampaignContext) -> [PlannedMessage] {
///     birthdays.map { PlannedMessage(customer: $0.key, kind: MessageKind(rawValue: "birthday"),
///                                    channel: .email, sendAt: $0.value, reason: "birthday") }
///   }
/// }
/// ```
public protocol MessageTrigger: Sendable {
  /// A short name for reports.
  var name: String { get }
  /// The messages the trigger proposes, with their send times (the planner keeps those in the
  /// window).
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The proposals.
  func messages(in context: CampaignContext) -> [PlannedMessage]
}
