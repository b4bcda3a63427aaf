public import Foundation

/// Runs flows: turns each flow's entries into the steps due in the window, holds out the
/// control groups, and applies consent, sending hours and frequency caps.
///
/// For each flow (in order: the order breaks ties, so list the most important first), each
/// entry its trigger reports and each step, a step is planned when it is due in the context's
/// window (or at most ``catchUp`` before it; late steps go at the planning instant), unless
/// - its message was already sent or held out (a `message_sent` or `held_out` event with its
///   id; ids are deterministic, see ``PlannedMessage/id(flow:step:person:key:)``): left out
///   silently;
/// - one of the flow's exits happened between the entry and the planning instant;
/// - its condition fails (step *n* was opened by a human, machine opens do not count; or
///   clicked; or step *n* was neither sent nor held out);
/// - the person re-entered too soon: the entry's first step falls within the flow's
///   ``Flow/reentryInterval`` after a message of another entry of the flow (sent or held out,
///   as logged, or planned earlier in this plan); all its steps are skipped.
///
/// The person is in the flow's control group by ``ControlGroup`` (a stable hash of person and
/// flow; transactional steps are never held out): such a message is in the plan with
/// `group == .control`, the sending pipeline sends nothing and logs a `held_out` event with the
/// message's reference. Then, in send-time order, the ``policy`` applies: marketing needs the
/// person's consent on the channel, moves into the local sending hours and respects the
/// frequency caps; control messages pass the same checks (they stand for messages that would
/// have gone) but never count towards a cap. Transactional steps go at their time.
///
/// Everything due but not planned is in ``CampaignPlan/skipped`` with its reason. The plan is
/// deterministic: the same events and orders in any order give the same plan.
///
/// ```swift
/// let planner = CampaignPlanner(flows: Flow.standardFlows())
/// let plan = planner.plan(context)
/// for message in plan.messages { print(message.person, message.flow, message.step, message.sendAt, message.reason) }
/// ```
public struct CampaignPlanner: Sendable {
  /// The flows, most important first; names are unique.
  public var flows: [Flow]
  /// Consent, caps and sending hours.
  public var policy: ContactPolicy
  /// How long before the window a step may have been due and still go, late, at the planning
  /// instant, in seconds (default 1 hour).
  public var catchUp: TimeInterval

  /// Creates a planner.
  ///
  /// - Parameters:
  ///   - flows: The flows, most important first; names must be unique.
  ///   - policy: Consent, caps and sending hours (default ``ContactPolicy/init(frequencyCaps:sendingHours:ordersGiveEmailConsent:assumedConsent:transactionalFlows:)``).
  ///   - catchUp: How late a step may still go, in seconds (default 1 hour).
  public init(flows: [Flow], policy: ContactPolicy = ContactPolicy(), catchUp: TimeInterval = 3_600) {
    precondition(catchUp >= 0, "the catch-up must not be negative")
    precondition(Set(flows.map(\.name)).count == flows.count, "flow names must be unique")
    self.flows = flows
    self.policy = policy
    self.catchUp = catchUp
  }

  /// Plans the steps due in the context's window.
  ///
  /// - Parameter context: The events, orders, window, planning instant and people's settings.
  /// - Returns: The messages by send time (held-out ones included) and the skipped steps.
  /// - Complexity: The triggers' work, plus O(*k*) per person with a step due (*k*: the
  ///   person's events and orders), plus O(*m* log *m*) for *m* due steps.
  public func plan(_ context: CampaignContext) -> CampaignPlan {
    var work = PlanWork(planner: self, context: context)
    work.collectEveryFlow()
    return work.finish()
  }

  /// Whether a logged message is transactional: a step of one of ``flows`` decides; a flow in
  /// the policy's ``ContactPolicy/transactionalFlows`` is transactional; anything else, an
  /// unknown flow or a message without one, is marketing.
  ///
  /// - Parameter message: The reference of a logged message.
  /// - Complexity: O(*f*), where *f* is the number of flows.
  public func isTransactional(_ message: MessageReference) -> Bool {
    if let name = message.flow, let flow = flows.first(where: { $0.name == name }), let number = message.step,
      flow.steps.indices.contains(number - 1)
    {
      return flow.steps[number - 1].isTransactional
    }
    return message.flow.map { policy.transactionalFlows.contains($0) } ?? false
  }
}
