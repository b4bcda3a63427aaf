import Foundation

// The single-message planner's last pieces, kept only so that the four order-driven triggers
// (second-purchase nudge, replenishment, win-back, VIP outreach) compile until their flow
// versions (`CampaignTrigger`s, branch `orderflows`) replace them: delete this file when they do.
// Nothing in the planner calls a `MessageTrigger`.

/// A rule that proposes single messages: the old planner's protocol, replaced by ``Flow`` and
/// ``CampaignTrigger``; no planner runs it any more.
public protocol MessageTrigger: Sendable {
  /// A short name for reports.
  var name: String { get }
  /// The messages the trigger proposes, with their send times.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The proposals.
  func messages(in context: CampaignContext) -> [PlannedMessage]
}

/// The old message kinds, as flow names.
struct MessageKind: Hashable {
  var rawValue: String
  static let secondPurchaseNudge = MessageKind(rawValue: "second-purchase-nudge")
  static let replenishment = MessageKind(rawValue: "replenishment")
  static let winBack = MessageKind(rawValue: "win-back")
  static let vipOutreach = MessageKind(rawValue: "vip-outreach")
}

extension PlannedMessage {
  /// A one-step message of an old trigger.
  init(
    customer: String, kind: MessageKind, channel: Channel, sendAt: Date, products: [String] = [], reason: String,
    isMarketing: Bool = true, id: String? = nil
  ) {
    self.init(
      id: id ?? "\(kind.rawValue):\(customer):\(Int(sendAt.timeIntervalSince1970.rounded(.down)))", person: customer,
      flow: kind.rawValue, step: 1, channel: channel, content: kind.rawValue, sendAt: sendAt, products: products,
      reason: reason, isTransactional: !isMarketing)
  }
}

extension CampaignContext {
  /// The messages already sent to a person, oldest first.
  func sentMessages(to customer: String) -> [(id: String, kind: MessageKind, channel: Channel, time: Date)] {
    knownEvents(of: customer).compactMap { event in
      guard case .messageSent(let message) = event.kind else { return nil }
      return (message.id, MessageKind(rawValue: message.flow ?? ""), message.channel ?? .email, event.time)
    }
  }
}
