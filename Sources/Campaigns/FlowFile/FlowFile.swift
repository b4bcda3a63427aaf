public import Foundation

/// A JSON file that configures the flows: which run, their waits, channels, incentives and
/// control groups, the frequency caps, the sending hours, and the promotions with their times.
///
/// Every key is optional; what the file leaves out keeps its default. Waits are in hours, re-entry
/// intervals in days, times ISO 8601 with an offset or `Z`. A step list replaces the flow's
/// steps: each step's keys override the built-in step at the same position, and a step beyond
/// the built-in ones needs `waitHours` and `content`; `"incentive": ""` removes an incentive.
/// Unknown keys, wrong types and out-of-range values are errors that name the key
/// (``CampaignsError``).
///
/// ```json
/// {
///   "frequencyCapsHours": { "email": 24, "sms": 48 },
///   "sendingHours": { "from": 8, "to": 21 },
///   "transactionalFlows": ["order-confirmation"],
///   "flows": {
///     "abandoned-checkout": {
///       "controlShare": 0.2,
///       "steps": [{ "waitHours": 2 }, { "waitHours": 24, "incentive": "free shipping" }]
///     },
///     "browse-abandonment": { "enabled": false },
///     "satisfaction-survey": { "reentryDays": 120 }
///   },
///   "promotions": [{
///     "name": "summer-sale", "startsAt": "2024-06-03T08:00:00Z", "endsAt": "2024-06-07T22:00:00Z",
///     "products": ["BEANS-250"], "incentive": "20% off", "extendedByADay": true
///   }]
/// }
/// ```
///
/// ```swift
/// let file = try FlowFile(contentsOf: URL(fileURLWithPath: "flows.json"))
/// let planner = try file.planner(configuring: CampaignPlanner(flows: Flow.standardFlows()))
/// ```
public struct FlowFile: Sendable, Hashable, Codable {
  /// Settings of one step; `nil` keeps the built-in step's value.
  public struct StepSettings: Sendable, Hashable, Codable {
    /// The wait after the entry, in hours.
    public var waitHours: Double?
    /// The channel.
    public var channel: Channel?
    /// What the message is.
    public var content: String?
    /// The incentive (`""` for none).
    public var incentive: String?
    /// How many products the message features at most.
    public var productCount: Int?
    /// Only when a human did not open this earlier step (counted from 1).
    public var notOpenedStep: Int?
    /// Only when nobody clicked this earlier step (counted from 1).
    public var notClickedStep: Int?

    /// Creates step settings; `nil` keeps the built-in value.
    ///
    /// - Parameters:
    ///   - waitHours: The wait in hours.
    ///   - channel: The channel.
    ///   - content: What the message is.
    ///   - incentive: The incentive (`""` for none).
    ///   - productCount: How many products at most.
    ///   - notOpenedStep: The earlier step that must not have been opened.
    ///   - notClickedStep: The earlier step that must not have been clicked.
    public init(
      waitHours: Double? = nil, channel: Channel? = nil, content: String? = nil, incentive: String? = nil,
      productCount: Int? = nil, notOpenedStep: Int? = nil, notClickedStep: Int? = nil
    ) {
      self.waitHours = waitHours
      self.channel = channel
      self.content = content
      self.incentive = incentive
      self.productCount = productCount
      self.notOpenedStep = notOpenedStep
      self.notClickedStep = notClickedStep
    }
  }

  /// Settings of one flow; `nil` keeps the flow's value.
  public struct FlowSettings: Sendable, Hashable, Codable {
    /// Whether the flow runs.
    public var enabled: Bool?
    /// The control group's share, in `0...1`.
    public var controlShare: Double?
    /// The shortest time between two entries of a person, in days (0: no limit).
    public var reentryDays: Double?
    /// The steps, replacing the flow's.
    public var steps: [StepSettings]?

    /// Creates flow settings; `nil` keeps the flow's value.
    ///
    /// - Parameters:
    ///   - enabled: Whether the flow runs.
    ///   - controlShare: The control share.
    ///   - reentryDays: The re-entry interval in days.
    ///   - steps: The steps.
    public init(
      enabled: Bool? = nil, controlShare: Double? = nil, reentryDays: Double? = nil, steps: [StepSettings]? = nil
    ) {
      self.enabled = enabled
      self.controlShare = controlShare
      self.reentryDays = reentryDays
      self.steps = steps
    }
  }

  /// A promotion (see ``PromotionTrigger``).
  public struct PromotionSettings: Sendable, Hashable, Codable {
    /// The name (the flow's name).
    public var name: String
    /// The start.
    public var startsAt: Date
    /// The end.
    public var endsAt: Date
    /// The people, or `nil` for everyone with a purchase or a subscription.
    public var audience: [String]?
    /// The featured products.
    public var products: [String]?
    /// The incentive.
    public var incentive: String?
    /// Hours from the start to the resend to non-openers (default 48).
    public var resendAfterHours: Double?
    /// Whether to remind on the last day (default `true`).
    public var lastDayReminder: Bool?
    /// Whether the promotion is extended by a day (default `false`).
    public var extendedByADay: Bool?
    /// The channel (default email).
    public var channel: Channel?
    /// The control group's share (default 0.1).
    public var controlShare: Double?

    /// Creates a promotion's settings.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - startsAt: The start.
    ///   - endsAt: The end.
    ///   - audience: The people, or `nil`.
    ///   - products: The products.
    ///   - incentive: The incentive.
    ///   - resendAfterHours: Hours to the resend.
    ///   - lastDayReminder: Whether to remind on the last day.
    ///   - extendedByADay: Whether it is extended by a day.
    ///   - channel: The channel.
    ///   - controlShare: The control share.
    public init(
      name: String, startsAt: Date, endsAt: Date, audience: [String]? = nil, products: [String]? = nil,
      incentive: String? = nil, resendAfterHours: Double? = nil, lastDayReminder: Bool? = nil,
      extendedByADay: Bool? = nil, channel: Channel? = nil, controlShare: Double? = nil
    ) {
      self.name = name
      self.startsAt = startsAt
      self.endsAt = endsAt
      self.audience = audience
      self.products = products
      self.incentive = incentive
      self.resendAfterHours = resendAfterHours
      self.lastDayReminder = lastDayReminder
      self.extendedByADay = extendedByADay
      self.channel = channel
      self.controlShare = controlShare
    }

    /// The promotion.
    public var trigger: PromotionTrigger {
      PromotionTrigger(
        name: name, startsAt: startsAt, endsAt: endsAt, audience: audience.map(Set.init), products: products ?? [],
        incentive: incentive.flatMap { $0.isEmpty ? nil : $0 }, resendAfter: (resendAfterHours ?? 48) * 3_600,
        hasLastDayReminder: lastDayReminder ?? true, isExtendedByADay: extendedByADay ?? false,
        channel: channel ?? .email)
    }
  }

  /// The frequency caps per channel, in hours (0: no cap).
  public var frequencyCapsHours: [Channel: Double]
  /// The local sending hours of marketing, or `nil` to keep them (`0..<24`: any time).
  public var sendingHours: Range<Int>?
  /// Flows outside the planner whose logged messages are transactional.
  public var transactionalFlows: [String]?
  /// The flows' settings, by flow name.
  public var flows: [String: FlowSettings]
  /// The promotions.
  public var promotions: [PromotionSettings]

  /// Creates a flow file's content.
  ///
  /// - Parameters:
  ///   - frequencyCapsHours: Caps per channel in hours.
  ///   - sendingHours: The sending hours, or `nil` to keep them.
  ///   - transactionalFlows: Outside transactional flows, or `nil` to keep them.
  ///   - flows: Settings by flow name.
  ///   - promotions: The promotions.
  public init(
    frequencyCapsHours: [Channel: Double] = [:], sendingHours: Range<Int>? = nil, transactionalFlows: [String]? = nil,
    flows: [String: FlowSettings] = [:], promotions: [PromotionSettings] = []
  ) {
    self.frequencyCapsHours = frequencyCapsHours
    self.sendingHours = sendingHours
    self.transactionalFlows = transactionalFlows
    self.flows = flows
    self.promotions = promotions
  }

  /// Reads and checks a flow file.
  ///
  /// - Parameter url: The file.
  /// - Throws: ``CampaignsError`` (`.invalidFlowFile`) naming the key of the first problem, or
  ///   the file system's error when the file cannot be read.
  public init(contentsOf url: URL) throws {
    try self.init(data: try Data(contentsOf: url))
  }

  /// Reads and checks a flow file's JSON.
  ///
  /// - Parameter data: The JSON.
  /// - Throws: ``CampaignsError`` (`.invalidFlowFile`) naming the key of the first problem.
  public init(data: Data) throws {
    do {
      self = try JSONDecoder().decode(FlowFile.self, from: data)
    } catch let error as DecodingError {
      throw CampaignsError(error)
    }
  }

  /// The flows with the file's settings applied, the disabled ones removed and the promotions
  /// added at the end.
  ///
  /// - Parameter flows: The flows to configure (for example ``Flow/standardFlows(promotions:)``).
  /// - Returns: The configured flows.
  /// - Throws: ``CampaignsError``: `.unknownFlow` for settings of a flow not in `flows`,
  ///   `.invalidFlowFile` for a step list that does not fit the flow or a promotion whose name
  ///   is taken.
  /// - Complexity: O(*f* + *s*), where *f* is the number of flows and *s* of configured steps.
  public func flows(configuring flows: [Flow]) throws -> [Flow] {
    var result = flows
    for name in self.flows.keys.sorted() {
      guard let settings = self.flows[name], let index = result.firstIndex(where: { $0.name == name }) else {
        throw CampaignsError(
          .unknownFlow, key: "flows.\(name)",
          reason: "no flow named \"\(name)\"; the flows are \(flows.map(\.name).joined(separator: ", "))")
      }
      result[index] = try configured(result[index], with: settings, key: "flows.\(name)")
    }
    result.removeAll { self.flows[$0.name]?.enabled == false }
    for (position, promotion) in promotions.enumerated() {
      guard !result.contains(where: { $0.name == promotion.name }) else {
        throw CampaignsError(
          .invalidFlowFile, key: "promotions[\(position)].name",
          reason: "\"\(promotion.name)\" is already the name of a flow")
      }
      result.append(.promotion(promotion.trigger, controlShare: promotion.controlShare ?? 0.1))
    }
    return result
  }

  /// The policy with the file's caps, sending hours and transactional flows.
  ///
  /// - Parameter policy: The policy to configure.
  /// - Returns: The configured policy.
  public func policy(configuring policy: ContactPolicy) -> ContactPolicy {
    var policy = policy
    for (channel, hours) in frequencyCapsHours { policy.frequencyCaps[channel] = hours * 3_600 }
    if let sendingHours { policy.sendingHours = sendingHours }
    if let transactionalFlows { policy.transactionalFlows = Set(transactionalFlows) }
    return policy
  }

  /// The planner with the file's flows and policy.
  ///
  /// - Parameter planner: The planner to configure.
  /// - Returns: The configured planner.
  /// - Throws: The errors of ``flows(configuring:)``.
  public func planner(configuring planner: CampaignPlanner) throws -> CampaignPlanner {
    CampaignPlanner(
      flows: try flows(configuring: planner.flows), policy: policy(configuring: planner.policy),
      catchUp: planner.catchUp)
  }

  private func configured(_ flow: Flow, with settings: FlowSettings, key: String) throws -> Flow {
    var flow = flow
    if let share = settings.controlShare { flow.controlShare = share }
    if let days = settings.reentryDays { flow.reentryInterval = days > 0 ? days * 86_400 : nil }
    guard let steps = settings.steps else { return flow }
    guard !steps.isEmpty else {
      throw CampaignsError(.invalidFlowFile, key: "\(key).steps", reason: "no steps; use \"enabled\": false instead")
    }
    flow.steps = try steps.enumerated().map { index, step in
      let stepKey = "\(key).steps[\(index)]"
      let base = flow.steps.indices.contains(index) ? flow.steps[index] : nil
      guard let wait = step.waitHours.map({ $0 * 3_600 }) ?? base?.wait, let content = step.content ?? base?.content
      else {
        throw CampaignsError(
          .invalidFlowFile, key: stepKey,
          reason: "the flow has \(flow.steps.count) built-in steps; a further step needs waitHours and content")
      }
      var condition = base?.condition
      if let number = step.notOpenedStep { condition = .notOpened(step: number) }
      if let number = step.notClickedStep { condition = .notClicked(step: number) }
      if let condition, condition.step < 1 || condition.step > index {
        throw CampaignsError(
          .invalidFlowFile, key: stepKey,
          reason: "the condition looks at step \(condition.step); it must be an earlier step (1...\(index))")
      }
      let incentive = step.incentive.map { $0.isEmpty ? nil : $0 } ?? base?.incentive
      return FlowStep(
        wait: wait, channel: step.channel ?? base?.channel ?? .email, content: content, incentive: incentive,
        condition: condition, isTransactional: base?.isTransactional ?? false,
        productCount: step.productCount ?? base?.productCount ?? 3, products: base?.products ?? .entry)
    }
    return flow
  }
}
