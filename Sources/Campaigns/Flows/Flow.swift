public import Foundation

/// A campaign flow: a trigger, steps, exits, a control group and how often a person may enter.
///
/// The planner asks the trigger for its entries, plans each step due in the window unless its
/// message was sent or held out already, an exit happened since the entry, the step's condition
/// fails or the person re-entered too soon; holds out the control group (planned and marked, not
/// sent); and then applies consent, sending hours and caps to the marketing steps (see
/// ``CampaignPlanner``). The built-in flows are ``standardFlows(promotions:)``.
///
/// ```swift
/// let checkout = Flow(
///   name: "abandoned-checkout", trigger: AbandonedCheckoutTrigger(),
///   steps: [1.0, 24, 72].map { FlowStep(wait: $0 * 3_600, content: "checkout-reminder") },
///   exits: [.ordered, .startedCheckout, .unsubscribed])
/// ```
public struct Flow: Sendable {
  /// The flow's name, unique in a plan (for example `abandoned-checkout`); it names the flow in
  /// message ids, events and flow files.
  public var name: String
  /// Who enters, when, about what.
  public var trigger: any CampaignTrigger
  /// The messages, in order.
  public var steps: [FlowStep]
  /// What ends the flow for an entry.
  public var exits: [FlowExit]
  /// The share of the audience held out as the control group (0...1), by a stable hash of the
  /// person and the flow (``ControlGroup``); transactional steps are never held out.
  public var controlShare: Double
  /// The shortest time between two entries of one person, in seconds, or `nil` for no limit
  /// (a survey at most every 90 days, a VIP call at most every 90 days): an entry whose first
  /// step falls within it after a message of another entry of the flow (sent or held out, or
  /// planned earlier in the same plan) is skipped whole.
  public var reentryInterval: TimeInterval?

  /// Creates a flow.
  ///
  /// - Parameters:
  ///   - name: The name, unique in a plan.
  ///   - trigger: Who enters.
  ///   - steps: The messages, in order.
  ///   - exits: What ends the flow for an entry (default: an order or an unsubscribe).
  ///   - controlShare: The control group's share (default 10 %).
  ///   - reentryInterval: The shortest time between two entries of one person, or `nil`.
  public init(
    name: String, trigger: any CampaignTrigger, steps: [FlowStep], exits: [FlowExit] = [.ordered, .unsubscribed],
    controlShare: Double = 0.1, reentryInterval: TimeInterval? = nil
  ) {
    precondition((0...1).contains(controlShare), "the control share lies in 0...1")
    precondition(reentryInterval.map { $0 >= 0 } ?? true, "the re-entry interval must not be negative")
    for (index, step) in steps.enumerated() {
      if let condition = step.condition {
        precondition(condition.step >= 1 && condition.step <= index, "a step's condition looks at an earlier step")
      }
    }
    self.name = name
    self.trigger = trigger
    self.steps = steps
    self.exits = exits
    self.controlShare = controlShare
    self.reentryInterval = reentryInterval
  }
}
