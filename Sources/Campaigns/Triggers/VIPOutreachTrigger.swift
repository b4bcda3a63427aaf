import Foundation

/// A call list of the top customers by net revenue, for the shop's staff.
///
/// Ranks customers by the net revenue of their purchases in the last ``lookbackDays`` before
/// the planning instant (ties: customer id) and proposes a call for the top ``count`` at the
/// planning instant, unless they were called within ``cooldownDays``.
///
/// ```swift
/// let trigger = VIPOutreachTrigger(count: 20)
/// ```
public struct VIPOutreachTrigger: MessageTrigger {
  /// How many customers to call.
  public var count: Int
  /// The revenue window in days.
  public var lookbackDays: Double
  /// The days between two calls to the same customer.
  public var cooldownDays: Double
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - count: How many customers (default 10).
  ///   - lookbackDays: The revenue window (default 365).
  ///   - cooldownDays: Days between calls (default 90).
  ///   - channel: The channel (default phone).
  public init(count: Int = 10, lookbackDays: Double = 365, cooldownDays: Double = 90, channel: Channel = .phone) {
    precondition(count >= 0, "the count must not be negative")
    self.count = count
    self.lookbackDays = lookbackDays
    self.cooldownDays = cooldownDays
    self.channel = channel
  }

  /// `VIP outreach`.
  public var name: String { "VIP outreach" }

  /// The call list.
  ///
  /// - Complexity: O(*n* + *c* log *c*), where *n* is the number of orders and *c* of customers.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    let log = context.orders
    let end = context.asOf.timeIntervalSince1970
    let start = end - lookbackDays * 86_400
    var revenue = [Double](repeating: 0, count: log.customerCount)
    for order in log.indices where log.orderIsPurchase[order] && log.orderCustomers[order] >= 0 {
      let time = log.orderTimes[order]
      if time > start && time <= end { revenue[Int(log.orderCustomers[order])] += log.orderNetAmounts[order] }
    }
    let ranked = (0..<log.customerCount).filter { revenue[$0] > 0 }.sorted {
      revenue[$0] != revenue[$1] ? revenue[$0] > revenue[$1] : log.customerIDs[$0] < log.customerIDs[$1]
    }
    let cooldown = context.asOf.addingTimeInterval(-cooldownDays * 86_400)
    return ranked.prefix(count).enumerated().compactMap { rank, customer in
      let id = log.customerIDs[customer]
      guard !context.sentMessages(to: id).contains(where: { $0.kind == .vipOutreach && $0.time > cooldown }) else {
        return nil
      }
      return PlannedMessage(
        customer: id, kind: .vipOutreach, channel: channel, sendAt: context.asOf,
        reason:
          "number \(rank + 1) by net revenue in the last \(formatted(lookbackDays)) days (\(formatted(revenue[customer])))"
      )
    }
  }
}
