public import Foundation

/// The day's plan: the messages to send or hold out, and the steps due that will not go, with
/// the reason.
///
/// The sending pipeline sends the ``treatment`` messages and logs a `message_sent` event with
/// each one's ``PlannedMessage/reference``; for each ``control`` message it sends nothing and
/// logs a `held_out` event with the reference, so that the next plans skip it and the
/// measurement finds the control group.
///
/// In JSON (`Codable`), the plan is
/// `{"asOf": "2024-03-01T00:00:00Z", "messages": [...], "skipped": [{"person", "flow", "step", "reason"}]}`
/// with the messages as ``PlannedMessage`` writes them; times are ISO 8601 strings in UTC,
/// whatever the encoder's date strategy.
///
/// ```swift
/// let plan = planner.plan(context)
/// let json = try JSONEncoder().encode(plan)
/// print(plan.messages.count, "messages,", plan.skipped.count, "skipped")
/// ```
public struct CampaignPlan: Sendable, Hashable, Codable {
  /// A step that was due in the window but will not go, and why.
  public struct Skipped: Sendable, Hashable, Codable {
    /// The person.
    public var person: String
    /// The flow's name.
    public var flow: String
    /// The step, counted from 1.
    public var step: Int
    /// Why it will not go (an exit, a failed condition, no consent, a frequency cap, a
    /// re-entry too soon).
    public var reason: String

    /// Creates a skipped step.
    ///
    /// - Parameters:
    ///   - person: The person.
    ///   - flow: The flow's name.
    ///   - step: The step, counted from 1.
    ///   - reason: Why it will not go.
    public init(person: String, flow: String, step: Int, reason: String) {
      self.person = person
      self.flow = flow
      self.step = step
      self.reason = reason
    }
  }

  /// The planning instant: what the plan knew.
  public var asOf: Date
  /// The messages, by send time (ties: the flows' order, then person, step and id); held-out
  /// messages (`group == .control`) included.
  public var messages: [PlannedMessage]
  /// The steps due in the window that will not go, in the same order.
  public var skipped: [Skipped]

  /// Creates a plan.
  ///
  /// - Parameters:
  ///   - asOf: The planning instant.
  ///   - messages: The messages.
  ///   - skipped: The skipped steps.
  public init(asOf: Date, messages: [PlannedMessage], skipped: [Skipped]) {
    self.asOf = asOf
    self.messages = messages
    self.skipped = skipped
  }

  /// The messages that go (`group == .treatment`).
  public var treatment: [PlannedMessage] { messages.filter { $0.group == .treatment } }
  /// The held-out messages (`group == .control`), for which the sending pipeline logs
  /// `held_out` events.
  public var control: [PlannedMessage] { messages.filter { $0.group == .control } }

  private enum CodingKeys: String, CodingKey { case asOf, messages, skipped }

  /// Decodes a plan written by ``encode(to:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key, a wrong type or a time that is not ISO 8601.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    asOf = try ISO8601Time.decode(from: container, forKey: .asOf)
    messages = try container.decode([PlannedMessage].self, forKey: .messages)
    skipped = try container.decode([Skipped].self, forKey: .skipped)
  }

  /// Encodes the plan with `asOf` as an ISO 8601 string.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ISO8601Time.string(asOf), forKey: .asOf)
    try container.encode(messages, forKey: .messages)
    try container.encode(skipped, forKey: .skipped)
  }
}
