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

    /// The step the condition looks at, counted from 1.
    public var step: Int {
      switch self {
      case .notOpened(let step), .notClicked(let step): step
      }
    }
  }

  /// Where the featured products come from.
  public enum Products: String, Sendable, Hashable, Codable {
    /// The entry's products (the cart, the checkout, the order, the promotion's products).
    case entry
    /// The context's recommender's picks for the person (related products).
    case recommendations
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
  /// Where the featured products come from (default: the entry's).
  public var products: Products

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
  ///   - products: Where the products come from (default: the entry's).
  public init(
    wait: TimeInterval, channel: Channel = .email, content: String, incentive: String? = nil,
    condition: Condition? = nil, isTransactional: Bool = false, productCount: Int = 3, products: Products = .entry
  ) {
    precondition(wait >= 0 && wait.isFinite, "a step's wait is a finite number of seconds, at least 0")
    precondition(productCount >= 0, "the product count must not be negative")
    self.wait = wait
    self.channel = channel
    self.content = content
    self.incentive = incentive
    self.condition = condition
    self.isTransactional = isTransactional
    self.productCount = productCount
    self.products = products
  }
}
