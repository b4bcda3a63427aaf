import Foundation

/// The steps a planner keeps for one flow: those due in its window (less the catch-up).
///
/// Each step is due at the time its trigger sets, else at the entry time plus the step's wait
/// (``PlanWork/dueTime(of:step:in:)``). The planner hands it to the flow's trigger
/// in the context (``CampaignContext/plannedDue``), so that a trigger which sets its entries'
/// step times can leave out entries the planner would drop, before spelling out their reasons.
struct PlannedDue: Sendable {
  /// The due times kept.
  var times: Range<Date>
  /// The waits of the flow's steps, in seconds.
  var waits: [TimeInterval]

  /// Whether an entry with this time and these step times has a step due.
  ///
  /// - Complexity: O(*s*) for *s* steps.
  func hasStepDue(entryTime: Date, stepTimes: [Date]?) -> Bool {
    waits.indices.contains { step in
      let time =
        stepTimes.flatMap { $0.indices.contains(step) ? $0[step] : nil } ?? entryTime.addingTimeInterval(waits[step])
      return times.contains(time)
    }
  }
}
