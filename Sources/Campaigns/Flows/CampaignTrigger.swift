/// What starts a flow: finds the people who enter it, when, and about what.
///
/// Triggers are plain values; the built-in ones start the built-in flows (``Flow``) and you may
/// write your own. A trigger only says who enters; the flow's steps, exits, what was sent,
/// consent, caps and control group are the planner's work. The order of the entries does not
/// matter (the planner sorts them), and an entry reported twice (same person and key) counts
/// once. A trigger whose steps wait from the entry may skip entries outside the context's
/// ``CampaignContext/entryTimes``, which cannot have a step in the window.
///
/// ```swift
/// struct BirthdayTrigger: CampaignTrigger {
///   var birthdays: [String: Date]
///   var name: String { "birthday" }
///   func entries(in context: CampaignContext) -> [FlowEntry] {
///     birthdays.map { FlowEntry(person: $0.key, time: $0.value, key: "birthday", reason: "birthday") }
///   }
/// }
/// ```
public protocol CampaignTrigger: Sendable {
  /// A short name for reports and flow files.
  var name: String { get }
  /// The entries known at the planning instant (the planner keeps the steps due in its window);
  /// entries may lie after it (a promotion's start).
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  func entries(in context: CampaignContext) -> [FlowEntry]
}
