/// Which message an event is about: its id, and where known the flow and step that planned it
/// and the channel it went through.
///
/// The id is the one the plan gave the message (for example `abandoned-checkout/1:c-17:1718000000`);
/// the sending pipeline logs it with every `message_sent`, `opened`, `clicked` and other message
/// event, so that opens and orders can be traced back to the step that caused them.
///
/// ```swift
/// let sent = CustomerEvent(
///   customerID: "c-17", time: t0,
///   kind: .messageSent(MessageReference(id: "m-1", flow: "abandoned-checkout", step: 1, channel: .email)))
/// ```
public struct MessageReference: Sendable, Hashable, Codable {
  /// The message id.
  public var id: String
  /// The flow (or campaign) that planned the message, if known.
  public var flow: String?
  /// The step of the flow, counted from 1, if known.
  public var step: Int?
  /// The channel, if known.
  public var channel: Channel?

  /// Creates a reference.
  ///
  /// - Parameters:
  ///   - id: The message id.
  ///   - flow: The flow or campaign, if known.
  ///   - step: The step, counted from 1, if known.
  ///   - channel: The channel, if known.
  public init(id: String, flow: String? = nil, step: Int? = nil, channel: Channel? = nil) {
    self.id = id
    self.flow = flow
    self.step = step
    self.channel = channel
  }
}
