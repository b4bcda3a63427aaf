import Foundation

/// Reminds customers before they run out, from a ``ReplenishmentPlan`` of the context's orders.
///
/// Every reminder is proposed at its date (the planner keeps those in its window) unless its
/// message (`replenishment:<product>:<day of the last purchase>`) was sent; the plan only counts orders placed by the
/// planning instant, so a customer who bought the product again has a new, later reminder (the
/// exit condition). Customers past the hand-over go to win-back instead.
///
/// ```swift
/// let trigger = ReplenishmentTrigger(timing: .daysBeforeRunOut(5))
/// ```
public struct ReplenishmentTrigger: MessageTrigger {
  /// When to remind.
  public var timing: ReplenishmentPlan.ReminderTiming
  /// The interval options.
  public var options: RepurchaseIntervals.Options
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - timing: When to remind (default 0.75 of the interval).
  ///   - options: The interval options.
  ///   - channel: The channel (default email).
  public init(
    timing: ReplenishmentPlan.ReminderTiming = .fraction(0.75), options: RepurchaseIntervals.Options = .init(),
    channel: Channel = .email
  ) {
    self.timing = timing
    self.options = options
    self.channel = channel
  }

  /// `replenishment`.
  public var name: String { "replenishment" }

  /// The reminders not yet sent.
  ///
  /// - Complexity: That of ``ReplenishmentPlan/init(_:asOf:timing:options:)``.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    let plan = ReplenishmentPlan(context.orders, asOf: context.asOf, timing: timing, options: options)
    return plan.reminders.compactMap { reminder in
      let id = "replenishment:\(reminder.productID):\(Int(reminder.lastPurchase.timeIntervalSince1970 / 86_400))"
      guard reminder.status != .handOverToWinBack,
        !context.sentMessages(to: reminder.customerID).contains(where: { $0.id == id })
      else { return nil }
      return PlannedMessage(
        customer: reminder.customerID, kind: .replenishment, channel: channel, sendAt: reminder.reminderDate,
        products: [reminder.productID], reason: reminder.reason, id: id)
    }
  }
}
