public import Foundation

/// One message of a flow: how long after the entry, through which channel, with what.
///
/// ```swift
/// let reminder = FlowStep(wait: 3_600, channel: .email, content: "checkout-reminder")
/// let resend = FlowStep(wait: 48 * 3_600, channel: .email, content: "promotion", condition: .notOpened(step: 1))
/// ```
public struct FlowStep: Sendable, Hashable, Codable {
  /// A condition on the person's reaction to an earlier step of the same entry.
  public enum Condition: Sendable, Hashable, Codable {
    /// Only when no human opened the message of that step (machine opens do not count);
    /// steps count from 1.
    case notOpened(step: Int)
    /// Only when nobody clicked the message of that step; steps count from 1.
    case notClicked(step: Int)
  }

  /// The wait after the entry, in seconds.
  public var wait: TimeInterval
  /// The channel.
  public var channel: Channel
  /// What the message is, for the template of the sending tool (for example
  /// `checkout-reminder`, `review-request`).
  public var content: String
  /// The incentive the message offers, if any (for example `10% off the second order`).
  public var incentive: String?
  /// The condition on earlier steps, if any.
  public var condition: Condition?
  /// Whether the message is a transactional notice (sent without marketing consent, never
  /// counted by the marketing caps) rather than marketing.
  public var isTransactional: Bool
  /// How many products the message features at most (0 for none).
  public var productCount: Int

  /// Creates a step.
  ///
  /// - Parameters:
  ///   - wait: The wait after the entry, in seconds.
  ///   - channel: The channel (default email).
  ///   - content: What the message is.
  ///   - incentive: The incentive, if any.
  ///   - condition: The condition on earlier steps, if any.
  ///   - isTransactional: Whether it is a transactional notice (default `false`).
  ///   - productCount: How many products it features at most (default 3).
  public init(
    wait: TimeInterval, channel: Channel = .email, content: String, incentive: String? = nil,
    condition: Condition? = nil, isTransactional: Bool = false, productCount: Int = 3
  ) {
    self.wait = wait
    self.channel = channel
    self.content = content
    self.incentive = incentive
    self.condition = condition
    self.isTransactional = isTransactional
    self.productCount = productCount
  }
}
