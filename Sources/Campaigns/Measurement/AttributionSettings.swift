public import Foundation

/// How orders are credited to messages: the windows after an open and after a click, and
/// which touch wins when several qualify.
///
/// An order is credited to a message when the same person opened (a human open: machine opens
/// never count) or clicked it at most ``openWindow`` or ``clickWindow`` before the order. When
/// several messages qualify, ``touch`` picks the last (default) or the first of them; each order
/// is credited to one message at most.
///
/// ```swift
/// let settings = AttributionSettings(openWindow: 3 * 86_400, clickWindow: 7 * 86_400, touch: .first)
/// ```
public struct AttributionSettings: Sendable, Hashable, Codable {
  /// Which qualifying touch gets the order.
  public enum Touch: String, Sendable, Hashable, Codable, CaseIterable {
    /// The latest open or click before the order (the email platforms' default).
    case last
    /// The earliest open or click whose window still holds the order.
    case first
  }

  /// How long after a human open an order is credited, in seconds (default 5 days).
  public var openWindow: TimeInterval
  /// How long after a click an order is credited, in seconds (default 5 days).
  public var clickWindow: TimeInterval
  /// Which touch wins (default the last).
  public var touch: Touch
  /// Whether a flow name belongs to a one-off campaign (a promotion) rather than an automated
  /// flow, for the split of the attributed revenue (default: names starting with `promotion`).
  public var campaignFlowPrefix: String

  /// Creates settings.
  ///
  /// - Parameters:
  ///   - openWindow: The window after an open, in seconds (default 5 days).
  ///   - clickWindow: The window after a click, in seconds (default 5 days).
  ///   - touch: Which touch wins (default `.last`).
  ///   - campaignFlowPrefix: The prefix of campaign flow names (default `promotion`).
  public init(
    openWindow: TimeInterval = 5 * 86_400, clickWindow: TimeInterval = 5 * 86_400, touch: Touch = .last,
    campaignFlowPrefix: String = "promotion"
  ) {
    precondition(openWindow >= 0 && clickWindow >= 0, "attribution windows must not be negative")
    self.openWindow = openWindow
    self.clickWindow = clickWindow
    self.touch = touch
    self.campaignFlowPrefix = campaignFlowPrefix
  }
}
