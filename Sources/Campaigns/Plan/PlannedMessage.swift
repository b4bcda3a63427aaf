public import Foundation

/// One message of the day's plan: a step of a flow for a person, when, through which channel,
/// with which products, why, and whether it goes or is held out for the control group.
///
/// The sending pipeline sends each ``group-swift.property`` `.treatment` message at ``sendAt``
/// and logs a `message_sent` event with ``id``, ``flow``, ``step`` and ``channel``; for each
/// `.control` message it sends nothing and logs a `held_out` event with the same reference
/// (``reference``). The planner reads those events back: a message whose id was sent or held
/// out is never planned again, and the measurement compares the two groups. Treat ``id`` as the
/// idempotency key of the sending tool: send each id once.
///
/// In JSON (`Codable`), the keys are `person`, `customer`, `email`, `phone`, `flow`, `step`,
/// `channel`, `sendAt` (ISO 8601, UTC, whole seconds), `products`, `incentive`, `reason`,
/// `group` (`treatment` or `control`), then `id`, `content` and `isTransactional`; unknown
/// values are `null`.
///
/// ```swift
/// for message in plan.messages where message.group == .treatment {
///   print(message.email ?? message.person, message.flow, message.step, message.sendAt, message.reason)
/// }
/// ```
public struct PlannedMessage: Sendable, Hashable, Codable {
  /// Whether a message goes, or is held out to measure what the flow earns.
  public enum Group: String, Sendable, Hashable, Codable, CaseIterable {
    /// The message goes.
    case treatment
    /// The message is held out: not sent, logged as `held_out`.
    case control
  }

  /// The message id, deterministic from the flow, the step, the person and the entry
  /// (`<flow>/<step>:<person>:<entry key>`, for example `abandoned-checkout/1:p-17:checkout:1718000000`).
  public var id: String
  /// The person (a customer id of the person-keyed order log, or of the event log).
  public var person: String
  /// The shop's customer id of the person's latest order that has one, or `nil`.
  public var customer: String?
  /// The email address of the person's latest order that has one (for a person without
  /// orders, the person id when it is an email address), or `nil`.
  public var email: String?
  /// The phone number of the person's latest order that has one, or `nil`.
  public var phone: String?
  /// The flow's name.
  public var flow: String
  /// The step of the flow, counted from 1.
  public var step: Int
  /// The channel.
  public var channel: Channel
  /// What the message is, for the template of the sending tool (``FlowStep/content``).
  public var content: String
  /// When to send it.
  public var sendAt: Date
  /// The product ids it features.
  public var products: [String]
  /// The incentive it offers, if any.
  public var incentive: String?
  /// Why the person gets it, in words.
  public var reason: String
  /// Whether it goes (`.treatment`) or is held out (`.control`).
  public var group: Group
  /// Whether it is a transactional notice (no consent needed, not counted by the marketing
  /// caps, never held out).
  public var isTransactional: Bool

  /// Creates a message.
  ///
  /// - Parameters:
  ///   - id: The message id.
  ///   - person: The person.
  ///   - customer: The shop's customer id, if known.
  ///   - email: The email address, if known.
  ///   - phone: The phone number, if known.
  ///   - flow: The flow's name.
  ///   - step: The step, counted from 1.
  ///   - channel: The channel.
  ///   - content: What the message is.
  ///   - sendAt: When to send it.
  ///   - products: The featured product ids.
  ///   - incentive: The incentive, if any.
  ///   - reason: Why, in words.
  ///   - group: Treatment or control (default treatment).
  ///   - isTransactional: Whether it is a transactional notice (default `false`).
  public init(
    id: String, person: String, customer: String? = nil, email: String? = nil, phone: String? = nil, flow: String,
    step: Int, channel: Channel, content: String, sendAt: Date, products: [String] = [], incentive: String? = nil,
    reason: String, group: Group = .treatment, isTransactional: Bool = false
  ) {
    self.id = id
    self.person = person
    self.customer = customer
    self.email = email
    self.phone = phone
    self.flow = flow
    self.step = step
    self.channel = channel
    self.content = content
    self.sendAt = sendAt
    self.products = products
    self.incentive = incentive
    self.reason = reason
    self.group = group
    self.isTransactional = isTransactional
  }

  /// The reference to log with the message's `message_sent` (treatment) or `held_out` (control)
  /// event.
  public var reference: MessageReference {
    MessageReference(id: id, flow: flow, step: step, channel: channel)
  }

  /// The message id of a step of an entry: `<flow>/<step>:<person>:<key>`.
  ///
  /// - Parameters:
  ///   - flow: The flow's name.
  ///   - step: The step, counted from 1.
  ///   - person: The person.
  ///   - key: The entry's key (``FlowEntry/key``).
  public static func id(flow: String, step: Int, person: String, key: String) -> String {
    "\(flow)/\(step):\(person):\(key)"
  }

  private enum CodingKeys: String, CodingKey {
    case person, customer, email, phone, flow, step, channel, sendAt, products, incentive, reason, group, id, content
    case isTransactional
  }

  /// Decodes a message written by ``encode(to:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key, a wrong type or a `sendAt` that is not ISO 8601.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    person = try container.decode(String.self, forKey: .person)
    customer = try container.decodeIfPresent(String.self, forKey: .customer)
    email = try container.decodeIfPresent(String.self, forKey: .email)
    phone = try container.decodeIfPresent(String.self, forKey: .phone)
    flow = try container.decode(String.self, forKey: .flow)
    step = try container.decode(Int.self, forKey: .step)
    channel = try container.decode(Channel.self, forKey: .channel)
    content = try container.decode(String.self, forKey: .content)
    sendAt = try ISO8601Time.decode(from: container, forKey: .sendAt)
    products = try container.decode([String].self, forKey: .products)
    incentive = try container.decodeIfPresent(String.self, forKey: .incentive)
    reason = try container.decode(String.self, forKey: .reason)
    group = try container.decode(Group.self, forKey: .group)
    isTransactional = try container.decode(Bool.self, forKey: .isTransactional)
  }

  /// Encodes the message with every key present (`null` when unknown) and `sendAt` as an
  /// ISO 8601 string, whatever the encoder's date strategy.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(person, forKey: .person)
    try container.encode(customer, forKey: .customer)
    try container.encode(email, forKey: .email)
    try container.encode(phone, forKey: .phone)
    try container.encode(flow, forKey: .flow)
    try container.encode(step, forKey: .step)
    try container.encode(channel, forKey: .channel)
    try container.encode(ISO8601Time.string(sendAt), forKey: .sendAt)
    try container.encode(products, forKey: .products)
    try container.encode(incentive, forKey: .incentive)
    try container.encode(reason, forKey: .reason)
    try container.encode(group, forKey: .group)
    try container.encode(id, forKey: .id)
    try container.encode(content, forKey: .content)
    try container.encode(isTransactional, forKey: .isTransactional)
  }
}
