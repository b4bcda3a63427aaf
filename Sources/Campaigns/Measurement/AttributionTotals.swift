/// The sums of a group of messages (a flow, a step, a channel, or all): sent, delivered, opened,
/// clicked, converted, revenue, and the rates with their Wilson intervals.
public struct AttributionTotals: Sendable, Hashable, Codable {
  /// What the group is: a flow name, `flow/step`, a channel name, or `all`.
  public var group: String
  /// Messages sent.
  public var sent: Int
  /// Messages delivered.
  public var delivered: Int
  /// Messages opened by a human.
  public var opened: Int
  /// Messages clicked.
  public var clicked: Int
  /// Messages with at least one credited order.
  public var conversions: Int
  /// The revenue of the credited orders, in the log's currency.
  public var revenue: Double
  /// Opened of delivered.
  public var openRate: RateEstimate
  /// Clicked of delivered.
  public var clickRate: RateEstimate
  /// Converted of delivered.
  public var conversionRate: RateEstimate
  /// Revenue per delivered message, or `nil` when none was delivered.
  public var revenuePerRecipient: Double?

  /// Adds up messages.
  ///
  /// - Parameters:
  ///   - group: The group's name.
  ///   - messages: Its messages.
  /// - Complexity: O(*m*), where *m* is the number of messages.
  public init(group: String, messages: some Sequence<AttributedMessage>) {
    self.group = group
    var sent = 0, delivered = 0, opened = 0, clicked = 0, conversions = 0, revenue = 0.0
    for message in messages {
      sent += 1
      guard message.isDelivered else { continue }
      delivered += 1
      if message.isOpened { opened += 1 }
      if message.isClicked { clicked += 1 }
      if message.isConverted { conversions += 1 }
      revenue += message.revenue
    }
    self.sent = sent
    self.delivered = delivered
    self.opened = opened
    self.clicked = clicked
    self.conversions = conversions
    self.revenue = revenue
    openRate = RateEstimate(successes: opened, trials: delivered)
    clickRate = RateEstimate(successes: clicked, trials: delivered)
    conversionRate = RateEstimate(successes: conversions, trials: delivered)
    revenuePerRecipient = delivered > 0 ? revenue / Double(delivered) : nil
  }
}
